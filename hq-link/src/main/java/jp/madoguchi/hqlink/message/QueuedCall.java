package jp.madoguchi.hqlink.message;

/** One waiting call as a clerk sees it in a queue. {@code reference} is absent when no application was submitted. */
public record QueuedCall(String callId, String procedureId, boolean priority, int waitingSeconds, String reference) {
    public QueuedCall {
        Require.text(callId, "queued call", "callId");
        Require.text(procedureId, "queued call", "procedureId");
        Require.notNegative(waitingSeconds, "queued call", "waitingSeconds");
    }
}
