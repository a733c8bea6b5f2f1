package jp.madoguchi.hqlink.message;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * One waiting call as a clerk sees it in a queue. {@code reference} is absent when no application was submitted.
 * {@code boothId}, {@code boothName} and {@code location} say where the resident is ("" when headquarters does not
 * know, and when an older headquarters sent no such field); {@code needsClerkCheck} is true when the call's
 * application has characters the card substituted (外字) that the clerk must check (false when absent).
 */
public record QueuedCall(String callId, String procedureId, boolean priority, int waitingSeconds, String reference,
        String boothId, String boothName, String location,
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean needsClerkCheck) {
    public QueuedCall {
        Require.text(callId, "queued call", "callId");
        Require.text(procedureId, "queued call", "procedureId");
        Require.notNegative(waitingSeconds, "queued call", "waitingSeconds");
        boothId = boothId == null ? "" : boothId;
        boothName = boothName == null ? "" : boothName;
        location = location == null ? "" : location;
    }

    /** A call without booth details (as an older headquarters sent it). */
    public QueuedCall(String callId, String procedureId, boolean priority, int waitingSeconds, String reference) {
        this(callId, procedureId, priority, waitingSeconds, reference, "", "", "", false);
    }
}
