package jp.madoguchi.hq.store;

import java.time.Duration;

/** After {@code maxFailures} wrong passwords in a row an account is refused for {@code lockDuration}. */
public record LockoutPolicy(int maxFailures, Duration lockDuration) {
    public static final LockoutPolicy DEFAULT = new LockoutPolicy(5, Duration.ofMinutes(15));

    public LockoutPolicy {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1");
        }
        if (lockDuration.isNegative() || lockDuration.isZero()) {
            throw new IllegalArgumentException("lockDuration must be positive");
        }
    }
}
