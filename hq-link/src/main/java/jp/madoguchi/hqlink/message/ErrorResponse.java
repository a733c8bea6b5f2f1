package jp.madoguchi.hqlink.message;

/** The body of every 4xx (and, where the server can, 5xx) answer: {@code {v, error, message}}. */
public record ErrorResponse(int v, String error, String message) {
    public ErrorResponse {
        Require.version(v, "error response");
        Require.text(error, "error response", "error");
        message = message == null ? "" : message;
    }

    public ErrorResponse(String error, String message) {
        this(Protocol.VERSION, error, message);
    }
}
