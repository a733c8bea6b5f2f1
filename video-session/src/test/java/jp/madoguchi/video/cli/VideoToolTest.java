package jp.madoguchi.video.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code video-session.jar} as IT staff and the demo use it, one command line at a time through {@link VideoTool#run}. */
class VideoToolTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VideoTool.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onThisCameraLessMachineTheCheckSaysPlainlyThatNoCameraIsFound() {
        Run run = run("check-devices");
        assertEquals(VideoTool.EXIT_FAILURE, run.exit(), run.toString());
        assertTrue(run.out().contains("No camera found"), run.out());
        assertTrue(run.out().matches("(?s).*camera +not found.*"), "a table row for the camera: " + run.out());
    }

    @Test
    void withTheBrowsersSyntheticDevicesBothWork() {
        Run run = run("check-devices", "--fake-devices");
        assertEquals(VideoTool.EXIT_OK, run.exit(), run.toString());
        assertTrue(run.out().matches("(?s).*camera +works.*"), run.out());
        assertTrue(run.out().matches("(?s).*microphone +works.*"), run.out());
        assertTrue(run.out().contains("OK: the camera and the microphone work"), run.out());
    }

    @Test
    void aDemoCallCarriesVideoAndAudioBothWaysAndEndsClean() {
        Run run = run("demo-call", "--seconds", "2");
        assertEquals(VideoTool.EXIT_OK, run.exit(), run.toString());
        String out = run.out();
        assertTrue(out.contains("clerk: Booth Demo-1 is knocking; letting them in"), out);
        assertTrue(out.contains("booth: IN_CALL") && out.contains("booth: ENDED (HUNG_UP)"), out);
        assertTrue(out.contains("first frame of the clerk's video"), out);
        Matcher clerkToBooth = Pattern.compile("clerk → booth +(\\d+) +(\\d+) +(\\d+)").matcher(out);
        Matcher boothToClerk = Pattern.compile("booth → clerk +(\\d+) +(\\d+) +(\\d+)").matcher(out);
        assertTrue(clerkToBooth.find() && boothToClerk.find(), "the media table: " + out);
        for (Matcher row : new Matcher[] {clerkToBooth, boothToClerk}) {
            assertTrue(Long.parseLong(row.group(1)) > 0 && Long.parseLong(row.group(3)) > 0, row.group());
        }
        assertTrue(out.contains("OK: video and audio arrived both ways"), out);
    }

    @Test
    void meetPrintsItsAddressAndServesTheIframeApiUntilStopped() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8);
        AtomicInteger exit = new AtomicInteger(-1);
        Thread server = new Thread(() -> exit.set(VideoTool.run(printer, printer, "meet", "--no-lobby")), "meet-test");
        server.start();
        try {
            Pattern url = Pattern.compile("meeting server: (http://127\\.0\\.0\\.1:\\d+/)");
            Matcher found = url.matcher("");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!(found = url.matcher(out.toString(StandardCharsets.UTF_8))).find()) {
                assertTrue(System.nanoTime() < deadline, "no address printed: " + out);
                Thread.sleep(20);
            }
            URI base = URI.create(found.group(1));
            HttpResponse<String> api = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(base.resolve("external_api.js")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, api.statusCode());
            assertTrue(api.body().contains("JitsiMeetExternalAPI"), "the IFrame API's constructor");
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("lobby: off"), out.toString());
        } finally {
            server.interrupt();
            server.join(TimeUnit.SECONDS.toMillis(20));
        }
        assertFalse(server.isAlive());
        assertEquals(VideoTool.EXIT_OK, exit.get());
    }

    @Test
    void aMistypedCommandLineIsExplainedWithUsage() {
        Run unknown = run("demo-call", "--secnds", "3");
        assertEquals(VideoTool.EXIT_USAGE, unknown.exit());
        assertTrue(unknown.err().contains("Unknown option") && unknown.err().contains("'--secnds'"), unknown.err());
        assertTrue(unknown.err().contains("Possible solutions: --seconds"), unknown.err());

        Run notANumber = run("meet", "--port", "eighty");
        assertEquals(VideoTool.EXIT_USAGE, notANumber.exit());
        assertTrue(notANumber.err().contains("Invalid value for option '--port': 'eighty' is not an int"),
                notANumber.err());
        assertTrue(notANumber.err().contains("Usage: video-session meet"), notANumber.err());

        Run badLanguage = run("demo-call", "--lang", "xx");
        assertEquals(VideoTool.EXIT_USAGE, badLanguage.exit());
        assertTrue(badLanguage.err().contains("Unknown --lang xx"), badLanguage.err());

        Run noCommand = run("no-such-command");
        assertEquals(VideoTool.EXIT_USAGE, noCommand.exit());
        assertTrue(noCommand.err().contains("Unmatched argument at index 0: 'no-such-command'"), noCommand.err());
    }
}
