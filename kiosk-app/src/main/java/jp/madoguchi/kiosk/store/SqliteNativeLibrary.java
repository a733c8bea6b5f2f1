package jp.madoguchi.kiosk.store;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sqlite-jdbc's native library, kept in the booth's data directory instead of unpacked into the temp folder at
 * every start.
 *
 * <p>By default sqlite-jdbc copies its native library out of the jar into {@code java.io.tmpdir} each time the
 * JVM first opens a database, and loads it from there: measured on a 2-core machine, opening the booth's store
 * took 110 to 160 ms, of which the connection itself was about 30 ms (README "Starting the booth"). It also fails
 * on machines whose temp folder is mounted {@code noexec}, which hardened kiosk images often do. Here the library
 * is copied once into {@code DIR/sqlite-jdbc-VERSION/} (owner-only like the rest of the data directory), compared
 * with the copy inside the jar at every start (a changed or truncated file is replaced, never loaded), and named
 * to sqlite-jdbc through its {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name} properties.
 *
 * <p>When anything goes wrong (no library for this platform, a read-only disk) the booth goes on with
 * sqlite-jdbc's own unpacking, after a warning: the store opens either way.
 */
public final class SqliteNativeLibrary {
    private static final Logger log = LoggerFactory.getLogger(SqliteNativeLibrary.class);
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";
    static final String TMPDIR_PROPERTY = "org.sqlite.tmpdir";
    private static final int BUFFER = 64 * 1024;

    private SqliteNativeLibrary() {
    }

    /**
     * Tells sqlite-jdbc to load its native library from {@code cacheDirectory}, copying it there first if it is
     * missing or differs from the jar's. Call before the first database is opened in this JVM. Does nothing when
     * the user already named a library with {@code -Dorg.sqlite.lib.path}.
     *
     * @return the library that will be loaded, or empty when sqlite-jdbc unpacks its own
     */
    public static Optional<Path> useCopyIn(Path cacheDirectory) {
        return useCopyIn(cacheDirectory, System.getProperties());
    }

    /** As {@link #useCopyIn(Path)}, naming the library in {@code properties} (the system's, but for tests). */
    static Optional<Path> useCopyIn(Path cacheDirectory, java.util.Properties properties) {
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        if (properties.getProperty(PATH_PROPERTY) != null) {
            return Optional.empty();
        }
        Optional<Path> library;
        try {
            library = copyIn(cacheDirectory, bundledResource(), org.sqlite.SQLiteJDBCLoader.getVersion());
        } catch (IOException | RuntimeException e) {
            log.warn("sqlite-jdbc's native library could not be kept in {} ({}); sqlite-jdbc unpacks its own",
                    cacheDirectory, e.toString());
            return Optional.empty();
        }
        library.ifPresent(file -> {
            properties.setProperty(PATH_PROPERTY, file.getParent().toString());
            properties.setProperty(NAME_PROPERTY, file.getFileName().toString());
            // sqlite-jdbc still lists its temp folder at every start, looking for libraries earlier JVMs unpacked
            // there (all of /tmp, 4 to 5 ms before the booth's first frame); with nothing to unpack, its temp
            // folder is this small one. One the user gave is kept.
            if (properties.getProperty(TMPDIR_PROPERTY) == null) {
                properties.setProperty(TMPDIR_PROPERTY, file.getParent().toString());
            }
        });
        return library;
    }

    /** The jar's native library for this machine, e.g. {@code /org/sqlite/native/Linux/x86_64/libsqlitejdbc.so}. */
    static String bundledResource() {
        return "/org/sqlite/native/" + nativeFolder() + "/" + System.mapLibraryName("sqlitejdbc");
    }

    /**
     * sqlite-jdbc's folder for this machine. The booth's own platforms (glibc Linux on x86-64 or ARM64) are named
     * here: asking sqlite-jdbc ({@code OSInfo}) runs {@code uname -o} in a new process at every start.
     */
    static String nativeFolder() {
        String arch = System.getProperty("os.arch", "");
        boolean glibcLinux = "Linux".equals(System.getProperty("os.name"))
                && !Files.exists(Path.of("/lib/ld-musl-x86_64.so.1")) && !Files.exists(Path.of("/lib/ld-musl-aarch64.so.1"))
                && !System.getenv().containsKey("ANDROID_ROOT");
        if (glibcLinux && (arch.equals("amd64") || arch.equals("x86_64"))) {
            return "Linux/x86_64";
        }
        if (glibcLinux && arch.equals("aarch64")) {
            return "Linux/aarch64";
        }
        return org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS();
    }

    /**
     * Makes sure {@code cacheDirectory/sqlite-jdbc-VERSION/NAME} holds exactly the bytes of {@code resource}: kept
     * when it does, written (to a temporary name, then moved into place) when it is missing or differs.
     *
     * @return the file, or empty when the jar has no such resource (a platform sqlite-jdbc does not ship)
     */
    static Optional<Path> copyIn(Path cacheDirectory, String resource, String version) throws IOException {
        if (!version.matches("[0-9A-Za-z._-]+")) {
            throw new IOException("unexpected sqlite-jdbc version " + version);
        }
        Path directory = cacheDirectory.resolve("sqlite-jdbc-" + version);
        Path target = directory.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        if (SqliteNativeLibrary.class.getResource(resource) == null) {
            return Optional.empty();
        }
        if (Files.isRegularFile(target) && sameContent(resource, target)) {
            return Optional.of(target);
        }
        Files.createDirectories(directory);
        Path partial = Files.createTempFile(directory, "partial-", ".tmp");
        try {
            try (InputStream in = open(resource); OutputStream out = Files.newOutputStream(partial)) {
                in.transferTo(out);
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        log.info("sqlite-jdbc's native library copied to {}", target);
        return Optional.of(target);
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = SqliteNativeLibrary.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("no resource " + resource);
        }
        return new BufferedInputStream(in, BUFFER);
    }

    private static boolean sameContent(String resource, Path file) throws IOException {
        try (InputStream expected = open(resource);
             InputStream actual = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            byte[] a = new byte[BUFFER];
            byte[] b = new byte[BUFFER];
            while (true) {
                int n = expected.readNBytes(a, 0, a.length);
                int m = actual.readNBytes(b, 0, n == 0 ? 1 : n);
                if (n != m || !java.util.Arrays.equals(a, 0, n, b, 0, m)) {
                    return false;
                }
                if (n == 0) {
                    return true;
                }
            }
        }
    }
}
