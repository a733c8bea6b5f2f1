package jp.madoguchi.kiosk.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A clock that moves only when told, and a scheduler that runs its tasks when the clock passes their time:
 * deterministic inactivity tests without sleeping.
 */
final class FakeTime extends Clock implements InactivityScheduler {
    private Instant now = Instant.parse("2026-11-23T09:00:00Z");
    private long sequence;
    private final List<Task> tasks = new ArrayList<>();

    private final class Task implements Scheduled {
        final Instant due;
        final long order = sequence++;
        final Runnable work;
        boolean cancelled;

        Task(Instant due, Runnable work) {
            this.due = due;
            this.work = work;
        }

        @Override
        public void cancel() {
            cancelled = true;
            tasks.remove(this);
        }
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        Task scheduled = new Task(now.plus(delay), task);
        tasks.add(scheduled);
        return scheduled;
    }

    /** Moves the clock forward, running each task that falls due, at its own time, in order. */
    void advance(Duration by) {
        Instant target = now.plus(by);
        while (true) {
            Task next = tasks.stream().filter(t -> !t.due.isAfter(target))
                    .min(Comparator.comparing((Task t) -> t.due).thenComparingLong(t -> t.order)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            if (next.due.isAfter(now)) {
                now = next.due;
            }
            next.work.run();
        }
        now = target;
    }

    void advanceSeconds(double seconds) {
        advance(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    int pendingTasks() {
        return tasks.size();
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the fake clock is UTC only");
    }
}
