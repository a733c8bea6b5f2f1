package jp.madoguchi.video.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * CallSoundsMediaTest's child JVM: starts JavaFX and plays every call sound through the real OpenJFX Media, then
 * prints whether sound was available. Run with an ALSA configuration whose default device does not exist.
 */
public final class CallSoundsWithoutDeviceMain {
    private CallSoundsWithoutDeviceMain() {
    }

    public static void main(String[] args) throws Exception {
        Platform.startup(() -> {
        });
        List<Boolean> played = new ArrayList<>();
        try (CallSounds sounds = CallSounds.withJavaFxMedia()) {
            for (CallSounds.Sound sound : CallSounds.Sound.values()) {
                played.add(sounds.play(sound).get(20, TimeUnit.SECONDS));
            }
            // stdout is this program's answer to the test, not a log
            System.out.println("available=" + sounds.isAvailable() + " played=" + played);
        }
        Platform.exit();
    }
}
