package jp.madoguchi.kiosk.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import jp.madoguchi.kiosk.store.Outbox;
import jp.madoguchi.kiosk.store.OutboxWaiting;

/**
 * The outbox as IT staff see it: how many applications wait, how old the oldest is, the most attempts any has
 * had, and the last error code. References only; nothing is decrypted ({@link Outbox#waiting()}).
 */
public record OutboxSummary(int count, Optional<Duration> oldestAge, int mostAttempts, Optional<String> lastError,
                            List<OutboxWaiting> entries) {
    public OutboxSummary {
        entries = List.copyOf(entries);
    }

    public static OutboxSummary of(Outbox outbox, Instant now) {
        return of(outbox.waiting(), now);
    }

    public static OutboxSummary of(List<OutboxWaiting> waiting, Instant now) {
        Optional<Duration> oldest = waiting.stream().map(OutboxWaiting::createdAt).min(Comparator.naturalOrder())
                .map(created -> Duration.between(created, now)).map(d -> d.isNegative() ? Duration.ZERO : d);
        int most = waiting.stream().mapToInt(OutboxWaiting::attempts).max().orElse(0);
        Optional<String> lastError = waiting.stream().filter(w -> w.lastAttemptAt().isPresent() && w.lastError().isPresent())
                .max(Comparator.comparing(w -> w.lastAttemptAt().get())).flatMap(OutboxWaiting::lastError);
        return new OutboxSummary(waiting.size(), oldest, most, lastError, waiting);
    }
}
