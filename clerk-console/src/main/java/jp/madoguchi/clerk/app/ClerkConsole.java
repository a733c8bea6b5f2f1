package jp.madoguchi.clerk.app;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import javafx.event.Event;
import javafx.scene.Parent;
import javafx.scene.input.InputEvent;
import javafx.scene.layout.StackPane;
import jp.madoguchi.clerk.i18n.ConsoleText;
import jp.madoguchi.clerk.model.AdminModel;
import jp.madoguchi.clerk.model.ApplicationViewModel;
import jp.madoguchi.clerk.model.CallViewModel;
import jp.madoguchi.clerk.model.HistoryModel;
import jp.madoguchi.clerk.model.IdleLogout;
import jp.madoguchi.clerk.model.LoginViewModel;
import jp.madoguchi.clerk.model.QueueBoardModel;
import jp.madoguchi.clerk.service.ClerkService;
import jp.madoguchi.clerk.ui.AdminView;
import jp.madoguchi.clerk.ui.CallView;
import jp.madoguchi.clerk.ui.HistoryView;
import jp.madoguchi.clerk.ui.LoginView;
import jp.madoguchi.clerk.ui.MainView;
import jp.madoguchi.clerk.ui.QueueBoardView;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import jp.madoguchi.hqlink.message.ClerkLoginResponse;
import jp.madoguchi.video.VideoWindow;
import jp.madoguchi.video.fx.FxVideoSession;
import jp.madoguchi.video.fx.VideoPane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole console wired together, for a window or a test: the login screen, then (per session) the main view with
 * its board, call, history and admin. Logging out — by the button, after 15 idle minutes, or because headquarters
 * ended the session — stops the board, hangs up a call, ends the session at headquarters on the work thread and
 * drops every view that held personal data; the next login builds them anew. FX thread only.
 */
public final class ClerkConsole {
    private static final Logger log = LoggerFactory.getLogger(ClerkConsole.class);
    /** Idle time after which a clerk is logged out (a call is not idle). */
    public static final Duration IDLE_LIMIT = Duration.ofMinutes(15);
    /** How often the board asks headquarters for the queues. */
    public static final Duration REFRESH = Duration.ofSeconds(2);

    /** What the console needs from the outside. */
    public record Dependencies(ClerkService service, FxVideoSession video, VideoWindow videoWindow,
            ApplicationViewModel.Factory applications,
            Function<String, String> procedureName, Executor work, Executor ui, ScheduledExecutorService timer,
            Clock clock, Locale locale, ZoneId zone, Runnable arrivalSound) {
        public Dependencies {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(video, "video");
            Objects.requireNonNull(videoWindow, "videoWindow");
            Objects.requireNonNull(applications, "applications");
            Objects.requireNonNull(procedureName, "procedureName");
            Objects.requireNonNull(work, "work");
            Objects.requireNonNull(ui, "ui");
            Objects.requireNonNull(timer, "timer");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(locale, "locale");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(arrivalSound, "arrivalSound");
        }
    }

    private final Dependencies d;
    private final StackPane root = new StackPane();
    private final LoginViewModel login;
    private final LoginView loginView;
    private final IdleLogout idle;
    private final VideoPane videoPane;
    private Session session;

    /** One clerk session's models and views. */
    private record Session(QueueBoardModel board, CallViewModel call, HistoryModel history, AdminModel admin,
            MainView view) {
    }

    public ClerkConsole(Dependencies dependencies) {
        this.d = Objects.requireNonNull(dependencies, "dependencies");
        login = new LoginViewModel(d.service(), d.work(), d.ui(), d.locale());
        loginView = new LoginView(login, d.locale());
        login.setOnLoggedIn(this::loggedIn);
        idle = new IdleLogout(d.clock(), IDLE_LIMIT, d.ui(), () -> logout(ConsoleText.SESSION_EXPIRED.in(d.locale())));
        videoPane = new VideoPane(d.videoWindow());
        videoPane.callVisibleProperty().bind(d.video().callVisibleProperty());
        videoPane.localeProperty().bind(d.video().localeProperty());
        videoPane.messageProperty().bind(d.video().messageProperty());
        root.getStylesheets().add(Objects.requireNonNull(
                ClerkConsole.class.getResource("/jp/madoguchi/clerk/ui/console.css")).toExternalForm());
        root.getChildren().setAll(loginView);
        root.addEventFilter(InputEvent.ANY, this::input);
    }

    private void input(Event event) {
        if (session != null) {
            idle.activity();
        }
    }

    /** The scene's root: the login screen or the main view. */
    public Parent root() {
        return root;
    }

    public LoginViewModel login() {
        return login;
    }

    private void loggedIn(ClerkLoginResponse response) {
        log.info("clerk console: session started{}", response.admin() ? " (administrator)" : "");
        QueueBoardModel board = new QueueBoardModel(d.service(), d.work(), d.ui(), d.locale(), d.clock());
        CallViewModel call = new CallViewModel(d.service(), d.work(), d.ui(), d.locale(), d.video(), d.applications());
        call.setClerkName(response.displayName());
        HistoryModel history = new HistoryModel(d.service(), d.work(), d.ui(), d.locale());
        AdminModel admin = response.admin() ? new AdminModel(d.service(), d.work(), d.ui(), d.locale(), d.zone()) : null;
        Runnable expired = () -> logout(ConsoleText.SESSION_EXPIRED.in(d.locale()));
        board.setOnSessionExpired(expired);
        call.setOnSessionExpired(expired);
        history.setOnSessionExpired(expired);
        if (admin != null) {
            admin.setOnSessionExpired(expired);
        }
        call.setOnInCall(idle::setInCall);
        call.setOnQueueChanged(board::refresh);
        call.setBoardRows(board::rows);
        QueueBoardView boardView = new QueueBoardView(board, call, d.procedureName(), d.locale());
        board.setOnCallsArrived(arrived -> {
            boardView.highlight(arrived);
            if (call.phaseProperty().get() == CallViewModel.Phase.IDLE) {
                d.arrivalSound().run();
            }
        });
        CallView callView = new CallView(call, videoPane, d.procedureName(), d.locale(), d.zone());
        HistoryView historyView = new HistoryView(history, d.procedureName(), d.locale(), d.zone());
        AdminView adminView = admin == null ? null : new AdminView(admin, d.locale(), d.zone());
        MainView main = new MainView(response.displayName(), board, boardView, call, callView, historyView,
                history::search, adminView, admin == null ? () -> { } : admin::refresh,
                () -> logout(""), d.locale());
        session = new Session(board, call, history, admin, main);
        root.getChildren().setAll(main);
        idle.sessionStarted();
        idle.start(d.timer(), Duration.ofSeconds(15));
        board.start(d.timer(), REFRESH);
    }

    /**
     * Ends the session: the board stops, a call is hung up, headquarters is told (on the work thread; the console
     * forgets its token even when headquarters cannot be reached), and the views holding personal data are dropped.
     */
    public void logout(String notice) {
        Session ending = session;
        if (ending == null) {
            return;
        }
        session = null;
        ending.board().stop();
        idle.stop();
        idle.sessionEnded();
        ending.call().close();
        ending.history().clear();
        if (ending.admin() != null) {
            ending.admin().clear();
        }
        root.getChildren().setAll(loginView);
        login.reset(notice);
        d.work().execute(() -> {
            try {
                d.service().logout();
                log.info("clerk console: logged out");
            } catch (HqRejectedException e) {
                log.info("clerk console: logout refused ({}); the session had ended", e.errorCode());
            } catch (HqUnavailableException e) {
                log.warn("clerk console: logout not confirmed by headquarters ({}); the token is forgotten", e.reason());
            }
        });
    }

    /** Whether a clerk is logged in. */
    public boolean loggedIn() {
        return session != null;
    }
}
