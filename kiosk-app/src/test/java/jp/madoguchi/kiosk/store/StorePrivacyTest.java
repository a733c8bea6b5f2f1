package jp.madoguchi.kiosk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw bytes of the booth's database files never show a resident's data: not while the application
 * waits in the outbox (it is only ciphertext there), and not even its ciphertext once headquarters has
 * it (secure_delete, then the WAL checkpointed and truncated).
 */
class StorePrivacyTest {
    private static final String NAME = "番号 花子";
    private static final String NAME_KANA = "バンゴウ ハナコ";
    private static final String ADDRESS = "東京都千代田区霞が関二丁目1番2号";
    private static final String BIRTH_DATE = "1985-04-01";
    private static final String BIRTH_DATE_WAREKI = "昭和60年4月1日";
    private static final String INDIVIDUAL_NUMBER = "123456789018";
    private static final List<String> PERSONAL = List.of(NAME, NAME_KANA, ADDRESS, BIRTH_DATE, BIRTH_DATE_WAREKI,
            INDIVIDUAL_NUMBER);
    private static final List<Charset> ENCODINGS = List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE,
            StandardCharsets.UTF_16BE);
    private static final String REFERENCE = "MD-20261123-K7M3Q9";

    @TempDir
    Path dir;

    @Test
    void personalDataNeverReachesTheDatabaseFilesAndDeliveredCiphertextIsGone() throws Exception {
        Path db = dir.resolve("store/booth.db");
        byte[] application = applicationJson().getBytes(StandardCharsets.UTF_8);
        byte[] ciphertextChunk;
        try (BoothKey key = BoothKey.loadOrCreate(dir.resolve("keys/booth.key"));
             BoothStore store = BoothStore.open(db, key)) {
            OutboxEntry entry = store.outbox().enqueue(REFERENCE, "idem-0123456789", application);
            store.audit().append(AuditEvent.APPLICATION_SIGNED, REFERENCE);
            store.audit().append(AuditEvent.OUTBOX_ENQUEUED, REFERENCE);
            assertEquals(1, store.outbox().pending().size());

            List<Path> files = databaseFiles(db);
            assertTrue(files.contains(Path.of(db + "-wal")), "the WAL exists while the store is open: " + files);
            // the scan itself works: the reference number is stored in clear and is found
            assertTrue(anyContains(files, REFERENCE.getBytes(StandardCharsets.UTF_8)), "scanner sanity check");
            assertNoPersonalData(files);

            ciphertextChunk = ciphertextChunk(db);
            assertTrue(anyContains(databaseFiles(db), ciphertextChunk), "the ciphertext is on disk before delivery");

            assertTrue(store.outbox().confirmDelivered(entry.id()));
            store.audit().append(AuditEvent.OUTBOX_DELIVERED, REFERENCE);

            List<Path> after = databaseFiles(db);
            assertFalse(anyContains(after, ciphertextChunk), "ciphertext of a delivered application remains in " + after);
            assertNoPersonalData(after);
        }
        List<Path> closed = databaseFiles(db);
        assertFalse(anyContains(closed, ciphertextChunk), "ciphertext remains after close");
        assertNoPersonalData(closed);

        Path log = Path.of("target/kiosk-app-test.log");
        assertTrue(Files.exists(log), "slf4j-simple logs to " + log.toAbsolutePath());
        assertNoPersonalData(List.of(log));
    }

    private static String applicationJson() {
        // the shape of forms' canonical application, padded with a signature so it spans several pages
        String signature = "MII" + "A".repeat(6000);
        return "{\"form\":\"juminhyo\",\"reference\":\"" + REFERENCE + "\",\"resident\":{\"name\":\"" + NAME
                + "\",\"nameKana\":\"" + NAME_KANA + "\",\"address\":\"" + ADDRESS + "\",\"birthDate\":\""
                + BIRTH_DATE + "\",\"birthDateWareki\":\"" + BIRTH_DATE_WAREKI + "\",\"individualNumber\":\""
                + INDIVIDUAL_NUMBER + "\"},\"signature\":\"" + signature + "\"}";
    }

    /** 32 bytes from the middle of the stored ciphertext, read with a separate connection that is closed again. */
    private static byte[] ciphertextChunk(Path db) throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = raw.createStatement();
             ResultSet row = s.executeQuery("SELECT ciphertext FROM outbox")) {
            assertTrue(row.next());
            byte[] ciphertext = row.getBytes(1);
            int middle = ciphertext.length / 2;
            return Arrays.copyOfRange(ciphertext, middle, middle + 32);
        }
    }

    private static List<Path> databaseFiles(Path db) {
        List<Path> files = new ArrayList<>();
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            Path file = Path.of(db + suffix);
            if (Files.exists(file)) {
                files.add(file);
            }
        }
        return files;
    }

    private static void assertNoPersonalData(List<Path> files) throws IOException {
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            for (String value : PERSONAL) {
                for (Charset encoding : ENCODINGS) {
                    assertFalse(indexOf(bytes, value.getBytes(encoding)) >= 0,
                            "personal data (" + encoding + ") found in " + file.getFileName());
                }
            }
        }
    }

    private static boolean anyContains(List<Path> files, byte[] needle) throws IOException {
        for (Path file : files) {
            if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                return true;
            }
        }
        return false;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
