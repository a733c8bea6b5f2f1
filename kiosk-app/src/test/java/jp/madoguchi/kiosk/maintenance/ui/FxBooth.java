package jp.madoguchi.kiosk.maintenance.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** A stand-in for the booth's stage: a StackPane root with the resident's screen in it, on a headless Monocle stage. */
final class FxBooth {
    static final double WIDTH = 1280;
    static final double HEIGHT = 800;

    Stage stage;
    StackPane root;

    void show() throws Exception {
        fx(() -> {
            root = new StackPane(new Label("resident screen"));
            stage = new Stage();
            stage.setScene(new Scene(root, WIDTH, HEIGHT));
            stage.show();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    void close() throws Exception {
        fx(() -> {
            stage.close();
            return null;
        });
    }

    /** Runs {@code work} on the FX thread and returns its result; failures come back unchecked. */
    static <T> T fx(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
