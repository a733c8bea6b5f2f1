package jp.madoguchi.hq.store;

import java.time.Instant;

/** A headquarters clerk. The password hash stays inside the store. */
public record Clerk(String id, String username, String displayName, Instant createdAt) {
}
