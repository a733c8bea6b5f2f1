package jp.madoguchi.kiosk.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The booth's audit trail: what happened and to which reference number, when (UTC), hash-chained.
 * Each row stores {@code hash = SHA-256(prev_hash + "\n" + canonical)} where {@code canonical} is
 * {@code seq|time|event|reference} ({@code -} for no reference), and {@code prev_hash} is the previous
 * row's hash, or {@link #GENESIS_HASH} for row 1. {@link #verify()} recomputes the chain and so finds
 * an edited, deleted, inserted or reordered row; it cannot notice rows cut off the end or the whole
 * trail rewritten by someone who recomputes every hash (docs/decisions/0019-booth-local-store.md).
 *
 * <p>Only reference numbers enter the trail ({@link ReferenceFormats}); anything else is refused, so
 * no name, address, birth date or individual number can. Thread-safe (through {@link BoothStore}).
 */
public final class AuditTrail {
    /** SHA-256 of "madoguchi booth audit trail v1", lowercase hex: what row 1 chains from. */
    public static final String GENESIS_HASH = sha256Hex("madoguchi booth audit trail v1");
    private static final String NO_REFERENCE = "-";

    private final BoothStore store;
    private final Clock clock;

    AuditTrail(BoothStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Appends an event. {@code reference} is a reference number ({@code MD-YYYYMMDD-XXXXXX} or
     * {@code YYYYMMDD-XXXXXX}) or null; anything else is refused without being echoed.
     *
     * @return the row's sequence number
     */
    public long append(AuditEvent event, String reference) {
        Objects.requireNonNull(event, "event");
        if (reference != null && !ReferenceFormats.isReference(reference)) {
            throw new IllegalArgumentException("the audit trail takes a reference number (MD-YYYYMMDD-XXXXXX or"
                    + " YYYYMMDD-XXXXXX) or none; the value given is neither and was not recorded");
        }
        Instant at = Instant.ofEpochMilli(clock.instant().toEpochMilli());
        return store.write("appending to the audit trail", c -> append(c, event, reference, at));
    }

    /**
     * Appends two events in one transaction, so they are adjacent rows (e.g. {@link AuditEvent#OUTBOX_DELIVERED}
     * with the booth's reference, then {@link AuditEvent#OUTBOX_HQ_REFERENCE} with headquarters' reference for
     * the same application). Both references are checked as in {@link #append}; nothing is written if either
     * is refused.
     *
     * @return the second row's sequence number
     */
    public long appendPair(AuditEvent first, String firstReference, AuditEvent second, String secondReference) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        for (String reference : new String[] {firstReference, secondReference}) {
            if (reference != null && !ReferenceFormats.isReference(reference)) {
                throw new IllegalArgumentException("the audit trail takes a reference number (MD-YYYYMMDD-XXXXXX or"
                        + " YYYYMMDD-XXXXXX) or none; the value given is neither and was not recorded");
            }
        }
        Instant at = Instant.ofEpochMilli(clock.instant().toEpochMilli());
        return store.write("appending to the audit trail", c -> {
            append(c, first, firstReference, at);
            return append(c, second, secondReference, at);
        });
    }

    /** Appends in the caller's transaction (the outbox writes an entry and its events together). */
    static long append(Connection c, AuditEvent event, String reference, Instant at) throws SQLException {
        long seq = 1;
        String prevHash = GENESIS_HASH;
        try (PreparedStatement last = c.prepareStatement("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
             ResultSet row = last.executeQuery()) {
            if (row.next()) {
                seq = row.getLong(1) + 1;
                prevHash = row.getString(2);
            }
        }
        String hash = chainHash(prevHash, canonical(seq, at.toEpochMilli(), event.name(), reference));
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO audit (seq, at, event, reference, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, seq);
            insert.setLong(2, at.toEpochMilli());
            insert.setString(3, event.name());
            insert.setString(4, reference);
            insert.setString(5, prevHash);
            insert.setString(6, hash);
            insert.executeUpdate();
        }
        return seq;
    }

    /** Recomputes the chain from the genesis; reports the first row that does not follow from the one before. */
    public AuditVerification verify() {
        return store.read("verifying the audit trail", c -> {
            long expectedSeq = 1;
            String expectedPrev = GENESIS_HASH;
            long checked = 0;
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT seq, at, event, reference, prev_hash, hash FROM audit ORDER BY seq");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long seq = row.getLong("seq");
                    if (seq != expectedSeq) {
                        return AuditVerification.brokenAt(checked, seq, "expected seq " + expectedSeq
                                + " (a row is missing or was renumbered)");
                    }
                    if (!expectedPrev.equals(row.getString("prev_hash"))) {
                        return AuditVerification.brokenAt(checked, seq,
                                "prev_hash is not the hash of the row before (a row before it was removed, replaced or moved)");
                    }
                    String reference = row.getString("reference");
                    if (reference != null && !ReferenceFormats.isReference(reference)) {
                        return AuditVerification.brokenAt(checked, seq, "the reference is not a reference number (edited)");
                    }
                    String recomputed = chainHash(expectedPrev, canonical(seq, row.getLong("at"),
                            row.getString("event"), reference));
                    if (!recomputed.equals(row.getString("hash"))) {
                        return AuditVerification.brokenAt(checked, seq, "the row's content does not match its hash (edited)");
                    }
                    expectedPrev = recomputed;
                    expectedSeq++;
                    checked++;
                }
            }
            return AuditVerification.intact(checked);
        });
    }

    /**
     * The trail as text lines for the maintenance log export, oldest first:
     * {@code seq<TAB>time<TAB>event<TAB>reference or -<TAB>hash}, then one line with the verification result.
     */
    public List<String> export() {
        List<String> lines = store.read("exporting the audit trail", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT seq, at, event, reference, hash FROM audit ORDER BY seq");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String reference = row.getString("reference");
                    out.add(row.getLong("seq") + "\t" + Instant.ofEpochMilli(row.getLong("at")) + "\t"
                            + row.getString("event") + "\t" + (reference == null ? NO_REFERENCE : reference)
                            + "\t" + row.getString("hash"));
                }
            }
            return out;
        });
        lines.add("# " + verify());
        return lines;
    }

    /**
     * The newest rows whose event is one of {@code events}, newest first, at most {@code limit} of them: number, time
     * and event, no reference. For what must outlive a restart and is already recorded here, e.g. the maintenance
     * PIN's wrong tries since the last opening. Reads backwards from the newest row (the trail has no index on the
     * event), stopping at {@code limit}.
     */
    public List<AuditRecord> latest(Set<AuditEvent> events, int limit) {
        if (events.isEmpty() || limit < 1) {
            return List.of();
        }
        List<String> names = events.stream().map(Enum::name).sorted().toList();
        String placeholders = String.join(", ", java.util.Collections.nCopies(names.size(), "?"));
        return store.read("reading the newest audit rows", c -> {
            List<AuditRecord> out = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT seq, at, event FROM audit WHERE event IN ("
                    + placeholders + ") ORDER BY seq DESC LIMIT ?")) {
                int i = 1;
                for (String name : names) {
                    select.setString(i++, name);
                }
                select.setInt(i, limit);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        out.add(new AuditRecord(row.getLong(1), Instant.ofEpochMilli(row.getLong(2)),
                                AuditEvent.valueOf(row.getString(3))));
                    }
                }
            }
            return out;
        });
    }

    /** How many rows the trail has. */
    public long size() {
        return store.read("counting the audit trail", c -> {
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM audit");
                 ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    static String canonical(long seq, long atMillis, String event, String reference) {
        return seq + "|" + Instant.ofEpochMilli(atMillis) + "|" + event + "|"
                + (reference == null ? NO_REFERENCE : reference);
    }

    static String chainHash(String prevHash, String canonical) {
        return sha256Hex(prevHash + "\n" + canonical);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
