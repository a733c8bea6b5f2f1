package jp.madoguchi.card.pcsc;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Collects watcher events and lets a test wait for one. Thread-safe. */
final class EventRecorder implements Consumer<ReaderEvent> {
    private final List<ReaderEvent> events = new ArrayList<>();

    @Override
    public synchronized void accept(ReaderEvent event) {
        events.add(event);
        notifyAll();
    }

    synchronized List<ReaderEvent> events() {
        return new ArrayList<>(events);
    }

    synchronized void clear() {
        events.clear();
    }

    /** Waits for an event equal to {@code expected}; returns its index. */
    int await(ReaderEvent expected, Duration timeout) {
        return await(expected::equals, expected.toString(), timeout);
    }

    /** Waits for an event of that type; returns its index. */
    int await(Class<? extends ReaderEvent> type, Duration timeout) {
        return await(type::isInstance, type.getSimpleName(), timeout);
    }

    synchronized int await(Predicate<ReaderEvent> match, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (int i = 0; i < events.size(); i++) {
                if (match.test(events.get(i))) {
                    return i;
                }
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                fail("no " + what + " within " + timeout.toMillis() + " ms; events: " + events);
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
