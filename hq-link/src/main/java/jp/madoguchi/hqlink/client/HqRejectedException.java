package jp.madoguchi.hqlink.client;

/**
 * Headquarters answered and refused the request (4xx other than 429). Sending it again will not help:
 * the error code says why (see {@code jp.madoguchi.hqlink.message.ErrorCodes}).
 */
public final class HqRejectedException extends HqException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;
    private final String serverMessage;

    /** Made by the transport; public for fakes of headquarters in other modules' tests (the clerk console's). */
    public HqRejectedException(int status, String errorCode, String serverMessage) {
        super("headquarters refused the request: HTTP " + status + " " + errorCode
                + (serverMessage.isEmpty() ? "" : " (" + serverMessage + ")"), null);
        this.status = status;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
    }

    /** The HTTP status, e.g. 400, 403, 404, 409. */
    public int status() {
        return status;
    }

    /** The server's {@code error} code, or {@code http_<status>} if the answer carried none. */
    public String errorCode() {
        return errorCode;
    }

    /** The server's human-readable {@code message} (for logs and IT staff; may be empty). */
    public String serverMessage() {
        return serverMessage;
    }
}
