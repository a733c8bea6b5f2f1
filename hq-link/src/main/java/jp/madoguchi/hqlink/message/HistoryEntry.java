package jp.madoguchi.hqlink.message;

import java.time.Instant;

/**
 * One line of a clerk's history: a call (with {@code callId}, when it was queued and answered and by whom) and/or the
 * application it carried ({@code reference}, the decision). A decision on an application whose call headquarters
 * did not log has no {@code callId}; a call without an application has no {@code reference}. {@code outcome},
 * {@code decidedAt} and {@code decidedBy} are null while undecided; {@code answeredAt} and {@code answeredBy} null for
 * a call nobody answered. {@code answeredBy} and {@code decidedBy} are clerks' display names. Never logged.
 */
public record HistoryEntry(String callId, String reference, String procedureId, String boothName, String location,
        Instant queuedAt, Instant answeredAt, String answeredBy, Outcome outcome, Instant decidedAt, String decidedBy,
        String message) {
    public HistoryEntry {
        if (callId == null && reference == null) {
            throw new IllegalArgumentException("history entry: needs 'callId' or 'reference'");
        }
        procedureId = procedureId == null ? "" : procedureId;
        boothName = boothName == null ? "" : boothName;
        location = location == null ? "" : location;
        message = message == null ? "" : message;
    }

    @Override
    public String toString() {
        return "HistoryEntry[callId=" + callId + ", reference=" + reference + ", outcome=" + outcome + ", content=***]";
    }
}
