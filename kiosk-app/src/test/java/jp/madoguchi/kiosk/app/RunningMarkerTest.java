package jp.madoguchi.kiosk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.stage.Stage;
import jp.madoguchi.kiosk.hq.HeadquartersLink;
import jp.madoguchi.kiosk.journey.Journey;
import jp.madoguchi.kiosk.store.AuditEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code running} marker: written at start, removed by a clean stop; a start that finds it left by a run that
 * did not stop (a "crash": the file is put back as a killed booth leaves it) reports that once, to the booth's parts
 * (the headquarters link's hello) and its audit trail, and the start after a clean stop does not.
 */
class RunningMarkerTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    @TempDir
    Path temp;

    @Test
    void aCleanStopRemovesTheMarkerAndAStartThatFindsItReportsAnUncleanStop() throws Exception {
        Path file = temp.resolve("running");
        RunningMarker first = RunningMarker.begin(file, Clock.fixed(T0, ZoneOffset.UTC));
        assertFalse(first.run().afterUncleanStop());
        String written = Files.readString(file, StandardCharsets.US_ASCII);
        assertEquals("started=2026-11-23T08:00:00Z\npid=" + ProcessHandle.current().pid() + "\n", written);
        first.close();
        assertFalse(Files.exists(file), "a clean stop removes it");
        first.close(); // twice: nothing more

        RunningMarker second = RunningMarker.begin(file, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
        assertFalse(second.run().afterUncleanStop(), "after a clean stop");
        // killed: close() never runs, the marker stays
        RunningMarker third = RunningMarker.begin(file, Clock.fixed(T0.plusSeconds(120), ZoneOffset.UTC));
        assertTrue(third.run().afterUncleanStop());
        assertEquals(Optional.of(T0.plusSeconds(60)), third.run().previousStartedAt());
        assertEquals(T0.plusSeconds(120), third.run().startedAt());
        assertTrue(Files.readString(file).startsWith("started=2026-11-23T08:02:00Z\n"), "this run's marker now");
        third.close();
        assertFalse(RunningMarker.begin(file, Clock.systemUTC()).run().afterUncleanStop(), "reported once");
    }

    @Test
    void aMarkerThatCannotBeReadStillMeansAnUncleanStop() throws Exception {
        Path file = temp.resolve("running");
        Files.writeString(file, "garbage\u0000");
        RunningMarker marker = RunningMarker.begin(file, Clock.systemUTC());
        assertTrue(marker.run().afterUncleanStop());
        assertEquals(Optional.empty(), marker.run().previousStartedAt());
        marker.close();
    }

    /** Parts that record the context they were given; no card reader, screens or headquarters. */
    private static final class RecordingParts implements BoothParts {
        final List<RunningMarker.Run> runs = new ArrayList<>();

        @Override
        public HeadquartersLink headquarters(BoothContext context) {
            runs.add(context.run());
            return new PlaceholderParts.PlaceholderLink();
        }

        @Override
        public Journey journey(BoothContext context, HeadquartersLink headquarters) {
            return StartingJourney.attractScreen();
        }

        @Override
        public AutoCloseable screens(BoothContext context, Journey journey, Stage stage) {
            throw new AssertionError("no screens here");
        }
    }

    @Test
    void theBoothAuditsAndTellsItsPartsOnceWhenItStartsAfterAnUncleanStop() throws Exception {
        BoothDataDirectory directory = BoothDataDirectory.prepare(temp.resolve("data"));
        BoothOptions options = new BoothOptions(false, directory.root(), Optional.empty(), Optional.empty(),
                Optional.empty(), BoothOptions.Display.WINDOWED, Optional.empty(), temp.resolve("none"), "default",
                false);
        RecordingParts parts = new RecordingParts();

        Booth clean = Booth.start(options, directory, parts, Runnable::run);
        assertTrue(Files.exists(directory.runningMarkerFile()), "there while the booth runs");
        String crashedMarker = Files.readString(directory.runningMarkerFile());
        clean.close();
        assertFalse(Files.exists(directory.runningMarkerFile()), "a clean stop removes it");

        // the same run again, killed: its marker stays behind
        Files.writeString(directory.runningMarkerFile(), crashedMarker);
        Booth afterCrash = Booth.start(options, directory, parts, Runnable::run);
        assertEquals(1, restartsAudited(afterCrash));
        afterCrash.close();

        Booth afterCleanStop = Booth.start(options, directory, parts, Runnable::run);
        assertEquals(1, restartsAudited(afterCleanStop), "reported once");
        afterCleanStop.close();

        assertEquals(List.of(false, true, false), parts.runs.stream().map(RunningMarker.Run::afterUncleanStop).toList());
        assertEquals(Optional.of(parts.runs.get(0).startedAt()), parts.runs.get(1).previousStartedAt());
        assertFalse(Files.exists(directory.runningMarkerFile()));
    }

    private static long restartsAudited(Booth booth) {
        return booth.context().store().audit().export().stream()
                .filter(line -> line.contains("\t" + AuditEvent.BOOTH_RESTARTED_AFTER_UNCLEAN_STOP + "\t")).count();
    }
}
