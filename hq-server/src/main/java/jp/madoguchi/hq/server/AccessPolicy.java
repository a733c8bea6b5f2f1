package jp.madoguchi.hq.server;

import java.util.ArrayList;
import java.util.List;

/**
 * Which paths need a booth's client certificate. Deny by default: every path is a booth path
 * unless it is open — {@code /health}, enrolment ({@code /api/v1/enrol}) and the clerk API
 * ({@code /api/v1/clerk/...}, which authenticates clerks itself) — or was opened with
 * {@link HqServer.Builder#openPath(String)}. So a new booth endpoint is protected without anyone
 * remembering to protect it. Immutable and thread-safe.
 */
public final class AccessPolicy {
    public static final String HEALTH = "/health";
    public static final String ENROL = "/api/v1/enrol";
    public static final String CLERK = "/api/v1/clerk";
    /** The booth endpoints the server knows of (documentation; any non-open path is treated the same). */
    public static final List<String> BOOTH_PATHS = List.of("/api/v1/applications", "/api/v1/calls", "/api/v1/presence");

    private final List<String> openPrefixes;

    AccessPolicy(List<String> extraOpenPrefixes) {
        List<String> prefixes = new ArrayList<>(List.of(HEALTH, ENROL, CLERK));
        prefixes.addAll(extraOpenPrefixes);
        this.openPrefixes = List.copyOf(prefixes);
    }

    /** Whether {@code path} (a canonical request path) is served without a booth certificate. */
    public boolean isOpen(String path) {
        for (String prefix : openPrefixes) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    List<String> openPrefixes() {
        return openPrefixes;
    }
}
