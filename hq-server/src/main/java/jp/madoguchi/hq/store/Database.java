package jp.madoguchi.hq.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Headquarters' database: a connection pool for one JDBC URL, the schema migrations, and the two
 * ways repositories use it, {@link #write} (one transaction) and {@link #read}. Thread-safe.
 *
 * <p><b>SQLite</b> ({@code jdbc:sqlite:/path/hq.db}, the default) allows one writer at a time. Every
 * connection runs in WAL mode (readers never wait for the writer), with foreign keys on,
 * {@code synchronous=NORMAL} and a busy timeout. Write transactions begin {@code IMMEDIATE} (they
 * take the write lock up front, so a transaction never fails half-way when it upgrades from
 * reading to writing) and are queued in this process by a fair lock, so 200 simultaneous
 * submissions are written one after another in arrival order instead of polling SQLite's busy
 * handler. The busy timeout only matters if another process (say the {@code sqlite3} shell) holds
 * the file. One headquarters process per SQLite file.
 *
 * <p><b>PostgreSQL</b> ({@code jdbc:postgresql://host:port/db}) uses a HikariCP pool and runs write
 * transactions in READ COMMITTED, retried on a serialization failure or deadlock; the
 * repositories' statements are written so that concurrent writers resolve through row locks and
 * unique constraints. Server error details (which quote row values, and rows hold personal data)
 * are left out of exception messages.
 *
 * <p>The migrations in {@code classpath:db/migration} are shared by both databases; the only
 * difference, the binary column type, is the Flyway placeholder {@code ${blob}}.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** How long a SQLite connection waits for a lock held by another process. */
    static final int SQLITE_BUSY_TIMEOUT_MILLIS = 30_000;
    private static final int SQLITE_POOL_SIZE = 4;
    private static final int POSTGRESQL_POOL_SIZE = 10;
    private static final long WRITE_QUEUE_TIMEOUT_SECONDS = 30;
    private static final int MAX_ATTEMPTS_ON_SERIALIZATION_FAILURE = 5;

    private final DatabaseKind kind;
    private final HikariDataSource dataSource;
    /** SQLite only: queues this process's write transactions, first come, first served. */
    private final ReentrantLock sqliteWriteLock = new ReentrantLock(true);
    private final ThreadLocal<Boolean> inWrite = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Database(DatabaseKind kind, HikariDataSource dataSource) {
        this.kind = kind;
        this.dataSource = dataSource;
    }

    /** Connects to {@code jdbcUrl} and brings its schema up to date. Credentials, if any, in the URL. */
    public static Database open(String jdbcUrl) {
        return open(jdbcUrl, null, null);
    }

    /** Connects with a user and password (PostgreSQL; ignored by SQLite) and brings the schema up to date. */
    public static Database open(String jdbcUrl, String user, String password) {
        Database database = connect(jdbcUrl, user, password);
        try {
            database.migrate();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /** Connects without migrating; {@link #migrate()} next. */
    public static Database connect(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        DatabaseKind kind = DatabaseKind.of(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("hq-" + kind.name().toLowerCase(Locale.ROOT));
        if (kind == DatabaseKind.SQLITE) {
            createParentDirectory(jdbcUrl);
            SQLiteConfig sqlite = new SQLiteConfig();
            sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            sqlite.enforceForeignKeys(true);
            sqlite.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
            sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            config.setDataSourceProperties(sqlite.toProperties());
            config.setMaximumPoolSize(SQLITE_POOL_SIZE);
        } else {
            if (user != null) {
                config.setUsername(user);
            }
            if (password != null) {
                config.setPassword(password);
            }
            config.addDataSourceProperty("logServerErrorDetail", "false");
            config.addDataSourceProperty("ApplicationName", "madoguchi-hq");
            config.setMaximumPoolSize(POSTGRESQL_POOL_SIZE);
        }
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(WRITE_QUEUE_TIMEOUT_SECONDS));
        HikariDataSource pool = new HikariDataSource(config);
        log.info("database connected: kind={}", kind);
        return new Database(kind, pool);
    }

    private static void createParentDirectory(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        if (path.isEmpty() || path.contains(":memory:") || jdbcUrl.contains("mode=memory")) {
            throw new IllegalArgumentException(
                    "an in-memory SQLite database would exist once per pooled connection; give a file path"
                            + " (tests use a temporary file)");
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new StoreException("creating the database directory", e);
            }
        }
    }

    /** Applies the migrations not yet applied; returns how many ran (0 when the schema is current). */
    public int migrate() {
        return migrate(null);
    }

    /** Applies the migrations up to and including {@code targetVersion} (e.g. "1"), for tests of a later migration. */
    int migrateTo(String targetVersion) {
        return migrate(Objects.requireNonNull(targetVersion, "targetVersion"));
    }

    private int migrate(String targetVersion) {
        var configuration = Flyway.configure();
        if (targetVersion != null) {
            configuration.target(targetVersion);
        }
        Flyway flyway = configuration
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("blob", kind == DatabaseKind.SQLITE ? "BLOB" : "BYTEA"))
                .failOnMissingLocations(true)
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        log.info("database schema up to date: kind={} migrationsApplied={}", kind, applied);
        return applied;
    }

    public DatabaseKind kind() {
        return kind;
    }

    /** The pool, for tests and tools; repositories use {@link #write} and {@link #read}. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. On
     * SQLite, write transactions of this process run one at a time, in arrival order. On
     * PostgreSQL, {@code work} may run again after a serialization failure or deadlock, so it must
     * have no effects outside the database. Not re-entrant: {@code work} must not call
     * {@code write} again.
     */
    public <T> T write(String operation, SqlWork<T> work) {
        if (inWrite.get()) {
            throw new IllegalStateException("nested write transaction: " + operation);
        }
        inWrite.set(Boolean.TRUE);
        try {
            if (kind == DatabaseKind.SQLITE) {
                acquireSqliteWriteLock(operation);
                try {
                    return runTransaction(operation, work);
                } finally {
                    sqliteWriteLock.unlock();
                }
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    return runTransaction(operation, work);
                } catch (StoreException e) {
                    if (attempt >= MAX_ATTEMPTS_ON_SERIALIZATION_FAILURE || !isSerializationFailure(e.getCause())) {
                        throw e;
                    }
                }
            }
        } finally {
            inWrite.remove();
        }
    }

    /** Runs {@code work} on a connection in auto-commit mode: each statement sees the latest committed data. */
    public <T> T read(String operation, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException(operation, e);
        }
    }

    private void acquireSqliteWriteLock(String operation) {
        try {
            if (!sqliteWriteLock.tryLock(WRITE_QUEUE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new StoreException(operation, new SQLException(
                        "waited " + WRITE_QUEUE_TIMEOUT_SECONDS + " s for the SQLite write queue"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(operation, e);
        }
    }

    private <T> T runTransaction(String operation, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(operation, e);
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    private static boolean isSerializationFailure(Throwable e) {
        if (e instanceof SQLException sql) {
            String state = sql.getSQLState();
            return "40001".equals(state) || "40P01".equals(state);
        }
        return false;
    }

    /** Whether {@code e} is a unique-constraint violation, on either database. */
    static boolean isUniqueViolation(SQLException e) {
        if ("23505".equals(e.getSQLState())) {
            return true; // PostgreSQL unique_violation
        }
        if (e instanceof org.sqlite.SQLiteException sqlite) {
            org.sqlite.SQLiteErrorCode code = sqlite.getResultCode();
            return code == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                    || code == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
        }
        return false;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
