package jp.madoguchi.kiosk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the outbox sender (kiosk.hq) needs from the store: an entry's last error, and two audit rows at once. */
class OutboxSenderSupportTest {
    @TempDir
    Path dir;

    @Test
    void theLastErrorIsTheLatestAttemptsCodeAndSurvivesReopening() {
        long id;
        try (BoothKey key = BoothKey.loadOrCreate(dir.resolve("booth.key"));
             BoothStore store = BoothStore.open(dir.resolve("booth.db"), key)) {
            Outbox outbox = store.outbox();
            id = outbox.enqueue("MD-20261123-AAAAA2", "idem-key-0001", "{}".getBytes(StandardCharsets.UTF_8)).id();
            assertEquals(Optional.empty(), outbox.lastError(id), "never attempted");
            outbox.recordAttempt(id, "hq.unreachable");
            outbox.recordAttempt(id, "refused.bad_request");
            assertEquals(Optional.of("refused.bad_request"), outbox.lastError(id));
            assertEquals(Optional.empty(), outbox.lastError(id + 1), "no such entry");
        }
        try (BoothKey key = BoothKey.load(dir.resolve("booth.key"));
             BoothStore store = BoothStore.open(dir.resolve("booth.db"), key)) {
            assertEquals(Optional.of("refused.bad_request"), store.outbox().lastError(id), "kept across a restart");
            assertEquals(2, store.outbox().pending().get(0).attempts());
        }
    }

    @Test
    void aPairOfAuditRowsIsAdjacentAndChainedOrNotWrittenAtAll() {
        try (BoothKey key = BoothKey.loadOrCreate(dir.resolve("booth.key"));
             BoothStore store = BoothStore.open(dir.resolve("booth.db"), key)) {
            AuditTrail audit = store.audit();
            audit.append(AuditEvent.BOOTH_STARTED, null);
            assertEquals(3, audit.appendPair(AuditEvent.OUTBOX_DELIVERED, "MD-20261123-K7M3Q9",
                    AuditEvent.OUTBOX_HQ_REFERENCE, "20261124-ABC234"));
            List<String> lines = audit.export();
            assertTrue(lines.get(1).contains("\tOUTBOX_DELIVERED\tMD-20261123-K7M3Q9\t"), lines.toString());
            assertTrue(lines.get(2).contains("\tOUTBOX_HQ_REFERENCE\t20261124-ABC234\t"), lines.toString());

            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> audit.appendPair(
                    AuditEvent.OUTBOX_DELIVERED, "MD-20261123-K7M3Q9", AuditEvent.OUTBOX_HQ_REFERENCE, "山田 太郎"));
            assertTrue(!refused.getMessage().contains("山田"), "the refused value is not echoed");
            assertEquals(3, audit.size(), "neither row of a refused pair is written");
            assertTrue(audit.verify().ok());
        }
    }
}
