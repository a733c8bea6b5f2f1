package jp.madoguchi.video.chromium;

import jp.madoguchi.video.testing.Poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.DeviceReport;
import jp.madoguchi.video.EndReason;
import jp.madoguchi.video.JoinRequest;
import jp.madoguchi.video.ScreenRect;
import jp.madoguchi.video.VideoState;
import jp.madoguchi.video.chromium.cdp.CdpConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the session does with its browser before any meeting: device check, guard, window, a missing browser. */
class ChromiumVideoSessionBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static ChromiumVideoSession session;

    @BeforeAll
    static void start() throws Exception {
        session = new ChromiumVideoSession(ChromiumOptions.headlessWithFakeMedia());
        DeviceReport report = session.checkDevices().get(30, TimeUnit.SECONDS);
        assertTrue(report.ready(), "fake devices work: " + report);
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void theDeviceCheckFindsAndOpensTheFakeCameraAndMicrophoneWhileIdle() throws Exception {
        DeviceReport report = session.checkDevices().get(30, TimeUnit.SECONDS);
        assertEquals(DeviceReport.DeviceStatus.WORKS, report.camera(), report.toString());
        assertEquals(DeviceReport.DeviceStatus.WORKS, report.microphone(), report.toString());
        assertFalse(report.cameras().isEmpty(), report.toString());
        assertFalse(report.microphones().isEmpty(), report.toString());
        assertEquals(VideoState.IDLE, session.status().state(), "a check is not a call");
        assertEquals(0L, session.evaluateForTest("0").asLong());
    }

    @Test
    void theCallPageCannotNavigateAwayAndItsSecretsAreNotLogged() {
        String page = session.evaluateForTest("location.href").asText();
        session.evaluateForTest("location.href = 'http://blocked.example/next?token=secret'; 1");
        Poll.until(WAIT, () -> session.blockedHostsForTest().contains("blocked.example"),
                () -> "blocked: " + session.blockedHostsForTest());
        assertEquals(page, session.evaluateForTest("location.href").asText(), "the call page stays");
        assertEquals("object", session.evaluateForTest("typeof madoguchi").asText(), "its script still runs");
    }

    @Test
    void aNewWindowIsClosedAtOnce() throws Exception {
        ChromiumBrowser browser = session.browserForTest();
        CdpConnection cdp = browser.cdp();
        cdp.send("Runtime.evaluate", CdpConnection.params("expression",
                "window.open('http://popup.example/x'); 1", "userGesture", true), session.pageSessionForTest())
                .get(10, TimeUnit.SECONDS);
        Poll.until(WAIT, () -> session.closedWindowsForTest() == 1, () -> "closed " + session.closedWindowsForTest());
        Poll.until(WAIT, () -> pages(cdp) == 1, () -> "pages: " + pages(cdp));
        assertEquals("object", session.evaluateForTest("typeof madoguchi").asText(), "the call page is untouched");
    }

    private static int pages(CdpConnection cdp) {
        try {
            int n = 0;
            for (JsonNode t : cdp.send("Target.getTargets", null).get(10, TimeUnit.SECONDS).path("targetInfos")) {
                if (t.path("type").asText().equals("page")) {
                    n++;
                }
            }
            return n;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theWindowFollowsThePaneAndHidesWithIt() {
        for (int i = 0; i < 20; i++) {
            session.window().show(new ScreenRect(i, i, 300 + i, 200 + i));
        }
        session.window().show(new ScreenRect(30.4, 40, 500, 300.2));
        Poll.until(WAIT, () -> {
            JsonNode b = session.windowBoundsForTest();
            return b.path("left").asInt() == 30 && b.path("top").asInt() == 40 && b.path("width").asInt() == 501
                    && b.path("height").asInt() == 301 && b.path("windowState").asText().equals("normal");
        }, () -> "bounds " + session.windowBoundsForTest());
        session.window().hide();
        Poll.until(WAIT, () -> {
            JsonNode b = session.windowBoundsForTest();
            return b.path("windowState").asText().equals("minimized") || b.path("left").asInt() < -10000;
        }, () -> "bounds after hide " + session.windowBoundsForTest());
        session.window().show(new ScreenRect(60, 70, 400, 250));
        Poll.until(WAIT, () -> {
            JsonNode b = session.windowBoundsForTest();
            return b.path("left").asInt() == 60 && b.path("top").asInt() == 70 && b.path("width").asInt() == 400
                    && b.path("windowState").asText().equals("normal");
        }, () -> "bounds after show " + session.windowBoundsForTest());
    }

    @Test
    void aMissingBrowserFailsTheCallWithAReasonTheResidentUnderstands() {
        ChromiumOptions options = ChromiumOptions.headlessWithFakeMedia().withExecutable(Path.of("/nonexistent/chrome"));
        try (ChromiumVideoSession missing = new ChromiumVideoSession(options)) {
            missing.join(new JoinRequest(URI.create("http://127.0.0.1:9/"), "room1", "token", "Booth 1",
                    Locale.JAPANESE, CallRole.RESIDENT));
            Poll.until(WAIT, () -> missing.status().state() == VideoState.FAILED, () -> missing.status().toString());
            assertEquals(EndReason.BROWSER_UNAVAILABLE, missing.status().reason().orElseThrow());
        }
    }
}
