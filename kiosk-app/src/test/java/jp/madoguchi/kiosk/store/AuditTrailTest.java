package jp.madoguchi.kiosk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T01:02:03.456Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private Path db;

    @BeforeEach
    void fiveEvents() {
        db = dir.resolve("booth.db");
        withStore(store -> {
            AuditTrail audit = store.audit();
            assertEquals(1, audit.append(AuditEvent.SESSION_STARTED, null));
            audit.append(AuditEvent.APPLICATION_SIGNED, "MD-20261123-K7M3Q9");
            audit.append(AuditEvent.OUTBOX_ENQUEUED, "MD-20261123-K7M3Q9");
            audit.append(AuditEvent.CALL_STARTED, "20261123-ABC234");
            assertEquals(5, audit.append(AuditEvent.SESSION_WIPED, null));
        });
    }

    private void withStore(java.util.function.Consumer<BoothStore> work) {
        try (BoothKey key = BoothKey.loadOrCreate(dir.resolve("booth.key"));
             BoothStore store = BoothStore.open(db, key, CLOCK)) {
            work.accept(store);
        }
    }

    private AuditVerification verify() {
        AuditVerification[] result = new AuditVerification[1];
        withStore(store -> result[0] = store.audit().verify());
        return result[0];
    }

    private void rawSql(String... statements) throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = raw.createStatement()) {
            for (String sql : statements) {
                s.executeUpdate(sql);
            }
        }
    }

    @Test
    void anUntouchedChainVerifies() {
        AuditVerification result = verify();
        assertTrue(result.ok(), result.toString());
        assertEquals(5, result.rowsChecked());
    }

    @Test
    void anEditedEventIsFoundAtItsRow() throws Exception {
        rawSql("UPDATE audit SET event = 'SESSION_ENDED' WHERE seq = 3");
        AuditVerification result = verify();
        assertFalse(result.ok());
        assertEquals(3, result.firstBrokenSeq().getAsLong(), result.toString());
    }

    @Test
    void anEditedReferenceIsFoundAtItsRow() throws Exception {
        rawSql("UPDATE audit SET reference = 'MD-20261123-OTHER2' WHERE seq = 2");
        assertEquals(2, verify().firstBrokenSeq().getAsLong());
    }

    @Test
    void aReferenceBlankedToTheNoReferenceMarkIsFound() throws Exception {
        rawSql("UPDATE audit SET reference = '-' WHERE seq = 1");
        assertEquals(1, verify().firstBrokenSeq().getAsLong());
    }

    @Test
    void anEditedTimeIsFound() throws Exception {
        rawSql("UPDATE audit SET at = at + 1000 WHERE seq = 4");
        assertEquals(4, verify().firstBrokenSeq().getAsLong());
    }

    @Test
    void aDeletedMiddleRowIsFound() throws Exception {
        rawSql("DELETE FROM audit WHERE seq = 3");
        AuditVerification result = verify();
        assertEquals(4, result.firstBrokenSeq().getAsLong(), result.toString());
        assertEquals(2, result.rowsChecked());
    }

    @Test
    void aDeletedAndRenumberedRowIsFound() throws Exception {
        rawSql("DELETE FROM audit WHERE seq = 3", "UPDATE audit SET seq = seq - 1 WHERE seq > 3");
        assertEquals(3, verify().firstBrokenSeq().getAsLong());
    }

    @Test
    void swappedRowsAreFound() throws Exception {
        // swap the contents of rows 2 and 3, keeping each row's own hashes
        rawSql("UPDATE audit SET seq = -2 WHERE seq = 2",
                "UPDATE audit SET seq = 2 WHERE seq = 3",
                "UPDATE audit SET seq = 3 WHERE seq = -2");
        assertEquals(2, verify().firstBrokenSeq().getAsLong());
    }

    @Test
    void aRowRewrittenWithAFreshHashBreaksTheNextRow() throws Exception {
        withStore(store -> { });
        String canonical = AuditTrail.canonical(2, CLOCK.millis(), "PIN_FAILED", "MD-20261123-K7M3Q9");
        String prev;
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = raw.createStatement();
             java.sql.ResultSet row = s.executeQuery("SELECT hash FROM audit WHERE seq = 1")) {
            row.next();
            prev = row.getString(1);
        }
        rawSql("UPDATE audit SET event = 'PIN_FAILED', hash = '" + AuditTrail.chainHash(prev, canonical)
                + "' WHERE seq = 2");
        assertEquals(3, verify().firstBrokenSeq().getAsLong());
    }

    @Test
    void onlyReferenceNumbersMayEnter() {
        withStore(store -> {
            for (String notAReference : List.of("番号 花子", "MD-20261123-K7M3Q9 番号 花子", "123456789018",
                    "md-20261123-k7m3q9", "東京都千代田区", "")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> store.audit().append(AuditEvent.SESSION_STARTED, notAReference));
                if (!notAReference.isEmpty()) {
                    assertFalse(e.getMessage().contains(notAReference), "the refused value is not echoed");
                }
            }
            assertEquals(5, store.audit().size());
            assertTrue(store.audit().verify().ok());
        });
    }

    @Test
    void theExportHasOneLinePerRowAndTheVerdict() {
        withStore(store -> {
            List<String> lines = store.audit().export();
            assertEquals(6, lines.size());
            assertTrue(lines.get(0).startsWith("1\t2026-11-23T01:02:03.456Z\tSESSION_STARTED\t-\t"), lines.get(0));
            assertTrue(lines.get(1).contains("\tAPPLICATION_SIGNED\tMD-20261123-K7M3Q9\t"), lines.get(1));
            assertEquals("# audit trail intact (5 rows)", lines.get(5));
        });
    }

    @Test
    void theFirstRowChainsFromTheGenesis() throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = raw.createStatement();
             java.sql.ResultSet row = s.executeQuery("SELECT prev_hash FROM audit WHERE seq = 1")) {
            row.next();
            assertEquals(AuditTrail.GENESIS_HASH, row.getString(1));
        }
    }

    @Test
    void latestGivesTheNewestRowsOfTheAskedEventsNewestFirstAndStopsAtTheLimit() {
        withStore(store -> {
            AuditTrail audit = store.audit();
            audit.append(AuditEvent.MAINTENANCE_PIN_FAILED, null);
            audit.append(AuditEvent.SESSION_STARTED, null);
            audit.append(AuditEvent.MAINTENANCE_OPENED, null);
            audit.append(AuditEvent.MAINTENANCE_PIN_FAILED, null);
            java.util.Set<AuditEvent> maintenance = java.util.EnumSet.of(AuditEvent.MAINTENANCE_PIN_FAILED,
                    AuditEvent.MAINTENANCE_OPENED);

            List<AuditRecord> newest = audit.latest(maintenance, 2);
            assertEquals(List.of(new AuditRecord(9, CLOCK.instant(), AuditEvent.MAINTENANCE_PIN_FAILED),
                    new AuditRecord(8, CLOCK.instant(), AuditEvent.MAINTENANCE_OPENED)), newest);
            assertEquals(3, audit.latest(maintenance, 10).size(), "only the asked events");
            assertEquals(List.of(), audit.latest(java.util.EnumSet.of(AuditEvent.MAINTENANCE_LOCKED), 5));
        });
    }
}
