package jp.madoguchi.hqlink.message;

/**
 * {@code POST /api/v1/calls}: the booth asks for a clerk for a procedure; {@code priority} is priority
 * assistance. {@code reference} (optional) is the application submitted for this call, so the answering
 * clerk sees it; absent for "just talk to a clerk" or while the submission waits in the outbox.
 */
public record CallRequest(int v, String routing, String procedureId, boolean priority, String reference) {
    public CallRequest {
        Require.version(v, "call request");
        Require.text(routing, "call request", "routing");
        Require.text(procedureId, "call request", "procedureId");
    }

    public CallRequest(String routing, String procedureId, boolean priority, String reference) {
        this(Protocol.VERSION, routing, procedureId, priority, reference);
    }
}
