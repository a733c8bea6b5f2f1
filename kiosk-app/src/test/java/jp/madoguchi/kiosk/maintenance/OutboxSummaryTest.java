package jp.madoguchi.kiosk.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import jp.madoguchi.kiosk.store.BoothKey;
import jp.madoguchi.kiosk.store.BoothStore;
import jp.madoguchi.kiosk.store.OutboxEntryUnreadableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The maintenance view of the outbox reads the clear columns only: it works even where nothing decrypts. */
class OutboxSummaryTest {
    @TempDir
    Path dir;

    @Test
    void theSummaryNeedsNoKeyAndCountsWhatWaits() {
        MovableClock clock = new MovableClock();
        Instant start = clock.instant();
        try (BoothKey key = BoothKey.loadOrCreate(dir.resolve("a.key"));
             BoothStore store = BoothStore.open(dir.resolve("booth.db"), key, clock)) {
            long id = store.outbox().enqueue("MD-20261123-AAAAA1", "idem-key-1111", new byte[] {9}).id();
            clock.advance(Duration.ofMinutes(10));
            store.outbox().recordAttempt(id, "hq.unreachable");
            store.outbox().enqueue("MD-20261123-BBBBB2", "idem-key-2222", new byte[] {8});
        }
        // the same database opened with another key: applications do not decrypt, the summary still works
        try (BoothKey other = BoothKey.loadOrCreate(dir.resolve("b.key"));
             BoothStore store = BoothStore.open(dir.resolve("booth.db"), other, clock)) {
            assertThrows(OutboxEntryUnreadableException.class, () -> store.outbox().pending());
            OutboxSummary summary = OutboxSummary.of(store.outbox(), start.plus(Duration.ofHours(2)));
            assertEquals(2, summary.count());
            assertEquals(Optional.of(Duration.ofHours(2)), summary.oldestAge());
            assertEquals(1, summary.mostAttempts());
            assertEquals(Optional.of("hq.unreachable"), summary.lastError());
            assertEquals("MD-20261123-AAAAA1", summary.entries().get(0).reference());
        }
    }

    @Test
    void anEmptyOutboxHasNoAgeAndNoError() {
        OutboxSummary summary = OutboxSummary.of(java.util.List.of(), Instant.now());
        assertEquals(0, summary.count());
        assertEquals(Optional.empty(), summary.oldestAge());
        assertEquals(Optional.empty(), summary.lastError());
    }
}
