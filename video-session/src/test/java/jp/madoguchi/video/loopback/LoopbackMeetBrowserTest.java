package jp.madoguchi.video.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.madoguchi.video.loopback.LoopbackMeet.Options;
import jp.madoguchi.video.loopback.LoopbackMeet.Participant;
import jp.madoguchi.video.loopback.MeetingHarness.Event;
import jp.madoguchi.video.loopback.MeetingHarness.Seat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loopback meeting as a booth and a clerk see it through {@code JitsiMeetExternalAPI}, in real headless
 * Chromiums: lobby, joins and leaves, mute state, the end of a conference, tokens, and the faults the adapter's
 * tests inject.
 */
class LoopbackMeetBrowserTest {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackMeetBrowserTest.class);
    private static final String ROOM = "window-3";
    private static final String BOOTH = "Booth Shinjuku-1";
    private static final String CLERK = "Clerk Tanaka";

    private LoopbackMeet meet;
    private MeetingHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
        if (meet != null) {
            meet.close();
        }
    }

    private void start(Options options) throws IOException {
        meet = LoopbackMeet.start(options);
        harness = new MeetingHarness();
    }

    private Seat booth() {
        return Seat.booth(meet.baseUri(), ROOM, TestTokens.booth(TestTokens.SECRET, ROOM));
    }

    private Seat clerk() {
        return Seat.clerk(meet.baseUri(), ROOM, TestTokens.clerk(TestTokens.SECRET, ROOM));
    }

    private Participant participant(String displayName) {
        return meet.participants(ROOM).stream().filter(p -> p.displayName().equals(displayName)).findFirst()
                .orElseThrow(() -> new AssertionError(displayName + " is not in " + meet.participants(ROOM)));
    }

    private void awaitParticipants(String what, java.util.function.Predicate<List<Participant>> condition) {
        MeetingHarness.awaitCondition(what, () -> condition.test(meet.participants(ROOM)),
                () -> "participants " + meet.participants(ROOM));
    }

    @Test
    void aKnockingBoothWaitsWithCameraAndMicrophoneClosedUntilTheClerkAdmitsIt() throws IOException {
        start(Options.defaults());
        harness.open(clerk());
        harness.await("clerk", "videoConferenceJoined");
        harness.open(booth());

        JsonNode knock = harness.await("clerk", "knockingParticipant").data().path("participant");
        assertEquals(BOOTH, knock.path("name").asText());
        String boothId = knock.path("id").asText();
        assertFalse(boothId.isEmpty(), "the knocking participant has an id");
        Participant waiting = participant(BOOTH);
        assertTrue(waiting.inLobby(), "the booth waits in the lobby");
        assertFalse(waiting.moderator());
        assertEquals(0, waiting.mediaOpenedAtNanos(), "no camera or microphone in the lobby");
        assertEquals(Map.of("enabled", false), waiting.configOverwrite().get("prejoinConfig"));
        assertEquals("ja", waiting.lang());
        assertTrue(participant(CLERK).moderator(), "the clerk's token makes a moderator");
        assertFalse(harness.eventNames("booth").contains("videoConferenceJoined"), "a knocking guest is not in");

        harness.command("clerk", "answerKnockingParticipant", boothId, true);

        JsonNode joined = harness.await("booth", "videoConferenceJoined").data();
        assertEquals(ROOM, joined.path("roomName").asText());
        assertEquals(boothId, joined.path("id").asText());
        assertEquals(BOOTH, joined.path("displayName").asText());
        harness.await("booth", "participantJoined", d -> d.path("displayName").asText().equals(CLERK));
        harness.await("clerk", "participantJoined",
                d -> d.path("id").asText().equals(boothId) && d.path("displayName").asText().equals(BOOTH));
        awaitParticipants("the booth is in and has opened its camera",
                all -> all.size() == 2 && all.stream().noneMatch(Participant::inLobby)
                        && all.stream().allMatch(p -> p.mediaOpenedAtNanos() > 0));
        assertEquals(List.of("answerKnockingParticipant"), meet.commands(ROOM, CLERK));

        harness.command("booth", "hangup");
        assertEquals(ROOM, harness.await("booth", "videoConferenceLeft").data().path("roomName").asText());
        harness.await("booth", "readyToClose");
        harness.await("clerk", "participantLeft", d -> d.path("id").asText().equals(boothId));
        assertEquals(List.of("hangup"), meet.commands(ROOM, BOOTH));
        awaitParticipants("only the clerk is left", all -> all.size() == 1 && all.get(0).displayName().equals(CLERK));
    }

    @Test
    void aClerkWhoArrivesAfterTheBoothKnockedIsToldAndCanAdmitIt() throws IOException {
        start(Options.defaults());
        harness.open(booth());
        awaitParticipants("the booth knocks", all -> all.size() == 1 && all.get(0).inLobby());
        harness.open(clerk().autoAdmitting());

        harness.await("clerk", "knockingParticipant", d -> d.path("participant").path("name").asText().equals(BOOTH));
        harness.await("booth", "videoConferenceJoined");
        harness.await("booth", "participantJoined");
        harness.command("booth", "_numberOfParticipants");
        assertEquals(2, harness.await("booth", "_numberOfParticipants").data().path("count").asInt());
    }

    @Test
    void aGuestTurnedAwayAtTheLobbyGetsAFatalMembersOnlyError() throws IOException {
        start(Options.defaults());
        harness.open(clerk());
        harness.await("clerk", "videoConferenceJoined");
        harness.open(booth());
        String boothId = harness.await("clerk", "knockingParticipant").data().path("participant").path("id").asText();

        harness.command("clerk", "answerKnockingParticipant", boothId, false);

        JsonNode error = harness.await("booth", "errorOccurred").data();
        assertEquals("conference.connectionError.membersOnly", error.path("name").asText());
        assertTrue(error.path("isFatal").asBoolean());
        awaitParticipants("the booth is gone", all -> all.size() == 1);
        assertEquals(0, meet.participants(ROOM).stream().filter(p -> p.displayName().equals(BOOTH)).count());
    }

    @Test
    void muteCommandsReportTheirStateAndStartMutedIsHonoured() throws IOException {
        start(Options.defaults().withLobby(false));
        harness.open(booth().withConfig("startWithAudioMuted", true));
        harness.await("booth", "videoConferenceJoined");
        awaitParticipants("the camera is opened after joining", all -> all.size() == 1
                && all.get(0).mediaOpenedAtNanos() > 0);
        assertTrue(participant(BOOTH).audioMuted(), "startWithAudioMuted");
        assertFalse(participant(BOOTH).videoMuted());
        harness.command("booth", "_isAudioMuted");
        assertTrue(harness.await("booth", "_isAudioMuted").data().path("muted").asBoolean());

        harness.command("booth", "toggleAudio");
        assertFalse(harness.await("booth", "audioMuteStatusChanged").data().path("muted").asBoolean());
        awaitParticipants("the microphone is on", all -> !all.get(0).audioMuted());

        harness.command("booth", "toggleVideo");
        assertTrue(harness.await("booth", "videoMuteStatusChanged").data().path("muted").asBoolean());
        awaitParticipants("the camera is off", all -> all.get(0).videoMuted());
        harness.command("booth", "_isVideoMuted");
        assertTrue(harness.await("booth", "_isVideoMuted").data().path("muted").asBoolean());

        harness.command("booth", "toggleVideo");
        harness.await("booth", "videoMuteStatusChanged", d -> !d.path("muted").asBoolean());
        awaitParticipants("the camera is on again", all -> !all.get(0).videoMuted());
        assertEquals(List.of("toggleAudio", "toggleVideo", "toggleVideo"), meet.commands(ROOM, BOOTH));

        harness.command("booth", "displayName", "Booth Shibuya-2");
        assertEquals("Booth Shibuya-2", harness.await("booth", "displayNameChange").data().path("displayname").asText());
        awaitParticipants("the new name", all -> all.get(0).displayName().equals("Booth Shibuya-2"));
        assertEquals("displayName", meet.commands(ROOM, "Booth Shibuya-2").get(3));
    }

    @Test
    void switchingTheLobbyOffLetsTheKnockingBoothIn() throws IOException {
        start(Options.defaults());
        harness.open(clerk());
        harness.await("clerk", "videoConferenceJoined");
        harness.open(booth());
        harness.await("clerk", "knockingParticipant");

        harness.command("clerk", "toggleLobby", false);

        harness.await("booth", "videoConferenceJoined");
        harness.await("clerk", "participantJoined", d -> d.path("displayName").asText().equals(BOOTH));
        assertEquals(List.of("toggleLobby"), meet.commands(ROOM, CLERK));
    }

    @Test
    void cameraOffClosesTheCameraAndFreezesTheClerksPictureUntilItIsOnAgain() throws IOException {
        start(Options.defaults().withLobby(false));
        harness.open(clerk());
        harness.await("clerk", "videoConferenceJoined");
        harness.open(booth());
        harness.await("booth", "videoConferenceJoined");
        MeetingHarness.awaitCondition("the clerk sees the booth and the booth's camera and microphone are open",
                () -> meet.mediaStats(ROOM, CLERK).videoFramesDecoded() > 0 && meet.cameraCapturing(ROOM, BOOTH)
                        && meet.microphoneCapturing(ROOM, BOOTH),
                () -> "clerk " + meet.mediaStats(ROOM, CLERK));

        harness.command("booth", "toggleVideo");

        MeetingHarness.awaitCondition("the booth's camera is closed", () -> !meet.cameraCapturing(ROOM, BOOTH),
                () -> "still capturing");
        assertTrue(meet.microphoneCapturing(ROOM, BOOTH), "the microphone stays on");
        long[] last = {-1, System.nanoTime()};
        MeetingHarness.awaitCondition("the clerk's picture of the booth stops for 1.5 s", () -> {
            long frames = meet.mediaStats(ROOM, CLERK).videoFramesDecoded();
            if (frames != last[0]) {
                last[0] = frames;
                last[1] = System.nanoTime();
            }
            return System.nanoTime() - last[1] > 1_500_000_000L;
        }, () -> "frames " + meet.mediaStats(ROOM, CLERK));
        long frozen = last[0];

        harness.command("booth", "toggleVideo");

        MeetingHarness.awaitCondition("the camera is open again and the clerk sees new frames",
                () -> meet.cameraCapturing(ROOM, BOOTH) && meet.mediaStats(ROOM, CLERK).videoFramesDecoded() > frozen,
                () -> "frames " + meet.mediaStats(ROOM, CLERK) + " after " + frozen);
    }

    @Test
    void disposingTheApiTakesTheParticipantOutOfTheRoom() throws IOException {
        start(Options.defaults().withLobby(false));
        harness.open(clerk());
        harness.await("clerk", "videoConferenceJoined");
        harness.open(booth());
        String boothId = harness.await("booth", "videoConferenceJoined").data().path("id").asText();

        harness.command("booth", "_dispose");

        harness.await("clerk", "participantLeft", d -> d.path("id").asText().equals(boothId));
        awaitParticipants("only the clerk is left", all -> all.size() == 1);
    }

    @Test
    void theClerkEndingTheConferenceClosesItForTheBoothToo() throws IOException {
        start(Options.defaults().withLobby(false));
        harness.open(clerk());
        harness.await("clerk", "videoConferenceJoined");
        harness.open(booth());
        harness.await("booth", "videoConferenceJoined");
        harness.await("clerk", "participantJoined");

        harness.command("clerk", "endConference");

        JsonNode error = harness.await("booth", "errorOccurred").data();
        assertEquals("CONFERENCE", error.path("type").asText());
        assertEquals("conference.destroyed", error.path("name").asText());
        assertTrue(error.path("isFatal").asBoolean());
        harness.await("booth", "readyToClose");
        harness.await("clerk", "videoConferenceLeft");
        harness.await("clerk", "readyToClose");
        assertTrue(meet.participants(ROOM).isEmpty(), "nobody is left: " + meet.participants(ROOM));
        assertFalse(harness.eventNames("clerk").contains("errorOccurred"), "the clerk ended it; no error for them");
    }

    @Test
    void theServerCanEndAConferenceAsAModeratorWould() throws IOException {
        start(Options.defaults().withLobby(false));
        harness.open(booth());
        harness.await("booth", "videoConferenceJoined");

        meet.endConference(ROOM);

        harness.await("booth", "errorOccurred", d -> d.path("name").asText().equals("conference.destroyed"));
        harness.await("booth", "readyToClose");
        assertTrue(meet.participants(ROOM).isEmpty());
    }

    @Test
    void aTokenNotSignedWithTheAppSecretIsRejectedAndNothingElseHappens() throws IOException {
        start(Options.defaults().withAppSecret(TestTokens.SECRET));
        byte[] otherSecret = "not-the-deployment-secret-at-all".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        harness.open(Seat.booth(meet.baseUri(), ROOM, TestTokens.booth(otherSecret, ROOM)));

        JsonNode error = harness.await("booth", "errorOccurred").data();
        assertEquals("CONNECTION", error.path("type").asText());
        assertEquals("connection.passwordRequired", error.path("name").asText());
        assertTrue(error.path("isFatal").asBoolean());
        assertFalse(error.path("message").asText().isBlank(), "the error says why");

        harness.open(clerk());
        harness.await("clerk", "videoConferenceJoined"); // a correctly signed token is let in
        assertEquals(List.of("harnessReady", "errorOccurred"), harness.eventNames("booth"));
        assertEquals(List.of(CLERK), meet.participants(ROOM).stream().map(Participant::displayName).toList());
    }

    @Test
    void droppedConnectionsAreFatalConnectionErrorsOnEveryPage() throws IOException {
        start(Options.defaults().withLobby(false));
        harness.open(clerk());
        harness.open(booth());
        harness.await("clerk", "participantJoined");
        harness.await("booth", "videoConferenceJoined");

        meet.dropConnections();

        for (String who : List.of("booth", "clerk")) {
            JsonNode error = harness.await(who, "errorOccurred").data();
            assertEquals("CONNECTION", error.path("type").asText(), who);
            assertEquals("connection.droppedError", error.path("name").asText(), who);
            assertTrue(error.path("isFatal").asBoolean(), who);
        }
        assertTrue(meet.participants(ROOM).isEmpty());
    }

    @Test
    void aParticipantWhoseBrowserDiesLeavesTheRoomAtOnce() throws IOException {
        start(Options.defaults().withLobby(false));
        harness.open(clerk());
        harness.await("clerk", "videoConferenceJoined");
        HeadlessChromium boothBrowser = harness.open(booth());
        String boothId = harness.await("booth", "videoConferenceJoined").data().path("id").asText();
        harness.await("clerk", "participantJoined");

        long killed = System.nanoTime();
        boothBrowser.kill();

        Event left = harness.await("clerk", "participantLeft", d -> d.path("id").asText().equals(boothId));
        long millis = (left.nanos() - killed) / 1_000_000;
        LOG.info("the clerk saw the killed booth leave after {} ms", millis);
        assertTrue(millis < 5_000, "a dead page leaves within seconds, not " + millis + " ms");
        awaitParticipants("only the clerk is left", all -> all.size() == 1);
    }

    @Test
    void closingTheServerDropsThePageAndARestartReusesThePort() throws IOException, InterruptedException {
        start(Options.defaults().withLobby(false));
        harness.open(booth());
        harness.await("booth", "videoConferenceJoined");
        int port = meet.port();

        meet.close();

        harness.await("booth", "errorOccurred", d -> d.path("name").asText().equals("connection.droppedError"));
        meet = LoopbackMeet.start(Options.defaults().withPort(port));
        assertEquals(port, meet.port());
        HttpResponse<String> api = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(meet.baseUri() + "external_api.js")).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, api.statusCode());
    }

    @Test
    void aFailingCameraOrMicrophoneIsReportedAsADeviceError() throws IOException {
        start(Options.defaults().withLobby(false));
        harness.open(booth());
        harness.await("booth", "videoConferenceJoined");

        meet.failDevice(ROOM, BOOTH, "camera");
        JsonNode camera = harness.await("booth", "cameraError").data();
        assertEquals("gum.not_found", camera.path("type").asText());
        assertFalse(camera.path("message").asText().isBlank());
        harness.await("booth", "videoMuteStatusChanged", d -> d.path("muted").asBoolean());

        meet.failDevice(ROOM, BOOTH, "microphone");
        assertEquals("gum.not_found", harness.await("booth", "micError").data().path("type").asText());
        awaitParticipants("the failed devices count as off",
                all -> all.size() == 1 && all.get(0).videoMuted() && all.get(0).audioMuted());
    }

    @Test
    void aMeetingFrameSentToAnotherSiteLeavesTheMeetingWhenNothingBlocksIt() throws IOException {
        start(Options.defaults().withLobby(false));
        harness.open(booth());
        harness.await("booth", "videoConferenceJoined");

        meet.navigate(ROOM, BOOTH, "http://127.0.0.1:9/elsewhere");

        // the harness does not block navigation as the adapter must, so the meeting page is unloaded
        awaitParticipants("the navigated page has left", List::isEmpty);
        LOG.info("the meeting frame's top navigation {}", harness.eventNames("booth").contains("harnessUnloaded")
                ? "took the whole page away" : "was refused by Chromium, so the frame navigated itself");
    }
}
