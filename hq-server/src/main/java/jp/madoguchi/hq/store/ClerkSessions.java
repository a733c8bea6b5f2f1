package jp.madoguchi.hq.store;

import jp.madoguchi.hq.security.Sha256;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Clerk login sessions behind opaque bearer tokens (256 random bits). Only the SHA-256 of a token
 * is stored, so a copy of the database lets no one in. Thread-safe.
 */
public final class ClerkSessions {
    private final Database database;

    public ClerkSessions(Database database) {
        this.database = Objects.requireNonNull(database);
    }

    /** Starts a session for the clerk, valid until {@code now + ttl}; returns its token, to hand to the clerk only. */
    public String create(String clerkId, Instant now, Duration ttl) {
        Objects.requireNonNull(clerkId, "clerkId");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a session lasts a positive time");
        }
        String token = RandomIds.token();
        database.write("create clerk session", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO clerk_sessions (token_hash, clerk_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, Sha256.hex(token));
                insert.setString(2, clerkId);
                Timestamps.set(insert, 3, now);
                Timestamps.set(insert, 4, now.plus(ttl));
                insert.executeUpdate();
            }
            return null;
        });
        return token;
    }

    /**
     * The clerk whose session {@code token} is, if it exists, {@code now} is before its expiry and the clerk is not
     * disabled (read fresh on every request, so disabling and admin rights take effect at once).
     */
    public Optional<Clerk> validate(String token, Instant now) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String tokenHash = Sha256.hex(token);
        return database.read("validate clerk session", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT c.id, c.username, c.display_name, c.created_at, c.is_admin FROM clerk_sessions s"
                            + " JOIN clerks c ON c.id = s.clerk_id"
                            + " WHERE s.token_hash = ? AND s.expires_at > ? AND c.disabled_at IS NULL")) {
                select.setString(1, tokenHash);
                Timestamps.set(select, 2, now);
                try (ResultSet row = select.executeQuery()) {
                    return row.next()
                            ? Optional.of(new Clerk(row.getString("id"), row.getString("username"),
                                    row.getString("display_name"), Timestamps.get(row, "created_at"),
                                    row.getInt("is_admin") == 1, false))
                            : Optional.<Clerk>empty();
                }
            }
        });
    }

    /** Ends the session; returns whether there was one. */
    public boolean logout(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        String tokenHash = Sha256.hex(token);
        return database.write("end clerk session", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM clerk_sessions WHERE token_hash = ?")) {
                delete.setString(1, tokenHash);
                return delete.executeUpdate() == 1;
            }
        });
    }

    /** Ends all of a clerk's sessions (password change, account locked by an administrator); returns how many. */
    public int logoutEverywhere(String clerkId) {
        return database.write("end clerk's sessions", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM clerk_sessions WHERE clerk_id = ?")) {
                delete.setString(1, clerkId);
                return delete.executeUpdate();
            }
        });
    }

    /** Deletes sessions expired at {@code now} (housekeeping; expired ones are refused anyway); returns how many. */
    public int deleteExpired(Instant now) {
        return database.write("delete expired clerk sessions", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM clerk_sessions WHERE expires_at <= ?")) {
                Timestamps.set(delete, 1, now);
                return delete.executeUpdate();
            }
        });
    }
}
