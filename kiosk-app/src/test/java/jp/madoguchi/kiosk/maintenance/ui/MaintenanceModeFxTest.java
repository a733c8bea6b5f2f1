package jp.madoguchi.kiosk.maintenance.ui;

import static jp.madoguchi.kiosk.maintenance.ui.FxBooth.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import jp.madoguchi.kiosk.maintenance.MaintenanceContext;
import jp.madoguchi.kiosk.maintenance.MaintenanceFixture;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;
import jp.madoguchi.video.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Maintenance over a booth stage, touched through the robot, headless (Monocle). */
class MaintenanceModeFxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PIN = "53197531";

    @TempDir
    Path dir;
    private MaintenanceFixture booth;
    private final FxBooth screen = new FxBooth();
    private final FxRobot robot = new FxRobot();
    private final AtomicInteger returned = new AtomicInteger();
    private MaintenanceMode mode;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void open() throws Exception {
        booth = new MaintenanceFixture(dir);
        booth.setPin(PIN);
        booth.terminals.attachReader(MaintenanceFixture.READER);
        booth.terminals.insert(MaintenanceFixture.READER, MaintenanceFixture.card("default"));
        MaintenanceContext ctx = booth.context(booth.pool(), Platform::runLater).build();
        screen.show();
        mode = fx(() -> MaintenanceMode.open(screen.root, ctx, returned::incrementAndGet, MaintenanceText.english()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        screen.close();
        booth.close();
    }

    private <T extends Node> T node(String id, Class<T> type) {
        return robot.lookup("#" + id).queryAs(type);
    }

    private String text(String id) {
        return fx(() -> node(id, Label.class).getText());
    }

    private void enter(String pin) {
        for (char c : pin.toCharArray()) {
            robot.clickOn("#maintenance-pin-key-" + c);
        }
        robot.clickOn("#maintenance-pin-ok");
    }

    /** Types through the view model (fast), then touches OK like IT staff do. */
    private void typeAndTouchOk(String pin) {
        fx(() -> {
            for (char c : pin.toCharArray()) {
                mode.viewModel().pin().type(c);
            }
            return null;
        });
        robot.clickOn("#maintenance-pin-ok");
    }

    private boolean visible(String id) {
        return fx(() -> {
            Node n = robot.lookup("#" + id).tryQuery().orElse(null);
            return n != null && n.isVisible() && n.getScene() != null;
        });
    }

    @Test
    void aWrongPinThenTheRightOneOpensTheMenu() throws Exception {
        assertTrue(visible("maintenance-pin"));
        assertFalse(visible("maintenance-sections"));
        enter("12121212");
        Poll.until(WAIT, () -> text("maintenance-pin-message").startsWith("Wrong PIN. 4 more"), () -> "wrong PIN message");
        assertEquals("", text("maintenance-pin-display"));
        enter(PIN);
        Poll.until(WAIT, () -> visible("maintenance-sections"), () -> "the menu");
        assertFalse(visible("maintenance-pin"));
        assertTrue(visible("maintenance-diagnostics"));
    }

    @Test
    void aKeyboardAloneOpensMaintenance() {
        // switch devices and keyboards: the pad has the focus as soon as it opens
        for (char c : PIN.toCharArray()) {
            robot.type(javafx.scene.input.KeyCode.valueOf("DIGIT" + c));
        }
        assertEquals(PIN.length(), fx(() -> mode.viewModel().pin().length()));
        robot.type(javafx.scene.input.KeyCode.BACK_SPACE);
        robot.type(javafx.scene.input.KeyCode.NUMPAD1);
        assertEquals("●".repeat(PIN.length()), text("maintenance-pin-display"));
        fx(() -> {
            mode.viewModel().pin().clear();
            return null;
        });
        for (char c : PIN.toCharArray()) {
            robot.type(javafx.scene.input.KeyCode.valueOf("DIGIT" + c));
        }
        robot.type(javafx.scene.input.KeyCode.ENTER);
        Poll.until(WAIT, () -> visible("maintenance-sections"), () -> "the menu");
    }

    @Test
    void fiveWrongPinsLockThePad() throws Exception {
        for (int attempt = 1; attempt <= 5; attempt++) {
            typeAndTouchOk("99999999");
            int left = 5 - attempt;
            Poll.until(WAIT, () -> left == 0 ? text("maintenance-pin-message").startsWith("Too many wrong PINs")
                    : text("maintenance-pin-message").startsWith("Wrong PIN. " + left), () -> "attempt message");
        }
        assertTrue(fx(() -> node("maintenance-pin-key-5", Node.class).isDisabled()), "digits are disabled while locked");
        fx(() -> {
            mode.viewModel().pin().type('5');
            return null;
        });
        assertTrue(fx(() -> node("maintenance-pin-ok", Node.class).isDisabled()));
        assertFalse(visible("maintenance-sections"));
    }

    @Test
    void theDiagnosticsTableShowsEveryCheckWithItsStatus() throws Exception {
        typeAndTouchOk(PIN);
        int checks = mode.viewModel().diagnostics().rows().size();
        assertEquals(8, checks);
        Poll.until(WAIT, () -> text("maintenance-diag-summary").startsWith("8 checks"), () -> "diagnostics done");
        for (int i = 0; i < checks; i++) {
            String status = text("maintenance-check-" + i + "-status");
            assertTrue(status.equals("OK") || status.equals("WARN") || status.equals("FAIL"), i + ": " + status);
            assertFalse(text("maintenance-check-" + i + "-message").isEmpty());
        }
        assertEquals("OK", text("maintenance-check-0-status"), "the emulated reader is there");
        assertEquals("OK", text("maintenance-check-1-status"), "the emulated card answers");
        assertTrue(text("maintenance-check-1-message").contains("tries left: 3"));
        assertEquals("OK", text("maintenance-check-3-status"), "loopback headquarters answers");
    }

    @Test
    void anInvalidSettingShowsTheMessage() throws Exception {
        typeAndTouchOk(PIN);
        Poll.until(WAIT, () -> visible("maintenance-sections"), () -> "the menu");
        robot.clickOn("#maintenance-menu-settings");
        Poll.until(WAIT, () -> "90".equals(fx(() -> node("maintenance-setting-inactivity-seconds", TextField.class)
                .getText())), () -> "settings loaded");
        robot.doubleClickOn("#maintenance-setting-inactivity-seconds");
        fx(() -> {
            node("maintenance-setting-inactivity-seconds", TextField.class).setText("5");
            return null;
        });
        robot.clickOn("#maintenance-setting-inactivity-seconds-save");
        Poll.until(WAIT, () -> text("maintenance-setting-inactivity-seconds-error").contains("from 30 to 600"),
                () -> "the refusal");
        assertTrue(visible("maintenance-setting-inactivity-seconds-error"));
        assertEquals(90, booth.store.settings().getInt("inactivity.seconds"));
    }

    @Test
    void returnToServiceClosesTheOverlay() throws Exception {
        typeAndTouchOk(PIN);
        Poll.until(WAIT, () -> visible("maintenance-sections"), () -> "the menu");
        robot.clickOn("#maintenance-return");
        Poll.until(WAIT, () -> returned.get() == 1, () -> "the callback");
        assertFalse(fx(() -> screen.root.getChildren().contains(mode.view())));
        assertFalse(mode.isOpen());
        Poll.until(WAIT, () -> booth.audit().export().stream().anyMatch(l -> l.contains("\tMAINTENANCE_CLOSED\t")),
                () -> "the audit");
    }
}
