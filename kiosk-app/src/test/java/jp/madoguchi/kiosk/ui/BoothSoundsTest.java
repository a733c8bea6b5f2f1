package jp.madoguchi.kiosk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import jp.madoguchi.kiosk.journey.AudioCue;
import jp.madoguchi.video.fx.CallSounds;
import org.junit.jupiter.api.Test;

class BoothSoundsTest {
    private final List<String> played = new ArrayList<>();

    private CallSounds recording() {
        return new CallSounds(wav -> {
            String file = wav.getPath().substring(wav.getPath().lastIndexOf('/') + 1);
            return () -> played.add(file);
        }, Runnable::run);
    }

    @Test
    void eachCueHasItsSound() {
        BoothSounds sounds = new BoothSounds(recording(), true);
        sounds.accept(AudioCue.CARD_DETECTED);
        sounds.accept(AudioCue.ERROR);
        sounds.accept(AudioCue.CALL_CONNECTED);
        sounds.accept(AudioCue.WARNING);
        assertEquals(List.of("chime.wav", "error.wav", "chime.wav", "ring.wav"), played);
    }

    @Test
    void soundOffPlaysNothing() {
        BoothSounds sounds = new BoothSounds(recording(), false);
        sounds.accept(AudioCue.ERROR);
        assertEquals(List.of(), played);
        assertFalse(sounds.isEnabled());
    }

    @Test
    void noSoundDeviceSwitchesTheCuesOffQuietly() {
        int[] attempts = {0};
        BoothSounds sounds = new BoothSounds(new CallSounds(wav -> {
            attempts[0]++;
            throw new IllegalStateException("Could not open audio device");
        }, Runnable::run), true);
        sounds.accept(AudioCue.CARD_DETECTED);
        sounds.accept(AudioCue.ERROR);
        assertFalse(sounds.isAvailable());
        assertEquals(1, attempts[0], "tried once, then off");
        assertTrue(sounds.isEnabled());
    }
}
