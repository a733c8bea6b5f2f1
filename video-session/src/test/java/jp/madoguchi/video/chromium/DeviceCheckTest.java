package jp.madoguchi.video.chromium;

import jp.madoguchi.video.testing.Poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.DeviceReport;
import jp.madoguchi.video.EndReason;
import jp.madoguchi.video.JoinRequest;
import jp.madoguchi.video.VideoState;
import jp.madoguchi.video.loopback.LoopbackMeet;
import org.junit.jupiter.api.Test;

class DeviceCheckTest {

    @Test
    void theBrowsersReportBecomesADeviceReport() {
        DeviceReport report = ChromiumVideoSession.parseDeviceReport("{\"cameras\":[],\"microphones\":[\"Mic\"],"
                + "\"camera\":\"NOT_FOUND\",\"microphone\":\"UNAVAILABLE\",\"detail\":[\"microphone: NotReadableError: busy\"]}");
        assertEquals(List.of("Mic"), report.microphones());
        assertEquals(EndReason.CAMERA_NOT_FOUND, report.problem());
        assertEquals("microphone: NotReadableError: busy", report.detail());
        assertEquals(DeviceReport.DeviceStatus.UNKNOWN, ChromiumVideoSession.parseDeviceReport("nonsense").camera());
    }

    @Test
    void aBoothWithoutACameraIsToldSoAndNeverEntersTheRoom() throws Exception {
        // this machine has no camera: a browser without fake devices finds none
        ChromiumOptions realDevices = new ChromiumOptions(Optional.empty(), true, false, true, Duration.ofSeconds(20),
                Duration.ofSeconds(2), List.of());
        try (LoopbackMeet meet = LoopbackMeet.start();
             ChromiumVideoSession session = new ChromiumVideoSession(realDevices)) {
            DeviceReport report = session.checkDevices().get(30, TimeUnit.SECONDS);
            assertEquals(DeviceReport.DeviceStatus.NOT_FOUND, report.camera(), report.toString());
            assertTrue(report.cameras().isEmpty());
            session.join(new JoinRequest(meet.baseUri(), "nocam1", "t.o.k", "Booth 9", Locale.JAPANESE,
                    CallRole.RESIDENT));
            Poll.until(Duration.ofSeconds(20), () -> session.status().state() == VideoState.FAILED,
                    () -> session.status().toString());
            assertEquals(EndReason.CAMERA_NOT_FOUND, session.status().reason().orElseThrow());
            assertTrue(meet.participants("nocam1").isEmpty(), "the meeting never saw the booth");
            // the failed call's browser is gone: its window must not stay over the booth's screen
            assertTrue(session.browserForTest() == null, "the browser is closed after a device failure");
        }
    }

    @Test
    void theTokenGoesToTheMeetingOnlyNeverIntoTheCallPagesAddress() {
        JoinRequest request = new JoinRequest(java.net.URI.create("https://meet.example.jp/"), "r1", "secret.jwt.value",
                "Booth 1", Locale.forLanguageTag("pt-BR"), CallRole.RESIDENT);
        var options = ChromiumVideoSession.joinOptions(request);
        assertEquals("secret.jwt.value", options.path("jwt").asText());
        assertEquals("ptBR", options.path("lang").asText());
        assertFalse(options.has("noSSL"), "https needs no noSSL");
        assertTrue(options.path("configOverwrite").path("startWithAudioMuted").asBoolean());
        assertTrue(options.path("configOverwrite").path("startWithVideoMuted").asBoolean());
        try (CallPageServer page = CallPageServer.start()) {
            assertFalse(page.pageUri().toString().contains("jwt"));
            assertTrue(page.pageUri().getPath().matches("/[0-9a-f]{32}/call.html"), page.pageUri().toString());
        }
    }
}
