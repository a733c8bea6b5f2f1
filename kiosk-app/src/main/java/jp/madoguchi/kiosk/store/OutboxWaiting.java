package jp.madoguchi.kiosk.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One outbox entry as the maintenance screen sees it: the clear columns only, never the application.
 *
 * @param lastError the last delivery attempt's error code (e.g. {@code hq.unreachable}), never a message
 */
public record OutboxWaiting(long id, String reference, Instant createdAt, int attempts,
                            Optional<Instant> lastAttemptAt, Optional<String> lastError) {
    public OutboxWaiting {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastAttemptAt, "lastAttemptAt");
        Objects.requireNonNull(lastError, "lastError");
    }
}
