package jp.madoguchi.video.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition in tests: polls every 50 ms, never sleeps to assert timing. A condition that throws is
 * asked again until the deadline (the page may still be loading); the last exception is the failure's cause.
 */
public final class Poll {
    private Poll() {
    }

    public static void until(Duration max, BooleanSupplier condition, Supplier<String> whatWasSeen) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("gave up after " + max.toSeconds() + " s: " + whatWasSeen.get(), e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up after " + max.toSeconds() + " s: " + whatWasSeen.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
