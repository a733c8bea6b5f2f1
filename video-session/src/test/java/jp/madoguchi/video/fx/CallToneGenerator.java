package jp.madoguchi.video.fx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes the call's sounds (CallSounds' WAV resources): 16-bit PCM mono at 22 050 Hz, sine tones with short fades so
 * nothing clicks. Deterministic ({@link StrictMath}), so a test can check the committed files are what this makes.
 *
 * <p>Run: {@code java -cp target/test-classes jp.madoguchi.video.fx.CallToneGenerator src/main/resources/jp/madoguchi/video/fx/sounds}
 */
public final class CallToneGenerator {
    static final int SAMPLE_RATE = 22_050;
    private static final double VOLUME = 0.3;

    private CallToneGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args.length > 0 ? args[0] : "src/main/resources/jp/madoguchi/video/fx/sounds");
        Files.createDirectories(directory);
        for (CallSounds.Sound sound : CallSounds.Sound.values()) {
            Files.write(directory.resolve(sound.file()), wav(sound));
        }
    }

    /** The WAV file of a sound. */
    static byte[] wav(CallSounds.Sound sound) {
        return wavFile(switch (sound) {
            case RING -> ring();
            case CONNECTED -> chime();
            case ERROR -> error();
        });
    }

    /** 1.0 s: two bursts of alternating 784 Hz / 988 Hz (G5, B5), 0.4 s each, with a short pause after each. */
    private static short[] ring() {
        Samples samples = new Samples(1.0);
        for (int burst = 0; burst < 2; burst++) {
            for (int i = 0; i < 5; i++) {
                samples.tone(i % 2 == 0 ? 784 : 988, 0.08, false);
            }
            samples.silence(0.1);
        }
        return samples.done();
    }

    /** 0.6 s: C6 then G6 (1047 Hz, 1568 Hz), bell-like, fading out. */
    private static short[] chime() {
        Samples samples = new Samples(0.6);
        samples.tone(1047, 0.25, true);
        samples.tone(1568, 0.35, true);
        return samples.done();
    }

    /** 0.5 s: A4 then F4 (440 Hz, 349 Hz), falling, soft. */
    private static short[] error() {
        Samples samples = new Samples(0.5);
        samples.tone(440, 0.25, false);
        samples.tone(349, 0.25, false);
        return samples.done();
    }

    private static final class Samples {
        private final short[] data;
        private int position;
        private double elapsed; // seconds, so that rounding never adds up past the end

        Samples(double seconds) {
            data = new short[(int) Math.round(seconds * SAMPLE_RATE)];
        }

        void tone(double frequency, double seconds, boolean bell) {
            int count = advance(seconds);
            int fade = SAMPLE_RATE / 200; // 5 ms in and out
            for (int i = 0; i < count; i++) {
                double t = (double) i / SAMPLE_RATE;
                double envelope = Math.min(1.0, Math.min((double) i / fade, (double) (count - 1 - i) / fade));
                if (bell) {
                    envelope *= StrictMath.exp(-4.0 * t / seconds);
                }
                double wave = StrictMath.sin(2 * Math.PI * frequency * t);
                if (bell) {
                    wave = 0.8 * wave + 0.2 * StrictMath.sin(2 * Math.PI * 2 * frequency * t);
                }
                data[position++] = (short) Math.round(wave * envelope * VOLUME * Short.MAX_VALUE);
            }
        }

        void silence(double seconds) {
            position += advance(seconds);
        }

        private int advance(double seconds) {
            elapsed += seconds;
            return (int) Math.round(elapsed * SAMPLE_RATE) - position;
        }

        short[] done() {
            if (position != data.length) {
                throw new IllegalStateException("the sound is " + position + " samples, not " + data.length);
            }
            return data;
        }
    }

    private static byte[] wavFile(short[] samples) {
        int dataBytes = samples.length * 2;
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1) // PCM
                .putShort((short) 1) // mono
                .putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
        ByteBuffer body = ByteBuffer.allocate(dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : samples) {
            body.putShort(sample);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(44 + dataBytes);
        out.writeBytes(header.array());
        out.writeBytes(body.array());
        return out.toByteArray();
    }
}
