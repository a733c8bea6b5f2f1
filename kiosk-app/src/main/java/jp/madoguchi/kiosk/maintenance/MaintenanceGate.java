package jp.madoguchi.kiosk.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.kiosk.store.AuditEvent;
import jp.madoguchi.kiosk.store.AuditTrail;
import jp.madoguchi.kiosk.store.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door to maintenance: checks the IT staff PIN against {@link MaintenancePin}'s stored hash, counts wrong
 * PINs, and after {@link #MAX_FAILURES} in a row refuses every PIN for {@link #LOCKOUT} (the clock decides).
 * Every wrong PIN, the lockout and every opening go to the audit trail; no PIN ever does. One gate lives as long
 * as the booth runs, so closing and reopening maintenance does not reset the count. Thread-safe; {@link #tryOpen}
 * blocks for the key derivation, so call it from an executor.
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

    public MaintenanceGate(Settings settings, AuditTrail audit, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Checks {@code pin} (which the caller wipes afterwards). */
    public synchronized Answer tryOpen(char[] pin) {
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
        audit.append(AuditEvent.MAINTENANCE_PIN_FAILED, null);
        log.warn("wrong maintenance PIN ({} of {})", failures, MAX_FAILURES);
        if (failures >= MAX_FAILURES) {
            failures = 0;
            lockedUntil = clock.instant().plus(LOCKOUT);
            audit.append(AuditEvent.MAINTENANCE_LOCKED, null);
            log.warn("maintenance locked until {}", lockedUntil);
            return new Answer(Result.LOCKED, 0, Optional.of(lockedUntil));
        }
        return new Answer(Result.WRONG, MAX_FAILURES - failures, Optional.empty());
    }

    /** Until when PINs are refused, if they are now. */
    public synchronized Optional<Instant> lockedUntil() {
        if (lockedUntil != null && clock.instant().isBefore(lockedUntil)) {
            return Optional.of(lockedUntil);
        }
        lockedUntil = null;
        return Optional.empty();
    }
}
