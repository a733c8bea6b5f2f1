package jp.madoguchi.kiosk.ui;

import java.util.Objects;
import java.util.function.Consumer;
import jp.madoguchi.kiosk.journey.AudioCue;
import jp.madoguchi.video.fx.CallSounds;

/**
 * The booth's audio cues through video-session's {@link CallSounds} (its WAVs, its own sound thread, and its rule
 * that a booth without a sound device goes on silently after one warning). Off when {@code sound.enabled} is false.
 * Thread-safe.
 */
public final class BoothSounds implements Consumer<AudioCue>, AutoCloseable {
    private final CallSounds sounds;
    private final boolean enabled;

    public BoothSounds(CallSounds sounds, boolean enabled) {
        this.sounds = Objects.requireNonNull(sounds, "sounds");
        this.enabled = enabled;
        sounds.setMuted(!enabled);
    }

    /** OpenJFX Media on its own thread (the JavaFX toolkit must be running). */
    public static BoothSounds withJavaFxMedia(boolean enabled) {
        return new BoothSounds(CallSounds.withJavaFxMedia(), enabled);
    }

    /** The sound of a cue: a chime for good news, the low tone for an error, the ring for the inactivity warning. */
    public static CallSounds.Sound soundFor(AudioCue cue) {
        return switch (cue) {
            case CARD_DETECTED, CALL_CONNECTED -> CallSounds.Sound.CONNECTED;
            case ERROR -> CallSounds.Sound.ERROR;
            case WARNING -> CallSounds.Sound.RING;
        };
    }

    @Override
    public void accept(AudioCue cue) {
        if (enabled) {
            sounds.play(soundFor(cue));
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** False once the sound device failed (sounds are then off until the booth restarts). */
    public boolean isAvailable() {
        return sounds.isAvailable();
    }

    @Override
    public void close() {
        sounds.close();
    }
}
