package jp.madoguchi.kiosk.ui;

import static jp.madoguchi.kiosk.ui.BoothFx.fx;
import static jp.madoguchi.kiosk.ui.BoothFx.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.WindowEvent;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.session.JourneyStep;
import jp.madoguchi.kiosk.ui.model.BoothPreferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** Keyboard-only operation (switch devices), the keys a booth swallows, and the hidden maintenance gesture. */
class KeyboardAndLockdownTest {
    private final FxRobot robot = new FxRobot();
    private final SampleViews english = new SampleViews(BoothLanguage.ENGLISH);
    private FakeJourney journey;
    private BoothWindow window;

    @BeforeAll
    static void toolkit() throws Exception {
        BoothFx.startToolkit();
    }

    @AfterEach
    void closeWindow() throws Exception {
        BoothFx.close(window);
    }

    private String focused() throws Exception {
        return fx(() -> {
            Node owner = window.scene().getFocusOwner();
            return owner == null ? null : owner.getId();
        });
    }

    private void key(KeyCode... codes) throws Exception {
        robot.press(codes).release(codes);
        BoothFx.settle();
    }

    @Test
    void thePinCanBeTypedAndSentWithTheKeyboardAlone() throws Exception {
        journey = new FakeJourney(english.pin(SampleViews.entry(PinKind.AUTHENTICATION, 3)));
        window = BoothFx.open(journey, BoothPreferences.defaults());
        assertEquals("key-1", focused(), "a new screen starts on its first control");
        key(KeyCode.ENTER);
        key(KeyCode.RIGHT);
        assertEquals("key-2", focused());
        key(KeyCode.SPACE);
        key(KeyCode.DOWN);
        assertEquals("key-5", focused());
        key(KeyCode.ENTER);
        key(KeyCode.LEFT);
        assertEquals("key-4", focused());
        key(KeyCode.TAB);
        assertNotEquals("key-4", focused(), "Tab moves on");
        key(KeyCode.SHIFT, KeyCode.TAB);
        assertEquals("key-4", focused(), "Shift+Tab comes back");
        key(KeyCode.ENTER);
        assertEquals(4, fx(() -> journey.secretEntry().orElseThrow().length()));
        key(KeyCode.DOWN);
        key(KeyCode.DOWN);
        assertEquals("key-clear", focused());
        key(KeyCode.DOWN);
        assertEquals("key-ok", focused(), "down from the bottom row reaches OK, which spans the pad");
        key(KeyCode.ENTER);
        assertEquals(1, journey.secretsSubmitted());
        assertEquals(4, journey.lastSubmittedLength());
        assertEquals(List.of("submitSecret"), journey.actionsBesidesActivity());
        assertTrue(journey.count("activity") >= 10, "every key is activity");
    }

    @Test
    void theKeysThatCloseSwitchOrLeaveDoNothing() throws Exception {
        journey = new FakeJourney(english.procedure());
        window = BoothFx.open(journey, BoothPreferences.defaults(), new MaintenanceGesture(System::currentTimeMillis),
                true);
        Stage stage = fx(() -> (Stage) window.scene().getWindow());
        assertEquals(StageStyle.UNDECORATED, stage.getStyle());
        assertEquals(KeyCombination.NO_MATCH, stage.getFullScreenExitKeyCombination());
        assertEquals("", stage.getFullScreenExitHint());
        List<KeyCode> reached = new CopyOnWriteArrayList<>();
        fxRun(() -> window.scene().getRoot().addEventHandler(KeyEvent.KEY_PRESSED, e -> reached.add(e.getCode())));

        key(KeyCode.ESCAPE);
        key(KeyCode.F11);
        key(KeyCode.ALT, KeyCode.F4);
        key(KeyCode.CONTROL, KeyCode.W);
        key(KeyCode.CONTROL, KeyCode.Q);
        key(KeyCode.ALT, KeyCode.TAB);
        key(KeyCode.CONTROL, KeyCode.F4);
        key(KeyCode.WINDOWS);
        fxRun(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        fxRun(() -> stage.setFullScreen(false));
        BoothFx.settle();

        assertTrue(fx(stage::isShowing));
        assertTrue(fx(stage::isFullScreen), "leaving full screen is undone");
        assertEquals(JourneyStep.PROCEDURE, fx(() -> window.viewModel().stepProperty().get()));
        assertEquals(List.of(), journey.actionsBesidesActivity(), "no key cancelled or went back");
        assertTrue(reached.stream().noneMatch(code -> List.of(KeyCode.ESCAPE, KeyCode.F11, KeyCode.F4, KeyCode.W,
                KeyCode.Q, KeyCode.TAB, KeyCode.ALT, KeyCode.WINDOWS).contains(code)), "reached the screen: " + reached);
        // ordinary keys still work: the language screen's buttons by Tab and Enter
        key(KeyCode.TAB);
        assertTrue(focused() != null);
    }

    @Test
    void fiveTapsInTheTopLeftCornerAskForMaintenance() throws Exception {
        journey = new FakeJourney(SampleViews.attract());
        // a clock that stands still: the robot's pace does not matter, only the taps' places
        window = BoothFx.open(journey, BoothPreferences.defaults(), new MaintenanceGesture(() -> 42_000L), false);
        AtomicInteger requested = new AtomicInteger();
        fxRun(() -> window.onMaintenanceRequested(requested::incrementAndGet));
        Point2D corner = fx(() -> window.scene().getRoot().localToScreen(20, 20));
        for (int i = 0; i < 4; i++) {
            robot.clickOn(corner);
        }
        BoothFx.settle();
        assertEquals(0, requested.get());
        robot.clickOn(corner);
        BoothFx.settle();
        assertEquals(1, requested.get());
    }
}
