package jp.madoguchi.hq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.hq.security.PasswordHashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clerk accounts: creation, password login with lockout. Thread-safe. Passwords arrive as
 * {@code char[]} and are wiped before every method returns; only {@link PasswordHashing}'s
 * encoding is stored. The slow password check runs outside any transaction, so logins do not
 * hold up the SQLite writer.
 */
public final class ClerkAccounts {
    private static final Logger log = LoggerFactory.getLogger(ClerkAccounts.class);
    private static final String COLUMNS =
            "id, username, display_name, password_hash, failed_attempts, locked_until, created_at, is_admin, disabled_at";

    private final Database database;
    private final PasswordHashing hashing;
    private final Clock clock;
    private final LockoutPolicy lockout;
    private final UnknownUsernameFailures unknownUsernames;
    private volatile String dummyHash;

    public ClerkAccounts(Database database, PasswordHashing hashing, Clock clock, LockoutPolicy lockout) {
        this.database = Objects.requireNonNull(database);
        this.hashing = Objects.requireNonNull(hashing);
        this.clock = Objects.requireNonNull(clock);
        this.lockout = Objects.requireNonNull(lockout);
        this.unknownUsernames = new UnknownUsernameFailures(lockout);
    }

    /** Usernames are compared after NFKC (full-width letters become ASCII), trimming and lower-casing. */
    public static String normalizeUsername(String username) {
        String normalized = Normalizer.normalize(Objects.requireNonNull(username, "username"), Normalizer.Form.NFKC)
                .strip().toLowerCase(Locale.ROOT);
        if (normalized.isEmpty() || normalized.length() > 128) {
            throw new IllegalArgumentException("a username has 1 to 128 characters");
        }
        return normalized;
    }

    /** Creates a clerk; wipes {@code password}. Throws {@link UsernameTakenException} if the username is in use. */
    public Clerk create(String username, String displayName, char[] password) {
        return create(username, displayName, password, false);
    }

    /** Creates a clerk, an admin if {@code admin}; wipes {@code password}. {@link UsernameTakenException} if in use. */
    public Clerk create(String username, String displayName, char[] password, boolean admin) {
        try {
            String normalized = normalizeUsername(username);
            Objects.requireNonNull(displayName, "displayName");
            String passwordHash = hashing.hash(password);
            Clerk clerk = new Clerk(RandomIds.id("clerk-"), normalized, displayName,
                    Instant.ofEpochMilli(clock.millis()), admin, false);
            try {
                database.write("create clerk", connection -> {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO clerks (" + COLUMNS + ") VALUES (?, ?, ?, ?, 0, NULL, ?, ?, NULL)")) {
                        insert.setString(1, clerk.id());
                        insert.setString(2, clerk.username());
                        insert.setString(3, clerk.displayName());
                        insert.setString(4, passwordHash);
                        Timestamps.set(insert, 5, clerk.createdAt());
                        insert.setInt(6, admin ? 1 : 0);
                        insert.executeUpdate();
                    }
                    return null;
                });
            } catch (StoreException e) {
                if (e.getCause() instanceof SQLException sql && Database.isUniqueViolation(sql)) {
                    throw new UsernameTakenException(normalized);
                }
                throw e;
            }
            log.info("clerk created: clerk={} admin={}", clerk.id(), admin);
            return clerk;
        } finally {
            wipe(password);
        }
    }

    public Optional<Clerk> findById(String id) {
        return database.read("find clerk", connection -> findRow(connection, "id = ?", id)).map(ClerkRow::clerk);
    }

    public Optional<Clerk> findByUsername(String username) {
        String normalized = normalizeUsername(username);
        return database.read("find clerk", connection -> findRow(connection, "username = ?", normalized))
                .map(ClerkRow::clerk);
    }

    /** A clerk account with whether it is locked at the time asked. */
    public record Account(Clerk clerk, boolean locked) {
    }

    /** Every clerk account, by username, with whether it is locked at {@code now}. */
    public java.util.List<Account> list(Instant now) {
        return database.read("list clerks", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM clerks ORDER BY username");
                 ResultSet rows = select.executeQuery()) {
                java.util.List<Account> accounts = new java.util.ArrayList<>();
                while (rows.next()) {
                    ClerkRow row = row(rows);
                    accounts.add(new Account(row.clerk(), row.lockedAt(now)));
                }
                return accounts;
            }
        });
    }

    /**
     * Disables ({@code disabled}, from {@code when}) or enables a clerk; returns false if no clerk has this id.
     * The caller also ends a disabled clerk's sessions ({@link ClerkSessions#logoutEverywhere}); until then they are
     * refused anyway, as {@link ClerkSessions#validate} skips disabled clerks.
     */
    public boolean setDisabled(String clerkId, boolean disabled, Instant when) {
        boolean found = database.write(disabled ? "disable clerk" : "enable clerk", connection -> {
            // disabling keeps the first time; enabling clears it
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE clerks SET disabled_at = CASE WHEN ? = 1 THEN COALESCE(disabled_at, ?) END WHERE id = ?")) {
                update.setInt(1, disabled ? 1 : 0);
                Timestamps.set(update, 2, when);
                update.setString(3, clerkId);
                return update.executeUpdate() == 1;
            }
        });
        if (found) {
            log.info("clerk {}: clerk={}", disabled ? "disabled" : "enabled", clerkId);
        }
        return found;
    }

    /** Makes a clerk an admin or not; returns false if no clerk has this id. Takes effect at their next request. */
    public boolean setAdmin(String clerkId, boolean admin) {
        boolean found = database.write("set clerk admin", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE clerks SET is_admin = ? WHERE id = ?")) {
                update.setInt(1, admin ? 1 : 0);
                update.setString(2, clerkId);
                return update.executeUpdate() == 1;
            }
        });
        if (found) {
            log.info("clerk {}: clerk={}", admin ? "made admin" : "no longer admin", clerkId);
        }
        return found;
    }

    /** Clears a lockout and the count of wrong passwords; returns false if no clerk has this id. */
    public boolean unlock(String clerkId) {
        boolean found = database.write("unlock clerk", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE clerks SET failed_attempts = 0, locked_until = NULL WHERE id = ?")) {
                update.setString(1, clerkId);
                return update.executeUpdate() == 1;
            }
        });
        if (found) {
            log.info("clerk unlocked: clerk={}", clerkId);
        }
        return found;
    }

    /**
     * Checks a login; wipes {@code password}. A locked account is refused without checking the
     * password. A wrong password counts towards the lockout; a right one resets the count. Once a
     * lock has run out the count starts again from zero.
     */
    public LoginOutcome authenticate(String username, char[] password, Instant now) {
        try {
            String normalized = normalizeUsername(username);
            Optional<ClerkRow> found = database.read("find clerk",
                    connection -> findRow(connection, "username = ?", normalized));
            if (found.isEmpty()) {
                Instant lockedUntil = unknownUsernames.lockedUntil(normalized, now);
                if (lockedUntil == null) {
                    hashing.verify(password, dummyHash()); // the same work as for a real account
                    lockedUntil = unknownUsernames.recordFailure(normalized, now);
                }
                log.info("clerk login refused: unknown username");
                return new LoginOutcome.Unknown(lockedUntil);
            }
            ClerkRow clerk = found.get();
            if (clerk.disabledAt != null) {
                hashing.verify(password, clerk.passwordHash); // the same work as for an enabled account
                log.info("clerk login refused: disabled, clerk={}", clerk.id);
                return new LoginOutcome.Disabled(clerk.id);
            }
            if (clerk.lockedAt(now)) {
                log.info("clerk login refused: locked, clerk={}", clerk.id);
                return new LoginOutcome.Locked(clerk.id, clerk.lockedUntil);
            }
            LoginOutcome outcome;
            if (hashing.verify(password, clerk.passwordHash)) {
                String rehash = hashing.needsRehash(clerk.passwordHash) ? hashing.hash(password) : null;
                outcome = database.write("record clerk login", connection -> recordSuccess(connection, clerk, rehash, now));
            } else {
                outcome = database.write("record failed clerk login", connection -> recordFailure(connection, clerk.id, now));
            }
            log.info("clerk login: clerk={} outcome={}", clerk.id, outcome.getClass().getSimpleName());
            return outcome;
        } finally {
            wipe(password);
        }
    }

    private LoginOutcome recordSuccess(Connection connection, ClerkRow clerk, String rehash, Instant now)
            throws SQLException {
        int updated;
        try (PreparedStatement update = connection.prepareStatement("UPDATE clerks"
                + " SET failed_attempts = 0, locked_until = NULL, password_hash = COALESCE(?, password_hash)"
                + " WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?)")) {
            update.setString(1, rehash);
            update.setString(2, clerk.id);
            Timestamps.set(update, 3, now);
            updated = update.executeUpdate();
        }
        if (updated == 1) {
            return new LoginOutcome.Ok(clerk.clerk());
        }
        // locked by failures that landed while the password was being checked
        ClerkRow current = findRow(connection, "id = ?", clerk.id).orElseThrow();
        return new LoginOutcome.Locked(current.id, current.lockedUntil);
    }

    private LoginOutcome recordFailure(Connection connection, String clerkId, Instant now) throws SQLException {
        lockRow(connection, clerkId);
        ClerkRow current = findRow(connection, "id = ?", clerkId).orElseThrow();
        if (current.lockedAt(now)) {
            return new LoginOutcome.Locked(current.id, current.lockedUntil);
        }
        int failures = (current.lockedUntil != null ? 0 : current.failedAttempts) + 1;
        Instant lockedUntil = failures >= lockout.maxFailures() ? now.plus(lockout.lockDuration()) : null;
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE clerks SET failed_attempts = ?, locked_until = ? WHERE id = ?")) {
            update.setInt(1, lockedUntil != null ? 0 : failures);
            Timestamps.set(update, 2, lockedUntil);
            update.setString(3, clerkId);
            update.executeUpdate();
        }
        if (lockedUntil != null) {
            log.warn("clerk account locked after {} failed logins: clerk={}", failures, clerkId);
            return new LoginOutcome.Locked(clerkId, Instant.ofEpochMilli(lockedUntil.toEpochMilli()));
        }
        return new LoginOutcome.WrongPassword(clerkId, lockout.maxFailures() - failures);
    }

    /** Takes the row lock on PostgreSQL (SQLite's writer already excludes everyone); portable SELECT ... FOR UPDATE. */
    private static void lockRow(Connection connection, String clerkId) throws SQLException {
        try (PreparedStatement touch = connection.prepareStatement(
                "UPDATE clerks SET failed_attempts = failed_attempts WHERE id = ?")) {
            touch.setString(1, clerkId);
            touch.executeUpdate();
        }
    }

    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            char[] random = RandomIds.token().toCharArray();
            hash = hashing.hash(random);
            wipe(random);
            dummyHash = hash;
        }
        return hash;
    }

    private static Optional<ClerkRow> findRow(Connection connection, String condition, String value)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM clerks WHERE " + condition)) {
            select.setString(1, value);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row(row)) : Optional.empty();
            }
        }
    }

    private static ClerkRow row(ResultSet row) throws SQLException {
        return new ClerkRow(row.getString("id"), row.getString("username"),
                row.getString("display_name"), row.getString("password_hash"),
                row.getInt("failed_attempts"), Timestamps.get(row, "locked_until"),
                Timestamps.get(row, "created_at"), row.getInt("is_admin") == 1, Timestamps.get(row, "disabled_at"));
    }

    private static void wipe(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * Wrong logins with usernames no clerk has, counted in memory like real ones so that an
     * unknown username also ends up "locked". Bounded: beyond {@link #CAPACITY} usernames the
     * least recently tried are forgotten. Thread-safe.
     */
    private static final class UnknownUsernameFailures {
        private static final int CAPACITY = 10_000;

        private final LockoutPolicy lockout;
        private final Map<String, Failures> failures = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > CAPACITY;
            }
        };

        UnknownUsernameFailures(LockoutPolicy lockout) {
            this.lockout = lockout;
        }

        synchronized Instant lockedUntil(String username, Instant now) {
            Failures current = failures.get(username);
            return current != null && current.lockedUntil != null && current.lockedUntil.isAfter(now)
                    ? current.lockedUntil : null;
        }

        /** Counts a failure; returns the lock's end if this one locks the username, else null. */
        synchronized Instant recordFailure(String username, Instant now) {
            Failures current = failures.get(username);
            int count = (current == null || current.lockedUntil != null ? 0 : current.count) + 1;
            Instant lockedUntil = count >= lockout.maxFailures()
                    ? Instant.ofEpochMilli(now.plus(lockout.lockDuration()).toEpochMilli()) : null;
            failures.put(username, new Failures(lockedUntil != null ? 0 : count, lockedUntil));
            return lockedUntil;
        }

        private record Failures(int count, Instant lockedUntil) {
        }
    }

    /**
     * A row of {@code clerks}. On locking, failed_attempts goes back to 0 and locked_until is set;
     * a non-null locked_until in the past therefore means "the lock ran out, count from zero".
     */
    private record ClerkRow(String id, String username, String displayName, String passwordHash,
            int failedAttempts, Instant lockedUntil, Instant createdAt, boolean admin, Instant disabledAt) {

        boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }

        Clerk clerk() {
            return new Clerk(id, username, displayName, createdAt, admin, disabledAt != null);
        }

        @Override
        public String toString() {
            return "ClerkRow[id=" + id + "]";
        }
    }
}
