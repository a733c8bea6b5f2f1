package jp.madoguchi.video.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import jp.madoguchi.video.ScreenRect;
import jp.madoguchi.video.testing.RecordingVideoWindow;
import jp.madoguchi.video.testing.RecordingVideoWindow.WindowCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The call's window follows the pane on a real (headless Monocle) stage. Monocle's headless screen keeps stage
 * positions, so the stage itself is moved (no need to fake moves with a scene offset).
 */
class VideoPaneTest {
    private static final double STAGE_X = 100;
    private static final double STAGE_Y = 50;

    private RecordingVideoWindow window;
    private Stage stage;
    private Pane root;
    private Pane holder;
    private VideoPane pane;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void showStage() throws Exception {
        window = new RecordingVideoWindow();
        fx(() -> {
            pane = new VideoPane(window);
            pane.setPrefSize(320, 240);
            holder = new Pane(pane);
            holder.relocate(40, 60);
            root = new Pane(holder);
            stage = new Stage();
            stage.setScene(new Scene(root, 800, 600));
            stage.setX(STAGE_X);
            stage.setY(STAGE_Y);
            stage.show();
            return null;
        });
        awaitPulse();
    }

    @AfterEach
    void closeStage() throws Exception {
        fx(() -> {
            stage.close();
            return null;
        });
    }

    @Test
    void theWindowStaysHiddenAndThePlaceholderShowsUntilTheCallIsThere() throws Exception {
        awaitPulse();
        assertEquals(List.of(), window.calls(), "no call window before the call");
        Node placeholder = fx(() -> pane.lookup("." + VideoPane.PLACEHOLDER_STYLE_CLASS));
        assertTrue(fx(placeholder::isVisible));
        assertEquals("ビデオ通話", fx(() -> ((Label) pane.lookup("." + VideoPane.PLACEHOLDER_TITLE_STYLE_CLASS)).getText()));
        assertEquals("ここに通話の映像が表示されます。", fx(pane::getAccessibleText));

        fx(() -> {
            pane.messageProperty().set("職員が応答するまでお待ちください。");
            pane.localeProperty().set(Locale.ENGLISH);
            return null;
        });
        assertEquals("Video call", fx(() -> ((Label) pane.lookup("." + VideoPane.PLACEHOLDER_TITLE_STYLE_CLASS)).getText()));
        assertEquals("The video of the call will appear here. 職員が応答するまでお待ちください。", fx(pane::getAccessibleText));
        Label message = fx(() -> (Label) pane.lookup("." + VideoPane.PLACEHOLDER_MESSAGE_STYLE_CLASS));
        assertTrue(fx(message::isVisible));

        showCall();
        assertFalse(fx(placeholder::isVisible), "the placeholder gives way to the call");
        assertEquals("The video call.", fx(pane::getAccessibleText));
    }

    @Test
    void theWindowLiesExactlyOverThePaneOnScreen() throws Exception {
        showCall();
        assertEquals(List.of(WindowCall.shown(new ScreenRect(STAGE_X + 40, STAGE_Y + 60, 320, 240))), window.calls());
        assertEquals(new ScreenRect(140, 110, 320, 240), fx(() -> pane.windowBoundsProperty().get()));
    }

    @Test
    void theWindowFollowsTheStageWhenItMovesWithOneCallPerMove() throws Exception {
        showCall();
        fx(() -> {
            stage.setX(300);
            stage.setY(200);
            return null;
        });
        awaitLast(WindowCall.shown(new ScreenRect(340, 260, 320, 240)));
        awaitPulse();
        assertEquals(2, window.calls().size(), "x and y of one move make one call: " + window.calls());
    }

    @Test
    void theWindowFollowsThePaneWhenLayoutMovesOrResizesIt() throws Exception {
        showCall();
        fx(() -> {
            pane.setPrefSize(480, 360);
            return null;
        });
        awaitLast(WindowCall.shown(new ScreenRect(140, 110, 480, 360)));
        fx(() -> {
            holder.relocate(10, 20); // an ancestor moves inside the scene
            return null;
        });
        awaitLast(WindowCall.shown(new ScreenRect(110, 70, 480, 360)));
        assertNoRepeatedCalls();
    }

    @Test
    void theWindowHidesWhileAParentIsHiddenAndComesBack() throws Exception {
        showCall();
        fx(() -> {
            holder.setVisible(false);
            return null;
        });
        awaitLast(WindowCall.hidden());
        fx(() -> {
            holder.setVisible(true);
            return null;
        });
        awaitLast(WindowCall.shown(new ScreenRect(140, 110, 320, 240)));
        fx(() -> {
            pane.setVisible(false);
            return null;
        });
        awaitLast(WindowCall.hidden());
        assertEquals(4, window.calls().size(), window.calls().toString());
    }

    @Test
    void theWindowHidesWhenThePaneLeavesTheScene() throws Exception {
        showCall();
        fx(() -> root.getChildren().remove(holder));
        awaitLast(WindowCall.hidden());
        assertNull(fx(() -> pane.windowBoundsProperty().get()));
        fx(() -> root.getChildren().add(holder));
        awaitLast(WindowCall.shown(new ScreenRect(140, 110, 320, 240)));
        assertNoRepeatedCalls();
    }

    @Test
    void theWindowHidesWithTheStage() throws Exception {
        showCall();
        fx(() -> {
            stage.hide();
            return null;
        });
        awaitLast(WindowCall.hidden());
        fx(() -> {
            stage.show();
            return null;
        });
        awaitLast(WindowCall.shown(new ScreenRect(140, 110, 320, 240)));
        assertNoRepeatedCalls();
    }

    @Test
    void theWindowHidesWhileTheStageIsIconified() throws Exception {
        showCall();
        fx(() -> {
            stage.setIconified(true);
            return null;
        });
        assertTrue(fx(stage::isIconified), "Monocle iconifies stages");
        awaitLast(WindowCall.hidden());
        fx(() -> {
            stage.setIconified(false);
            return null;
        });
        awaitLast(WindowCall.shown(new ScreenRect(140, 110, 320, 240)));
    }

    @Test
    void theWindowHidesWhenThePaneHasNoSize() throws Exception {
        showCall();
        fx(() -> {
            pane.setPrefSize(0, 240);
            return null;
        });
        awaitLast(WindowCall.hidden());
        fx(() -> {
            pane.setPrefSize(200, 100);
            return null;
        });
        awaitLast(WindowCall.shown(new ScreenRect(140, 110, 200, 100)));
    }

    @Test
    void theWindowHidesWhenTheCallIsNoLongerThere() throws Exception {
        showCall();
        fx(() -> {
            pane.callVisibleProperty().set(false);
            return null;
        });
        awaitLast(WindowCall.hidden());
        Node placeholder = fx(() -> pane.lookup("." + VideoPane.PLACEHOLDER_STYLE_CLASS));
        assertTrue(fx(placeholder::isVisible));
    }

    @Test
    void nothingChangesNothingIsCalled() throws Exception {
        showCall();
        fx(() -> {
            stage.setX(STAGE_X); // the same place again
            pane.requestLayout();
            holder.setVisible(true);
            return null;
        });
        awaitPulse();
        awaitPulse();
        assertEquals(1, window.calls().size(), window.calls().toString());
    }

    // ---- helpers ----

    private void showCall() throws Exception {
        fx(() -> {
            pane.callVisibleProperty().set(true);
            return null;
        });
        awaitPulse();
        assertTrue(window.last().map(WindowCall::isShow).orElse(false), "the call window is shown: " + window.calls());
    }

    private void awaitLast(WindowCall expected) throws Exception {
        await(() -> window.last().equals(Optional.of(expected)), () -> "expected " + expected + " last, was " + window.calls());
    }

    private void assertNoRepeatedCalls() {
        List<WindowCall> calls = window.calls();
        for (int i = 1; i < calls.size(); i++) {
            assertNotEquals(calls.get(i - 1), calls.get(i), "the same call twice in a row: " + calls);
        }
    }

    /** Waits until the scene has had a pulse (layout done, the pane has followed). */
    private void awaitPulse() throws Exception {
        CompletableFuture<Void> pulsed = new CompletableFuture<>();
        Platform.runLater(() -> {
            Scene scene = stage.getScene();
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                scene.removePostLayoutPulseListener(once[0]);
                // the pane's own listener may run after this one in the same pulse: complete after it
                Platform.runLater(() -> pulsed.complete(null));
            };
            scene.addPostLayoutPulseListener(once[0]);
            Platform.requestNextPulse();
        });
        pulsed.get(20, TimeUnit.SECONDS);
    }

    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> message) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(message.get());
            }
            WaitForAsyncUtils.sleep(10, TimeUnit.MILLISECONDS);
        }
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(20, TimeUnit.SECONDS);
    }
}
