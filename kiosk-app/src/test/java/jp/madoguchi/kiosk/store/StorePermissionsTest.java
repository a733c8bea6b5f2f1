package jp.madoguchi.kiosk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The booth's SQLite database holds the encrypted outbox, the maintenance PIN's hash and the audit trail:
 * the file, its WAL and shared-memory files are owner-only (0600) in an owner-only directory (0700),
 * whatever the process umask, and a store left readable by an older version is narrowed on open.
 */
class StorePermissionsTest {
    @TempDir
    Path dir;

    @Test
    void aNewStoreAndItsWalAreOwnerOnlyInAnOwnerOnlyDirectory() throws Exception {
        Path db = dir.resolve("store/booth.db");
        try (BoothKey key = BoothKey.loadOrCreate(dir.resolve("keys/booth.key"));
             BoothStore store = BoothStore.open(db, key)) {
            store.outbox().enqueue("MD-20261123-K7M3Q9", "idem-0123456789", "{}".getBytes(StandardCharsets.UTF_8));
            Path wal = Path.of(db + "-wal");
            Path shm = Path.of(db + "-shm");
            assertTrue(Files.exists(wal), "the WAL exists while the store is open");
            assertEquals("rw-------", mode(db));
            assertEquals("rw-------", mode(wal));
            if (Files.exists(shm)) {
                assertEquals("rw-------", mode(shm));
            }
            assertEquals("rwx------", mode(db.getParent()));
        }
    }

    @Test
    void aStoreOthersCouldReadIsNarrowedWhenOpened() throws Exception {
        Path db = dir.resolve("booth.db");
        try (BoothKey key = BoothKey.loadOrCreate(dir.resolve("keys/booth.key"))) {
            BoothStore.open(db, key).close();
            Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
            try (BoothStore store = BoothStore.open(db, key)) {
                store.audit().append(AuditEvent.OUTBOX_ENQUEUED, "MD-20261123-K7M3Q9");
                assertEquals("rw-------", mode(db));
                assertEquals("rw-------", mode(Path.of(db + "-wal")));
            }
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
