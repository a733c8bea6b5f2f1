package jp.madoguchi.card.pcsc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import jp.madoguchi.card.emulator.inprocess.EmulatedTerminals;
import jp.madoguchi.card.testcards.EchoCard;
import org.junit.jupiter.api.Test;

/** The watcher against the in-process emulated readers: no pcscd needed. */
class ReaderWatcherTest {
    private static final Duration WAIT = Duration.ofSeconds(3);

    private final EmulatedTerminals emulated = new EmulatedTerminals();
    private final Readers readers = new Readers(emulated.factory());
    private final EventRecorder recorder = new EventRecorder();

    @Test
    void reportsReadersPresentAtStartThenInsertionAndRemoval() {
        emulated.attachReader("Reader A");
        emulated.insert("Reader B", new EchoCard());
        try (ReaderWatcher watcher = readers.watch(recorder)) {
            recorder.await(new ReaderEvent.CardInserted("Reader B", EchoCard.ATR), WAIT);
            assertEquals(List.of(new ReaderEvent.ReaderAttached("Reader A"), new ReaderEvent.ReaderAttached("Reader B"),
                    new ReaderEvent.CardInserted("Reader B", EchoCard.ATR)), recorder.events());

            recorder.clear();
            emulated.insert("Reader A", new EchoCard());
            recorder.await(new ReaderEvent.CardInserted("Reader A", EchoCard.ATR), WAIT);
            emulated.remove("Reader B");
            recorder.await(new ReaderEvent.CardRemoved("Reader B"), WAIT);
            emulated.detachReader("Reader A");
            int detached = recorder.await(new ReaderEvent.ReaderDetached("Reader A"), WAIT);
            int removed = recorder.await(new ReaderEvent.CardRemoved("Reader A"), WAIT);
            assertTrue(removed < detached, "card removed before its reader detached: " + recorder.events());
            assertEquals(List.of(new ReaderInfo("Reader B", false)), watcher.readers());
        }
    }

    @Test
    void insertionWakesTheWatcherPromptly() {
        emulated.attachReader("Reader A");
        try (ReaderWatcher watcher = readers.watch(recorder)) {
            recorder.await(new ReaderEvent.ReaderAttached("Reader A"), WAIT);
            long start = System.nanoTime();
            emulated.insert("Reader A", new EchoCard());
            recorder.await(ReaderEvent.CardInserted.class, WAIT);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < ReaderWatcher.WAIT_SLICE.toMillis(), "woke after " + millis + " ms, not by polling");
        }
    }

    @Test
    void serviceStopAndRestartAreReportedOnceAndReadersComeBack() {
        emulated.insert("Reader A", new EchoCard());
        try (ReaderWatcher watcher = readers.watch(recorder)) {
            recorder.await(ReaderEvent.CardInserted.class, WAIT);
            assertTrue(watcher.isServiceAvailable());
            recorder.clear();

            emulated.stopService();
            recorder.await(new ReaderEvent.ReaderDetached("Reader A"), WAIT);
            sleep(3 * ReaderWatcher.RETRY_INTERVAL.toMillis()); // several failed retries
            List<ReaderEvent> whileDown = recorder.events();
            assertTrue(whileDown.get(0) instanceof ReaderEvent.ServiceUnavailable, whileDown.toString());
            assertEquals(List.of(new ReaderEvent.CardRemoved("Reader A"), new ReaderEvent.ReaderDetached("Reader A")),
                    whileDown.subList(1, whileDown.size()), "exactly one ServiceUnavailable, then the removals");
            assertFalse(watcher.isServiceAvailable());

            recorder.clear();
            emulated.startService();
            recorder.await(ReaderEvent.CardInserted.class, WAIT);
            assertEquals(List.of(new ReaderEvent.ServiceRestored(), new ReaderEvent.ReaderAttached("Reader A"),
                    new ReaderEvent.CardInserted("Reader A", EchoCard.ATR)), recorder.events());
        }
    }

    @Test
    void serviceDownAtStartIsReported() {
        emulated.stopService();
        try (ReaderWatcher watcher = readers.watch(recorder)) {
            assertEquals(0, recorder.await(ReaderEvent.ServiceUnavailable.class, WAIT));
            emulated.attachReader("Reader A");
            emulated.startService();
            recorder.await(new ReaderEvent.ReaderAttached("Reader A"), WAIT);
        }
    }

    @Test
    void aFailingListenerDoesNotStopTheWatcher() {
        emulated.attachReader("Reader A");
        try (ReaderWatcher watcher = readers.watch(event -> {
            recorder.accept(event);
            throw new IllegalStateException("listener bug");
        })) {
            recorder.await(new ReaderEvent.ReaderAttached("Reader A"), WAIT);
            emulated.insert("Reader A", new EchoCard());
            recorder.await(ReaderEvent.CardInserted.class, WAIT);
        }
    }

    @Test
    void noEventsAfterClose() {
        emulated.attachReader("Reader A");
        ReaderWatcher watcher = readers.watch(recorder);
        recorder.await(new ReaderEvent.ReaderAttached("Reader A"), WAIT);
        watcher.close();
        recorder.clear();
        emulated.insert("Reader A", new EchoCard());
        sleep(200);
        assertEquals(List.of(), recorder.events());
    }

    @Test
    void cardInsertedCarriesACopyOfTheAtr() {
        byte[] atr = EchoCard.ATR.clone();
        ReaderEvent.CardInserted event = new ReaderEvent.CardInserted("R", atr);
        atr[0] = 0;
        assertArrayEquals(EchoCard.ATR, event.atr());
        event.atr()[1] = 0;
        assertArrayEquals(EchoCard.ATR, event.atr());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
