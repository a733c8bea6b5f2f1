package jp.madoguchi.video.fx;

import java.net.URL;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.media.AudioClip;
import javafx.scene.media.Media;
import javafx.scene.media.MediaPlayer;
import jp.madoguchi.video.VideoEvent;
import jp.madoguchi.video.VideoListener;
import jp.madoguchi.video.VideoState;
import jp.madoguchi.video.VideoStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call's sounds: a short ring when the call starts waiting for the other side, a chime when the other side
 * joins, a low tone when the call fails. Listen to a session with {@code session.addListener(sounds)}.
 *
 * <p>A booth without a working sound device must go on without sound: the first clip that cannot be made or
 * played (a {@code MediaException} "Could not create player", an {@code UnsatisfiedLinkError} of the native media
 * library …) switches the sounds off with one warning. Clips are made and played on the sounds' own thread, never
 * on the caller's (the session's event thread or the FX thread). Thread-safe.
 */
public final class CallSounds implements VideoListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallSounds.class);

    /** The sounds, WAV files (16-bit PCM mono) next to this class. */
    public enum Sound {
        /** About 1 s, two alternating tones: the call is waiting for the other side. */
        RING("ring.wav"),
        /** Two rising notes, about 0.6 s: the other side joined. */
        CONNECTED("chime.wav"),
        /** Two falling notes, about 0.5 s: the call failed. */
        ERROR("error.wav");

        private final String file;

        Sound(String file) {
            this.file = file;
        }

        public String file() {
            return file;
        }

        public URL resource() {
            return Objects.requireNonNull(CallSounds.class.getResource("sounds/" + file), file);
        }
    }

    /** A sound ready to play; {@link #play()} returns at once. */
    @FunctionalInterface
    public interface Clip {
        void play();
    }

    /** Makes a clip from a WAV resource; may throw when there is no sound device. */
    @FunctionalInterface
    public interface ClipFactory {
        Clip create(URL wav) throws Exception;
    }

    private final ClipFactory factory;
    private final Executor soundThread;
    private final ExecutorService ownedThread;
    private final Map<Sound, Clip> clips = new EnumMap<>(Sound.class); // only on soundThread
    private final AtomicBoolean muted = new AtomicBoolean();
    private final AtomicBoolean unavailable = new AtomicBoolean();

    /**
     * Sounds through OpenJFX Media ({@link AudioClip}) on a thread of their own. The JavaFX toolkit should be
     * running (it is in the booth).
     */
    public static CallSounds withJavaFxMedia() {
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "call-sounds");
            t.setDaemon(true);
            return t;
        });
        return new CallSounds(new JavaFxClipFactory(), thread, thread);
    }

    /**
     * @param factory     makes clips (OpenJFX Media in production, a recording one in tests)
     * @param soundThread where clips are made and played, in order (a single thread, or {@code Runnable::run} in tests)
     */
    public CallSounds(ClipFactory factory, Executor soundThread) {
        this(factory, soundThread, null);
    }

    private CallSounds(ClipFactory factory, Executor soundThread, ExecutorService ownedThread) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.soundThread = Objects.requireNonNull(soundThread, "soundThread");
        this.ownedThread = ownedThread;
    }

    /** The sound for a change of the call, if any. */
    public static Sound soundFor(VideoStatus previous, VideoStatus current) {
        if (previous.state() == current.state()) {
            return null;
        }
        return switch (current.state()) {
            // only when the call starts waiting, not when the other side leaves a call (IN_CALL → WAITING)
            case WAITING -> previous.state() == VideoState.JOINING ? Sound.RING : null;
            case IN_CALL -> Sound.CONNECTED;
            case FAILED -> Sound.ERROR;
            default -> null;
        };
    }

    @Override
    public void onEvent(VideoEvent event) {
        if (event instanceof VideoEvent.StatusChanged changed) {
            Sound sound = soundFor(changed.previous(), changed.current());
            if (sound != null) {
                play(sound);
            }
        }
    }

    /**
     * Plays a sound unless muted or unavailable; returns at once.
     *
     * @return completes with true once the sound was started, false when it was not (muted, no sound device)
     */
    public CompletableFuture<Boolean> play(Sound sound) {
        CompletableFuture<Boolean> played = new CompletableFuture<>();
        if (muted.get() || unavailable.get()) {
            played.complete(false);
            return played;
        }
        try {
            soundThread.execute(() -> played.complete(playNow(sound)));
        } catch (RejectedExecutionException closed) {
            played.complete(false);
        }
        return played;
    }

    /** The booth's setting: no call sounds at all. */
    public void setMuted(boolean muted) {
        this.muted.set(muted);
    }

    public boolean isMuted() {
        return muted.get();
    }

    /** False once the sound device failed: the sounds stay off until the booth restarts. */
    public boolean isAvailable() {
        return !unavailable.get();
    }

    /** Stops the sounds' own thread (when it made one). */
    @Override
    public void close() {
        if (ownedThread != null) {
            ownedThread.shutdown();
        }
    }

    private boolean playNow(Sound sound) {
        if (muted.get() || unavailable.get()) {
            return false;
        }
        try {
            Clip clip = clips.get(sound);
            if (clip == null) {
                clip = Objects.requireNonNull(factory.create(sound.resource()), "clip");
                clips.put(sound, clip);
            }
            clip.play();
            return true;
        } catch (Exception | LinkageError e) {
            if (unavailable.compareAndSet(false, true)) {
                LOG.warn("Call sounds are off: the sound device cannot be used ({})", e.toString());
                LOG.debug("the sound device's failure", e);
            }
            return false;
        }
    }

    /**
     * OpenJFX Media. An {@link AudioClip} reports a missing sound device only on its own thread (printing "Could
     * not create player" and playing nothing), so the first clip is preceded by a {@link MediaPlayer}, which
     * throws at once when no device can be opened.
     */
    static final class JavaFxClipFactory implements ClipFactory {
        private boolean deviceChecked;

        @Override
        public Clip create(URL wav) {
            String uri = wav.toExternalForm();
            if (!deviceChecked) {
                MediaPlayer probe = new MediaPlayer(new Media(uri));
                probe.dispose();
                deviceChecked = true;
            }
            AudioClip clip = new AudioClip(uri);
            return clip::play;
        }
    }
}
