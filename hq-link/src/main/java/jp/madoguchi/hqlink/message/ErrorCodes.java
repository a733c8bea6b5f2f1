package jp.madoguchi.hqlink.message;

/**
 * The {@code error} values headquarters answers with (in an {@link ErrorResponse}). Kept as strings,
 * not an enum, so a booth tolerates codes a newer headquarters adds.
 */
public final class ErrorCodes {
    // enrolment
    public static final String CODE_UNKNOWN = "code_unknown";
    public static final String CODE_USED = "code_used";
    public static final String CODE_EXPIRED = "code_expired";
    public static final String BAD_CSR = "bad_csr";
    // any request
    public static final String BAD_REQUEST = "bad_request";
    public static final String UNSUPPORTED_VERSION = "unsupported_version";
    public static final String NOT_FOUND = "not_found";
    public static final String BOOTH_REVOKED = "booth_revoked";
    /** The request body is larger than the endpoint accepts (413). */
    public static final String TOO_LARGE = "too_large";
    /** The same Idempotency-Key was reused with a different body. */
    public static final String IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";
    /**
     * The same signed application was already received from another booth (409): a replay; nothing is stored. (The
     * booth that sent it first gets its first receipt again, whatever the Idempotency-Key.)
     */
    public static final String REPLAYED = "replayed";
    /**
     * The submission carries no usable signature: its CMS is not a CMS, has no signer, or does not carry the signer's
     * certificate (422); nothing is stored. (A signature that names its signer but does not verify is stored, failed,
     * for the clerk to see.)
     */
    public static final String UNSIGNED = "unsigned";
    // clerks
    public static final String BAD_CREDENTIALS = "bad_credentials";
    public static final String LOCKED_OUT = "locked_out";
    public static final String UNAUTHORIZED = "unauthorized";
    /** A reference that is not this booth's application, or (clerks) no application at all. */
    public static final String UNKNOWN_REFERENCE = "unknown_reference";
    /** A decision on an application that was already decided (409): decisions are final. */
    public static final String ALREADY_DECIDED = "already_decided";
    /** The chosen call no longer waits: another clerk took it, or the resident left (409). */
    public static final String ALREADY_TAKEN = "already_taken";
    /** No call with this id was answered in the last hours (404). */
    public static final String UNKNOWN_CALL = "unknown_call";
    /** The call was answered by another clerk (403). */
    public static final String NOT_YOUR_CALL = "not_your_call";
    /**
     * The clerk answered this call but was away too long (or their session ended) and the call went back to the
     * queue for another clerk; it is no longer theirs (409).
     */
    public static final String CALL_RETURNED = "call_returned";
    /** The booth holds no presence connection right now, so it cannot be shown anything (409). */
    public static final String BOOTH_OFFLINE = "booth_offline";
    // clerk administration
    /** The request needs an admin clerk (403). */
    public static final String FORBIDDEN = "forbidden";
    /** No booth has this id (404). */
    public static final String UNKNOWN_BOOTH = "unknown_booth";
    /** No clerk has this id (404). */
    public static final String UNKNOWN_CLERK = "unknown_clerk";
    /** A new clerk's password is shorter than the minimum (400). */
    public static final String WEAK_PASSWORD = "weak_password";
    /** Another clerk has this username (409). */
    public static final String USERNAME_TAKEN = "username_taken";
    /** An admin tried to disable their own account (409). */
    public static final String CANNOT_DISABLE_SELF = "cannot_disable_self";

    private ErrorCodes() {
    }
}
