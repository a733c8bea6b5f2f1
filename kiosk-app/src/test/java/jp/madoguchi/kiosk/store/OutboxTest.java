package jp.madoguchi.kiosk.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path dir;

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private BoothKey key() {
        return BoothKey.loadOrCreate(dir.resolve("keys/booth.key"));
    }

    @Test
    void pendingReturnsEntriesInEnqueueOrderDecrypted() {
        try (BoothKey key = key(); BoothStore store = BoothStore.open(dir.resolve("booth.db"), key)) {
            Outbox outbox = store.outbox();
            outbox.enqueue("MD-20261123-AAAAA2", "idem-key-0001", utf8("{\"n\":1}"));
            outbox.enqueue("MD-20261123-BBBBB3", "idem-key-0002", utf8("{\"n\":2}"));
            outbox.enqueue("MD-20261123-CCCCC4", "idem-key-0003", utf8("{\"n\":3}"));

            List<OutboxEntry> pending = outbox.pending();
            assertEquals(List.of("MD-20261123-AAAAA2", "MD-20261123-BBBBB3", "MD-20261123-CCCCC4"),
                    pending.stream().map(OutboxEntry::reference).toList());
            assertArrayEquals(utf8("{\"n\":2}"), pending.get(1).payload());
            assertEquals("idem-key-0003", pending.get(2).idempotencyKey());
            assertEquals(0, pending.get(0).attempts());
            assertEquals(3, outbox.size());
            assertFalse(pending.get(0).toString().contains("\"n\""), "toString leaves the payload out");
        }
    }

    @Test
    void theSameIdempotencyKeyIsStoredOnce() {
        try (BoothKey key = key(); BoothStore store = BoothStore.open(dir.resolve("booth.db"), key)) {
            OutboxEntry first = store.outbox().enqueue("MD-20261123-AAAAA2", "idem-key-0001", utf8("first"));
            OutboxEntry again = store.outbox().enqueue("MD-20261123-AAAAA2", "idem-key-0001", utf8("second"));

            assertEquals(first.id(), again.id());
            assertArrayEquals(utf8("first"), again.payload());
            assertEquals(1, store.outbox().size());
        }
    }

    @Test
    void aSignedApplicationIsEnqueuedWithItsTwoAuditRowsOrNotAtAll() throws Exception {
        Path db = dir.resolve("booth.db");
        try (BoothKey key = key(); BoothStore store = BoothStore.open(db, key)) {
            store.outbox().enqueueSigned("MD-20261123-AAAAA2", "idem-key-0001", utf8("signed a"));
            store.outbox().enqueueSigned("MD-20261123-AAAAA2", "idem-key-0001", utf8("signed a"));
            assertEquals(List.of("APPLICATION_SIGNED MD-20261123-AAAAA2", "OUTBOX_ENQUEUED MD-20261123-AAAAA2"),
                    auditRows(db), "both rows once, adjacent; a repeat of the key writes nothing");

            // the second row cannot be written (a trigger planted for the test): neither the entry nor the first row stay
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
                s.execute("CREATE TRIGGER planted BEFORE INSERT ON audit WHEN NEW.event = 'OUTBOX_ENQUEUED'"
                        + " AND NEW.reference = 'MD-20261123-BBBBB3' BEGIN SELECT RAISE(ABORT, 'planted'); END");
            }
            assertThrows(StoreException.class,
                    () -> store.outbox().enqueueSigned("MD-20261123-BBBBB3", "idem-key-0002", utf8("signed b")));
            assertEquals(1, store.outbox().size(), "no entry without its audit rows");
            assertEquals(2, auditRows(db).size(), "no APPLICATION_SIGNED without its entry: " + auditRows(db));
            assertTrue(store.audit().verify().ok());
        }
    }

    private static List<String> auditRows(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT event, reference FROM audit ORDER BY seq")) {
            List<String> rows = new java.util.ArrayList<>();
            while (row.next()) {
                rows.add(row.getString(1) + " " + row.getString(2));
            }
            return rows;
        }
    }

    @Test
    void attemptsAreCountedAndConfirmDeletes() {
        try (BoothKey key = key(); BoothStore store = BoothStore.open(dir.resolve("booth.db"), key)) {
            OutboxEntry a = store.outbox().enqueue("MD-20261123-AAAAA2", "idem-key-0001", utf8("a"));
            OutboxEntry b = store.outbox().enqueue("MD-20261123-BBBBB3", "idem-key-0002", utf8("b"));
            assertTrue(store.outbox().recordAttempt(a.id(), "hq.unreachable"));
            assertTrue(store.outbox().recordAttempt(a.id(), "hq.timeout"));
            assertEquals(2, store.outbox().pending().get(0).attempts());
            assertThrows(IllegalArgumentException.class, () -> store.outbox().recordAttempt(a.id(), "番号 花子"));

            assertTrue(store.outbox().confirmDelivered(a.id()));
            assertFalse(store.outbox().confirmDelivered(a.id()), "already gone");
            assertEquals(List.of(b.id()), store.outbox().pending().stream().map(OutboxEntry::id).toList());
        }
    }

    @Test
    void enqueueRefusesWhatIsNotAReferenceOrAKey() {
        try (BoothKey key = key(); BoothStore store = BoothStore.open(dir.resolve("booth.db"), key)) {
            assertThrows(IllegalArgumentException.class,
                    () -> store.outbox().enqueue("番号 花子", "idem-key-0001", utf8("x")));
            assertThrows(IllegalArgumentException.class,
                    () -> store.outbox().enqueue("MD-20261123-AAAAA2", "short", utf8("x")));
            assertEquals(0, store.outbox().size());
        }
    }

    @Test
    void entriesSurviveReopeningWithTheSameKeyFile() {
        Path db = dir.resolve("booth.db");
        long id;
        try (BoothKey key = key(); BoothStore store = BoothStore.open(db, key)) {
            id = store.outbox().enqueue("MD-20261123-AAAAA2", "idem-key-0001", utf8("signed")).id();
        }
        try (BoothKey key = key(); BoothStore store = BoothStore.open(db, key)) {
            List<OutboxEntry> pending = store.outbox().pending();
            assertEquals(1, pending.size());
            assertEquals(id, pending.get(0).id());
            assertArrayEquals(utf8("signed"), pending.get(0).payload());
            // a new entry after reopening still comes after the old one
            long next = store.outbox().enqueue("MD-20261123-BBBBB3", "idem-key-0002", utf8("later")).id();
            assertTrue(next > id);
        }
    }

    @Test
    void aWrongKeyIsATypedErrorAndTheEntryIsKept() {
        Path db = dir.resolve("booth.db");
        try (BoothKey key = key(); BoothStore store = BoothStore.open(db, key)) {
            store.outbox().enqueue("MD-20261123-AAAAA2", "idem-key-0001", utf8("signed"));
        }
        try (BoothKey other = BoothKey.loadOrCreate(dir.resolve("other/booth.key"));
             BoothStore store = BoothStore.open(db, other)) {
            OutboxEntryUnreadableException e = assertThrows(OutboxEntryUnreadableException.class,
                    () -> store.outbox().pending());
            assertEquals("MD-20261123-AAAAA2", e.reference());
            assertTrue(e.getMessage().contains("key"), e.getMessage());
            assertTrue(e.getMessage().contains("kept"), e.getMessage());
            assertEquals(1, store.outbox().size(), "nothing signed is dropped");
            // the same key again is refused too, not silently replaced
            assertThrows(OutboxEntryUnreadableException.class,
                    () -> store.outbox().enqueue("MD-20261123-AAAAA2", "idem-key-0001", utf8("again")));
            assertEquals(1, store.outbox().size());
        }
        try (BoothKey key = key(); BoothStore store = BoothStore.open(db, key)) {
            assertArrayEquals(utf8("signed"), store.outbox().pending().get(0).payload(), "the right key still reads it");
        }
    }

    @Test
    void ciphertextMovedOntoAnotherRowDoesNotDecrypt() throws Exception {
        Path db = dir.resolve("booth.db");
        try (BoothKey key = key(); BoothStore store = BoothStore.open(db, key)) {
            store.outbox().enqueue("MD-20261123-AAAAA2", "idem-key-0001", utf8("resident A"));
            store.outbox().enqueue("MD-20261123-BBBBB3", "idem-key-0002", utf8("resident B"));
        }
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            byte[] nonce;
            byte[] ciphertext;
            try (Statement s = raw.createStatement();
                 ResultSet row = s.executeQuery("SELECT nonce, ciphertext FROM outbox WHERE id = 1")) {
                row.next();
                nonce = row.getBytes(1);
                ciphertext = row.getBytes(2);
            }
            try (PreparedStatement update = raw.prepareStatement(
                    "UPDATE outbox SET nonce = ?, ciphertext = ? WHERE id = 2")) {
                update.setBytes(1, nonce);
                update.setBytes(2, ciphertext);
                update.executeUpdate();
            }
        }
        try (BoothKey key = key(); BoothStore store = BoothStore.open(db, key)) {
            OutboxEntryUnreadableException e = assertThrows(OutboxEntryUnreadableException.class,
                    () -> store.outbox().pending());
            assertEquals(2, e.id());
            assertEquals(2, store.outbox().size());
        }
    }

    @Test
    void aTamperedCiphertextDoesNotDecrypt() throws Exception {
        Path db = dir.resolve("booth.db");
        try (BoothKey key = key(); BoothStore store = BoothStore.open(db, key)) {
            store.outbox().enqueue("MD-20261123-AAAAA2", "idem-key-0001", utf8("resident A"));
        }
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = raw.createStatement()) {
            s.executeUpdate("UPDATE outbox SET reference = 'MD-20261123-ZZZZZ9'");
        }
        try (BoothKey key = key(); BoothStore store = BoothStore.open(db, key)) {
            assertThrows(OutboxEntryUnreadableException.class, () -> store.outbox().pending());
            assertEquals(1, store.outbox().size());
        }
    }

    @Test
    void noncesAreFreshPerEntry() throws Exception {
        Path db = dir.resolve("booth.db");
        try (BoothKey key = key(); BoothStore store = BoothStore.open(db, key)) {
            store.outbox().enqueue("MD-20261123-AAAAA2", "idem-key-0001", utf8("same"));
            store.outbox().enqueue("MD-20261123-AAAAA2", "idem-key-0002", utf8("same"));
        }
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = raw.createStatement();
             ResultSet row = s.executeQuery("SELECT nonce, ciphertext FROM outbox ORDER BY id")) {
            row.next();
            byte[] nonce1 = row.getBytes(1);
            byte[] ct1 = row.getBytes(2);
            row.next();
            assertEquals(Outbox.NONCE_BYTES, nonce1.length);
            assertNotEquals(java.util.HexFormat.of().formatHex(nonce1), java.util.HexFormat.of().formatHex(row.getBytes(1)));
            assertNotEquals(java.util.HexFormat.of().formatHex(ct1), java.util.HexFormat.of().formatHex(row.getBytes(2)));
        }
    }

    @Test
    void theStoreRunsWithTheRequiredPragmas() throws Exception {
        try (BoothKey key = key(); BoothStore store = BoothStore.open(dir.resolve("booth.db"), key)) {
            assertEquals("wal", store.read("t", c -> pragma(c, "journal_mode")));
            assertEquals("1", store.read("t", c -> pragma(c, "secure_delete")));
            assertEquals("1", store.read("t", c -> pragma(c, "foreign_keys")));
            assertEquals(Integer.toString(BoothStore.BUSY_TIMEOUT_MILLIS), store.read("t", c -> pragma(c, "busy_timeout")));
        }
    }

    private static String pragma(Connection c, String name) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); ResultSet row = s.executeQuery("PRAGMA " + name)) {
            row.next();
            return row.getString(1);
        }
    }
}
