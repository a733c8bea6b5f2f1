package jp.madoguchi.hqlink.message;

/** Constants of the booth ↔ headquarters protocol: its version and its HTTP paths (see {@code hq-link/PROTOCOL.md}). */
public final class Protocol {
    /** The protocol version every message carries as {@code "v"}. Additive changes keep it; breaking changes raise it. */
    public static final int VERSION = 1;

    public static final String ENROL = "/api/v1/enrol";
    public static final String APPLICATIONS = "/api/v1/applications";
    public static final String CALLS = "/api/v1/calls";
    public static final String PRESENCE = "/api/v1/presence";
    public static final String CLERK_LOGIN = "/api/v1/clerk/login";
    public static final String CLERK_QUEUES = "/api/v1/clerk/queues";
    public static final String CLERK_ANSWER_NEXT = "/api/v1/clerk/answer-next";
    public static final String CLERK_DECISIONS = "/api/v1/clerk/decisions";

    /** The request header that makes a submission safe to resend. */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private Protocol() {
    }

    /** The path of one call, for {@code DELETE} when the resident leaves. */
    public static String call(String callId) {
        if (callId == null || !callId.matches("[A-Za-z0-9._~-]{1,128}")) {
            throw new IllegalArgumentException("not a valid call id: " + callId);
        }
        return CALLS + "/" + callId;
    }
}
