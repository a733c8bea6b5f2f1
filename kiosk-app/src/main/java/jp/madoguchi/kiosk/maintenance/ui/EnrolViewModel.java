package jp.madoguchi.kiosk.maintenance.ui;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import jp.madoguchi.kiosk.hq.BoothCredentials;
import jp.madoguchi.kiosk.maintenance.BoothEnrolment;
import jp.madoguchi.kiosk.maintenance.BoothEnrolment.EnrolmentException;
import jp.madoguchi.kiosk.maintenance.MaintenanceContext;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;
import jp.madoguchi.kiosk.store.SettingKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Enrol this booth": headquarters' URL (the {@code hq.url} setting to start with), the one-time code, the path of
 * headquarters' CA file and an optional name; {@link #enrol()} runs {@link BoothEnrolment} on the background executor
 * (key generation and the request never on the FX thread) and shows the outcome in the same words as the command line
 * ({@code kiosk-app enroll}), in IT staff's language. On success the {@code hq.url} setting is set to the URL used and
 * the code field emptied. FX thread only.
 */
public final class EnrolViewModel {
    private static final Logger log = LoggerFactory.getLogger(EnrolViewModel.class);

    private final MaintenanceContext ctx;
    private final MaintenanceText text;
    private final BoothEnrolment enrolment;
    private final StringProperty server = new SimpleStringProperty("");
    private final StringProperty code = new SimpleStringProperty("");
    private final StringProperty caFile = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final BooleanProperty replace = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper current = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper enrolled = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper succeeded = new ReadOnlyBooleanWrapper(false);

    EnrolViewModel(MaintenanceContext ctx, MaintenanceText text) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.text = Objects.requireNonNull(text, "text");
        this.enrolment = new BoothEnrolment(ctx.clock());
    }

    /** Reads the current enrolment and the {@code hq.url} setting (off the FX thread). */
    public void refresh() {
        Path dir = ctx.credentialsDir();
        CompletableFuture.supplyAsync(() -> {
            String state;
            if (!BoothEnrolment.isEnrolled(dir)) {
                state = text.text("maint.enrol.not_enrolled");
            } else {
                String id;
                try {
                    id = BoothCredentials.load(dir).boothId();
                } catch (RuntimeException e) {
                    id = "? (" + e.getMessage() + ")";
                }
                state = text.text("maint.enrol.current", id);
            }
            return new String[] {state, ctx.settings().get(SettingKey.HQ_URL),
                    Boolean.toString(BoothEnrolment.isEnrolled(dir))};
        }, ctx.background()).thenAcceptAsync(found -> {
            current.set(found[0]);
            if (server.get().isBlank()) {
                server.set(found[1]);
            }
            enrolled.set(Boolean.parseBoolean(found[2]));
        }, ctx.fxExecutor()).exceptionally(failure -> {
            log.warn("enrolment state not read: {}", failure.toString());
            return null;
        });
    }

    /** Enrols with what the fields hold. */
    public void enrol() {
        if (running.get()) {
            return;
        }
        URI uri;
        try {
            uri = new URI(server.get().strip());
        } catch (URISyntaxException e) {
            message.set(text.text("maint.enrol.error.bad_url"));
            return;
        }
        Path ca;
        try {
            ca = caFile.get().isBlank() ? null : Path.of(caFile.get().strip());
        } catch (InvalidPathException e) {
            message.set(text.text("maint.enrol.error.bad_ca"));
            return;
        }
        BoothEnrolment.Request request = new BoothEnrolment.Request(uri, code.get(), name.get(), ca,
                ctx.credentialsDir(), replace.get());
        running.set(true);
        succeeded.set(false);
        message.set(text.text("maint.enrol.running"));
        CompletableFuture.supplyAsync(() -> {
            try {
                BoothEnrolment.Enrolled done = enrolment.enrol(request);
                ctx.settings().set(SettingKey.HQ_URL, uri.toString());
                if (!done.boothName().isEmpty()) {
                    ctx.settings().set(SettingKey.BOOTH_NAME, done.boothName());
                }
                return text.text("maint.enrol.done", done.boothId(), done.boothName());
            } catch (EnrolmentException e) {
                log.warn("enrolment from the maintenance screen failed: {}", e.getMessage());
                throw new java.util.concurrent.CompletionException(e);
            }
        }, ctx.background()).whenCompleteAsync((done, failure) -> {
            running.set(false);
            if (failure == null) {
                succeeded.set(true);
                code.set("");
                message.set(done);
                refresh();
                return;
            }
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            message.set(cause instanceof EnrolmentException refused ? refused.describe(text)
                    : text.text("maint.enrol.error.write_failed") + " (" + cause + ")");
        }, ctx.fxExecutor());
    }

    public StringProperty serverProperty() {
        return server;
    }

    public StringProperty codeProperty() {
        return code;
    }

    public StringProperty caFileProperty() {
        return caFile;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public BooleanProperty replaceProperty() {
        return replace;
    }

    /** "Enrolled as …" or "not enrolled yet". */
    public ReadOnlyStringProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The booth has an enrolment (then "replace" must be ticked to enrol again). */
    public ReadOnlyBooleanProperty enrolledProperty() {
        return enrolled.getReadOnlyProperty();
    }

    /** The last enrolment from this screen succeeded. */
    public ReadOnlyBooleanProperty succeededProperty() {
        return succeeded.getReadOnlyProperty();
    }
}
