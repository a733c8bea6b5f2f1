package jp.madoguchi.kiosk.card;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The booth's "FX thread" in tests: a named single thread the slot must call the listener on, and a
 * record of every event with the thread it arrived on.
 */
final class SlotRecorder implements CardSlotListener, AutoCloseable {
    static final String THREAD_NAME = "test-fx-thread";

    final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, THREAD_NAME);
        thread.setDaemon(true);
        return thread;
    });
    final List<CardSlotEvent> events = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<CardSlotEvent> queue = new LinkedBlockingQueue<>();

    @Override
    public void cardSlotChanged(CardSlotEvent event) {
        threads.add(Thread.currentThread().getName());
        events.add(event);
        queue.add(event);
    }

    /** The next event of {@code kind}, skipping others; fails after five seconds. */
    CardSlotEvent next(CardSlotEvent.Kind kind) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            long left = deadline - System.nanoTime();
            CardSlotEvent event = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            assertNotNull(event, "no " + kind + " within 5 s; events so far: " + events);
            if (event.kind() == kind) {
                return event;
            }
        }
    }

    /** Waits until everything handed to the executor so far has run. */
    void drain() throws Exception {
        executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
