package jp.madoguchi.hq.server;

/**
 * Thrown by a handler to answer with a JSON error {@code {"error": code, "message": message,
 * "requestId": ...}} and the given status. The message is shown to the client and logged: it must
 * never carry personal data.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** A stable machine-readable code such as {@code not_found}, {@code invalid_request}. */
    public String code() {
        return code;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "invalid_request", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message);
    }
}
