package jp.madoguchi.hq.store;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import jp.madoguchi.hq.security.BoothRevocations;

/**
 * Enrolled booths, and the answer to "is this certificate revoked?" that the TLS layer asks on
 * every request. Thread-safe.
 *
 * <p>Revocation checks are answered from memory: the set of revoked serial numbers, loaded at
 * construction. A {@link #revoke} through this instance adds to it before returning, so the
 * booth is refused from the next request on. Revocations made by another process on the same
 * database (say an IT person's CLI) are picked up by reloading the set when it is older than
 * {@code refreshAfter} (default 5 s), by the first caller that notices. Revocation is final, so
 * the set only grows and a slow reload can never undo a newer revocation.
 */
public final class Booths implements BoothRevocations {
    public static final Duration DEFAULT_REFRESH_AFTER = Duration.ofSeconds(5);
    private static final String COLUMNS = "id, name, certificate_serial, certificate_pem, enrolled_at, revoked_at, location";

    private final Database database;
    private final long refreshAfterNanos;
    private final LongSupplier nanoTime;
    private final Set<String> revokedSerials = ConcurrentHashMap.newKeySet();
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile long loadedAtNanos;

    public Booths(Database database) {
        this(database, DEFAULT_REFRESH_AFTER, System::nanoTime);
    }

    /** {@code nanoTime} is the monotonic clock for the cache's age ({@code System::nanoTime} outside tests). */
    public Booths(Database database, Duration refreshAfter, LongSupplier nanoTime) {
        this.database = Objects.requireNonNull(database);
        this.refreshAfterNanos = refreshAfter.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime);
        reloadRevokedSerials();
    }

    /** A new booth id: {@code booth-} and 12 random characters. */
    public static String newBoothId() {
        return RandomIds.id("booth-");
    }

    /** Records an enrolled booth, after its certificate was issued. */
    public Booth add(String id, String name, BigInteger certificateSerial, String certificatePem, Instant enrolledAt) {
        return add(id, name, "", certificateSerial, certificatePem, enrolledAt);
    }

    /** Records an enrolled booth standing at {@code location} ("" for none), after its certificate was issued. */
    public Booth add(String id, String name, String location, BigInteger certificateSerial, String certificatePem,
            Instant enrolledAt) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(certificatePem, "certificatePem");
        String serial = serialHex(certificateSerial);
        database.write("add booth", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO booths (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, NULL, ?)")) {
                insert.setString(1, id);
                insert.setString(2, name);
                insert.setString(3, serial);
                insert.setString(4, certificatePem);
                Timestamps.set(insert, 5, enrolledAt);
                insert.setString(6, location);
                insert.executeUpdate();
            }
            return null;
        });
        return new Booth(id, name, certificateSerial, certificatePem, Instant.ofEpochMilli(enrolledAt.toEpochMilli()),
                null, location);
    }

    public Optional<Booth> findById(String id) {
        return findOne("find booth", "id = ?", id);
    }

    public Optional<Booth> findBySerial(BigInteger certificateSerial) {
        return findOne("find booth by serial", "certificate_serial = ?", serialHex(certificateSerial));
    }

    /** All booths, by name. */
    public List<Booth> list() {
        return database.read("list booths", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM booths ORDER BY name, id");
                 ResultSet rows = select.executeQuery()) {
                List<Booth> booths = new ArrayList<>();
                while (rows.next()) {
                    booths.add(map(rows));
                }
                return booths;
            }
        });
    }

    /**
     * Revokes the booth's certificate. Returns true if this call revoked it, false if the booth is
     * unknown or was already revoked (the first revocation time is kept). Effective in this process
     * before it returns.
     */
    public boolean revoke(String id, Instant when) {
        Optional<String> revokedSerial = database.write("revoke booth", connection -> {
            int updated;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE booths SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                Timestamps.set(update, 1, when);
                update.setString(2, id);
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                return Optional.<String>empty();
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT certificate_serial FROM booths WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return Optional.of(row.getString(1));
                }
            }
        });
        revokedSerial.ifPresent(revokedSerials::add);
        return revokedSerial.isPresent();
    }

    /** Whether the certificate with this serial belongs to a revoked booth. Answered from memory. */
    public boolean isRevokedSerial(BigInteger certificateSerial) {
        if (nanoTime.getAsLong() - loadedAtNanos > refreshAfterNanos && refreshing.tryLock()) {
            try {
                reloadRevokedSerials();
            } finally {
                refreshing.unlock();
            }
        }
        return revokedSerials.contains(serialHex(certificateSerial));
    }

    @Override
    public boolean isRevoked(BigInteger certificateSerial) {
        return isRevokedSerial(certificateSerial);
    }

    private void reloadRevokedSerials() {
        long startedAt = nanoTime.getAsLong();
        List<String> serials = database.read("load revoked booth serials", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT certificate_serial FROM booths WHERE revoked_at IS NOT NULL");
                 ResultSet rows = select.executeQuery()) {
                List<String> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
                return found;
            }
        });
        revokedSerials.addAll(serials);
        loadedAtNanos = startedAt;
    }

    private Optional<Booth> findOne(String operation, String condition, String value) {
        return database.read(operation, connection -> findOne(connection, condition, value));
    }

    private static Optional<Booth> findOne(Connection connection, String condition, String value)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM booths WHERE " + condition)) {
            select.setString(1, value);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(map(row)) : Optional.empty();
            }
        }
    }

    private static Booth map(ResultSet row) throws SQLException {
        return new Booth(row.getString("id"), row.getString("name"),
                new BigInteger(row.getString("certificate_serial"), 16), row.getString("certificate_pem"),
                Timestamps.get(row, "enrolled_at"), Timestamps.get(row, "revoked_at"), row.getString("location"));
    }

    /** Serial numbers are stored as lowercase hex without leading zeros, so each has one spelling. */
    static String serialHex(BigInteger serial) {
        Objects.requireNonNull(serial, "certificateSerial");
        if (serial.signum() < 0) {
            throw new IllegalArgumentException("a certificate serial number is positive");
        }
        return serial.toString(16);
    }
}
