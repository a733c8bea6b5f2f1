package jp.madoguchi.kiosk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.kiosk.hq.BoothCredentials;
import jp.madoguchi.kiosk.hq.DemoHeadquarters;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.maintenance.MaintenancePin;
import jp.madoguchi.video.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A booth that is not enrolled starts the real booth ({@link BoothAssembly}, demo card) into "this booth is not
 * enrolled yet" instead of failing; its button opens maintenance (the IT staff PIN), whose "Enrol this booth" section
 * enrols it against a real demo headquarters, off the FX thread. Headless (Monocle); screenshots go to
 * {@code target/screenshots/}.
 */
class NotEnrolledBoothFxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static DemoHeadquarters hq;

    @TempDir
    Path temp;
    private BoothLauncher launcher;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        hq = DemoHeadquarters.start();
    }

    @AfterAll
    static void stopHeadquarters() {
        hq.close();
    }

    @AfterEach
    void stop() {
        if (launcher != null) {
            launcher.stop();
        }
    }

    @Test
    void japanese() throws Exception {
        run(BoothLanguage.JAPANESE, "ja");
    }

    @Test
    void english() throws Exception {
        run(BoothLanguage.ENGLISH, "en");
    }

    private void run(BoothLanguage language, String lang) throws Exception {
        Path data = temp.resolve("data");
        BoothOptions options = new BoothOptions(true, data, Optional.of(hq.url()), Optional.empty(), Optional.empty(),
                BoothOptions.Display.WINDOWED, Optional.of(language), EmulatedCards.defaultAuthorityDirectory(),
                "default", false);
        BoothDataDirectory directory = BoothDataDirectory.prepare(data);
        // IT staff's language on this booth (maintenance's words follow language.default)
        try (var key = jp.madoguchi.kiosk.store.BoothKey.loadOrCreate(directory.keyFile());
             var store = jp.madoguchi.kiosk.store.BoothStore.open(directory.storeFile(), key)) {
            store.settings().set("language.default", lang);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        launcher = new BoothLauncher(options, directory, BoothAssembly.parts(),
                new PrintWriter(err, true, StandardCharsets.UTF_8));
        assertTrue(launcher.start(), "a booth that is not enrolled starts: " + err.toString(StandardCharsets.UTF_8));
        Poll.until(WAIT, () -> fx(() -> robot.lookup("#unenrolled-view").tryQuery().isPresent()), () -> "notice");
        String title = fx(() -> robot.lookup("#unenrolled-title").queryAs(Label.class).getText());
        assertEquals(lang.equals("ja") ? "このブースはまだ登録されていません" : "This booth is not enrolled yet", title);
        assertTrue(launcher.booth().headquarters() instanceof jp.madoguchi.kiosk.hq.NotEnrolledLink);
        save("not-enrolled", lang);

        click("#unenrolled-open-maintenance");
        Poll.until(WAIT, () -> fx(() -> robot.lookup("#maintenance-view").tryQuery().isPresent()), () -> "maintenance");
        for (char c : new String(MaintenancePin.demoPin()).toCharArray()) {
            click("#maintenance-pin-key-" + c);
        }
        click("#maintenance-pin-ok");
        Poll.until(WAIT, () -> fx(() -> robot.lookup("#maintenance-menu-enrol").tryQuery().isPresent()
                && robot.lookup("#maintenance-menu-enrol").query().isVisible()), () -> "menu");
        click("#maintenance-menu-enrol");
        Poll.until(WAIT, () -> fx(() -> !robot.lookup("#maintenance-enrol-current").queryAs(Label.class).getText()
                .isEmpty()), () -> "current enrolment shown");

        // a mistyped code: headquarters' refusal in IT staff's words, nothing written
        clear("#maintenance-enrol-server");
        click("#maintenance-enrol-server").write(hq.url().toString());
        click("#maintenance-enrol-code").write("ABCD-EFGH-JKLM");
        click("#maintenance-enrol-ca").write(hq.caFile().toString());
        click("#maintenance-enrol-submit");
        String refused = lang.equals("ja") ? "本庁はこのコードを知りません" : "Headquarters does not know this code";
        Poll.until(WAIT, () -> fx(() -> robot.lookup("#maintenance-enrol-message").queryAs(Label.class).getText()
                .startsWith(refused)), () -> "refusal shown: " + debug());
        assertTrue(!Files.exists(data.resolve("credentials")));
        save("enrol-refused", lang);

        String code = hq.newEnrolmentCode("北部出張所 3", Duration.ofMinutes(10));
        clear("#maintenance-enrol-code");
        click("#maintenance-enrol-code").write(code);
        click("#maintenance-enrol-submit");
        Poll.until(WAIT, () -> fx(() -> BoothCredentials.ID_FILE != null && Files.exists(
                data.resolve("credentials").resolve(BoothCredentials.ID_FILE))
                && robot.lookup("#maintenance-enrol-current").queryAs(Label.class).getText().contains("booth-")),
                () -> "enrolled: " + fx(() -> robot.lookup("#maintenance-enrol-message").queryAs(Label.class).getText()));
        String boothId = BoothCredentials.load(data.resolve("credentials")).boothId();
        String message = fx(() -> robot.lookup("#maintenance-enrol-message").queryAs(Label.class).getText());
        assertTrue(message.contains(boothId) && message.contains("北部出張所 3"), message);
        assertEquals("", fx(() -> robot.lookup("#maintenance-enrol-code")
                .queryAs(javafx.scene.control.TextField.class).getText()), "the code is not left on the screen");
        assertEquals(hq.url().toString(), launcher.booth().context().store().settings().get("hq.url"));
        save("enrol-done", lang);
    }

    /**
     * Clicks the node's centre, found on the FX thread: TestFX's {@code clickOn(query)} measures the node on the test
     * thread while the FX thread may be laying out the busy maintenance screen, which fails inside JavaFX's bounds
     * cache (IndexOutOfBoundsException in Parent.updateCachedBounds) now and then.
     */
    private org.testfx.api.FxRobotInterface click(String query) {
        return robot.clickOn(fx(() -> {
            javafx.scene.Node node = robot.lookup(query).query();
            javafx.geometry.Bounds bounds = node.localToScreen(node.getBoundsInLocal());
            return new javafx.geometry.Point2D(bounds.getCenterX(), bounds.getCenterY());
        }));
    }

    private void clear(String query) {
        fx(() -> {
            robot.lookup(query).queryAs(javafx.scene.control.TextField.class).clear();
            return null;
        });
    }

    private String debug() {
        try {
            save("debug", "x");
        } catch (Exception e) {
            // only for the failure message
        }
        return fx(() -> robot.lookup("#maintenance-enrol-message").queryAs(Label.class).getText() + " | server="
                + robot.lookup("#maintenance-enrol-server").queryAs(javafx.scene.control.TextField.class).getText()
                + " | code=" + robot.lookup("#maintenance-enrol-code").queryAs(javafx.scene.control.TextField.class)
                .getText());
    }

    private void save(String name, String lang) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Files.createDirectories(SHOTS);
        WritableImage image = fx(() -> launcher.stage().getScene().snapshot(null));
        BufferedImage out = new BufferedImage((int) image.getWidth(), (int) image.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(out, "png", SHOTS.resolve("maintenance-" + name + "-" + lang + ".png").toFile());
    }

    private static <T> T fx(java.util.concurrent.Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
