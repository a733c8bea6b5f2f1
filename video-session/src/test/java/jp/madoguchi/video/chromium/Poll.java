package jp.madoguchi.video.chromium;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition in tests: polls, never sleeps to assert timing. */
final class Poll {
    private Poll() {
    }

    static void until(Duration max, BooleanSupplier condition, Supplier<String> whatWasSeen) {
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
