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
    public static final String CLERK_LOGOUT = "/api/v1/clerk/logout";
    public static final String CLERK_HISTORY = "/api/v1/clerk/history";
    /** {@code POST}: show something on the booth of an answered call ({@link #clerkShow(String)} names one). */
    public static final String CLERK_SHOW = "/api/v1/clerk/calls/{callId}/show";
    public static final String CLERK_ADMIN_ENROLMENT_CODES = "/api/v1/clerk/admin/enrolment-codes";
    public static final String CLERK_ADMIN_BOOTHS = "/api/v1/clerk/admin/booths";
    public static final String CLERK_ADMIN_REVOKE_BOOTH = "/api/v1/clerk/admin/booths/{boothId}/revoke";
    public static final String CLERK_ADMIN_CLERKS = "/api/v1/clerk/admin/clerks";
    public static final String CLERK_ADMIN_DISABLE_CLERK = "/api/v1/clerk/admin/clerks/{clerkId}/disable";
    public static final String CLERK_ADMIN_ENABLE_CLERK = "/api/v1/clerk/admin/clerks/{clerkId}/enable";
    public static final String CLERK_ADMIN_UNLOCK_CLERK = "/api/v1/clerk/admin/clerks/{clerkId}/unlock";

    /** The request header that makes a submission safe to resend. */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private Protocol() {
    }

    /** The path of one call, for {@code DELETE} when the resident leaves. */
    public static String call(String callId) {
        return CALLS + "/" + id(callId, "call id");
    }

    /** The show path of one answered call. */
    public static String clerkShow(String callId) {
        return CLERK_SHOW.replace("{callId}", id(callId, "call id"));
    }

    /** One of the admin paths with a {@code {boothId}} or {@code {clerkId}}, filled in. */
    public static String adminPath(String template, String id) {
        String filled = template.replace("{boothId}", id(id, "id")).replace("{clerkId}", id);
        if (filled.equals(template)) {
            throw new IllegalArgumentException("not a path with an id: " + template);
        }
        return filled;
    }

    /** Ids in paths (calls, booths, clerks): letters, digits and {@code . _ ~ -}, 1 to 128 of them. */
    public static boolean isPathId(String id) {
        return id != null && id.matches("[A-Za-z0-9._~-]{1,128}");
    }

    private static String id(String id, String what) {
        if (!isPathId(id)) {
            throw new IllegalArgumentException("not a valid " + what + ": " + id);
        }
        return id;
    }
}
