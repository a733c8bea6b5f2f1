package jp.madoguchi.kiosk.journey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jp.madoguchi.kiosk.session.InactivityScheduler;

/**
 * A clock that moves only when the test says, and a scheduler whose tasks run (on the test's thread) when
 * the clock passes their time: the inactivity countdown and the delivery wait without sleeping. Thread-safe.
 */
public final class ManualTime extends Clock implements InactivityScheduler {
    private Instant now = Instant.parse("2026-11-23T00:30:00Z");
    private long sequence;
    private final List<Task> tasks = new ArrayList<>();

    private final class Task implements Scheduled {
        final Instant due;
        final long order;
        final Runnable work;

        Task(Instant due, long order, Runnable work) {
            this.due = due;
            this.order = order;
            this.work = work;
        }

        @Override
        public void cancel() {
            synchronized (ManualTime.this) {
                tasks.remove(this);
            }
        }
    }

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable task) {
        Task scheduled = new Task(now.plus(delay), sequence++, task);
        tasks.add(scheduled);
        return scheduled;
    }

    /** Moves the clock forward, running each task that falls due at its own time, in order (outside this lock). */
    public void advance(Duration by) {
        Instant target;
        synchronized (this) {
            target = now.plus(by);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.due.isAfter(target))
                        .min(Comparator.comparing((Task t) -> t.due).thenComparingLong(t -> t.order)).orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                tasks.remove(next);
                if (next.due.isAfter(now)) {
                    now = next.due;
                }
            }
            next.work.run();
        }
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        ManualTime self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }
}
