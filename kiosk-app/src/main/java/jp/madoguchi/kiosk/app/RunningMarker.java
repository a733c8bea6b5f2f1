package jp.madoguchi.kiosk.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The booth's {@code running} file in its data directory ({@link BoothDataDirectory#runningMarkerFile()}): written
 * when the booth starts ({@code started=<instant>} and {@code pid=<pid>}), removed when it stops cleanly (window
 * closed, SIGTERM from systemd). Found still there at the next start, it means the run before did not stop cleanly:
 * a crash, {@code kill -9}, or the power went (the file cannot tell which). Not {@link ReadyMarker}, which is the
 * startup benchmark's.
 *
 * <p>Writing or removing it never stops the booth: a failure is logged and the booth runs on (it then cannot tell
 * an unclean stop at its next start). Holds no personal data. {@link #close()} is the clean stop; idempotent.
 * Not thread-safe beyond that: made and closed by {@link Booth}.
 */
public final class RunningMarker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunningMarker.class);
    static final String FILE_NAME = "running";

    private final Path file;
    private final Run run;
    private boolean closed;

    /**
     * What this run knows about itself: when it started and whether the run before it left its marker behind.
     *
     * @param previousStartedAt when that unclean run had started, if its marker said so
     */
    public record Run(Instant startedAt, boolean afterUncleanStop, Optional<Instant> previousStartedAt) {
        public Run {
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(previousStartedAt, "previousStartedAt");
        }
    }

    private RunningMarker(Path file, Run run) {
        this.file = file;
        this.run = run;
    }

    /** At start: reads the marker the previous run may have left, then writes this run's (replacing it). */
    public static RunningMarker begin(Path file, Clock clock) {
        Objects.requireNonNull(file, "file");
        Instant startedAt = Instant.ofEpochMilli(clock.millis());
        boolean unclean = Files.exists(file);
        Optional<Instant> previous = unclean ? previousStart(file) : Optional.empty();
        if (unclean) {
            log.warn("the booth's previous run did not stop cleanly (its running marker {} was still there{}); "
                    + "starting again", file, previous.map(at -> ", it had started at " + at).orElse(""));
        }
        Path written = file.resolveSibling(FILE_NAME + ".new");
        try {
            Files.writeString(written, "started=" + startedAt + "\npid=" + ProcessHandle.current().pid() + "\n",
                    StandardCharsets.US_ASCII);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot write the running marker {} ({}): an unclean stop of this run will not be noticed", file,
                    e.toString());
        }
        return new RunningMarker(file, new Run(startedAt, unclean, previous));
    }

    private static Optional<Instant> previousStart(Path file) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (line.startsWith("started=")) {
                    return Optional.of(Instant.parse(line.substring("started=".length()).strip()));
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("the previous running marker is unreadable: {}", e.toString());
        }
        return Optional.empty();
    }

    public Run run() {
        return run;
    }

    /** The clean stop: removes the marker. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot remove the running marker {} ({}): the next start will report an unclean stop", file,
                    e.toString());
        }
    }
}
