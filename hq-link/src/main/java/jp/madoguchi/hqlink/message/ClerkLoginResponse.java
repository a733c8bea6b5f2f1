package jp.madoguchi.hqlink.message;

import java.time.Instant;

/** A clerk session: send {@code Authorization: Bearer <token>} on every clerk request until {@code expiresAt}. */
public record ClerkLoginResponse(int v, String token, Instant expiresAt, String displayName) {
    public ClerkLoginResponse {
        Require.version(v, "clerk login response");
        Require.text(token, "clerk login response", "token");
        Require.present(expiresAt, "clerk login response", "expiresAt");
        Require.text(displayName, "clerk login response", "displayName");
    }

    public ClerkLoginResponse(String token, Instant expiresAt, String displayName) {
        this(Protocol.VERSION, token, expiresAt, displayName);
    }

    @Override
    public String toString() {
        return "ClerkLoginResponse[v=" + v + ", token=***, expiresAt=" + expiresAt + ", displayName=" + displayName + "]";
    }
}
