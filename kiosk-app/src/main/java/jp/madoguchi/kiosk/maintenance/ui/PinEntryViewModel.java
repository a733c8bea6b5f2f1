package jp.madoguchi.kiosk.maintenance.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import jp.madoguchi.kiosk.maintenance.MaintenanceContext;
import jp.madoguchi.kiosk.maintenance.MaintenanceGate;
import jp.madoguchi.kiosk.maintenance.MaintenancePin;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;

/**
 * The IT staff PIN pad's state: the digits typed so far (a {@code char[]} only, shown as dots), whether OK may be
 * pressed, and what the last attempt said. The PIN is checked by the {@link MaintenanceGate} on the background
 * executor; the typed digits are wiped as soon as they are handed over, and on {@link #wipe()}. FX thread only.
 */
public final class PinEntryViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final MaintenanceContext ctx;
    private final MaintenanceText text;
    private final Runnable onOpened;
    private final char[] digits = new char[MaintenancePin.MAX_DIGITS];
    private int length;
    private final ReadOnlyStringWrapper masked = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canSubmit = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper(false);

    PinEntryViewModel(MaintenanceContext ctx, MaintenanceText text, Runnable onOpened) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.text = text;
        this.onOpened = onOpened;
        message.set(text.text("maint.pin.prompt", MaintenancePin.MIN_DIGITS, MaintenancePin.MAX_DIGITS));
        showLockIfLocked();
    }

    public ReadOnlyStringProperty maskedProperty() {
        return masked.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canSubmitProperty() {
        return canSubmit.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty lockedProperty() {
        return locked.getReadOnlyProperty();
    }

    /** How many digits are typed (for tests and the accessible text; never the digits). */
    public int length() {
        return length;
    }

    public void type(char digit) {
        if (digit < '0' || digit > '9' || busy.get() || locked.get() || length >= digits.length) {
            return;
        }
        digits[length++] = digit;
        refresh();
    }

    public void backspace() {
        if (length > 0 && !busy.get()) {
            digits[--length] = '\0';
            refresh();
        }
    }

    public void clear() {
        Arrays.fill(digits, '\0');
        length = 0;
        refresh();
    }

    /** Hands the typed PIN to the gate on the background executor; the pad is cleared at once. */
    public void submit() {
        if (!canSubmit.get()) {
            return;
        }
        char[] pin = Arrays.copyOf(digits, length);
        clear();
        busy.set(true);
        refresh();
        message.set(text.text("maint.pin.checking"));
        CompletableFuture.supplyAsync(() -> {
            try {
                return ctx.gate().tryOpen(pin);
            } finally {
                Arrays.fill(pin, '\0');
            }
        }, ctx.background()).whenComplete((answer, failure) -> ctx.fxExecutor().execute(() -> {
            busy.set(false);
            if (failure != null) {
                message.set(text.text("maint.pin.error"));
            } else {
                show(answer);
            }
            refresh();
        }));
    }

    private void show(MaintenanceGate.Answer answer) {
        locked.set(false);
        switch (answer.result()) {
            case OPENED -> {
                message.set("");
                onOpened.run();
            }
            case WRONG -> message.set(text.text("maint.pin.wrong", answer.triesBeforeLock()));
            case LOCKED -> showLocked(answer.lockedUntil().orElseThrow());
            case NOT_SET -> message.set(text.text("maint.pin.not_set"));
        }
    }

    /** Rechecks the lock (the view asks when shown and every second while locked). */
    public void showLockIfLocked() {
        Optional<Instant> until = ctx.gate().lockedUntil();
        if (until.isPresent()) {
            showLocked(until.get());
        } else if (locked.get()) {
            locked.set(false);
            message.set(text.text("maint.pin.prompt", MaintenancePin.MIN_DIGITS, MaintenancePin.MAX_DIGITS));
        }
        refresh();
    }

    private void showLocked(Instant until) {
        locked.set(true);
        message.set(text.text("maint.pin.locked", TIME.format(until.atZone(zone()))));
    }

    private ZoneId zone() {
        ZoneId zone = ctx.clock().getZone();
        return zone.getId().equals("Z") || zone.getId().equals("UTC") ? ZoneId.systemDefault() : zone;
    }

    private void refresh() {
        masked.set("\u25CF".repeat(length));
        canSubmit.set(!busy.get() && !locked.get() && length >= MaintenancePin.MIN_DIGITS);
    }

    /** Zeroes the typed digits (when maintenance closes or the pad hides). */
    public void wipe() {
        clear();
    }
}
