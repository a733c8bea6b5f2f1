package jp.madoguchi.hq.store;

import jp.madoguchi.hq.security.Sha256;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One-time enrolment codes, stored as SHA-256 hashes ({@link Sha256#hex(char[])} of the code the
 * IT person types). Thread-safe; {@link #consume} lets exactly one of any number of concurrent
 * callers have a code.
 */
public final class EnrolmentCodes {
    private static final String COLUMNS = "code_hash, booth_name, created_by, created_at, expires_at, used_at, location";

    private final Database database;
    private final Clock clock;

    public EnrolmentCodes(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Stores a new code by its hash. {@code codeHash} must be a hex SHA-256 digest, not the code. */
    public EnrolmentCode create(String codeHash, String boothName, Instant expiresAt, String createdBy) {
        return create(codeHash, boothName, "", expiresAt, createdBy);
    }

    /** Stores a new code by its hash, with the location ("" for none) the booth enrolled with it will get. */
    public EnrolmentCode create(String codeHash, String boothName, String location, Instant expiresAt, String createdBy) {
        Sha256.requireHexDigest(codeHash, "codeHash");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(boothName, "boothName");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Instant now = clock.instant();
        database.write("create enrolment code", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO enrolment_codes (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, NULL, ?)")) {
                insert.setString(1, codeHash);
                insert.setString(2, boothName);
                insert.setString(3, createdBy);
                Timestamps.set(insert, 4, now);
                Timestamps.set(insert, 5, expiresAt);
                insert.setString(6, location);
                insert.executeUpdate();
            }
            return null;
        });
        return new EnrolmentCode(codeHash, boothName, createdBy, truncate(now), truncate(expiresAt), null,
                location);
    }

    /**
     * Marks the code used and returns it, if it exists, is unused and {@code now} is before its
     * expiry; otherwise empty (the caller cannot tell why, and should not tell the booth either).
     * Atomic: one conditional UPDATE, so of two concurrent callers exactly one gets the code.
     */
    public Optional<EnrolmentCode> consume(String codeHash, Instant now) {
        Sha256.requireHexDigest(codeHash, "codeHash");
        return database.write("consume enrolment code", connection -> {
            int updated;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE enrolment_codes SET used_at = ? "
                            + "WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?")) {
                Timestamps.set(update, 1, now);
                update.setString(2, codeHash);
                Timestamps.set(update, 3, now);
                updated = update.executeUpdate();
            }
            return updated == 1 ? find(connection, codeHash) : Optional.<EnrolmentCode>empty();
        });
    }

    public Optional<EnrolmentCode> find(String codeHash) {
        return database.read("find enrolment code", connection -> find(connection, codeHash));
    }

    /** Codes not yet used and not expired at {@code now}, oldest first: for the admin screen. */
    public List<EnrolmentCode> listOpen(Instant now) {
        return database.read("list enrolment codes", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM enrolment_codes WHERE used_at IS NULL AND expires_at > ? ORDER BY created_at")) {
                Timestamps.set(select, 1, now);
                try (ResultSet rows = select.executeQuery()) {
                    List<EnrolmentCode> codes = new ArrayList<>();
                    while (rows.next()) {
                        codes.add(map(rows));
                    }
                    return codes;
                }
            }
        });
    }

    private static Optional<EnrolmentCode> find(Connection connection, String codeHash) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM enrolment_codes WHERE code_hash = ?")) {
            select.setString(1, codeHash);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(map(row)) : Optional.empty();
            }
        }
    }

    private static EnrolmentCode map(ResultSet row) throws SQLException {
        return new EnrolmentCode(row.getString("code_hash"), row.getString("booth_name"),
                row.getString("created_by"), Timestamps.get(row, "created_at"),
                Timestamps.get(row, "expires_at"), Timestamps.get(row, "used_at"), row.getString("location"));
    }

    private static Instant truncate(Instant instant) {
        return Instant.ofEpochMilli(instant.toEpochMilli());
    }
}
