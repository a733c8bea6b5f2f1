package jp.madoguchi.hqlink.message;

/**
 * {@code POST /api/v1/clerk/answer-next}: give this clerk the longest-waiting call of the queue {@code routing}, or,
 * with {@code callId}, exactly that waiting call (whichever queue it waits in); {@code 409 already_taken} if it no
 * longer waits. {@code callId} absent or null: the next call, as before.
 */
public record AnswerNextRequest(int v, String routing, String callId) {
    public AnswerNextRequest {
        Require.version(v, "answer-next request");
        Require.text(routing, "answer-next request", "routing");
        if (callId != null) {
            Require.text(callId, "answer-next request", "callId");
        }
    }

    public AnswerNextRequest(int v, String routing) {
        this(v, routing, null);
    }

    public AnswerNextRequest(String routing) {
        this(Protocol.VERSION, routing, null);
    }

    public AnswerNextRequest(String routing, String callId) {
        this(Protocol.VERSION, routing, callId);
    }
}
