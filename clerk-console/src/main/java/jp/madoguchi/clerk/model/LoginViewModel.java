package jp.madoguchi.clerk.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import jp.madoguchi.clerk.i18n.ConsoleText;
import jp.madoguchi.clerk.service.ClerkService;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import jp.madoguchi.hqlink.message.ClerkLoginResponse;
import jp.madoguchi.hqlink.message.ErrorCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login screen's state: the clerk ID, whether a login is under way, the message to show, and the session once
 * headquarters granted one.
 *
 * <p>The password never becomes a {@code String} here: {@link #logIn(char[])} takes the characters (the view copies
 * them out of its password field and clears the field), hands them to headquarters on the work thread and zeroes
 * them afterwards, whatever the outcome. Nothing about the password or the token is logged. The FX thread never
 * waits: the request runs on {@code work}, and the outcome comes back through {@code ui} (Platform::runLater in the
 * console, Runnable::run in tests). Properties are read and changed on the {@code ui} thread only.
 */
public final class LoginViewModel {
    private static final Logger log = LoggerFactory.getLogger(LoginViewModel.class);

    private final ClerkService service;
    private final Executor work;
    private final Executor ui;
    private final Locale locale;
    private final StringProperty username = new SimpleStringProperty(this, "username", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private Consumer<ClerkLoginResponse> onLoggedIn = session -> { };

    public LoginViewModel(ClerkService service, Executor work, Executor ui, Locale locale) {
        this.service = Objects.requireNonNull(service, "service");
        this.work = Objects.requireNonNull(work, "work");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.locale = Objects.requireNonNull(locale, "locale");
    }

    /** Called (on the ui thread) with the new session once headquarters accepted the login. */
    public void setOnLoggedIn(Consumer<ClerkLoginResponse> callback) {
        this.onLoggedIn = Objects.requireNonNull(callback, "callback");
    }

    /**
     * Logs in with the typed clerk ID and {@code password}, which this method owns from now on and zeroes (at once
     * when the login is refused before asking headquarters, else once headquarters answered). Ignored while a login
     * is under way (a double click sends one request).
     */
    public void logIn(char[] password) {
        Objects.requireNonNull(password, "password");
        if (busy.get()) {
            Arrays.fill(password, '\0');
            return;
        }
        String id = username.get() == null ? "" : username.get().strip();
        if (id.isEmpty() || password.length == 0) {
            Arrays.fill(password, '\0');
            message.set(ConsoleText.LOGIN_MISSING_FIELDS.in(locale));
            return;
        }
        busy.set(true);
        message.set(ConsoleText.LOGIN_IN_PROGRESS.in(locale));
        try {
            work.execute(() -> {
                Optional<ClerkLoginResponse> session = Optional.empty();
                String problem;
                try {
                    session = Optional.of(service.login(id, password));
                    problem = "";
                } catch (HqRejectedException e) {
                    problem = rejected(e);
                    log.info("clerk login refused: {}", e.errorCode());
                } catch (HqUnavailableException e) {
                    problem = ConsoleText.LOGIN_HQ_UNREACHABLE.in(locale);
                    log.warn("clerk login: headquarters unavailable ({})", e.reason());
                } catch (RuntimeException e) {
                    problem = ConsoleText.LOGIN_REFUSED.in(locale, e.getClass().getSimpleName());
                    log.error("clerk login failed: {}", e.toString());
                } finally {
                    Arrays.fill(password, '\0');
                }
                Optional<ClerkLoginResponse> granted = session;
                String shown = problem;
                ui.execute(() -> finish(granted, shown));
            });
        } catch (RuntimeException rejectedByExecutor) {
            Arrays.fill(password, '\0');
            busy.set(false);
            message.set(ConsoleText.LOGIN_REFUSED.in(locale, rejectedByExecutor.getClass().getSimpleName()));
        }
    }

    private void finish(Optional<ClerkLoginResponse> session, String problem) {
        busy.set(false);
        message.set(problem);
        session.ifPresent(onLoggedIn);
    }

    private String rejected(HqRejectedException e) {
        return switch (e.errorCode()) {
            case ErrorCodes.BAD_CREDENTIALS -> ConsoleText.LOGIN_BAD_CREDENTIALS.in(locale);
            case ErrorCodes.LOCKED_OUT -> ConsoleText.LOGIN_LOCKED_OUT.in(locale);
            default -> ConsoleText.LOGIN_REFUSED.in(locale, e.errorCode());
        };
    }

    /** Back to an empty login screen (after a logout or an expired session), with {@code notice} shown, or "". */
    public void reset(String notice) {
        username.set("");
        message.set(Objects.requireNonNull(notice, "notice"));
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
