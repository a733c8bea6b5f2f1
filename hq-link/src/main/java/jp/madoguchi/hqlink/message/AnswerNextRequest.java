package jp.madoguchi.hqlink.message;

/** {@code POST /api/v1/clerk/answer-next}: give this clerk the longest-waiting call of the queue {@code routing}. */
public record AnswerNextRequest(int v, String routing) {
    public AnswerNextRequest {
        Require.version(v, "answer-next request");
        Require.text(routing, "answer-next request", "routing");
    }

    public AnswerNextRequest(String routing) {
        this(Protocol.VERSION, routing);
    }
}
