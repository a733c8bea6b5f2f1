package jp.madoguchi.kiosk.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.kiosk.store.AuditEvent;
import jp.madoguchi.kiosk.store.AuditRecord;
import jp.madoguchi.kiosk.store.AuditTrail;
import jp.madoguchi.kiosk.store.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door to maintenance: checks the IT staff PIN against {@link MaintenancePin}'s stored hash, counts wrong
 * PINs, and after {@link #MAX_FAILURES} in a row refuses every PIN for {@link #LOCKOUT} (the clock decides).
 * Every wrong PIN, the lockout and every opening go to the audit trail; no PIN ever does. One gate lives as long
 * as the booth runs, so closing and reopening maintenance does not reset the count; and a new gate (the booth
 * restarted, e.g. by a stranger who pulled the plug for fresh tries) takes the count and a running lockout over
 * from the audit trail, where they already are: the wrong PINs in a row since the last opening or lockout, and the
 * last lockout's time (docs/decisions/0033-maintenance-pin-tries-survive-a-restart.md). Thread-safe;
 * {@link #tryOpen} blocks for the key derivation, so call it from an executor.
 */
public final class MaintenanceGate {
    public static final int MAX_FAILURES = 5;
    public static final Duration LOCKOUT = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(MaintenanceGate.class);

    /** What a PIN attempt came to. */
    public enum Result {
        /** The PIN matched: maintenance opens. */
        OPENED,
        /** Wrong PIN; {@link Answer#triesBeforeLock()} more may be tried. */
        WRONG,
        /** Locked (now or still); {@link Answer#lockedUntil()} says until when. The PIN was not checked. */
        LOCKED,
        /** No PIN is set on this booth: it must be enrolled first (docs/decisions/0022). */
        NOT_SET
    }

    public record Answer(Result result, int triesBeforeLock, Optional<Instant> lockedUntil) {
    }

    private final Settings settings;
    private final AuditTrail audit;
    private final Clock clock;
    private int failures;
    private Instant lockedUntil;
    private boolean restored;

    public MaintenanceGate(Settings settings, AuditTrail audit, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Checks {@code pin} (which the caller wipes afterwards). */
    public synchronized Answer tryOpen(char[] pin) {
        restore();
        Optional<Instant> locked = lockedUntil();
        if (locked.isPresent()) {
            return new Answer(Result.LOCKED, 0, locked);
        }
        if (!MaintenancePin.isSet(settings)) {
            return new Answer(Result.NOT_SET, MAX_FAILURES - failures, Optional.empty());
        }
        if (MaintenancePin.matches(settings, pin)) {
            failures = 0;
            audit.append(AuditEvent.MAINTENANCE_OPENED, null);
            log.info("maintenance opened");
            return new Answer(Result.OPENED, MAX_FAILURES, Optional.empty());
        }
        failures++;
        log.warn("wrong maintenance PIN ({} of {})", failures, MAX_FAILURES);
        if (failures >= MAX_FAILURES) {
            failures = 0;
            lockedUntil = clock.instant().plus(LOCKOUT);
            // one transaction: a restart finds both rows or neither
            audit.appendPair(AuditEvent.MAINTENANCE_PIN_FAILED, null, AuditEvent.MAINTENANCE_LOCKED, null);
            log.warn("maintenance locked until {}", lockedUntil);
            return new Answer(Result.LOCKED, 0, Optional.of(lockedUntil));
        }
        audit.append(AuditEvent.MAINTENANCE_PIN_FAILED, null);
        return new Answer(Result.WRONG, MAX_FAILURES - failures, Optional.empty());
    }

    /** Until when PINs are refused, if they are now. */
    public synchronized Optional<Instant> lockedUntil() {
        restore();
        if (lockedUntil != null && clock.instant().isBefore(lockedUntil)) {
            return Optional.of(lockedUntil);
        }
        lockedUntil = null;
        return Optional.empty();
    }

    /**
     * Once per gate, before its first answer: the wrong PINs in a row at the end of the audit trail (since the last
     * opening or lockout) and a lockout still running. Five in a row without the lockout row (a trail written before
     * the two rows were one transaction) lock from the fifth's time.
     */
    private void restore() {
        if (restored) {
            return;
        }
        restored = true;
        List<AuditRecord> newest = audit.latest(EnumSet.of(AuditEvent.MAINTENANCE_PIN_FAILED,
                AuditEvent.MAINTENANCE_OPENED, AuditEvent.MAINTENANCE_LOCKED), MAX_FAILURES);
        int inARow = 0;
        Instant lockedAt = null;
        for (AuditRecord record : newest) {
            if (record.event() == AuditEvent.MAINTENANCE_LOCKED && inARow == 0) {
                lockedAt = record.at();
                break;
            }
            if (record.event() != AuditEvent.MAINTENANCE_PIN_FAILED) {
                break;
            }
            if (++inARow >= MAX_FAILURES) {
                lockedAt = newest.get(0).at();
                inARow = 0;
                break;
            }
        }
        failures = inARow;
        if (lockedAt != null && clock.instant().isBefore(lockedAt.plus(LOCKOUT))) {
            lockedUntil = lockedAt.plus(LOCKOUT);
            log.warn("maintenance is still locked from before the restart, until {}", lockedUntil);
        } else if (inARow > 0) {
            log.warn("{} wrong maintenance PIN(s) in a row from before the restart still count", inARow);
        }
    }
}
