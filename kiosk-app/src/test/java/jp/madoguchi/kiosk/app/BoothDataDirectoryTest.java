package jp.madoguchi.kiosk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The booth's data directory holds its key and outbox: only the booth's user may enter it. */
class BoothDataDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void madeOwnerOnlyWithItsLogFolder() throws IOException {
        BoothDataDirectory directory = BoothDataDirectory.prepare(temp.resolve("a/b/madoguchi-booth"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.root())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.logDirectory())));
        assertEquals(directory.root().resolve("booth.key"), directory.keyFile());
        assertEquals(directory.root().resolve("booth.db"), directory.storeFile());
        assertEquals(directory.root().resolve("logs/booth.log"), directory.logFile());
    }

    @Test
    void anExistingDirectoryOthersCouldEnterIsNarrowed() throws IOException {
        Path wide = Files.createDirectory(temp.resolve("wide"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(wide, PosixFilePermissions.fromString("rwxrwxr-x"));
        Files.writeString(wide.resolve("kept"), "an earlier run's file");
        BoothDataDirectory directory = BoothDataDirectory.prepare(wide);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.root())));
        assertTrue(Files.exists(wide.resolve("kept")), "what was there stays");
    }

    @Test
    void theLogFileIsReadableByTheBoothsUserOnlyAndAnOlderWiderOneIsNarrowedKeepingItsLines() throws IOException {
        BoothDataDirectory fresh = BoothDataDirectory.prepare(temp.resolve("fresh"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.logFile())),
                "made before the logger opens it with the process umask");

        Path older = temp.resolve("older");
        Files.createDirectories(older.resolve("logs"));
        Path log = Files.writeString(older.resolve("logs/booth.log"), "an earlier run's line\n");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
        BoothDataDirectory again = BoothDataDirectory.prepare(older);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(again.logFile())));
        assertEquals("an earlier run's line\n", Files.readString(again.logFile()), "nothing of the old log is lost");
    }

    @Test
    void aFileInTheWayIsReported() throws IOException {
        Path file = Files.writeString(temp.resolve("not-a-directory"), "x");
        IOException e = assertThrows(IOException.class, () -> BoothDataDirectory.prepare(file));
        assertEquals(file + " exists and is not a directory", e.getMessage());
    }

    @Test
    void theDefaultFollowsXdgDataHomeElseTheHomeFolder() {
        assertEquals(Path.of("/srv/xdg/madoguchi-booth"),
                BoothDataDirectory.defaultLocation(Map.of("XDG_DATA_HOME", "/srv/xdg"), "/home/booth"));
        assertEquals(Path.of("/home/booth/.local/share/madoguchi-booth"),
                BoothDataDirectory.defaultLocation(Map.of(), "/home/booth"));
        assertEquals(Path.of("/home/booth/.local/share/madoguchi-booth"),
                BoothDataDirectory.defaultLocation(Map.of("XDG_DATA_HOME", " "), "/home/booth"));
    }
}
