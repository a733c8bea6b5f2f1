package jp.madoguchi.kiosk.session;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay: the one thing {@link InactivityTimer} needs from time, so tests drive it
 * with a fake that advances a fake clock instead of sleeping.
 */
@FunctionalInterface
public interface InactivityScheduler {
    /** Runs {@code task} once after {@code delay}, unless cancelled first. */
    Scheduled schedule(Duration delay, Runnable task);

    /** A pending task. */
    @FunctionalInterface
    interface Scheduled {
        /** Cancels the task if it has not started; harmless if it already ran or was cancelled. */
        void cancel();
    }

    /**
     * The production scheduler: a (single-thread) scheduled executor owned by the caller. A cancelled task
     * stays in the executor's queue until its time unless the executor removes cancelled tasks
     * ({@link java.util.concurrent.ScheduledThreadPoolExecutor#setRemoveOnCancelPolicy}); with the timer's
     * delays (at most {@code inactivity.seconds}) that is a bounded handful.
     */
    static InactivityScheduler of(ScheduledExecutorService executor) {
        return (delay, task) -> {
            ScheduledFuture<?> future = executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        };
    }
}
