package jp.madoguchi.kiosk.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import jp.madoguchi.kiosk.i18n.BoothMessages;
import jp.madoguchi.kiosk.journey.JourneyView;
import jp.madoguchi.kiosk.ui.model.BoothPreferences;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Headless (Monocle) helpers for the booth's screen tests: a window on a real stage, run on the FX thread. */
public final class BoothFx {
    private BoothFx() {
    }

    static void startToolkit() throws Exception {
        // the pom sets it too; a class run on its own from an IDE needs it before the toolkit starts
        if (System.getProperty("headless.geometry") == null) {
            System.setProperty("headless.geometry", "1920x1080-32");
        }
        FxToolkit.registerPrimaryStage();
    }

    /** A booth window for {@code journey}, shown (not locked down) on a new 1920x1080 stage. */
    static BoothWindow open(FakeJourney journey, BoothPreferences preferences) throws Exception {
        return open(journey, preferences, new MaintenanceGesture(System::currentTimeMillis), false);
    }

    static BoothWindow open(FakeJourney journey, BoothPreferences preferences, MaintenanceGesture gesture,
                            boolean locked) throws Exception {
        BoothWindow window = fx(() -> {
            BoothWindow w = BoothWindow.create(journey, BoothMessages.strict(), preferences, cue -> { }, gesture);
            Stage stage = new Stage();
            stage.setX(0);
            stage.setY(0);
            if (locked) {
                w.show(stage);
            } else {
                w.showUnlocked(stage);
            }
            return w;
        });
        settle();
        return window;
    }

    static void close(BoothWindow window) throws Exception {
        if (window != null) {
            fx(() -> {
                window.close();
                return null;
            });
        }
    }

    static void show(FakeJourney journey, JourneyView view) throws Exception {
        fx(() -> {
            journey.show(view);
            return null;
        });
        settle();
    }

    public static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(20, TimeUnit.SECONDS);
    }

    static void fxRun(Runnable action) throws Exception {
        fx(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Lays out every shown scene now, then waits for a real pulse (after its layout) and the work queued behind it
     * (a new screen's first focus), so sizes and focus are what a resident would see.
     */
    public static void settle() throws Exception {
        CompletableFuture<Void> pulsed = new CompletableFuture<>();
        Platform.runLater(() -> {
            Scene listened = null;
            for (javafx.stage.Window window : javafx.stage.Window.getWindows()) {
                Scene scene = window.getScene();
                if (window.isShowing() && scene != null) {
                    scene.getRoot().applyCss();
                    scene.getRoot().layout();
                    listened = scene;
                }
            }
            if (listened == null) {
                pulsed.complete(null);
                return;
            }
            Scene scene = listened;
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                scene.removePostLayoutPulseListener(once[0]);
                Platform.runLater(() -> pulsed.complete(null));
            };
            scene.addPostLayoutPulseListener(once[0]);
            Platform.requestNextPulse();
        });
        pulsed.get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Every node under {@code root} that is shown: visible itself and all its parents. */
    static List<Node> shown(Parent root) {
        List<Node> found = new ArrayList<>();
        collect(root, found);
        return found;
    }

    private static void collect(Node node, List<Node> found) {
        if (!node.isVisible()) {
            return;
        }
        found.add(node);
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, found);
            }
        }
    }

    static <T extends Node> T lookup(BoothWindow window, String selector, Class<T> type) throws Exception {
        return fx(() -> {
            Scene scene = window.scene();
            Node node = scene.lookup(selector);
            if (node == null) {
                throw new AssertionError("nothing matches " + selector);
            }
            return type.cast(node);
        });
    }

    static boolean exists(BoothWindow window, String selector) throws Exception {
        return fx(() -> {
            Node node = window.scene().lookup(selector);
            return node != null && shown(window.scene().getRoot()).contains(node);
        });
    }
}
