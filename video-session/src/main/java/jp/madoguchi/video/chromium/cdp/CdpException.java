package jp.madoguchi.video.chromium.cdp;

/**
 * A DevTools Protocol command failed: the browser answered with an error ({@link #code()} and message as
 * Chromium sent them), the command timed out, or the connection closed before the answer came.
 */
public final class CdpException extends RuntimeException {
    /** {@link #code()} when the browser did not answer at all (timeout, closed connection). */
    public static final int NO_REPLY = 0;

    private final String method;
    private final int code;

    public CdpException(String method, int code, String message) {
        super(method + ": " + message + (code == NO_REPLY ? "" : " (" + code + ")"));
        this.method = method;
        this.code = code;
    }

    /** The command that failed. */
    public String method() {
        return method;
    }

    /** The protocol's error code ({@code -32000} for most command errors), or {@link #NO_REPLY}. */
    public int code() {
        return code;
    }
}
