package jp.madoguchi.kiosk.ui;

import javafx.application.Platform;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.WindowEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A booth that cannot be escaped: full screen without an exit key or hint, undecorated, the window's close request
 * (Alt+F4, the window manager) refused, and the keys that close, quit, switch or leave full screen swallowed
 * before any control sees them. Leaving full screen anyway (a window manager) is undone at once.
 *
 * <p>{@link Platform#setImplicitExit(boolean) Implicit exit} is switched off: the booth ends only when the app
 * decides (maintenance "shut down"), never because its last window was hidden. What the operating system does
 * before JavaFX sees a key (Ctrl+Alt+Del, a compositor's own Alt+Tab) belongs to the kiosk session's
 * configuration (installers), not to this class.
 */
public final class Lockdown {
    private static final Logger LOG = LoggerFactory.getLogger(Lockdown.class);

    /** The key filter; public for tests that check which keys it swallows. */
    public static final EventHandler<KeyEvent> KEY_FILTER = Lockdown::filter;

    private Lockdown() {
    }

    /**
     * Locks {@code stage} down. Call before {@code show()}: the undecorated style can only be set on a stage that
     * was never shown (on a shown stage it is left as it is, with a warning).
     */
    public static void apply(Stage stage) {
        if (!stage.isShowing() && stage.getStyle() != StageStyle.UNDECORATED) {
            try {
                stage.initStyle(StageStyle.UNDECORATED);
            } catch (IllegalStateException alreadyShown) {
                LOG.warn("the booth's stage was shown before its lockdown: it keeps its decorations");
            }
        }
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreenExitHint("");
        stage.setFullScreen(true);
        stage.setResizable(false);
        stage.setOnCloseRequest(Event::consume);
        stage.addEventFilter(WindowEvent.WINDOW_CLOSE_REQUEST, Event::consume);
        stage.addEventFilter(KeyEvent.ANY, KEY_FILTER);
        stage.fullScreenProperty().addListener((observable, was, now) -> {
            if (!now) {
                Platform.runLater(() -> stage.setFullScreen(true));
            }
        });
        Platform.setImplicitExit(false);
    }

    private static void filter(KeyEvent event) {
        if (isEscapeKey(event)) {
            event.consume();
        }
    }

    /** Whether a key event is one the booth swallows. */
    public static boolean isEscapeKey(KeyEvent event) {
        KeyCode code = event.getCode();
        if (event.getEventType() == KeyEvent.KEY_TYPED) {
            // typed events carry no code; swallow those made while Ctrl, Alt or Meta is held
            return event.isControlDown() || event.isAltDown() || event.isMetaDown();
        }
        return switch (code) {
            case ESCAPE, F11, WINDOWS, META, COMMAND, CONTEXT_MENU, ALT, ALT_GRAPH -> true;
            case F4 -> event.isAltDown() || event.isControlDown();
            case W, Q -> event.isControlDown() || event.isMetaDown() || event.isShortcutDown();
            // Alt+Tab, Alt+Esc, Alt+Left (back) and anything else with Alt or the Windows / Command key
            default -> event.isAltDown() || event.isMetaDown();
        };
    }
}
