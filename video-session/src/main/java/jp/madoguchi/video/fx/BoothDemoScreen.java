package jp.madoguchi.video.fx;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import jp.madoguchi.video.ScreenRect;
import jp.madoguchi.video.VideoSession;
import jp.madoguchi.video.VideoWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jp.madoguchi.video.VideoState;

/**
 * A booth-like screen for {@code video-session.jar demo-call --show} (1280x800): the resident's sentence, a
 * {@link VideoPane} over which the session's real call window is kept, and the large microphone, camera and
 * hang-up buttons, all bound to an {@link FxVideoSession}. Starts the JavaFX toolkit itself, so the caller needs
 * no Application class; everything here runs on the FX thread.
 */
public final class BoothDemoScreen implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BoothDemoScreen.class);
    private final VideoSession session;
    private Stage stage;
    private FxVideoSession call;

    private BoothDemoScreen(VideoSession session) {
        this.session = session;
    }

    /** Starts JavaFX if needed and shows the screen at the top left of the display; returns when it is shown. */
    public static BoothDemoScreen open(VideoSession session, Locale language) {
        BoothDemoScreen screen = new BoothDemoScreen(Objects.requireNonNull(session, "session"));
        CompletableFuture<Void> shown = new CompletableFuture<>();
        Runnable build = () -> {
            try {
                screen.build(language);
                shown.complete(null);
            } catch (RuntimeException e) {
                shown.completeExceptionally(e);
            }
        };
        try {
            Platform.startup(build);
        } catch (IllegalStateException alreadyRunning) {
            Platform.runLater(build);
        }
        Platform.setImplicitExit(false);
        shown.join();
        return screen;
    }

    private void build(Locale language) {
        stage = new Stage();
        call = FxVideoSession.onFxThread(session, language);
        VideoWindow window = session.window();
        VideoPane pane = new VideoPane(new VideoWindow() {
            @Override
            public void show(ScreenRect bounds) {
                LOG.debug("call window over the pane at {}", bounds);
                window.show(bounds);
            }

            @Override
            public void hide() {
                LOG.debug("call window hidden");
                window.hide();
            }
        });
        pane.callVisibleProperty().bind(call.callVisibleProperty());
        pane.localeProperty().bind(call.localeProperty());
        pane.messageProperty().bind(call.messageProperty());

        BorderPane booth = boothLayout(call, pane);

        Scene scene = new Scene(new StackPane(booth), 1280, 800);
        scene.getStylesheets().add(Objects.requireNonNull(BoothDemoScreen.class.getResource("booth-demo.css"),
                "booth-demo.css").toExternalForm());
        stage.setTitle("Madoguchi booth (demo call)");
        stage.setScene(scene);
        stage.setX(0);
        stage.setY(0);
        stage.focusedProperty().addListener((o, was, is) -> LOG.debug("booth window focused: {}", is));
        stage.show();
        booth.lookup(".booth-microphone").requestFocus();
    }

    /**
     * The booth's layout around {@code pane}: the resident's sentence above it, the large microphone, camera and
     * hang-up buttons on the right, all bound to {@code call}; styled by {@code booth-demo.css}. Also used by the
     * fake-session demo of the tests.
     */
    static BorderPane boothLayout(FxVideoSession call, VideoPane pane) {
        Label message = new Label();
        message.getStyleClass().add("booth-message");
        message.textProperty().bind(call.messageProperty());
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.visibleProperty().bind(call.callVisibleProperty());
        message.managedProperty().bind(call.callVisibleProperty());

        BooleanBinding inRoom = call.stateProperty().isEqualTo(VideoState.IN_CALL)
                .or(call.stateProperty().isEqualTo(VideoState.WAITING));
        Button microphone = boothButton("booth-microphone");
        microphone.textProperty().bind(call.microphoneActionTextProperty());
        microphone.accessibleTextProperty().bind(call.microphoneAccessibleTextProperty());
        microphone.disableProperty().bind(inRoom.not());
        microphone.setOnAction(e -> call.toggleMicrophone());
        Button camera = boothButton("booth-camera");
        camera.textProperty().bind(call.cameraActionTextProperty());
        camera.accessibleTextProperty().bind(call.cameraAccessibleTextProperty());
        camera.disableProperty().bind(inRoom.not());
        camera.setOnAction(e -> call.toggleCamera());
        Button hangUp = boothButton("booth-hang-up");
        hangUp.textProperty().bind(call.hangUpTextProperty());
        hangUp.accessibleTextProperty().bind(call.hangUpAccessibleTextProperty());
        hangUp.disableProperty().bind(Bindings.createBooleanBinding(() -> !call.getState().isActive(),
                call.stateProperty()));
        hangUp.setOnAction(e -> call.hangUp());
        VBox controls = new VBox(microphone, camera, hangUp);
        controls.getStyleClass().add("booth-controls");

        BorderPane booth = new BorderPane();
        booth.getStyleClass().add("booth");
        VBox.setVgrow(pane, Priority.ALWAYS);
        VBox center = new VBox(message, pane);
        center.getStyleClass().add("booth-center");
        booth.setCenter(center);
        booth.setRight(controls);

        return booth;
    }

    private static Button boothButton(String styleClass) {
        Button button = new Button();
        button.getStyleClass().addAll("booth-button", styleClass);
        button.setMaxWidth(Double.MAX_VALUE);
        button.setWrapText(true);
        return button;
    }

    /** Moves and resizes the booth's window (the demo's check that the call window follows the pane). */
    public void moveAndResize(double x, double y, double width, double height) {
        Platform.runLater(() -> {
            stage.setX(x);
            stage.setY(y);
            stage.setWidth(width);
            stage.setHeight(height);
        });
    }

    /**
     * Brings the booth's window to the front and gives it the focus, as a touch does under a window manager or
     * as an application does after a dialog: the call window must come back over the pane.
     */
    public void raise() {
        Platform.runLater(() -> {
            stage.toFront();
            stage.requestFocus();
        });
    }

    /** Closes the window and stops JavaFX; returns when done (at most a few seconds). */
    @Override
    public void close() {
        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                if (call != null) {
                    call.detach();
                }
                if (stage != null) {
                    stage.close();
                }
            } finally {
                closed.countDown();
            }
        });
        try {
            closed.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Platform.exit();
    }
}
