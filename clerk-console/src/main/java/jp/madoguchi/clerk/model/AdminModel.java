package jp.madoguchi.clerk.model;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jp.madoguchi.clerk.i18n.ConsoleText;
import jp.madoguchi.clerk.service.ClerkService;
import jp.madoguchi.hqlink.message.BoothHealth;
import jp.madoguchi.hqlink.message.ClerkAccountView;
import jp.madoguchi.hqlink.message.EnrolmentCodeRequest;
import jp.madoguchi.hqlink.message.ErrorCodes;
import jp.madoguchi.hqlink.message.NewClerkRequest;

/**
 * The administrator's tab: one-time enrolment codes for new booths, the booths with their health and revocation, and
 * the clerk accounts (create, disable/enable, unlock). Headquarters enforces the role; this model only shows what it
 * answers. A new clerk's password is a {@code char[]} zeroed once sent. Properties change on the ui thread only.
 */
public final class AdminModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ClerkService service;
    private final Executor work;
    private final Executor ui;
    private final Locale locale;
    private final ZoneId zone;
    private final ObservableList<BoothHealth> booths = FXCollections.observableArrayList();
    private final ObservableList<ClerkAccountView> clerks = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper enrolResult = new ReadOnlyStringWrapper(this, "enrolResult", "");
    private final ReadOnlyStringWrapper enrolCode = new ReadOnlyStringWrapper(this, "enrolCode", "");
    private final ReadOnlyStringWrapper boothsMessage = new ReadOnlyStringWrapper(this, "boothsMessage", "");
    private final ReadOnlyStringWrapper clerksMessage = new ReadOnlyStringWrapper(this, "clerksMessage", "");
    private Runnable onSessionExpired = () -> { };

    public AdminModel(ClerkService service, Executor work, Executor ui, Locale locale, ZoneId zone) {
        this.service = Objects.requireNonNull(service, "service");
        this.work = Objects.requireNonNull(work, "work");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.locale = Objects.requireNonNull(locale, "locale");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public void setOnSessionExpired(Runnable callback) {
        this.onSessionExpired = Objects.requireNonNull(callback, "callback");
    }

    /** Reloads booths and clerks. */
    public void refresh() {
        Requests.run(work, ui, locale, service::booths, booths::setAll, problem -> failed(problem, boothsMessage));
        Requests.run(work, ui, locale, service::clerks, clerks::setAll, problem -> failed(problem, clerksMessage));
    }

    /** Creates a one-time code for a booth called {@code name} at {@code location}, valid {@code hours}. */
    public void createEnrolmentCode(String name, String location, int hours) {
        String boothName = name == null ? "" : name.strip();
        if (boothName.isEmpty()) {
            enrolResult.set(ConsoleText.ADMIN_ENROL_MISSING.in(locale));
            return;
        }
        int valid = Math.max(1, Math.min(EnrolmentCodeRequest.MAX_VALID_HOURS, hours));
        enrolCode.set("");
        enrolResult.set(ConsoleText.HISTORY_LOADING.in(locale));
        Requests.run(work, ui, locale, () -> service.createEnrolmentCode(
                new EnrolmentCodeRequest(1, boothName, location == null ? "" : location.strip(), valid)), code -> {
                    enrolCode.set(code.code());
                    enrolResult.set(ConsoleText.ADMIN_ENROL_CODE.in(locale, code.code(),
                            TIME.format(code.expiresAt().atZone(zone))));
                    refresh();
                }, problem -> failed(problem, enrolResult));
    }

    public void revokeBooth(BoothHealth booth) {
        Requests.run(work, ui, locale, () -> {
            service.revokeBooth(booth.boothId());
            return Boolean.TRUE;
        }, done -> {
            boothsMessage.set(ConsoleText.ADMIN_DONE.in(locale));
            refresh();
        }, problem -> failed(problem, boothsMessage));
    }

    /** Creates a clerk account; {@code password} is owned by this method and zeroed once sent (or refused here). */
    public void createClerk(String username, String displayName, char[] password, boolean admin) {
        String user = username == null ? "" : username.strip();
        String name = displayName == null ? "" : displayName.strip();
        if (user.isEmpty() || name.isEmpty() || password.length == 0) {
            Arrays.fill(password, '\0');
            clerksMessage.set(ConsoleText.ADMIN_CLERK_MISSING.in(locale));
            return;
        }
        if (password.length < NewClerkRequest.MIN_PASSWORD_LENGTH) {
            Arrays.fill(password, '\0');
            clerksMessage.set(ConsoleText.ADMIN_CLERK_WEAK.in(locale));
            return;
        }
        Requests.run(work, ui, locale, () -> {
            try {
                return service.createClerk(new NewClerkRequest(user, name, password, admin));
            } finally {
                Arrays.fill(password, '\0');
            }
        }, created -> {
            clerksMessage.set(ConsoleText.ADMIN_CLERK_CREATED.in(locale, created.username()));
            refresh();
        }, problem -> {
            switch (problem.code()) {
                case ErrorCodes.USERNAME_TAKEN -> clerksMessage.set(ConsoleText.ADMIN_CLERK_TAKEN.in(locale));
                case ErrorCodes.WEAK_PASSWORD -> clerksMessage.set(ConsoleText.ADMIN_CLERK_WEAK.in(locale));
                default -> failed(problem, clerksMessage);
            }
        });
    }

    public void setDisabled(ClerkAccountView clerk, boolean disabled) {
        Requests.run(work, ui, locale, () -> {
            service.setClerkDisabled(clerk.id(), disabled);
            return Boolean.TRUE;
        }, done -> {
            clerksMessage.set(ConsoleText.ADMIN_DONE.in(locale));
            refresh();
        }, problem -> {
            if (ErrorCodes.CANNOT_DISABLE_SELF.equals(problem.code())) {
                clerksMessage.set(ConsoleText.ADMIN_SELF.in(locale));
            } else {
                failed(problem, clerksMessage);
            }
        });
    }

    public void unlock(ClerkAccountView clerk) {
        Requests.run(work, ui, locale, () -> {
            service.unlockClerk(clerk.id());
            return Boolean.TRUE;
        }, done -> {
            clerksMessage.set(ConsoleText.ADMIN_DONE.in(locale));
            refresh();
        }, problem -> failed(problem, clerksMessage));
    }

    private void failed(Requests.Problem problem, ReadOnlyStringWrapper where) {
        where.set(problem.text());
        if (problem.sessionExpired()) {
            onSessionExpired.run();
        }
    }

    /** Forgets everything shown (logout). */
    public void clear() {
        booths.clear();
        clerks.clear();
        enrolCode.set("");
        enrolResult.set("");
        boothsMessage.set("");
        clerksMessage.set("");
    }

    public ObservableList<BoothHealth> booths() {
        return booths;
    }

    public ObservableList<ClerkAccountView> clerks() {
        return clerks;
    }

    /** The last code created (to copy), or "". */
    public ReadOnlyStringProperty enrolCodeProperty() {
        return enrolCode.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty enrolResultProperty() {
        return enrolResult.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty boothsMessageProperty() {
        return boothsMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty clerksMessageProperty() {
        return clerksMessage.getReadOnlyProperty();
    }
}
