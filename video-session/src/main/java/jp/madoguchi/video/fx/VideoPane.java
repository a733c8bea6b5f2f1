package jp.madoguchi.video.fx;

import java.util.Locale;
import java.util.Objects;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import javafx.stage.Window;
import jp.madoguchi.video.ScreenRect;
import jp.madoguchi.video.VideoWindow;

/**
 * The place of the video call in a JavaFX scene. The call runs in its own window (a managed browser); this pane
 * keeps that window exactly over itself on screen — following layout, resizing and every move of the stage — and
 * hides it whenever the pane cannot be seen: the pane or an ancestor is invisible, the pane is not in a scene, its
 * stage is hidden or iconified, or it has no size.
 *
 * <p>While {@link #callVisibleProperty()} is false (before the call, while reconnecting, after it) the window stays
 * hidden and the pane shows a calm placeholder: a camera symbol, "Video call" and {@link #messageProperty()}.
 *
 * <p>The window is told only about changes (never the same bounds twice in a row); moves within one pulse are
 * coalesced. {@link VideoWindow} implementations must not block, so nothing here waits. FX thread only.
 */
public class VideoPane extends Region {
    /** Style classes, for the booth's theme. */
    public static final String STYLE_CLASS = "video-pane";
    public static final String PLACEHOLDER_STYLE_CLASS = "video-placeholder";
    public static final String PLACEHOLDER_TITLE_STYLE_CLASS = "video-placeholder-title";
    public static final String PLACEHOLDER_MESSAGE_STYLE_CLASS = "video-placeholder-message";
    public static final String PLACEHOLDER_SYMBOL_STYLE_CLASS = "video-placeholder-symbol";

    private static final String STYLESHEET =
            Objects.requireNonNull(VideoPane.class.getResource("video-pane.css"), "video-pane.css").toExternalForm();

    private final VideoWindow window;
    private final BooleanProperty callVisible = new SimpleBooleanProperty(this, "callVisible", false);
    private final ObjectProperty<Locale> locale = new SimpleObjectProperty<>(this, "locale", Locale.JAPANESE);
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final ReadOnlyObjectWrapper<ScreenRect> windowBounds = new ReadOnlyObjectWrapper<>(this, "windowBounds");

    private final VBox placeholder;
    private final Label placeholderTitle = new Label();
    private final Label placeholderMessage = new Label();

    private final Runnable pulseListener = this::followPane;
    private final InvalidationListener stageChanged = this::stageChanged;
    private final InvalidationListener geometryChanged = this::geometryChanged;
    private final InvalidationListener windowChanged = this::windowChanged;
    private final InvalidationListener windowFocused = this::windowFocused;
    private Scene listenedScene;
    private Window listenedWindow;

    public VideoPane(VideoWindow window) {
        this.window = Objects.requireNonNull(window, "window");
        getStyleClass().add(STYLE_CLASS);
        setAccessibleRole(AccessibleRole.IMAGE_VIEW);
        setFocusTraversable(false);

        placeholderTitle.getStyleClass().add(PLACEHOLDER_TITLE_STYLE_CLASS);
        placeholderMessage.getStyleClass().add(PLACEHOLDER_MESSAGE_STYLE_CLASS);
        placeholderMessage.setWrapText(true);
        placeholderMessage.textProperty().bind(message);
        placeholderMessage.managedProperty().bind(message.isNotEmpty());
        placeholderMessage.visibleProperty().bind(message.isNotEmpty());
        Node symbol = cameraSymbol();
        placeholder = new VBox(symbol, placeholderTitle, placeholderMessage);
        placeholder.getStyleClass().add(PLACEHOLDER_STYLE_CLASS);
        placeholder.setAlignment(Pos.CENTER);
        placeholder.visibleProperty().bind(callVisible.not());
        placeholder.setMouseTransparent(true);
        getChildren().add(placeholder);

        locale.addListener(o -> updateTexts());
        message.addListener(o -> updateTexts());
        callVisible.addListener(o -> {
            updateTexts();
            followPane();
        });
        updateTexts();

        visibleProperty().addListener(stageChanged);
        layoutBoundsProperty().addListener(geometryChanged);
        sceneProperty().addListener((observable, previous, next) -> sceneChanged(previous, next));
    }

    @Override
    public String getUserAgentStylesheet() {
        return STYLESHEET;
    }

    /** Whether the call's window should be over the pane (bind to {@link FxVideoSession#callVisibleProperty()}). */
    public BooleanProperty callVisibleProperty() {
        return callVisible;
    }

    /** The language of the placeholder's texts (bind to {@link FxVideoSession#localeProperty()}). */
    public ObjectProperty<Locale> localeProperty() {
        return locale;
    }

    /** A sentence under the placeholder (bind to {@link FxVideoSession#messageProperty()}); empty for none. */
    public StringProperty messageProperty() {
        return message;
    }

    /**
     * Where the window was last told to be, in screen coordinates; {@code null} while it is hidden (as it is at
     * first: the window is never told to hide before it was shown).
     */
    public ReadOnlyObjectProperty<ScreenRect> windowBoundsProperty() {
        return windowBounds.getReadOnlyProperty();
    }

    @Override
    protected void layoutChildren() {
        placeholder.resizeRelocate(0, 0, getWidth(), getHeight());
    }

    @Override
    protected double computePrefWidth(double height) {
        return 640;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 480;
    }

    /** Places or hides the window as the pane is now; calls the window only when that differs from before. */
    private void followPane() {
        ScreenRect wanted = wantedBounds();
        if (Objects.equals(wanted, windowBounds.get())) {
            return;
        }
        windowBounds.set(wanted);
        if (wanted == null) {
            window.hide();
        } else {
            window.show(wanted);
        }
    }

    private ScreenRect wantedBounds() {
        if (!callVisible.get() || getScene() == null) {
            return null;
        }
        Window stage = getScene().getWindow();
        if (stage == null || !stage.isShowing() || stage instanceof Stage s && s.isIconified()) {
            return null;
        }
        for (Node node = this; node != null; node = node.getParent()) {
            if (!node.isVisible()) {
                return null;
            }
        }
        Bounds local = getLayoutBounds();
        if (local.getWidth() <= 0 || local.getHeight() <= 0) {
            return null;
        }
        Bounds screen = localToScreen(local);
        if (screen == null) {
            return null;
        }
        return new ScreenRect(snap(screen.getMinX()), snap(screen.getMinY()), snap(screen.getWidth()),
                snap(screen.getHeight()));
    }

    /**
     * Removes the transforms' rounding noise (109.99999999999999 for 110, which a window system would floor to
     * 109) by rounding to 1/1024 of a logical pixel, which still keeps the fractions of a HiDPI scale.
     */
    private static double snap(double value) {
        return Math.rint(value * 1024) / 1024;
    }

    /** Showing, iconified, visibility, a new window: decided at once (a hidden stage gets no more pulses). */
    private void stageChanged(Observable observable) {
        followPane();
    }

    /** A move or resize: decided in the next pulse, after layout, so that x and y of one move make one call. */
    private void geometryChanged(Observable observable) {
        Platform.requestNextPulse();
    }

    /**
     * The booth's window came to the front (a touch with a window manager, {@code toFront()}, a dialog closed): it
     * now covers the call's window, which is told its place again so that it comes back over the pane.
     */
    private void windowFocused(Observable observable) {
        ScreenRect shown = windowBounds.get();
        if (shown != null && listenedWindow != null && listenedWindow.isFocused()) {
            window.show(shown);
        }
    }

    private void windowChanged(Observable observable) {
        listenWindow();
        followPane();
    }

    private void sceneChanged(Scene previous, Scene next) {
        if (previous != null) {
            previous.removePostLayoutPulseListener(pulseListener);
            previous.xProperty().removeListener(geometryChanged);
            previous.yProperty().removeListener(geometryChanged);
            previous.windowProperty().removeListener(windowChanged);
        }
        listenedScene = next;
        if (next != null) {
            next.addPostLayoutPulseListener(pulseListener);
            next.xProperty().addListener(geometryChanged);
            next.yProperty().addListener(geometryChanged);
            next.windowProperty().addListener(windowChanged);
        }
        listenWindow();
        followPane();
    }

    private void listenWindow() {
        Window next = listenedScene == null ? null : listenedScene.getWindow();
        if (next == listenedWindow) {
            return;
        }
        if (listenedWindow != null) {
            listenedWindow.xProperty().removeListener(geometryChanged);
            listenedWindow.yProperty().removeListener(geometryChanged);
            listenedWindow.widthProperty().removeListener(geometryChanged);
            listenedWindow.heightProperty().removeListener(geometryChanged);
            listenedWindow.showingProperty().removeListener(stageChanged);
            listenedWindow.focusedProperty().removeListener(windowFocused);
            if (listenedWindow instanceof Stage stage) {
                stage.iconifiedProperty().removeListener(stageChanged);
            }
        }
        listenedWindow = next;
        if (next != null) {
            next.xProperty().addListener(geometryChanged);
            next.yProperty().addListener(geometryChanged);
            next.widthProperty().addListener(geometryChanged);
            next.heightProperty().addListener(geometryChanged);
            next.showingProperty().addListener(stageChanged);
            next.focusedProperty().addListener(windowFocused);
            if (next instanceof Stage stage) {
                stage.iconifiedProperty().addListener(stageChanged);
            }
        }
    }

    private void updateTexts() {
        VideoMessages messages = VideoMessages.of(locale.get() == null ? Locale.JAPANESE : locale.get());
        placeholderTitle.setText(messages.text(VideoText.PLACEHOLDER_TEXT));
        if (callVisible.get()) {
            setAccessibleText(messages.text(VideoText.PANE_ACCESSIBLE));
        } else {
            String sentence = message.get();
            setAccessibleText(messages.text(VideoText.PLACEHOLDER_ACCESSIBLE)
                    + (sentence == null || sentence.isEmpty() ? "" : " " + sentence));
        }
    }

    /** A camera drawn in shapes (a font's emoji may be missing on a booth). */
    private static Node cameraSymbol() {
        Rectangle body = new Rectangle(0, 14, 76, 52);
        body.setArcWidth(16);
        body.setArcHeight(16);
        Polygon lensHood = new Polygon(76, 30, 100, 18, 100, 62, 76, 50);
        Circle lens = new Circle(38, 40, 14);
        lens.getStyleClass().add("video-placeholder-lens");
        Group symbol = new Group(body, lensHood, lens);
        symbol.getStyleClass().add(PLACEHOLDER_SYMBOL_STYLE_CLASS);
        return symbol;
    }
}
