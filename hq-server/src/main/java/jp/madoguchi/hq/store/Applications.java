package jp.madoguchi.hq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application intake: stores what booths submit, once per (booth, idempotency key), and finds it
 * again. Thread-safe. Logs reference numbers and booth ids only, never content.
 *
 * <p>How a resend is stored once, even when both copies arrive at the same moment: the insert is
 * {@code INSERT ... ON CONFLICT (booth_id, idempotency_key) DO NOTHING}, which both databases
 * decide against the unique constraint. If it inserted nothing, the row that won is read back in
 * the same transaction (PostgreSQL waits for the competing insert to commit before deciding, and
 * each statement under READ COMMITTED sees it; SQLite runs writers one at a time) and returned,
 * or reported as a conflict if its content differs.
 */
public final class Applications {
    private static final Logger log = LoggerFactory.getLogger(Applications.class);
    private static final int MAX_REFERENCE_DRAWS = 5;
    static final String COLUMNS = "reference, booth_id, idempotency_key, form_id, routing, canonical_json, cms,"
            + " verification, status, decision_message, decided_by, created_at, decided_at";

    private final Database database;
    private final ReferenceNumbers referenceNumbers;

    public Applications(Database database, ReferenceNumbers referenceNumbers) {
        this.database = Objects.requireNonNull(database);
        this.referenceNumbers = Objects.requireNonNull(referenceNumbers);
    }

    /**
     * Stores {@code submission} with a new reference number, or returns the application already
     * stored under its booth and idempotency key (same reference, same status), or reports a
     * conflict if that key was used for different content.
     */
    public SubmitResult submit(Submission submission, Instant now) {
        return submit(submission, now, false);
    }

    /**
     * As {@link #submit(Submission, Instant)}, and the same signed application (the same canonical JSON, which names
     * its booth and the booth's own reference, so no two genuine applications share it) is stored once whatever
     * idempotency key it comes with: from the booth that sent it first, under a new key, it is answered as a
     * resubmission of the stored one; from another booth it is {@link SubmitResult.Replayed} and nothing is stored.
     * Decided in the same write transaction as the insert (SQLite runs writers one at a time; on PostgreSQL two
     * copies under two new keys in the same instant could both pass, see decision 0032).
     */
    public SubmitResult submitOnce(Submission submission, Instant now) {
        return submit(submission, now, true);
    }

    private SubmitResult submit(Submission submission, Instant now, boolean oncePerContent) {
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(now, "now");
        for (int draw = 1; ; draw++) {
            String reference = referenceNumbers.next(now);
            try {
                SubmitResult result = database.write("submit application",
                        connection -> insertOrFind(connection, submission, reference, now, oncePerContent));
                logResult(result);
                return result;
            } catch (StoreException e) {
                if (draw >= MAX_REFERENCE_DRAWS
                        || !(e.getCause() instanceof SQLException sql && Database.isUniqueViolation(sql))) {
                    throw e;
                }
                // the only other unique key is the reference: it was drawn twice; draw again
            }
        }
    }

    private static SubmitResult insertOrFind(Connection connection, Submission submission, String reference,
            Instant now, boolean oncePerContent) throws SQLException {
        String contentHash = contentHash(submission.canonicalJson());
        if (oncePerContent && findByKey(connection, submission.boothId(), submission.idempotencyKey()).isEmpty()) {
            Optional<StoredApplication> same = findOne(connection, "content_sha256 = ? ORDER BY created_at, reference LIMIT 1", contentHash);
            if (same.isPresent()) {
                return same.get().boothId().equals(submission.boothId()) && submission.sameContentAs(same.get())
                        ? new SubmitResult.Stored(same.get(), true)
                        : new SubmitResult.Replayed(submission.boothId(), same.get().reference());
            }
        }
        int inserted;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO applications (" + COLUMNS
                + ", content_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', NULL, NULL, ?, NULL, ?)"
                + " ON CONFLICT (booth_id, idempotency_key) DO NOTHING")) {
            insert.setString(1, reference);
            insert.setString(2, submission.boothId());
            insert.setString(3, submission.idempotencyKey());
            insert.setString(4, submission.formId());
            insert.setString(5, submission.routing());
            insert.setBytes(6, submission.canonicalJson());
            insert.setBytes(7, submission.cms());
            insert.setString(8, submission.verificationJson());
            Timestamps.set(insert, 9, now);
            insert.setString(10, contentHash);
            inserted = insert.executeUpdate();
        }
        StoredApplication stored = findByKey(connection, submission.boothId(), submission.idempotencyKey())
                .orElseThrow(() -> new SQLException("no application under the key after inserting it"));
        if (inserted == 1) {
            return new SubmitResult.Stored(stored, false);
        }
        if (submission.sameContentAs(stored)) {
            return new SubmitResult.Stored(stored, true);
        }
        return new SubmitResult.IdempotencyKeyConflict(submission.boothId(), submission.idempotencyKey(),
                stored.reference());
    }

    /** The SHA-256 (hex) of the signed application's bytes: what makes two submissions the same application. */
    static String contentHash(byte[] canonicalJson) {
        return jp.madoguchi.hq.security.Sha256.hex(canonicalJson);
    }

    private static void logResult(SubmitResult result) {
        if (result instanceof SubmitResult.Stored stored) {
            log.info("application {}: reference={} booth={}", stored.resubmission() ? "resubmitted" : "stored",
                    stored.application().reference(), stored.application().boothId());
        } else if (result instanceof SubmitResult.IdempotencyKeyConflict conflict) {
            log.warn("application refused: idempotency key reused for different content, booth={} reference={}",
                    conflict.boothId(), conflict.existingReference());
        } else if (result instanceof SubmitResult.Replayed replayed) {
            log.warn("application refused: a replay of application {} (another booth's), booth={}",
                    replayed.existingReference(), replayed.boothId());
        }
    }

    public Optional<StoredApplication> findByReference(String reference) {
        return database.read("find application", connection -> findOne(connection, "reference = ?", reference));
    }

    /** The application, only if {@code boothId} submitted it: what a booth may ask about. */
    public Optional<StoredApplication> findForBooth(String boothId, String reference) {
        return findByReference(reference).filter(application -> application.boothId().equals(boothId));
    }

    public Optional<StoredApplication> findByIdempotencyKey(String boothId, String idempotencyKey) {
        return database.read("find application by key", connection -> findByKey(connection, boothId, idempotencyKey));
    }

    /** Up to {@code limit} applications with {@code status}, oldest first. */
    public List<StoredApplication> list(ApplicationStatus status, int limit) {
        return database.read("list applications", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM applications WHERE status = ? ORDER BY created_at, reference LIMIT ?")) {
                select.setString(1, status.column());
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    List<StoredApplication> found = new ArrayList<>();
                    while (rows.next()) {
                        found.add(map(rows));
                    }
                    return found;
                }
            }
        });
    }

    private static Optional<StoredApplication> findByKey(Connection connection, String boothId, String key)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM applications WHERE booth_id = ? AND idempotency_key = ?")) {
            select.setString(1, boothId);
            select.setString(2, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(map(row)) : Optional.empty();
            }
        }
    }

    static Optional<StoredApplication> findOne(Connection connection, String condition, String value)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM applications WHERE " + condition)) {
            select.setString(1, value);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(map(row)) : Optional.empty();
            }
        }
    }

    static StoredApplication map(ResultSet row) throws SQLException {
        return new StoredApplication(row.getString("reference"), row.getString("booth_id"),
                row.getString("idempotency_key"), row.getString("form_id"), row.getString("routing"),
                row.getBytes("canonical_json"), row.getBytes("cms"), row.getString("verification"),
                ApplicationStatus.fromColumn(row.getString("status")), row.getString("decision_message"),
                row.getString("decided_by"), Timestamps.get(row, "created_at"), Timestamps.get(row, "decided_at"));
    }
}
