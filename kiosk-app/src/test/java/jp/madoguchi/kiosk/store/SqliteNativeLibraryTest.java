package jp.madoguchi.kiosk.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteNativeLibraryTest {
    private static final String VERSION = org.sqlite.SQLiteJDBCLoader.getVersion();

    @TempDir
    Path cache;

    @Test
    void theLibraryIsCopiedOnceAndKeptAtTheNextStart() throws Exception {
        String resource = SqliteNativeLibrary.bundledResource();
        Path first = SqliteNativeLibrary.copyIn(cache, resource, VERSION).orElseThrow();
        assertEquals(cache.resolve("sqlite-jdbc-" + VERSION).resolve(System.mapLibraryName("sqlitejdbc")), first);
        assertArrayEquals(bytes(resource), Files.readAllBytes(first), "the jar's library, byte for byte");
        FileTime old = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
        Files.setLastModifiedTime(first, old);

        Path second = SqliteNativeLibrary.copyIn(cache, resource, VERSION).orElseThrow();
        assertEquals(first, second);
        assertEquals(old, Files.getLastModifiedTime(second), "an intact copy is not written again");
        try (Stream<Path> files = Files.list(first.getParent())) {
            assertEquals(1, files.count(), "no partial files left beside it");
        }
    }

    @Test
    void sqliteJdbcIsToldToLoadTheCopyAndToLookForOldUnpackedLibrariesBesideItNotInTmp() {
        java.util.Properties properties = new java.util.Properties();
        Path library = SqliteNativeLibrary.useCopyIn(cache, properties).orElseThrow();
        assertEquals(library.getParent().toString(), properties.getProperty("org.sqlite.lib.path"));
        assertEquals(library.getFileName().toString(), properties.getProperty("org.sqlite.lib.name"));
        assertEquals(library.getParent().toString(), properties.getProperty("org.sqlite.tmpdir"));

        java.util.Properties given = new java.util.Properties();
        given.setProperty("org.sqlite.tmpdir", "/var/tmp/booth");
        SqliteNativeLibrary.useCopyIn(cache, given).orElseThrow();
        assertEquals("/var/tmp/booth", given.getProperty("org.sqlite.tmpdir"), "a temp folder the user gave is kept");

        java.util.Properties own = new java.util.Properties();
        own.setProperty("org.sqlite.lib.path", "/opt/sqlite");
        assertEquals(Optional.empty(), SqliteNativeLibrary.useCopyIn(cache, own), "a library the user named wins");
        assertEquals(1, own.size(), "and nothing else is set");
    }

    @Test
    void theFolderNamedWithoutAskingUnameIsTheOneSqliteJdbcWouldChoose() {
        assertEquals(org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS(), SqliteNativeLibrary.nativeFolder());
    }

    @Test
    void aChangedOrTruncatedCopyIsReplacedNotLoaded() throws Exception {
        String resource = SqliteNativeLibrary.bundledResource();
        Path library = SqliteNativeLibrary.copyIn(cache, resource, VERSION).orElseThrow();
        byte[] original = Files.readAllBytes(library);

        byte[] changed = original.clone();
        changed[changed.length / 2] ^= 0x5a;
        Files.write(library, changed);
        SqliteNativeLibrary.copyIn(cache, resource, VERSION);
        assertArrayEquals(original, Files.readAllBytes(library), "one changed byte: replaced");

        Files.write(library, java.util.Arrays.copyOf(original, original.length - 1));
        SqliteNativeLibrary.copyIn(cache, resource, VERSION);
        assertArrayEquals(original, Files.readAllBytes(library), "one byte short: replaced");

        Files.write(library, java.util.Arrays.copyOf(original, original.length + 1));
        SqliteNativeLibrary.copyIn(cache, resource, VERSION);
        assertArrayEquals(original, Files.readAllBytes(library), "one byte too many: replaced");
    }

    @Test
    void aPlatformWithoutABundledLibraryLeavesSqliteJdbcToItsOwnWays() throws Exception {
        assertEquals(Optional.empty(),
                SqliteNativeLibrary.copyIn(cache, "/org/sqlite/native/Plan9/mips/libsqlitejdbc.so", VERSION));
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    @Test
    void aVersionThatIsNotAPlainNameIsRefusedRatherThanUsedAsAPath() {
        IOException e = assertThrows(IOException.class,
                () -> SqliteNativeLibrary.copyIn(cache, SqliteNativeLibrary.bundledResource(), "../../etc"));
        assertTrue(e.getMessage().contains("../../etc"), e.getMessage());
    }

    private static byte[] bytes(String resource) throws IOException {
        try (InputStream in = SqliteNativeLibrary.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }
}
