package jp.madoguchi.kiosk.maintenance.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import jp.madoguchi.kiosk.maintenance.MaintenanceContext;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;
import jp.madoguchi.kiosk.store.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintenance as a whole: first the PIN, then the sections; "return to service" or {@link #tick() 5 minutes
 * without a touch} close it (audited when it had been opened). FX thread only.
 */
public final class MaintenanceViewModel {
    private static final Logger log = LoggerFactory.getLogger(MaintenanceViewModel.class);

    /** What the overlay shows. */
    public enum Screen {
        PIN, DIAGNOSTICS, OUTBOX, LOGS, SETTINGS, ENROL
    }

    /** Why maintenance closed. */
    public enum CloseCause {
        RETURN_TO_SERVICE, IDLE
    }

    private final MaintenanceContext ctx;
    private final MaintenanceText text;
    private final Runnable onClosed;
    private final PinEntryViewModel pin;
    private final DiagnosticsViewModel diagnostics;
    private final OutboxViewModel outbox;
    private final LogExportViewModel logs;
    private final SettingsViewModel settings;
    private final EnrolViewModel enrol;
    private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(Screen.PIN);
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyObjectWrapper<CloseCause> closeCause = new ReadOnlyObjectWrapper<>();
    private boolean unlocked;
    private Instant lastTouch;

    public MaintenanceViewModel(MaintenanceContext ctx, MaintenanceText text, Runnable onClosed) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.text = Objects.requireNonNull(text, "text");
        this.onClosed = Objects.requireNonNull(onClosed, "onClosed");
        this.pin = new PinEntryViewModel(ctx, text, this::unlocked);
        this.diagnostics = new DiagnosticsViewModel(ctx, text);
        this.outbox = new OutboxViewModel(ctx, text);
        this.logs = new LogExportViewModel(ctx, text);
        this.settings = new SettingsViewModel(ctx, text);
        this.enrol = new EnrolViewModel(ctx, text);
        this.lastTouch = ctx.clock().instant();
    }

    public MaintenanceText text() {
        return text;
    }

    /** The idle limit in whole minutes, for the note on the menu. */
    public long idleMinutes() {
        return Math.max(1, ctx.idleLimit().toMinutes());
    }

    public PinEntryViewModel pin() {
        return pin;
    }

    public DiagnosticsViewModel diagnostics() {
        return diagnostics;
    }

    public OutboxViewModel outbox() {
        return outbox;
    }

    public LogExportViewModel logs() {
        return logs;
    }

    public SettingsViewModel settings() {
        return settings;
    }

    public EnrolViewModel enrol() {
        return enrol;
    }

    public ReadOnlyObjectProperty<Screen> screenProperty() {
        return screen.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CloseCause> closeCauseProperty() {
        return closeCause.getReadOnlyProperty();
    }

    private void unlocked() {
        if (!open.get()) {
            // the PIN was being checked when maintenance closed (idle): it opened nothing
            CompletableFuture.runAsync(() -> ctx.audit().append(AuditEvent.MAINTENANCE_CLOSED, null), ctx.background());
            return;
        }
        unlocked = true;
        touched();
        show(Screen.DIAGNOSTICS);
        diagnostics.runAll();
    }

    /** Switches section (only after the PIN). */
    public void show(Screen section) {
        if (!unlocked || section == Screen.PIN || !open.get()) {
            return;
        }
        touched();
        screen.set(section);
        switch (section) {
            case OUTBOX -> outbox.refresh();
            case LOGS -> logs.refreshTargets();
            case SETTINGS -> settings.load();
            case ENROL -> enrol.refresh();
            default -> {
            }
        }
    }

    /** Any touch or key: the idle countdown starts again. */
    public void touched() {
        lastTouch = ctx.clock().instant();
    }

    /** Called every second by the view: closes maintenance after the idle limit; rechecks a PIN lockout. */
    public void tick() {
        if (!open.get()) {
            return;
        }
        if (Duration.between(lastTouch, ctx.clock().instant()).compareTo(ctx.idleLimit()) >= 0) {
            close(CloseCause.IDLE);
            return;
        }
        if (screen.get() == Screen.PIN && pin.lockedProperty().get()) {
            pin.showLockIfLocked();
        }
    }

    public void returnToService() {
        close(CloseCause.RETURN_TO_SERVICE);
    }

    private void close(CloseCause cause) {
        if (!open.get()) {
            return;
        }
        pin.wipe();
        diagnostics.abandon();
        closeCause.set(cause);
        open.set(false);
        if (unlocked) {
            CompletableFuture.runAsync(() -> ctx.audit().append(AuditEvent.MAINTENANCE_CLOSED, null), ctx.background())
                    .exceptionally(failure -> {
                        log.error("could not record the end of maintenance: {}", failure.toString());
                        return null;
                    });
        }
        log.info("maintenance closed: {}", cause);
        onClosed.run();
    }
}
