package jp.madoguchi.video.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * The call sounds through the real OpenJFX Media. This machine has no sound card (no /dev/snd): surefire points
 * ALSA_CONFIG_PATH at alsa-null.conf, whose default device plays into nothing, and the sounds must play. A child
 * JVM with a default device that does not exist shows that a booth without sound goes on, with one warning.
 */
class CallSoundsMediaTest {

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void theRealClipsPlayIntoAlsasNullDevice() throws Exception {
        try (CallSounds sounds = CallSounds.withJavaFxMedia()) {
            for (CallSounds.Sound sound : CallSounds.Sound.values()) {
                assertTrue(sounds.play(sound).get(20, TimeUnit.SECONDS),
                        sound + " did not play; ALSA_CONFIG_PATH=" + System.getenv("ALSA_CONFIG_PATH")
                                + " (without a sound card it must name src/test/resources/alsa-null.conf)");
            }
            assertTrue(sounds.isAvailable());
        }
    }

    @Test
    void aBoothWithoutASoundDeviceGoesOnWithoutSound() throws Exception {
        Path brokenAlsa = Path.of("src/test/resources/alsa-broken.conf").toAbsolutePath();
        Path log = Files.createTempFile("call-sounds", ".log");
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    "-Dprism.order=sw", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                    "-Djava.awt.headless=true", "-Djavafx.cachedir=" + System.getProperty("javafx.cachedir", "target/javafx-cache"),
                    CallSoundsWithoutDeviceMain.class.getName()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("ALSA_CONFIG_PATH", brokenAlsa.toString());
            Process child = builder.start();
            try {
                assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
            } finally {
                child.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), output);
            assertTrue(output.contains("available=false played=[false, false, false]"), output);
            assertEquals(1, output.split("Call sounds are off", -1).length - 1, output);
            assertTrue(output.contains("WARN"), output);
        } finally {
            deleteQuietly(log);
        }
    }

    private static void deleteQuietly(Path file) throws IOException {
        Files.deleteIfExists(file);
    }
}
