package jp.madoguchi.kiosk.ui;

import static jp.madoguchi.kiosk.ui.Controls.button;
import static jp.madoguchi.kiosk.ui.Controls.label;

import java.util.Locale;
import java.util.Objects;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import jp.madoguchi.kiosk.i18n.BoothText;
import jp.madoguchi.kiosk.journey.JourneyView;
import jp.madoguchi.kiosk.ui.model.BoothViewModel;
import jp.madoguchi.kiosk.ui.model.UiText;

/**
 * The booth's one scene root: the frame (step title, headquarters-offline indicator, problem banner, back and
 * cancel) around the current step's screen, and the busy and inactivity overlays. A thin view: everything it shows
 * comes from the {@link BoothViewModel}; the screen is rebuilt only when {@link BoothViewModel#screenProperty()}
 * changes. FX thread only.
 */
public final class BoothRoot extends StackPane {
    private final BoothViewModel model;
    private final BoothScreens screens;
    private final StackPane screenHolder = new StackPane();
    private final BorderPane frame = new BorderPane();
    /** The busy overlay, once it was first needed. */
    private Node busyOverlay;

    /**
     * @param callParts the call's view model and video pane, asked for when a call screen is first built
     */
    BoothRoot(BoothViewModel model, java.util.function.Supplier<BoothWindow.CallParts> callParts) {
        this.model = Objects.requireNonNull(model, "model");
        this.screens = new BoothScreens(model, callParts);
        getStyleClass().add("booth-root");
        setId("booth-root");

        Label title = label(model.titleText(), "booth-title");
        title.setId("booth-title");
        Label offline = label(model.linkText(), "link-offline");
        offline.setId("link-offline");
        offline.setWrapText(false);
        offline.visibleProperty().bind(model.offlineProperty());
        offline.managedProperty().bind(model.offlineProperty());
        offline.accessibleTextProperty().bind(model.linkText());
        HBox top = new HBox(title, Controls.spacer(), offline);
        top.getStyleClass().add("booth-top");

        Label problem = label(model.problemText());
        problem.setId("problem-text");
        StackPane banner = new StackPane(problem);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("problem-banner");
        banner.setId("problem-banner");
        banner.visibleProperty().bind(model.problemShownProperty());
        banner.managedProperty().bind(model.problemShownProperty());
        frame.setTop(new VBox(top, banner));

        screenHolder.getStyleClass().add("booth-screen");
        frame.setCenter(screenHolder);

        Button back = button(model.text(UiText.BACK), model::back, "nav");
        back.setId("nav-back");
        back.visibleProperty().bind(model.backShownProperty());
        back.managedProperty().bind(model.backShownProperty());
        Button cancel = button(model.text(UiText.CANCEL), model::cancel, "nav");
        cancel.setId("nav-cancel");
        cancel.visibleProperty().bind(model.cancelShownProperty());
        cancel.managedProperty().bind(model.cancelShownProperty());
        HBox bottom = new HBox(back, Controls.spacer(), cancel);
        bottom.getStyleClass().add("booth-bottom");
        bottom.visibleProperty().bind(model.cancelShownProperty());
        bottom.managedProperty().bind(model.cancelShownProperty());
        frame.setBottom(bottom);
        frame.disableProperty().bind(model.busyProperty().or(model.countdownShownProperty()));

        getChildren().add(frame);
        // the overlays are made the first time they are needed, not with the attract screen's first frame (on a
        // 2-core booth they cost about 40 ms of it: the spinner's skin and animation above all); they go right
        // above the frame, the countdown over the spinner, below anything opened over the booth later (maintenance)
        whenFirstTrue(model.busyProperty(), () -> {
            busyOverlay = busyOverlay();
            getChildren().add(1, busyOverlay);
        });
        whenFirstTrue(model.countdownShownProperty(),
                () -> getChildren().add(busyOverlay == null ? 1 : 2, countdownOverlay()));
        // on the attract screen a touch anywhere starts (the language buttons choose as well; the maintenance
        // corner is left to IT staff)
        addEventHandler(javafx.scene.input.MouseEvent.MOUSE_CLICKED, event -> {
            if (model.stepProperty().get() == jp.madoguchi.kiosk.session.JourneyStep.ATTRACT
                    && !insideButton(event.getTarget())
                    && (event.getSceneX() > MaintenanceGesture.CORNER_PX
                    || event.getSceneY() > MaintenanceGesture.CORNER_PX)) {
                model.touchToStart();
            }
        });
        // Chinese and Korean need a font with their script (booth.css's IPAexGothic has none)
        setStyle(BoothTheme.fontStyle(model.getLanguage()));
        model.languageProperty().addListener((observable, previous, next) -> setStyle(BoothTheme.fontStyle(next)));
        model.screenProperty().addListener((observable, previous, next) -> show(next));
        if (model.screenProperty().get() != null) {
            show(model.screenProperty().get());
        }
    }

    /** Runs {@code action} once, as soon as {@code value} is (or becomes) true. */
    private static void whenFirstTrue(javafx.beans.value.ObservableBooleanValue value, Runnable action) {
        if (value.get()) {
            action.run();
            return;
        }
        value.addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> observable, Boolean was,
                                Boolean now) {
                if (now) {
                    value.removeListener(this);
                    action.run();
                }
            }
        });
    }

    private Node busyOverlay() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.accessibleTextProperty().bind(model.busyText());
        Label text = label(model.busyText(), "lead");
        text.setId("busy-text");
        VBox card = new VBox(spinner, text);
        card.getStyleClass().add("overlay-card");
        StackPane overlay = new StackPane(card);
        overlay.getStyleClass().add("overlay");
        overlay.setId("busy-overlay");
        overlay.visibleProperty().bind(model.busyProperty());
        return overlay;
    }

    private Node countdownOverlay() {
        Label warning = label(model.countdownText(), "lead");
        warning.setId("countdown-text");
        Label seconds = new Label();
        seconds.textProperty().bind(model.countdownSecondsProperty().asString());
        seconds.getStyleClass().add("countdown-seconds");
        seconds.setId("countdown-seconds");
        Button resume = button(model.text(BoothText.INACTIVITY_TOUCH_TO_CONTINUE), model::activity,
                BoothScreens.PRIMARY, BoothScreens.BIG);
        resume.setId("countdown-continue");
        VBox card = new VBox(warning, seconds, resume);
        card.getStyleClass().add("overlay-card");
        StackPane overlay = new StackPane(card);
        overlay.getStyleClass().add("overlay");
        overlay.setId("countdown-overlay");
        overlay.visibleProperty().bind(model.countdownShownProperty());
        model.countdownShownProperty().addListener((observable, was, shown) -> {
            if (shown) {
                resume.requestFocus();
            }
        });
        if (model.countdownShownProperty().get()) {
            // made because the countdown just started: focus once it is in the scene
            javafx.application.Platform.runLater(resume::requestFocus);
        }
        return overlay;
    }

    private void show(JourneyView content) {
        Node screen = screens.build(content);
        screenHolder.getChildren().setAll(screen);
        getStyleClass().removeIf(c -> c.startsWith("step-"));
        getStyleClass().add("step-" + content.step().name().toLowerCase(Locale.ROOT));
        // keyboard and switch users start on the screen's first control
        javafx.application.Platform.runLater(() -> firstButton(screen));
    }

    private static void firstButton(Node screen) {
        if (screen.getScene() == null) {
            return;
        }
        // a pad's first key before anything else (the PIN pad's "talk to a clerk" must not be the default)
        for (String selector : new String[] {".key", ".button"}) {
            if (focusFirst(screen, selector)) {
                return;
            }
        }
    }

    private static boolean focusFirst(Node screen, String selector) {
        for (Node button : screen.lookupAll(selector)) {
            if (button.isFocusTraversable() && !button.isDisabled() && button.isVisible()) {
                button.requestFocus();
                return true;
            }
        }
        return false;
    }

    private static boolean insideButton(Object target) {
        for (Node node = target instanceof Node n ? n : null; node != null; node = node.getParent()) {
            if (node instanceof javafx.scene.control.ButtonBase) {
                return true;
            }
        }
        return false;
    }

    public BoothViewModel model() {
        return model;
    }
}
