package jp.madoguchi.kiosk.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.madoguchi.kiosk.store.SettingKey;
import jp.madoguchi.kiosk.store.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a {@link ResidentSession} nobody is using. After {@code timeout − warning} without a touch it shows a
 * countdown ({@link InactivityListener#countdown(int)} once a second with the whole seconds left); any
 * {@link #activity()} hides it and starts the wait again; at zero the session ends with
 * {@link EndCause#INACTIVITY}.
 *
 * <p>The timeout is the booth setting {@code inactivity.seconds}: the whole quiet time, warning included.
 * Steps in {@code pausedSteps} (by default the video {@link JourneyStep#CALL}, where the resident listens
 * to a clerk, and {@link JourneyStep#ATTRACT}) stop the timer; leaving them starts a full wait again. Work
 * the resident waits for inside a step (the card signing) holds the timer with {@link #pauseWhile()}.
 *
 * <p>Time comes only from the injected {@link Clock} and {@link InactivityScheduler}. Thread-safe; the
 * session is ended outside this timer's lock (the session calls back into it).
 */
public final class InactivityTimer implements SessionListener {
    private static final Logger log = LoggerFactory.getLogger(InactivityTimer.class);
    /** The default length of the visible countdown before the end. */
    public static final Duration DEFAULT_WARNING = Duration.ofSeconds(20);
    private static final Duration TICK = Duration.ofSeconds(1);

    private final ResidentSession session;
    private final Duration timeout;
    private final Duration warning;
    private final Set<JourneyStep> pausedSteps;
    private final Clock clock;
    private final InactivityScheduler scheduler;
    private final CopyOnWriteArrayList<InactivityListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    private Instant lastActivity;
    private InactivityScheduler.Scheduled pending;
    private boolean warningShown;
    private boolean stepPaused;
    private int holds;
    private boolean stopped;

    /**
     * @param timeout the whole quiet time before the end, warning included
     * @param warning how long the countdown shows; shorter than {@code timeout}
     * @param pausedSteps the steps during which the timer stands still
     */
    public InactivityTimer(ResidentSession session, Duration timeout, Duration warning, Set<JourneyStep> pausedSteps,
                           Clock clock, InactivityScheduler scheduler) {
        this.session = Objects.requireNonNull(session, "session");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.warning = Objects.requireNonNull(warning, "warning");
        if (warning.isNegative() || warning.isZero() || warning.compareTo(timeout) >= 0) {
            throw new IllegalArgumentException("the warning (" + warning + ") must be positive and shorter than the"
                    + " timeout (" + timeout + ")");
        }
        this.pausedSteps = pausedSteps.isEmpty() ? EnumSet.noneOf(JourneyStep.class) : EnumSet.copyOf(pausedSteps);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** The steps paused by default: the video call and the attract screen. */
    public static Set<JourneyStep> defaultPausedSteps() {
        return EnumSet.of(JourneyStep.ATTRACT, JourneyStep.CALL);
    }

    /** A timer using the booth's {@code inactivity.seconds}, a 20-second warning and the default paused steps. */
    public static InactivityTimer fromSettings(ResidentSession session, Settings settings, Clock clock,
                                               InactivityScheduler scheduler) {
        Duration timeout = settings.getDuration(SettingKey.INACTIVITY_SECONDS.key());
        return new InactivityTimer(session, timeout, DEFAULT_WARNING, defaultPausedSteps(), clock, scheduler);
    }

    public void addListener(InactivityListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Starts watching: listens to the session's steps and, unless the current step pauses it, starts the wait. */
    public void start() {
        session.addListener(this);
        synchronized (lock) {
            if (stopped) {
                throw new IllegalStateException("this inactivity timer was stopped; make a new one");
            }
            stepPaused = pausedSteps.contains(session.step());
            lastActivity = clock.instant();
            reschedule();
        }
    }

    /** A touch or a key: hides the warning if it shows and starts the wait again from now. */
    public void activity() {
        boolean hide;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            lastActivity = clock.instant();
            hide = warningShown;
            warningShown = false;
            reschedule();
        }
        if (hide) {
            tellCancelled();
        }
    }

    /**
     * Holds the timer while the resident waits for the booth (the card signing); closing the hold starts a
     * full wait again. Holds nest.
     */
    public Hold pauseWhile() {
        boolean hide;
        synchronized (lock) {
            holds++;
            hide = warningShown;
            warningShown = false;
            reschedule();
        }
        if (hide) {
            tellCancelled();
        }
        return new Hold();
    }

    /** An active {@link #pauseWhile()}; close it when the work is done. */
    public final class Hold implements AutoCloseable {
        private boolean closed;

        private Hold() {
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                closed = true;
                holds--;
                lastActivity = clock.instant();
                reschedule();
            }
        }
    }

    /** Stops for good (the session ended). */
    public void stop() {
        boolean hide;
        synchronized (lock) {
            stopped = true;
            hide = warningShown;
            warningShown = false;
            cancelPending();
        }
        session.removeListener(this);
        if (hide) {
            tellCancelled();
        }
    }

    /** True while the timer is counting (not paused, held or stopped). */
    public boolean isRunning() {
        synchronized (lock) {
            return pending != null;
        }
    }

    @Override
    public void stepChanged(ResidentSession changed, JourneyStep from, JourneyStep to) {
        boolean hide;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stepPaused = pausedSteps.contains(to);
            lastActivity = clock.instant(); // a step change is the resident's doing
            hide = warningShown;
            warningShown = false;
            reschedule();
        }
        if (hide) {
            tellCancelled();
        }
    }

    @Override
    public void sessionEnded(ResidentSession ended, SessionEnd end) {
        stop();
    }

    /** Under the lock: cancels what is pending and, unless paused, schedules the next check. */
    private void reschedule() {
        cancelPending();
        if (stopped || stepPaused || holds > 0) {
            return;
        }
        Duration untilEnd = Duration.between(clock.instant(), lastActivity.plus(timeout));
        Duration untilWarning = untilEnd.minus(warning);
        schedule(untilWarning.isNegative() ? Duration.ZERO : untilWarning);
    }

    private void schedule(Duration delay) {
        InactivityScheduler.Scheduled[] self = new InactivityScheduler.Scheduled[1];
        self[0] = scheduler.schedule(delay, () -> fire(self[0]));
        pending = self[0];
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    private void fire(InactivityScheduler.Scheduled which) {
        int secondsLeft;
        synchronized (lock) {
            if (which != null && which != pending) {
                return; // superseded by activity, a pause or a stop after it was already running
            }
            pending = null;
            if (stopped || stepPaused || holds > 0) {
                return;
            }
            Duration untilEnd = Duration.between(clock.instant(), lastActivity.plus(timeout));
            if (untilEnd.isZero() || untilEnd.isNegative()) {
                stopped = true;
                warningShown = false;
                secondsLeft = 0;
            } else if (untilEnd.compareTo(warning) > 0) {
                schedule(untilEnd.minus(warning));
                return;
            } else {
                warningShown = true;
                long millis = untilEnd.toMillis();
                secondsLeft = (int) ((millis + 999) / 1000);
                // the next tick lands on the next whole second left, or on the end
                long toNextWhole = millis - (secondsLeft - 1) * 1000L;
                schedule(Duration.ofMillis(Math.max(1, Math.min(toNextWhole, TICK.toMillis()))));
            }
        }
        if (secondsLeft > 0) {
            for (InactivityListener listener : listeners) {
                try {
                    listener.countdown(secondsLeft);
                } catch (RuntimeException e) {
                    log.error("an inactivity listener failed: exception={}", e.getClass().getName());
                }
            }
            return;
        }
        tellCancelled();
        log.info("inactivity: ending session {}", session.id());
        try {
            session.end(EndCause.INACTIVITY);
        } catch (SessionEndedException alreadyEnded) {
            // ended meanwhile for another reason (card removed, cancel): nothing left to do
        }
    }

    private void tellCancelled() {
        for (InactivityListener listener : listeners) {
            try {
                listener.warningCancelled();
            } catch (RuntimeException e) {
                log.error("an inactivity listener failed: exception={}", e.getClass().getName());
            }
        }
    }
}
