package jp.madoguchi.kiosk.maintenance.ui;

import static jp.madoguchi.kiosk.maintenance.ui.FxBooth.fx;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import jp.madoguchi.kiosk.maintenance.MaintenanceContext;
import jp.madoguchi.kiosk.maintenance.MaintenanceFixture;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;
import jp.madoguchi.kiosk.maintenance.ui.MaintenanceViewModel.Screen;
import jp.madoguchi.kiosk.store.SettingKey;
import jp.madoguchi.video.testing.Poll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes docs/screenshots/maintenance-{pin,diagnostics,outbox,logs,settings}-{ja,en}.png (1280×800) for a person to
 * check for cut-off text. Runs only when asked:
 * {@code mvn -B -o -q -pl kiosk-app test -Dtest=MaintenanceScreenshotsTest -Dmadoguchi.screenshots=true}.
 */
class MaintenanceScreenshotsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path OUT = Path.of("..", "docs", "screenshots");

    @TempDir
    Path dir;

    @BeforeAll
    static void onlyWhenAsked() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("madoguchi.screenshots"),
                "screenshots are taken with -Dmadoguchi.screenshots=true");
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void japanese() throws Exception {
        shoot("ja", MaintenanceText.japanese());
    }

    @Test
    void english() throws Exception {
        shoot("en", MaintenanceText.english());
    }

    private void shoot(String lang, MaintenanceText text) throws Exception {
        Files.createDirectories(OUT);
        Path booth = Files.createDirectories(dir.resolve(lang));
        try (MaintenanceFixture fixture = new MaintenanceFixture(booth)) {
            fixture.setPin("24681357");
            fixture.terminals.attachReader(MaintenanceFixture.READER);
            fixture.terminals.insert(MaintenanceFixture.READER, MaintenanceFixture.card("default"));
            var outbox = fixture.store.outbox();
            var first = outbox.enqueue("MD-20261123-K7M3Q9", "idem-shot-0001", new byte[] {1});
            fixture.clock.advance(Duration.ofMinutes(95));
            outbox.enqueue("MD-20261123-P2X8C4", "idem-shot-0002", new byte[] {2});
            outbox.recordAttempt(first.id(), "hq.unreachable");
            outbox.recordAttempt(first.id(), "hq.unreachable");
            outbox.recordAttempt(first.id(), "hq.timeout");
            fixture.clock.advance(Duration.ofMinutes(12));
            MaintenanceContext ctx = fixture.context(fixture.pool(), Platform::runLater).build();
            FxBooth screen = new FxBooth();
            screen.show();
            try {
                MaintenanceMode mode = fx(() -> MaintenanceMode.open(screen.root, ctx, () -> { }, text));
                MaintenanceViewModel vm = mode.viewModel();
                fx(() -> {
                    "1234".chars().forEach(c -> vm.pin().type((char) c));
                    return null;
                });
                save(screen, "pin", lang);

                fx(() -> {
                    vm.pin().clear();
                    "24681357".chars().forEach(c -> vm.pin().type((char) c));
                    vm.pin().submit();
                    return null;
                });
                Poll.until(WAIT, () -> fx(() -> vm.screenProperty().get() == Screen.DIAGNOSTICS
                        && !vm.diagnostics().runningProperty().get()), () -> "diagnostics done");
                save(screen, "diagnostics", lang);

                fx(() -> {
                    vm.show(Screen.OUTBOX);
                    return null;
                });
                Poll.until(WAIT, () -> fx(() -> vm.outbox().rows().size() == 2), () -> "outbox shown");
                save(screen, "outbox", lang);

                fx(() -> {
                    vm.show(Screen.LOGS);
                    return null;
                });
                Poll.until(WAIT, () -> fx(() -> vm.logs().targetProperty().get() != null), () -> "targets");
                fx(() -> {
                    vm.logs().export();
                    return null;
                });
                Poll.until(WAIT, () -> fx(() -> vm.logs().lastExportOkProperty().get()), () -> "export done");
                save(screen, "logs", lang);

                fx(() -> {
                    vm.show(Screen.SETTINGS);
                    return null;
                });
                Poll.until(WAIT, () -> fx(() -> "90".equals(vm.settings().row(SettingKey.INACTIVITY_SECONDS)
                        .valueProperty().get())), () -> "settings loaded");
                fx(() -> {
                    SettingRow row = vm.settings().row(SettingKey.INACTIVITY_SECONDS);
                    row.valueProperty().set("5");
                    vm.settings().save(row);
                    return null;
                });
                Poll.until(WAIT, () -> fx(() -> !vm.settings().row(SettingKey.INACTIVITY_SECONDS).errorProperty().get()
                        .isEmpty()), () -> "refusal shown");
                save(screen, "settings", lang);
                fx(() -> {
                    mode.close();
                    return null;
                });
            } finally {
                screen.close();
            }
        }
        for (String name : List.of("pin", "diagnostics", "outbox", "logs", "settings")) {
            assertTrue(Files.size(OUT.resolve("maintenance-" + name + "-" + lang + ".png")) > 10_000);
        }
    }

    private static void save(FxBooth screen, String name, String lang) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = fx(() -> screen.root.getScene().snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(out, "png", OUT.resolve("maintenance-" + name + "-" + lang + ".png").toFile());
    }

}
