package jp.madoguchi.kiosk.app;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The booth's data directory: its key ({@code booth.key}), its store ({@code booth.db}, with SQLite's WAL beside
 * it), its log ({@code logs/booth.log}) and, while it runs, its {@code running} marker. Default {@code $XDG_DATA_HOME/madoguchi-booth}, or
 * {@code ~/.local/share/madoguchi-booth} without {@code XDG_DATA_HOME}.
 *
 * <p>The directory and its {@code logs} folder are made with mode {@code 0700}; an existing directory that
 * group or others may enter is narrowed to {@code 0700} (the outbox and the key live there). Nothing here
 * logs: the directory is prepared before logging is configured, since the log file lives in it. Immutable.
 */
public final class BoothDataDirectory {
    static final String DIRECTORY_NAME = "madoguchi-booth";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path root;

    private BoothDataDirectory(Path root) {
        this.root = root;
    }

    /** The default location for this environment ({@code XDG_DATA_HOME} and {@code user.home}). */
    public static Path defaultLocation(Map<String, String> environment, String userHome) {
        String xdg = environment.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".local", "share");
        return base.resolve(DIRECTORY_NAME);
    }

    /**
     * Creates the directory and its {@code logs} folder if needed, owner-only.
     *
     * @throws IOException when it cannot be made, is not a directory, or its permissions cannot be set
     */
    public static BoothDataDirectory prepare(Path location) throws IOException {
        Objects.requireNonNull(location, "location");
        Path root = location.toAbsolutePath().normalize();
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(root)) {
            throw new IOException(root + " exists and is not a directory");
        }
        ownerOnlyDirectory(root);
        ownerOnlyDirectory(root.resolve("logs"));
        BoothDataDirectory directory = new BoothDataDirectory(root);
        ownerOnlyFile(directory.logFile());
        return directory;
    }

    /**
     * The log file readable by the booth's user only ({@code 0600}) before slf4j-simple opens it for appending, which
     * would create it with the process umask: created so when missing, narrowed when an older one is wider.
     */
    private static void ownerOnlyFile(Path file) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        } catch (FileAlreadyExistsException exists) {
            // an older log, perhaps from before this check
        }
        Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
    }

    private static void ownerOnlyDirectory(Path directory) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(directory)) {
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createDirectories(directory);
            }
        }
        if (posix) {
            // createDirectories is subject to the umask, and an older directory may be wider: make it 0700
            Files.setPosixFilePermissions(directory, OWNER_ONLY);
        }
    }

    public Path root() {
        return root;
    }

    /** The booth's AES key (kiosk.store.BoothKey), 0600. */
    public Path keyFile() {
        return root.resolve("booth.key");
    }

    /** The booth's SQLite store (kiosk.store.BoothStore). */
    public Path storeFile() {
        return root.resolve("booth.db");
    }

    /** Native libraries kept between starts (kiosk.store.SqliteNativeLibrary): no code is unpacked into /tmp. */
    public Path nativeDirectory() {
        return root.resolve("native");
    }

    /** Present while the booth runs; left behind by a run that did not stop cleanly ({@link RunningMarker}). */
    public Path runningMarkerFile() {
        return root.resolve(RunningMarker.FILE_NAME);
    }

    public Path logDirectory() {
        return root.resolve("logs");
    }

    /** Where slf4j-simple writes. */
    public Path logFile() {
        return logDirectory().resolve("booth.log");
    }

    @Override
    public String toString() {
        return "BoothDataDirectory[" + root + "]";
    }
}
