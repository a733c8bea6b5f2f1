package jp.madoguchi.kiosk.ui;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.i18n.BoothMessages;
import jp.madoguchi.kiosk.journey.AudioCue;
import jp.madoguchi.kiosk.journey.Journey;
import jp.madoguchi.kiosk.ui.model.BoothPreferences;
import jp.madoguchi.kiosk.ui.model.BoothViewModel;
import jp.madoguchi.video.fx.FxVideoSession;
import jp.madoguchi.video.fx.VideoPane;

/**
 * The booth's window: one scene whose root ({@link BoothRoot}) switches screens by the journey's step, themed,
 * with every touch and key reported as activity, Enter activating the focused button (Space does by default), and
 * the hidden maintenance gesture.
 *
 * <pre>{@code
 * // on the FX thread; the journey's callback executor is Platform::runLater
 * BoothWindow window = BoothWindow.create(journey, BoothMessages.lenient(), BoothPreferences.from(settings),
 *         BoothSounds.withJavaFxMedia(settings.getBoolean("sound.enabled")));
 * window.onMaintenanceRequested(() -> maintenance.askForItPin());
 * window.show(stage);            // locked down: full screen, undecorated, no way out
 * }</pre>
 *
 * FX thread only.
 */
public final class BoothWindow {
    /** The design size; the booth runs full screen on whatever the display is. */
    public static final double WIDTH = 1920;
    public static final double HEIGHT = 1080;

    private final BoothViewModel model;
    private final Journey journey;
    /** The call's controls and video pane, made when the first call screen is built (not at start: README). */
    private CallParts callParts;
    private final BoothRoot root;
    private final Scene scene;
    private final MaintenanceGesture gesture;
    private Stage stage;

    private BoothWindow(Journey journey, BoothMessages messages, BoothPreferences preferences,
                        Consumer<AudioCue> cues, MaintenanceGesture gesture) {
        this.journey = Objects.requireNonNull(journey, "journey");
        this.model = new BoothViewModel(journey, messages, preferences);
        model.setCueSink(Objects.requireNonNull(cues, "cues"));
        model.attach();
        this.root = new BoothRoot(model, this::callParts);
        this.scene = new Scene(root, WIDTH, HEIGHT);
        BoothTheme.apply(scene, model.largeTextProperty().get(), model.highContrastProperty().get());
        model.largeTextProperty().addListener((o, was, on) -> BoothTheme.apply(scene, on,
                model.highContrastProperty().get()));
        model.highContrastProperty().addListener((o, was, on) -> BoothTheme.apply(scene,
                model.largeTextProperty().get(), on));
        // every touch or key anywhere keeps the session alive (before any control sees it)
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, event -> model.activity());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, event -> model.activity());
        scene.addEventHandler(KeyEvent.KEY_PRESSED, BoothWindow::enterActivates);
        this.gesture = gesture;
        gesture.install(scene);
    }

    /**
     * Makes the booth's window content (not shown yet). FX thread.
     *
     * @param journey the resident's journey; its listener must be called on the FX thread
     * @param messages {@link BoothMessages#lenient()} in production
     * @param preferences default language, large text, high contrast (sound is {@code cues}' business)
     * @param cues where audio cues go: a {@link BoothSounds}, or {@code cue -> {}} for none
     */
    public static BoothWindow create(Journey journey, BoothMessages messages, BoothPreferences preferences,
                                     Consumer<AudioCue> cues) {
        return new BoothWindow(journey, messages, preferences, cues, MaintenanceGesture.withSystemClock());
    }

    /** As {@link #create}, with the maintenance gesture's clock given (tests). */
    public static BoothWindow create(Journey journey, BoothMessages messages, BoothPreferences preferences,
                                     Consumer<AudioCue> cues, MaintenanceGesture gesture) {
        return new BoothWindow(journey, messages, preferences, cues, gesture);
    }

    /** Shows the booth on {@code stage}, locked down ({@link Lockdown#apply}). */
    public void show(Stage stage) {
        Lockdown.apply(stage);
        showOn(stage);
    }

    /** Shows the booth in an ordinary window: for development and the screenshot tool, never at a booth. */
    public void showUnlocked(Stage stage) {
        showOn(stage);
    }

    private void showOn(Stage target) {
        this.stage = target;
        target.setScene(scene);
        target.setTitle("Madoguchi");
        target.show();
    }

    /** Called (on the FX thread) when IT staff made the maintenance gesture. */
    public void onMaintenanceRequested(Runnable callback) {
        gesture.setOnGesture(callback);
    }

    /** Stops listening to the journey (the window is being replaced or the booth shuts down). */
    public void close() {
        model.detach();
        if (callParts != null) {
            callParts.session().detach();
        }
        if (stage != null) {
            stage.hide();
        }
    }

    public Scene scene() {
        return scene;
    }

    public BoothRoot root() {
        return root;
    }

    public BoothViewModel viewModel() {
        return model;
    }

    /** The call as the screens show it (made now if no call screen was shown yet). */
    public FxVideoSession call() {
        return callParts().session();
    }

    /**
     * The call's view model and video pane: made on first use, as no resident needs them before the call screen
     * (on a 2-core booth, making them with the attract screen cost about 45 ms of its first frame).
     */
    CallParts callParts() {
        if (callParts == null) {
            FxVideoSession call = FxVideoSession.onFxThread(journey.video(), videoLocale(model.getLanguage()));
            call.localeProperty().bind(Bindings.createObjectBinding(() -> videoLocale(model.getLanguage()),
                    model.languageProperty()));
            VideoPane pane = new VideoPane(journey.video().window());
            pane.callVisibleProperty().bind(call.callVisibleProperty());
            pane.localeProperty().bind(call.localeProperty());
            pane.messageProperty().bind(call.messageProperty());
            callParts = new CallParts(call, pane);
        }
        return callParts;
    }

    /** The call's view model and its video pane. */
    record CallParts(FxVideoSession session, VideoPane pane) {
    }

    /** Enter on a focused button presses it (JavaFX only does this for Space). */
    private static void enterActivates(KeyEvent event) {
        if (event.getCode() != KeyCode.ENTER || !(event.getTarget() instanceof Node node)) {
            return;
        }
        Node focused = node.getScene() == null ? null : node.getScene().getFocusOwner();
        if (focused instanceof ButtonBase button && !button.isDisabled()) {
            button.fire();
            event.consume();
        }
    }

    private static Locale videoLocale(BoothLanguage language) {
        return language == null ? Locale.JAPANESE : language.locale();
    }
}
