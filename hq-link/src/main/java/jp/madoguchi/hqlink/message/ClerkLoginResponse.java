package jp.madoguchi.hqlink.message;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.Instant;

/**
 * A clerk session: send {@code Authorization: Bearer <token>} on every clerk request until {@code expiresAt}.
 * {@code admin}: the clerk may use {@code /api/v1/clerk/admin/…} (false when an older headquarters sent no such field).
 */
public record ClerkLoginResponse(int v, String token, Instant expiresAt, String displayName,
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean admin) {
    public ClerkLoginResponse {
        Require.version(v, "clerk login response");
        Require.text(token, "clerk login response", "token");
        Require.present(expiresAt, "clerk login response", "expiresAt");
        Require.text(displayName, "clerk login response", "displayName");
    }

    public ClerkLoginResponse(int v, String token, Instant expiresAt, String displayName) {
        this(v, token, expiresAt, displayName, false);
    }

    public ClerkLoginResponse(String token, Instant expiresAt, String displayName) {
        this(Protocol.VERSION, token, expiresAt, displayName, false);
    }

    public ClerkLoginResponse(String token, Instant expiresAt, String displayName, boolean admin) {
        this(Protocol.VERSION, token, expiresAt, displayName, admin);
    }

    @Override
    public String toString() {
        return "ClerkLoginResponse[v=" + v + ", token=***, expiresAt=" + expiresAt + ", displayName=" + displayName
                + ", admin=" + admin + "]";
    }
}
