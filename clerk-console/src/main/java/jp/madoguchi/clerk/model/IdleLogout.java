package jp.madoguchi.clerk.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a clerk's session after a time without input (issue 7: "the session expires when idle"): the console reports
 * every key and click with {@link #activity()}; {@link #check()} (run by a timer, or by tests with their own clock)
 * logs out once the clerk has been idle for {@code limit}, through {@code logout} on the ui thread, once per session.
 * A clerk in a call is never logged out by it ({@link #setInCall}): talking to a resident is not idleness. Thread-safe.
 */
public final class IdleLogout {
    private final Clock clock;
    private final Duration limit;
    private final Executor ui;
    private final Runnable logout;
    private Instant lastActivity; // guarded by this
    private boolean inCall; // guarded by this
    private boolean active; // guarded by this
    private ScheduledFuture<?> timer;

    public IdleLogout(Clock clock, Duration limit, Executor ui, Runnable logout) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limit = Objects.requireNonNull(limit, "limit");
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("idle limit must be positive: " + limit);
        }
        this.ui = Objects.requireNonNull(ui, "ui");
        this.logout = Objects.requireNonNull(logout, "logout");
    }

    /** A session began: idle time counts from now. */
    public synchronized void sessionStarted() {
        lastActivity = clock.instant();
        inCall = false;
        active = true;
    }

    /** A key or a click. */
    public synchronized void activity() {
        lastActivity = clock.instant();
    }

    /** While true, idle time does not count; when the call ends, it counts from then. */
    public synchronized void setInCall(boolean inCall) {
        this.inCall = inCall;
        lastActivity = clock.instant();
    }

    /** The session ended another way (logout, expired at headquarters): nothing more to do until the next one. */
    public synchronized void sessionEnded() {
        active = false;
    }

    /** Logs out if the clerk has been idle for the limit; true if it did. */
    public boolean check() {
        synchronized (this) {
            if (!active || inCall || Duration.between(lastActivity, clock.instant()).compareTo(limit) < 0) {
                return false;
            }
            active = false;
        }
        ui.execute(logout);
        return true;
    }

    /** Checks every {@code every} on {@code scheduler} until {@link #stop()}. */
    public synchronized void start(ScheduledExecutorService scheduler, Duration every) {
        stop();
        timer = scheduler.scheduleWithFixedDelay(this::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
