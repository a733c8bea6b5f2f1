package jp.madoguchi.video.fx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.InputStream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/** The committed call sounds are valid WAVs of the planned length, and exactly what the generator makes. */
class CallToneGeneratorTest {

    @Test
    void eachSoundIsA16BitMonoPcmWavOfItsLength() throws Exception {
        assertLength(CallSounds.Sound.RING, 1.0);
        assertLength(CallSounds.Sound.CONNECTED, 0.6);
        assertLength(CallSounds.Sound.ERROR, 0.5);
    }

    @Test
    void theCommittedFilesAreWhatTheGeneratorMakes() throws Exception {
        for (CallSounds.Sound sound : CallSounds.Sound.values()) {
            try (InputStream in = sound.resource().openStream()) {
                assertArrayEquals(CallToneGenerator.wav(sound), in.readAllBytes(),
                        sound.file() + " is stale: run CallToneGenerator");
            }
        }
    }

    @Test
    void theSoundsAreAudibleButNotHarsh() throws Exception {
        for (CallSounds.Sound sound : CallSounds.Sound.values()) {
            try (AudioInputStream audio = AudioSystem.getAudioInputStream(new BufferedInputStream(sound.resource().openStream()))) {
                byte[] pcm = audio.readAllBytes();
                int peak = 0;
                for (int i = 0; i + 1 < pcm.length; i += 2) {
                    peak = Math.max(peak, Math.abs((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8))));
                }
                assertTrue(peak > 0.2 * Short.MAX_VALUE && peak < 0.5 * Short.MAX_VALUE, sound + " peak " + peak);
                int last = Math.abs((short) ((pcm[pcm.length - 2] & 0xff) | (pcm[pcm.length - 1] << 8)));
                assertTrue(last < 200, sound + " ends with a click: " + last);
            }
        }
    }

    private static void assertLength(CallSounds.Sound sound, double seconds) throws Exception {
        try (AudioInputStream audio = AudioSystem.getAudioInputStream(new BufferedInputStream(sound.resource().openStream()))) {
            AudioFormat format = audio.getFormat();
            assertEquals(AudioFormat.Encoding.PCM_SIGNED, format.getEncoding(), sound.file());
            assertEquals(16, format.getSampleSizeInBits());
            assertEquals(1, format.getChannels());
            assertEquals(CallToneGenerator.SAMPLE_RATE, format.getSampleRate(), 0.0);
            assertEquals(seconds, audio.getFrameLength() / format.getFrameRate(), 0.001, sound.file());
        }
    }
}
