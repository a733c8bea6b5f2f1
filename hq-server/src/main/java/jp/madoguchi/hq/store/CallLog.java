package jp.madoguchi.hq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of calls as they ended: answered (by which clerk, when), or cancelled, abandoned or lost with their booth
 * while waiting. It answers "who answered this call?" (only that clerk may show things on the booth) and the
 * clerks' history of a day. Thread-safe. Holds ids and reference numbers only; the history it reads (names of
 * clerks, decision messages) is never logged.
 */
public final class CallLog {
    private static final Logger log = LoggerFactory.getLogger(CallLog.class);
    /** The columns of an {@link Answered}, from the call log. */
    private static final String SELECT_ANSWERED = "SELECT call_id, booth_id, reference, answered_by, answered_at"
            + " FROM call_log";

    private static final String COLUMNS = "call_id, booth_id, procedure_id, routing, reference, priority, queued_at,"
            + " answered_at, answered_by, ended_reason";

    /** A call as the queue held it. */
    public record Call(String callId, String boothId, String procedureId, String routing, String reference,
            boolean priority, Instant queuedAt) {
        public Call {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(boothId, "boothId");
            Objects.requireNonNull(procedureId, "procedureId");
            Objects.requireNonNull(routing, "routing");
            Objects.requireNonNull(queuedAt, "queuedAt");
        }
    }

    /** An answered call: which booth, which clerk, when. */
    public record Answered(String callId, String boothId, String reference, String answeredBy, Instant answeredAt) {
    }

    /**
     * One line of the history: a logged call (with its application's decision, if any), or a decision on an
     * application whose call is not logged ({@code callId} null). Names are display names; null when unknown.
     */
    public record HistoryRow(String callId, String reference, String procedureId, String boothName, String location,
            Instant queuedAt, Instant answeredAt, String answeredBy, ApplicationStatus status, Instant decidedAt,
            String decidedBy, String message) {
        /** When this line happened, for newest-first order: the call's queueing, else the decision. */
        public Instant at() {
            return queuedAt != null ? queuedAt : decidedAt;
        }

        @Override
        public String toString() {
            return "HistoryRow[callId=" + callId + ", reference=" + reference + ", status=" + status + ", content=***]";
        }
    }

    private final Database database;

    public CallLog(Database database) {
        this.database = Objects.requireNonNull(database);
    }

    /**
     * Logs that {@code clerkId} answered {@code call} at {@code when}. A call is logged once; a second time is ignored,
     * unless the call went back to the queue since ({@link #returned}), when the new answer is logged in its row.
     */
    public void answered(Call call, String clerkId, Instant when) {
        Objects.requireNonNull(clerkId, "clerkId");
        Objects.requireNonNull(when, "when");
        insert("log answered call", call, clerkId, when, null, " ON CONFLICT (call_id) DO UPDATE SET"
                + " answered_at = excluded.answered_at, answered_by = excluded.answered_by"
                + " WHERE call_log.answered_at IS NULL AND call_log.ended_reason IS NULL");
    }

    /**
     * Logs that {@code call} ended unanswered, for {@code reason} ({@code cancelled}, {@code booth_gone}, {@code abandoned}),
     * also when it had been answered and went back to the queue; an answered or already ended call is left as it is.
     */
    public void ended(Call call, String reason) {
        Objects.requireNonNull(reason, "reason");
        insert("log unanswered call", call, null, null, reason, " ON CONFLICT (call_id) DO UPDATE SET"
                + " ended_reason = excluded.ended_reason"
                + " WHERE call_log.answered_at IS NULL AND call_log.ended_reason IS NULL");
    }

    /**
     * The call {@code callId}, answered by {@code clerkId} at {@code answeredAt}, went back to the queue at
     * {@code returnedAt} because that clerk went away ({@code reason}: {@code clerk_unseen}, {@code session_ended}):
     * its row says "not answered" again (so the next clerk's answer is logged there) and {@code call_returns} keeps
     * who held it. Returns false (and changes nothing) if the log does not say that clerk answered it.
     */
    public boolean returned(String callId, String clerkId, Instant answeredAt, Instant returnedAt, String reason) {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(clerkId, "clerkId");
        Objects.requireNonNull(answeredAt, "answeredAt");
        Objects.requireNonNull(returnedAt, "returnedAt");
        Objects.requireNonNull(reason, "reason");
        boolean done = database.write("log returned call", connection -> {
            try (PreparedStatement reset = connection.prepareStatement("UPDATE call_log SET answered_at = NULL,"
                    + " answered_by = NULL WHERE call_id = ? AND answered_by = ?")) {
                reset.setString(1, callId);
                reset.setString(2, clerkId);
                if (reset.executeUpdate() != 1) {
                    return false;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO call_returns (call_id, clerk_id,"
                    + " answered_at, returned_at, reason) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, callId);
                insert.setString(2, clerkId);
                Timestamps.set(insert, 3, answeredAt);
                Timestamps.set(insert, 4, returnedAt);
                insert.setString(5, reason);
                insert.executeUpdate();
            }
            return true;
        });
        log.debug("call {} logged: returned to the queue ({})", callId, reason);
        return done;
    }

    /** Whether {@code callId} was ever taken back from {@code clerkId} because they went away. */
    public boolean wasReturnedFrom(String callId, String clerkId) {
        return exists("find returned call", "SELECT 1 FROM call_returns WHERE call_id = ? AND clerk_id = ?",
                callId, clerkId);
    }

    /**
     * Whether a call carrying the application {@code reference} of {@code boothId} was taken back from {@code clerkId}
     * because they went away.
     */
    public boolean applicationReturnedFrom(String boothId, String reference, String clerkId) {
        return exists("find returned application call", "SELECT 1 FROM call_returns r JOIN call_log l"
                + " ON l.call_id = r.call_id WHERE l.booth_id = ? AND l.reference = ? AND r.clerk_id = ?",
                boothId, reference, clerkId);
    }

    /** The clerk who answered the latest answered call carrying the application {@code reference} of {@code boothId}. */
    public Optional<Answered> answeredCallOf(String boothId, String reference) {
        return database.read("find application's answered call", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_ANSWERED
                    + " WHERE booth_id = ? AND reference = ? AND answered_by IS NOT NULL"
                    + " ORDER BY answered_at DESC, call_id LIMIT 1")) {
                select.setString(1, boothId);
                select.setString(2, reference);
                try (ResultSet row = select.executeQuery()) {
                    return firstAnswered(row);
                }
            }
        });
    }

    private static Optional<Answered> firstAnswered(ResultSet row) throws SQLException {
        return row.next()
                ? Optional.of(new Answered(row.getString("call_id"), row.getString("booth_id"),
                        row.getString("reference"), row.getString("answered_by"), Timestamps.get(row, "answered_at")))
                : Optional.empty();
    }

    private boolean exists(String operation, String sql, String... values) {
        return database.read(operation, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    select.setString(i + 1, values[i]);
                }
                try (ResultSet row = select.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    private void insert(String operation, Call call, String clerkId, Instant answeredAt, String reason,
            String onConflict) {
        Objects.requireNonNull(call, "call");
        database.write(operation, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO call_log (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" + onConflict)) {
                insert.setString(1, call.callId());
                insert.setString(2, call.boothId());
                insert.setString(3, call.procedureId());
                insert.setString(4, call.routing());
                insert.setString(5, call.reference());
                insert.setInt(6, call.priority() ? 1 : 0);
                Timestamps.set(insert, 7, call.queuedAt());
                Timestamps.set(insert, 8, answeredAt);
                insert.setString(9, clerkId);
                insert.setString(10, reason);
                insert.executeUpdate();
            }
            return null;
        });
        log.debug("call {} logged: {}", call.callId(), reason == null ? "answered" : reason);
    }

    /** The call, if it was answered at or after {@code since} (older answers are forgotten for this purpose). */
    public Optional<Answered> findAnswered(String callId, Instant since) {
        return database.read("find answered call", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_ANSWERED
                    + " WHERE call_id = ? AND answered_at >= ?")) {
                select.setString(1, callId);
                Timestamps.set(select, 2, since);
                try (ResultSet row = select.executeQuery()) {
                    return firstAnswered(row);
                }
            }
        });
    }

    /**
     * The history of {@code [from, to)}: calls queued then (with their application's decision), and decisions made
     * then on applications whose call is not logged; only references containing {@code referenceFragment} (any
     * case) if it is not null. Newest first, at most {@code limit}.
     */
    public List<HistoryRow> history(Instant from, Instant to, String referenceFragment, int limit) {
        String pattern = referenceFragment == null ? null
                : "%" + likeEscaped(referenceFragment.toLowerCase(Locale.ROOT)) + "%";
        return database.read("read call history", connection -> {
            List<HistoryRow> rows = new ArrayList<>(calls(connection, from, to, pattern, limit));
            rows.addAll(decisionsWithoutCall(connection, from, to, pattern, limit));
            rows.sort(Comparator.comparing(HistoryRow::at).reversed()
                    .thenComparing(row -> row.callId() == null ? "" : row.callId()));
            return rows.size() > limit ? List.copyOf(rows.subList(0, limit)) : rows;
        });
    }

    private static List<HistoryRow> calls(Connection connection, Instant from, Instant to, String pattern, int limit)
            throws SQLException {
        String sql = "SELECT l.call_id, l.reference, l.procedure_id, b.name AS booth_name, b.location AS booth_location,"
                + " l.queued_at, l.answered_at, answerer.display_name AS answered_by_name, a.status, a.decided_at,"
                + " decider.display_name AS decided_by_name, a.decision_message"
                + " FROM call_log l"
                + " LEFT JOIN booths b ON b.id = l.booth_id"
                + " LEFT JOIN clerks answerer ON answerer.id = l.answered_by"
                + " LEFT JOIN applications a ON a.reference = l.reference AND a.booth_id = l.booth_id"
                + " LEFT JOIN clerks decider ON decider.id = a.decided_by"
                + " WHERE l.queued_at >= ? AND l.queued_at < ?"
                + (pattern == null ? "" : " AND LOWER(l.reference) LIKE ? ESCAPE '!'")
                + " ORDER BY l.queued_at DESC, l.call_id LIMIT ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int index = bindRange(select, from, to, pattern);
            select.setInt(index, limit);
            try (ResultSet rows = select.executeQuery()) {
                List<HistoryRow> found = new ArrayList<>();
                while (rows.next()) {
                    String status = rows.getString("status");
                    found.add(new HistoryRow(rows.getString("call_id"), rows.getString("reference"),
                            rows.getString("procedure_id"), rows.getString("booth_name"), rows.getString("booth_location"),
                            Timestamps.get(rows, "queued_at"), Timestamps.get(rows, "answered_at"),
                            rows.getString("answered_by_name"), status == null ? null : ApplicationStatus.fromColumn(status),
                            Timestamps.get(rows, "decided_at"), rows.getString("decided_by_name"),
                            rows.getString("decision_message")));
                }
                return found;
            }
        }
    }

    private static List<HistoryRow> decisionsWithoutCall(Connection connection, Instant from, Instant to,
            String pattern, int limit) throws SQLException {
        String sql = "SELECT a.reference, a.form_id, b.name AS booth_name, b.location AS booth_location, a.status,"
                + " a.decided_at, decider.display_name AS decided_by_name, a.decision_message"
                + " FROM applications a"
                + " LEFT JOIN booths b ON b.id = a.booth_id"
                + " LEFT JOIN clerks decider ON decider.id = a.decided_by"
                + " WHERE a.decided_at >= ? AND a.decided_at < ?"
                + (pattern == null ? "" : " AND LOWER(a.reference) LIKE ? ESCAPE '!'")
                + " AND NOT EXISTS (SELECT 1 FROM call_log l WHERE l.reference = a.reference AND l.booth_id = a.booth_id)"
                + " ORDER BY a.decided_at DESC, a.reference LIMIT ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int index = bindRange(select, from, to, pattern);
            select.setInt(index, limit);
            try (ResultSet rows = select.executeQuery()) {
                List<HistoryRow> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(new HistoryRow(null, rows.getString("reference"), rows.getString("form_id"),
                            rows.getString("booth_name"), rows.getString("booth_location"), null, null, null,
                            ApplicationStatus.fromColumn(rows.getString("status")), Timestamps.get(rows, "decided_at"),
                            rows.getString("decided_by_name"), rows.getString("decision_message")));
                }
                return found;
            }
        }
    }

    /** Binds {@code from}, {@code to} and the pattern if any; returns the next parameter index. */
    private static int bindRange(PreparedStatement select, Instant from, Instant to, String pattern) throws SQLException {
        Timestamps.set(select, 1, from);
        Timestamps.set(select, 2, to);
        if (pattern == null) {
            return 3;
        }
        select.setString(3, pattern);
        return 4;
    }

    /** Escapes LIKE's wildcards with {@code !}, so a typed {@code %} or {@code _} matches itself. */
    static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
