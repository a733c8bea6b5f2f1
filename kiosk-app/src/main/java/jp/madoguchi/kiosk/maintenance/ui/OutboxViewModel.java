package jp.madoguchi.kiosk.maintenance.ui;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jp.madoguchi.kiosk.maintenance.MaintenanceContext;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;
import jp.madoguchi.kiosk.maintenance.OutboxSummary;
import jp.madoguchi.kiosk.store.OutboxWaiting;

/**
 * The outbox state (count, oldest entry's age, most attempts, last error code, one row per reference) and the
 * "send now" button, which calls the headquarters link's {@code deliverNow} on the background executor and reads
 * the state again. Never decrypts or shows an application. FX thread only.
 */
public final class OutboxViewModel {
    private final MaintenanceContext ctx;
    private final MaintenanceText text;
    private final ObservableList<OutboxRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper count = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper oldest = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper attempts = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    OutboxViewModel(MaintenanceContext ctx, MaintenanceText text) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.text = text;
    }

    public ObservableList<OutboxRow> rows() {
        return rows;
    }

    public ReadOnlyStringProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty oldestProperty() {
        return oldest.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty attemptsProperty() {
        return attempts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastErrorProperty() {
        return lastError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public void refresh() {
        load(CompletableFuture.supplyAsync(() -> OutboxSummary.of(ctx.outbox(), ctx.clock().instant()),
                ctx.background()), "");
    }

    /** Asks the link to deliver now, then shows the state again. */
    public void sendNow() {
        if (busy.get()) {
            return;
        }
        message.set(text.text("maint.outbox.sending"));
        load(CompletableFuture.supplyAsync(() -> {
            ctx.deliverNow().run();
            return OutboxSummary.of(ctx.outbox(), ctx.clock().instant());
        }, ctx.background()), text.text("maint.outbox.sent"));
    }

    private void load(CompletableFuture<OutboxSummary> work, String doneMessage) {
        busy.set(true);
        work.whenComplete((summary, failure) -> ctx.fxExecutor().execute(() -> {
            busy.set(false);
            if (failure != null) {
                message.set(text.text("maint.outbox.error", String.valueOf(failure.getCause() != null
                        ? failure.getCause().getClass().getSimpleName() : failure.getClass().getSimpleName())));
                return;
            }
            show(summary);
            message.set(doneMessage);
        }));
    }

    private void show(OutboxSummary summary) {
        count.set(text.text("maint.outbox.count", summary.count()));
        oldest.set(summary.oldestAge().map(this::age).orElse(text.text("maint.outbox.none")));
        attempts.set(text.text("maint.outbox.attempts", summary.mostAttempts()));
        lastError.set(summary.lastError().orElse(text.text("maint.outbox.none")));
        rows.setAll(summary.entries().stream().map(this::row).toList());
    }

    private OutboxRow row(OutboxWaiting waiting) {
        return new OutboxRow(waiting.reference(), age(Duration.between(waiting.createdAt(), ctx.clock().instant())),
                Integer.toString(waiting.attempts()), waiting.lastError().orElse("-"));
    }

    String age(Duration age) {
        Duration positive = age.isNegative() ? Duration.ZERO : age;
        if (positive.toHours() >= 48) {
            return text.text("maint.age.days", positive.toDays());
        }
        if (positive.toMinutes() >= 60) {
            return text.text("maint.age.hours", positive.toHours(), positive.toMinutesPart());
        }
        return text.text("maint.age.minutes", positive.toMinutes());
    }
}
