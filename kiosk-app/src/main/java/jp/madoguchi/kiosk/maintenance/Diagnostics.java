package jp.madoguchi.kiosk.maintenance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the booth's {@link Check}s side by side on an executor. Each outcome goes to a listener as soon as it is
 * known (on the check's thread: the caller hands it to the FX thread); a check that throws is a FAIL, one that
 * hangs past its limit ({@link #CHECK_LIMIT} unless given) too. Never blocks the caller. Thread-safe.
 */
public final class Diagnostics {
    public static final Duration CHECK_LIMIT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(Diagnostics.class);

    private final List<Check> checks;
    private final Executor executor;
    private final Duration limit;

    public Diagnostics(List<Check> checks, Executor executor) {
        this(checks, executor, CHECK_LIMIT);
    }

    /** With another limit per check (the command line's self-test: 10 s). */
    public Diagnostics(List<Check> checks, Executor executor, Duration limit) {
        this.checks = List.copyOf(checks);
        this.executor = Objects.requireNonNull(executor, "executor");
        this.limit = Objects.requireNonNull(limit, "limit");
    }

    public List<Check> checks() {
        return checks;
    }

    /** Starts every check; the future completes with all outcomes, in the checks' order. */
    public CompletableFuture<List<CheckOutcome>> runAll(Consumer<CheckOutcome> onEach) {
        List<CompletableFuture<CheckOutcome>> running = new ArrayList<>();
        for (Check check : checks) {
            running.add(run(check).thenApply(outcome -> {
                onEach.accept(outcome);
                return outcome;
            }));
        }
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                .thenApply(done -> running.stream().map(CompletableFuture::join).toList());
    }

    /** Runs one check; the future never completes exceptionally. */
    public CompletableFuture<CheckOutcome> run(Check check) {
        long started = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return check.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CheckResult.fail("maint.check.crashed", "interrupted");
            } catch (Exception | LinkageError e) {
                log.warn("diagnostic {} failed: {}", check.titleKey(), e.toString());
                return CheckResult.fail("maint.check.crashed", e.toString());
            }
        }, executor).completeOnTimeout(CheckResult.fail("maint.check.timeout", "no answer within "
                + limit.toSeconds() + " s"), limit.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(result -> {
                    CheckOutcome outcome = new CheckOutcome(check, result, Duration.ofNanos(System.nanoTime() - started));
                    log.info("diagnostic {}: {} {} in {} ms", check.titleKey(), result.status(), result.messageKey(),
                            outcome.duration().toMillis());
                    return outcome;
                });
    }
}
