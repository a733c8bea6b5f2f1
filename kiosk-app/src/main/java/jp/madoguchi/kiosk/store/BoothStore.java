package jp.madoguchi.kiosk.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The booth's local store: one SQLite file holding the {@link Outbox}, the {@link Settings} and the
 * {@link AuditTrail}, migrated by Flyway from {@code classpath:db/kiosk} (Flyway is skipped when the schema is already
 * at the newest bundled migration: {@link #isAtNewestBundledMigration}).
 *
 * <p>The file is opened in WAL mode with {@code synchronous=FULL} (a signed application, once
 * enqueued, survives a power cut), foreign keys on, {@code secure_delete=ON} (deleted rows are
 * overwritten with zeros instead of lingering in free pages) and a busy timeout for another process
 * (the {@code sqlite3} shell) holding the file.
 *
 * <p><b>Thread-safe, single writer.</b> The store owns exactly one connection; every operation of
 * the three repositories runs under one fair lock, in arrival order, so there is never more than one
 * writer and a write is one transaction ({@code BEGIN IMMEDIATE}). Operations are short (a row or
 * a few); callers still keep them off the FX thread. One booth process per file.
 */
public final class BoothStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BoothStore.class);

    /** How long a statement waits for a lock held by another process. */
    static final int BUSY_TIMEOUT_MILLIS = 10_000;
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final String MIGRATIONS = "classpath:db/kiosk";
    /**
     * The migrations in {@link #MIGRATIONS}, oldest first: add each new one here too (BoothStoreMigrationTest
     * fails if this list and the folder differ).
     */
    static final List<String> BUNDLED_MIGRATIONS = List.of("V1__booth_store.sql");

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Outbox outbox;
    private final Settings settings;
    private final AuditTrail audit;
    private boolean closed;
    private boolean flywayRan;

    private BoothStore(Path file, Connection connection, BoothKey key, Clock clock) {
        this.file = file;
        this.connection = connection;
        this.audit = new AuditTrail(this, clock);
        this.outbox = new Outbox(this, key, clock);
        this.settings = new Settings(this, audit, clock);
    }

    /** Opens (creating if needed) the store at {@code file} with the booth's key and the system clock (UTC). */
    public static BoothStore open(Path file, BoothKey key) {
        return open(file, key, Clock.systemUTC());
    }

    /** Opens (creating if needed) the store at {@code file} and brings its schema up to date. */
    public static BoothStore open(Path file, BoothKey key, Clock clock) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(clock, "clock");
        Path absolute = file.toAbsolutePath();
        try {
            ownerOnly(absolute);
        } catch (IOException e) {
            throw new StoreException("creating the booth store file owner-only", e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + absolute);

        Connection connection = null;
        int applied = 0;
        boolean migrated = false;
        try {
            connection = dataSource.getConnection();
            if (!isAtNewestBundledMigration(connection, BUNDLED_MIGRATIONS)) {
                // a new or older database (or one this check cannot vouch for): Flyway decides, on its own connection
                applied = migrate(dataSource);
                migrated = true;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA secure_delete = ON");
            }
            requirePragma(connection, "journal_mode", "wal");
            requirePragma(connection, "secure_delete", "1");
            requirePragma(connection, "foreign_keys", "1");
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (e instanceof StoreException store) {
                throw store;
            }
            throw new StoreException("opening the booth store", e);
        }
        log.info("booth store open: {}", migrated ? "migrationsApplied=" + applied
                : "schema at the newest bundled migration, Flyway not needed");
        BoothStore store = new BoothStore(absolute, connection, key, clock);
        store.flywayRan = migrated;
        return store;
    }

    private static int migrate(SQLiteDataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .load()
                .migrate().migrationsExecuted;
    }

    /**
     * Whether the database's Flyway history is exactly the bundled migrations, in order, each applied
     * successfully with the checksum Flyway computes for the bundled script: then Flyway (whose start and
     * classpath scan cost the booth over half a second at every start) would validate and apply nothing, and is
     * skipped. Anything else (no history table, a missing, extra, failed or changed migration) is Flyway's to
     * handle, as before. Reads only; never changes the database.
     */
    static boolean isAtNewestBundledMigration(Connection connection, List<String> bundled) {
        List<String[]> history = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet table = statement.executeQuery(
                     "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'flyway_schema_history'")) {
            if (!table.next() || table.getInt(1) != 1) {
                return false;
            }
        } catch (SQLException e) {
            return false;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT script, checksum, success, version FROM "
                     + "flyway_schema_history ORDER BY installed_rank")) {
            while (rows.next()) {
                history.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)});
            }
        } catch (SQLException e) {
            return false;
        }
        if (history.size() != bundled.size()) {
            return false;
        }
        for (int i = 0; i < bundled.size(); i++) {
            String[] row = history.get(i);
            String script = bundled.get(i);
            if (!script.equals(row[0]) || !"1".equals(row[2]) || row[3] == null || row[1] == null) {
                return false;
            }
            OptionalInt checksum = flywayChecksum(script);
            if (checksum.isEmpty() || !Integer.toString(checksum.getAsInt()).equals(row[1])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Flyway's checksum of a bundled SQL migration: CRC32 over its lines' UTF-8 bytes, line endings left out and a
     * byte order mark dropped (the value in {@code flyway_schema_history.checksum}; BoothStoreMigrationTest
     * compares it with Flyway's own). Empty if the script is not on the class path.
     */
    static OptionalInt flywayChecksum(String script) {
        String resource = MIGRATIONS.substring("classpath:".length()) + "/" + script;
        InputStream in = BoothStore.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            return OptionalInt.empty();
        }
        CRC32 crc = new CRC32();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean first = true;
            while ((line = reader.readLine()) != null) {
                if (first && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                first = false;
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) crc.getValue());
    }

    /**
     * Makes the database owner-only before SQLite opens it: a missing parent directory is created 0700, a missing
     * database file is created empty with 0600 (SQLite gives its {@code -wal} and {@code -shm} files the database
     * file's mode), and an existing file, WAL or shared-memory file others could read (an older booth version, a
     * wide umask, a copy) is narrowed to 0600. On a file system without POSIX modes only the directory is made.
     */
    private static void ownerOnly(Path database) throws IOException {
        Path parent = database.getParent();
        boolean posix = database.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (parent != null && !Files.isDirectory(parent)) {
            if (posix) {
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
                Files.setPosixFilePermissions(parent, OWNER_ONLY_DIRECTORY); // the umask may have narrowed it
            } else {
                Files.createDirectories(parent);
            }
        }
        if (!posix) {
            return;
        }
        if (!Files.exists(database)) {
            try {
                Files.createFile(database, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            } catch (FileAlreadyExistsException raced) {
                // another process made it first: narrowed below like any existing file
            }
        }
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path file = Path.of(database + suffix);
            if (Files.exists(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY_FILE)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
            }
        }
    }

    /** Whether Flyway ran when this store was opened (false: the schema was already at the newest bundled migration). */
    boolean flywayRan() {
        return flywayRan;
    }

    private static void requirePragma(Connection connection, String pragma, String expected) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("PRAGMA " + pragma)) {
            String actual = row.next() ? row.getString(1) : null;
            if (!expected.equalsIgnoreCase(actual)) {
                throw new StoreException("the booth store needs PRAGMA " + pragma + " = " + expected
                        + " but SQLite reports " + actual);
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    public Outbox outbox() {
        return outbox;
    }

    public Settings settings() {
        return settings;
    }

    public AuditTrail audit() {
        return audit;
    }

    /** The database file; its WAL and shared-memory files are beside it ({@code -wal}, {@code -shm}). */
    public Path file() {
        return file;
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. Re-entrant. */
    <T> T write(String operation, SqlWork<T> work) {
        lock.lock();
        try {
            requireOpen();
            if (!connection.getAutoCommit()) {
                return work.run(connection); // already inside this thread's transaction
            }
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(operation, e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} outside a transaction (auto-commit), under the store's lock. */
    <T> T read(String operation, SqlWork<T> work) {
        lock.lock();
        try {
            requireOpen();
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException(operation, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Copies every page in the WAL back into the database file and truncates the WAL to zero bytes,
     * so content deleted before this call (and overwritten by {@code secure_delete}) leaves no older
     * copy in the WAL. Must not run inside a transaction.
     */
    boolean checkpointTruncate(String operation) {
        return read(operation, c -> {
            try (Statement statement = c.createStatement();
                 ResultSet row = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                if (row.next() && row.getInt(1) != 0) {
                    log.warn("WAL checkpoint could not complete (another reader holds the file); it will be retried");
                    return false;
                }
                return true;
            }
        });
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the booth store is closed");
        }
    }

    /** Checkpoints the WAL and closes the connection. The {@link BoothKey} is the caller's to close. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            try {
                checkpointTruncate("checkpointing the WAL on close");
            } catch (StoreException e) {
                log.warn("WAL checkpoint on close failed", e);
            }
            closed = true;
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("closing the booth store", e);
        } finally {
            lock.unlock();
        }
    }
}
