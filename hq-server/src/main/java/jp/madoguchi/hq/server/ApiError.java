package jp.madoguchi.hq.server;

/**
 * The body of every error answer: a stable code, a human-readable message without personal data,
 * and the request id that also appears in the server's log line for the request.
 *
 * <table>
 * <caption>status codes</caption>
 * <tr><td>400</td><td>{@code invalid_request}</td><td>malformed request or path</td></tr>
 * <tr><td>401</td><td>{@code client_certificate_required}</td><td>booth endpoint without a client certificate</td></tr>
 * <tr><td>403</td><td>{@code booth_revoked}, {@code bad_client_certificate}, {@code https_required}</td><td>refused</td></tr>
 * <tr><td>404</td><td>{@code not_found}</td><td>no such endpoint or resource</td></tr>
 * <tr><td>405</td><td>{@code method_not_allowed}</td><td></td></tr>
 * <tr><td>500</td><td>{@code internal_error}</td><td>details only in the server log</td></tr>
 * <tr><td>503</td><td>{@code unavailable}</td><td></td></tr>
 * </table>
 */
public record ApiError(String error, String message, String requestId) {
    /** The protocol version every message carries (hq-link/PROTOCOL.md): clients refuse an error body without it. */
    @com.fasterxml.jackson.annotation.JsonProperty("v")
    public int v() {
        return 1;
    }
}
