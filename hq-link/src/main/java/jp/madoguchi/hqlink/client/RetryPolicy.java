package jp.madoguchi.hqlink.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How idempotent requests are retried: at most {@code maxAttempts} sends; before retry {@code n} (1-based)
 * the client waits {@code min(maxDelay, initialDelay · 2^(n-1))}, of which a random half is jitter
 * ("equal jitter": between half and all of it), so booths that lost HQ together do not come back together.
 * A {@code Retry-After} from HQ replaces the computed wait; one longer than {@code maxRetryAfter} ends the
 * retries at once (the booth's outbox tries later). Immutable.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter) {
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay and maxRetryAfter >= 0");
        }
    }

    /** 4 attempts, 250 ms doubling up to 5 s, Retry-After honoured up to 30 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** Send once. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The wait before retry number {@code retry} (1 = the first retry).
     *
     * @param random01 a uniformly random number in [0, 1)
     */
    public Duration backoff(int retry, double random01) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry is 1-based: " + retry);
        }
        long ceiling = maxDelay.toNanos();
        long delay = initialDelay.toNanos();
        for (int i = 1; i < retry && delay < ceiling; i++) {
            delay = delay * 2;
        }
        delay = Math.min(delay, ceiling);
        long half = delay / 2;
        double jitter = Math.max(0.0, Math.min(1.0, random01));
        return Duration.ofNanos(half + (long) ((delay - half) * jitter));
    }
}
