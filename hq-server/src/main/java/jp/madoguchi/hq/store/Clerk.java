package jp.madoguchi.hq.store;

import java.time.Instant;

/**
 * A headquarters clerk. The password hash stays inside the store. {@code admin}: may manage booths and clerk
 * accounts; {@code disabled}: may not log in, and has no working session.
 */
public record Clerk(String id, String username, String displayName, Instant createdAt, boolean admin,
        boolean disabled) {

    /** An ordinary, enabled clerk. */
    public Clerk(String id, String username, String displayName, Instant createdAt) {
        this(id, username, displayName, createdAt, false, false);
    }
}
