package jp.madoguchi.kiosk.bench;

import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import jp.madoguchi.kiosk.app.ReadyMarker;

/**
 * The startup benchmark's yardstick: a bare JavaFX window, started the way the booth starts (a launcher that is
 * not an {@code Application}, {@code Platform.startup}, one stage of the booth's windowed size) from the same
 * jar, and marked ready the same way ({@link ReadyMarker}). Runs until its window is closed or it is killed.
 *
 * <p>{@code java -cp kiosk-app.jar -Dmadoguchi.bench.ready-file=FILE jp.madoguchi.kiosk.bench.BareWindow}
 */
public final class BareWindow {
    private BareWindow() {
    }

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Platform.startup(() -> {
            Stage stage = new Stage();
            stage.setTitle("bare JavaFX window");
            stage.setScene(new Scene(new StackPane(new Label("bare JavaFX window")), 1280, 800));
            stage.setOnHidden(event -> closed.countDown());
            ReadyMarker.armIfRequested(stage);
            stage.show();
        });
        closed.await();
        Platform.exit();
    }
}
