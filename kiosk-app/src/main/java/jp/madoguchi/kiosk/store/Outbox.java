package jp.madoguchi.kiosk.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
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
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed applications waiting for headquarters, encrypted at rest with the {@link BoothKey}
 * (AES-256-GCM, a fresh 12-byte random nonce per entry, the row's reference and idempotency key as
 * associated data, so ciphertext moved onto another row does not decrypt). An entry is deleted only
 * when headquarters confirms it ({@link #confirmDelivered}); the deletion is overwritten on disk
 * ({@code secure_delete}) and the WAL checkpointed and truncated, so nothing of a delivered
 * application remains in the database files.
 *
 * <p>Thread-safe (through {@link BoothStore}'s lock). Logs carry ids and reference numbers only.
 */
public final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final byte[] AAD_LABEL = "madoguchi.booth.outbox.v1".getBytes(StandardCharsets.US_ASCII);
    /** As hq-link's client sends it. */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{8,128}");
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final BoothStore store;
    private final BoothKey key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Outbox(BoothStore store, BoothKey key, Clock clock) {
        this.store = store;
        this.key = key;
        this.clock = clock;
    }

    /**
     * Stores a signed application, encrypted. Idempotent by {@code idempotencyKey}: a second call with
     * the same key stores nothing and returns the entry already stored (its payload as stored then).
     *
     * @param reference         the booth's reference number ({@code MD-YYYYMMDD-XXXXXX})
     * @param idempotencyKey    8–128 printable ASCII characters, sent with every delivery attempt
     * @param signedApplication the signed application; not kept by this method
     */
    public OutboxEntry enqueue(String reference, String idempotencyKey, byte[] signedApplication) {
        check(reference, idempotencyKey, signedApplication);
        Instant now = clock.instant();
        return store.write("enqueueing an application", c -> enqueueIn(c, reference, idempotencyKey, signedApplication,
                now, false));
    }

    /**
     * As {@link #enqueue}, for an application the resident has just signed: the audit trail's
     * {@link AuditEvent#APPLICATION_SIGNED}, the entry and {@link AuditEvent#OUTBOX_ENQUEUED} are written in one
     * transaction, so a booth killed at any moment leaves all three or none (issue 9: no signed application without
     * its record, no record without its application). A repeat of the idempotency key writes nothing.
     */
    public OutboxEntry enqueueSigned(String reference, String idempotencyKey, byte[] signedApplication) {
        check(reference, idempotencyKey, signedApplication);
        Instant now = clock.instant();
        return store.write("enqueueing a signed application", c -> enqueueIn(c, reference, idempotencyKey,
                signedApplication, now, true));
    }

    private static void check(String reference, String idempotencyKey, byte[] signedApplication) {
        if (!ReferenceFormats.isBoothReference(reference)) {
            throw new IllegalArgumentException("an outbox entry needs a booth reference number (MD-YYYYMMDD-XXXXXX)");
        }
        if (idempotencyKey == null || !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new IllegalArgumentException("an idempotency key is 8 to 128 printable ASCII characters");
        }
        Objects.requireNonNull(signedApplication, "signedApplication");
    }

    /** In the caller's transaction; with {@code audited}, the entry between its two audit rows. */
    private OutboxEntry enqueueIn(Connection c, String reference, String idempotencyKey, byte[] signedApplication,
            Instant now, boolean audited) throws SQLException {
        Optional<OutboxEntry> existing = findByIdempotencyKey(c, idempotencyKey);
        if (existing.isPresent()) {
            log.info("outbox enqueue repeated, kept the stored entry: id={} reference={}",
                    existing.get().id(), existing.get().reference());
            return existing.get();
        }
        Instant at = Instant.ofEpochMilli(now.toEpochMilli());
        if (audited) {
            AuditTrail.append(c, AuditEvent.APPLICATION_SIGNED, reference, at);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] ciphertext = encrypt(nonce, reference, idempotencyKey, signedApplication);
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO outbox (reference, idempotency_key, created_at, attempts, nonce, ciphertext)"
                        + " VALUES (?, ?, ?, 0, ?, ?)")) {
            insert.setString(1, reference);
            insert.setString(2, idempotencyKey);
            insert.setLong(3, now.toEpochMilli());
            insert.setBytes(4, nonce);
            insert.setBytes(5, ciphertext);
            insert.executeUpdate();
        }
        long id;
        try (PreparedStatement rowid = c.prepareStatement("SELECT last_insert_rowid()");
             ResultSet row = rowid.executeQuery()) {
            row.next();
            id = row.getLong(1);
        }
        if (audited) {
            AuditTrail.append(c, AuditEvent.OUTBOX_ENQUEUED, reference, at);
        }
        log.info("outbox enqueued: id={} reference={}", id, reference);
        return new OutboxEntry(id, reference, idempotencyKey, at, 0, signedApplication.clone());
    }

    /**
     * The entries not yet confirmed, oldest first, decrypted.
     *
     * @throws OutboxEntryUnreadableException for the first entry that does not decrypt; nothing is deleted
     */
    public List<OutboxEntry> pending() {
        return store.read("reading the outbox", c -> {
            List<OutboxEntry> entries = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id, reference, idempotency_key, created_at, attempts, nonce, ciphertext"
                            + " FROM outbox ORDER BY id");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    entries.add(decryptRow(row));
                }
            }
            return entries;
        });
    }

    /** Counts a failed delivery attempt with an error code (e.g. {@code hq.unreachable}), never a message. */
    public boolean recordAttempt(long id, String errorCode) {
        if (errorCode == null || !ERROR_CODE.matcher(errorCode).matches()) {
            throw new IllegalArgumentException("an error code is 1 to 64 characters of A-Z a-z 0-9 . _ -");
        }
        Instant now = clock.instant();
        boolean updated = store.write("recording a delivery attempt", c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ?, last_error = ? WHERE id = ?")) {
                update.setLong(1, now.toEpochMilli());
                update.setString(2, errorCode);
                update.setLong(3, id);
                return update.executeUpdate() == 1;
            }
        });
        if (updated) {
            log.info("outbox delivery attempt failed: id={} error={}", id, errorCode);
        }
        return updated;
    }

    /**
     * Headquarters has the entry: deletes it (overwritten on disk by {@code secure_delete}) and then
     * checkpoints and truncates the WAL, so neither the application nor its ciphertext remains in the
     * database files. Returns false if there was no such entry.
     */
    public boolean confirmDelivered(long id) {
        String reference = store.write("deleting a delivered application", c -> {
            String found = null;
            try (PreparedStatement select = c.prepareStatement("SELECT reference FROM outbox WHERE id = ?")) {
                select.setLong(1, id);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        found = row.getString(1);
                    }
                }
            }
            if (found != null) {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM outbox WHERE id = ?")) {
                    delete.setLong(1, id);
                    delete.executeUpdate();
                }
            }
            return found;
        });
        if (reference == null) {
            return false;
        }
        store.checkpointTruncate("checkpointing the WAL after a delivery");
        log.info("outbox delivered and removed: id={} reference={}", id, reference);
        return true;
    }

    /**
     * What is waiting, oldest first, without decrypting anything: references, ages, attempts and the last
     * error code only (for the maintenance screen; added with jp.madoguchi.kiosk.maintenance).
     */
    public List<OutboxWaiting> waiting() {
        return store.read("listing the outbox", c -> {
            List<OutboxWaiting> entries = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id, reference, created_at, attempts, last_attempt_at, last_error FROM outbox ORDER BY id");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long lastAttempt = row.getLong("last_attempt_at");
                    Optional<Instant> lastAttemptAt = row.wasNull() ? Optional.empty()
                            : Optional.of(Instant.ofEpochMilli(lastAttempt));
                    entries.add(new OutboxWaiting(row.getLong("id"), row.getString("reference"),
                            Instant.ofEpochMilli(row.getLong("created_at")), row.getInt("attempts"), lastAttemptAt,
                            Optional.ofNullable(row.getString("last_error"))));
                }
            }
            return entries;
        });
    }

    /**
     * The error code of the entry's last failed delivery attempt ({@link #recordAttempt}), empty if it has
     * none or there is no such entry. The sender marks a permanent refusal here so it never resends it.
     */
    public Optional<String> lastError(long id) {
        return store.read("reading an entry's last error", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT last_error FROM outbox WHERE id = ?")) {
                select.setLong(1, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** How many entries are waiting. */
    public int size() {
        return store.read("counting the outbox", c -> {
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM outbox");
                 ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        });
    }

    private Optional<OutboxEntry> findByIdempotencyKey(Connection c, String idempotencyKey) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT id, reference, idempotency_key, created_at, attempts, nonce, ciphertext"
                        + " FROM outbox WHERE idempotency_key = ?")) {
            select.setString(1, idempotencyKey);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(decryptRow(row)) : Optional.empty();
            }
        }
    }

    private OutboxEntry decryptRow(ResultSet row) throws SQLException {
        long id = row.getLong("id");
        String reference = row.getString("reference");
        String idempotencyKey = row.getString("idempotency_key");
        byte[] payload = decrypt(id, row.getBytes("nonce"), reference, idempotencyKey, row.getBytes("ciphertext"));
        return new OutboxEntry(id, reference, idempotencyKey, Instant.ofEpochMilli(row.getLong("created_at")),
                row.getInt("attempts"), payload);
    }

    private byte[] encrypt(byte[] nonce, String reference, String idempotencyKey, byte[] plaintext) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(reference, idempotencyKey));
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new StoreException("encrypting an application", e);
        }
    }

    private byte[] decrypt(long id, byte[] nonce, String reference, String idempotencyKey, byte[] ciphertext) {
        try {
            if (nonce == null || nonce.length != NONCE_BYTES || ciphertext == null) {
                throw new GeneralSecurityException("nonce or ciphertext missing or malformed");
            }
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(reference, idempotencyKey));
            return cipher.doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            log.error("outbox entry does not decrypt, kept: id={} reference={}", id, reference);
            throw new OutboxEntryUnreadableException(id, reference, e);
        }
    }

    /** label, then each field as a 4-byte length and its UTF-8 bytes: unambiguous, so fields cannot be shifted. */
    static byte[] associatedData(String reference, String idempotencyKey) {
        byte[] ref = reference.getBytes(StandardCharsets.UTF_8);
        byte[] idem = idempotencyKey.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(AAD_LABEL.length + 8 + ref.length + idem.length)
                .put(AAD_LABEL).putInt(ref.length).put(ref).putInt(idem.length).put(idem).array();
    }
}
