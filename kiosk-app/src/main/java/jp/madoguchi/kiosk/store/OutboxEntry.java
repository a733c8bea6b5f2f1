package jp.madoguchi.kiosk.store;

import java.time.Instant;

/**
 * An application waiting for headquarters, decrypted. {@code payload} is the signed application
 * (personal data): the caller sends it and drops it, never logs it. {@link #toString()} leaves it out.
 */
public record OutboxEntry(long id, String reference, String idempotencyKey, Instant createdAt, int attempts,
                          byte[] payload) {

    @Override
    public String toString() {
        return "OutboxEntry[id=" + id + ", reference=" + reference + ", createdAt=" + createdAt
                + ", attempts=" + attempts + ", payloadBytes=" + payload.length + "]";
    }
}
