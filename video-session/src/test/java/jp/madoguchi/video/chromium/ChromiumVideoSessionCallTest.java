package jp.madoguchi.video.chromium;

import jp.madoguchi.video.testing.Poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.EndReason;
import jp.madoguchi.video.JoinRequest;
import jp.madoguchi.video.VideoEvent;
import jp.madoguchi.video.VideoState;
import jp.madoguchi.video.VideoStatus;
import jp.madoguchi.video.loopback.LoopbackMeet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter end to end against the loopback meeting server: a booth session and a clerk session, each with its
 * own headless Chromium (shared by the tests of this class; each test uses its own room).
 */
class ChromiumVideoSessionCallTest {
    static final Duration WAIT = Duration.ofSeconds(25);
    static final String BOOTH = "Booth Shinjuku-1";
    static final String CLERK = "Clerk Tanaka";
    private static final AtomicInteger ROOMS = new AtomicInteger();

    private static LoopbackMeet meet;
    private static ChromiumVideoSession booth;
    private static ChromiumVideoSession clerk;
    private final EventLog boothLog = new EventLog();
    private final EventLog clerkLog = new EventLog();
    private String room;

    @BeforeAll
    static void start() throws Exception {
        meet = LoopbackMeet.start(LoopbackMeet.Options.defaults().withAppSecret(Jwt.SECRET));
        booth = new ChromiumVideoSession(ChromiumOptions.headlessWithFakeMedia());
        clerk = new ChromiumVideoSession(ChromiumOptions.headlessWithFakeMedia());
    }

    @AfterAll
    static void stop() {
        try {
            if (booth != null) {
                booth.close();
            }
            if (clerk != null) {
                clerk.close();
            }
        } finally {
            if (meet != null) {
                meet.close();
            }
        }
    }

    @BeforeEach
    void listen() {
        room = "room" + ROOMS.incrementAndGet() + "x" + System.nanoTime() % 100000;
        booth.addListener(boothLog);
        clerk.addListener(clerkLog);
    }

    @AfterEach
    void endCalls() {
        booth.hangUp();
        clerk.hangUp();
        Poll.until(WAIT, () -> !booth.status().state().isActive() && !clerk.status().state().isActive(),
                () -> "booth " + booth.status() + ", clerk " + clerk.status());
        booth.removeListener(boothLog);
        clerk.removeListener(clerkLog);
    }

    static JoinRequest boothRequest(LoopbackMeet server, String room) {
        return new JoinRequest(server.baseUri(), room, Jwt.booth(room), BOOTH, Locale.JAPANESE, CallRole.RESIDENT);
    }

    static JoinRequest clerkRequest(LoopbackMeet server, String room) {
        return new JoinRequest(server.baseUri(), room, Jwt.clerk(room), CLERK, Locale.ENGLISH, CallRole.CLERK);
    }

    static void awaitState(ChromiumVideoSession session, VideoState state) {
        Poll.until(WAIT, () -> session.status().state() == state, () -> "expected " + state + ", is " + session.status());
    }

    static LoopbackMeet.Participant participant(LoopbackMeet server, String room, String name) {
        return server.participants(room).stream().filter(p -> p.displayName().equals(name)).findFirst().orElse(null);
    }

    /** Booth knocks, clerk admits: both in the call. */
    private void callEstablished() {
        booth.join(boothRequest(meet, room));
        awaitState(booth, VideoState.WAITING);
        clerk.join(clerkRequest(meet, room));
        VideoEvent.Knocking knock = clerkLog.await(VideoEvent.Knocking.class, k -> k.displayName().equals(BOOTH), WAIT);
        clerk.admit(knock.participantId());
        awaitState(booth, VideoState.IN_CALL);
        awaitState(clerk, VideoState.IN_CALL);
    }

    @Test
    void theResidentWaitsInTheLobbyWithCameraAndMicrophoneClosedUntilTheClerkLetsThemIn() {
        booth.join(boothRequest(meet, room));
        awaitState(booth, VideoState.WAITING);
        Poll.until(WAIT, () -> participant(meet, room, BOOTH) != null, () -> "participants " + meet.participants(room));
        LoopbackMeet.Participant knocking = participant(meet, room, BOOTH);
        assertTrue(knocking.inLobby(), "the booth knocks at the lobby");
        assertFalse(knocking.moderator());
        assertEquals(0L, knocking.mediaOpenedAtNanos(), "camera and microphone stay closed while knocking");
        assertTrue(booth.status().microphoneMuted() && booth.status().cameraOff(), booth.status().toString());
        assertEquals("ja", knocking.lang());
        assertEquals(Map.of("enabled", false), knocking.configOverwrite().get("prejoinConfig"));
        assertEquals(true, ((Map<?, ?>) knocking.configOverwrite().get("lobby")).get("autoKnock"));
        assertEquals(List.of(), knocking.configOverwrite().get("toolbarButtons"), "the booth has its own buttons");
        assertEquals(false, knocking.interfaceConfigOverwrite().get("SHOW_JITSI_WATERMARK"));

        clerk.join(clerkRequest(meet, room));
        VideoEvent.Knocking knock = clerkLog.await(VideoEvent.Knocking.class, k -> k.displayName().equals(BOOTH), WAIT);
        assertEquals(VideoState.WAITING, clerk.status().state(), "the clerk is in the room, waiting for the resident");
        assertEquals(List.of("microphone", "camera", "hangup"),
                participant(meet, room, CLERK).configOverwrite().get("toolbarButtons"));
        assertEquals(0L, participant(meet, room, BOOTH).mediaOpenedAtNanos(), "still closed before admission");

        clerk.admit(knock.participantId());
        awaitState(booth, VideoState.IN_CALL);
        awaitState(clerk, VideoState.IN_CALL);
        // only now do camera and microphone open, on both sides
        Poll.until(WAIT, () -> {
            LoopbackMeet.Participant p = participant(meet, room, BOOTH);
            return !p.audioMuted() && !p.videoMuted() && p.mediaOpenedAtNanos() > 0;
        }, () -> "booth in the meeting: " + participant(meet, room, BOOTH));
        Poll.until(WAIT, () -> !booth.status().microphoneMuted() && !booth.status().cameraOff(),
                () -> booth.status().toString());
        assertTrue(meet.commands(room, BOOTH).containsAll(List.of("toggleAudio", "toggleVideo")),
                meet.commands(room, BOOTH).toString());
        assertTrue(meet.commands(room, CLERK).contains("answerKnockingParticipant"), meet.commands(room, CLERK).toString());
        List<String> states = boothLog.states().stream().map(Enum::name).toList();
        assertEquals(List.of("PREPARING", "JOINING", "WAITING", "IN_CALL"),
                states.stream().distinct().toList(), "the resident's screen saw each step: " + states);
    }

    @Test
    void muteAndCameraCommandsRoundTripAndAreSentOnlyWhenTheStateDiffers() {
        callEstablished();
        Poll.until(WAIT, () -> !booth.status().microphoneMuted() && !booth.status().cameraOff(),
                () -> booth.status().toString());
        booth.setMicrophoneMuted(true);
        Poll.until(WAIT, () -> booth.status().microphoneMuted() && participant(meet, room, BOOTH).audioMuted(),
                () -> booth.status() + " " + participant(meet, room, BOOTH));
        booth.setCameraOff(true);
        Poll.until(WAIT, () -> booth.status().cameraOff() && participant(meet, room, BOOTH).videoMuted(),
                () -> booth.status() + " " + participant(meet, room, BOOTH));
        long toggles = meet.commands(room, BOOTH).stream().filter(c -> c.startsWith("toggle")).count();
        booth.setMicrophoneMuted(true);
        booth.setCameraOff(true);
        booth.setMicrophoneMuted(false);
        Poll.until(WAIT, () -> !booth.status().microphoneMuted() && !participant(meet, room, BOOTH).audioMuted(),
                () -> booth.status() + " " + participant(meet, room, BOOTH));
        assertEquals(toggles + 1, meet.commands(room, BOOTH).stream().filter(c -> c.startsWith("toggle")).count(),
                "a repeated wish sends no toggle: " + meet.commands(room, BOOTH));
        assertTrue(booth.status().cameraOff());

        meet.failDevice(room, BOOTH, "camera");
        boothLog.await(VideoEvent.DeviceError.class, e -> e.kind().equals("camera"), WAIT);
    }

    @Test
    void theClerkEndsTheCallForEveryone() {
        callEstablished();
        clerk.endForEveryone();
        awaitState(booth, VideoState.ENDED);
        assertEquals(EndReason.REMOTE_ENDED, booth.status().reason().orElseThrow());
        awaitState(clerk, VideoState.ENDED);
        assertEquals(EndReason.HUNG_UP, clerk.status().reason().orElseThrow());
        assertTrue(meet.commands(room, CLERK).contains("endConference"), meet.commands(room, CLERK).toString());
        Poll.until(WAIT, () -> meet.participants(room).isEmpty(), () -> "left: " + meet.participants(room));
    }

    @Test
    void theResidentHangsUpAndTheClerkWaitsAgain() {
        callEstablished();
        ChromiumBrowser during = booth.browserForTest();
        booth.hangUp();
        awaitState(booth, VideoState.ENDED);
        assertEquals(EndReason.HUNG_UP, booth.status().reason().orElseThrow());
        Poll.until(WAIT, () -> booth.browserForTest() == null && !java.nio.file.Files.exists(during.profile()),
                () -> "the call's browser and profile are gone after the call");
        assertFalse(during.processTree().stream().anyMatch(ChromiumBrowser::running));
        clerkLog.await(VideoEvent.PeerLeft.class, e -> true, WAIT);
        awaitState(clerk, VideoState.WAITING);
        Poll.until(WAIT, () -> participant(meet, room, BOOTH) == null, () -> "in room: " + meet.participants(room));
    }

    @Test
    void aHangUpGivenBeforeACallDoesNotEndTheNextCall() {
        assertFalse(booth.status().state().isActive());
        booth.hangUp();
        booth.setMicrophoneMuted(true);
        callEstablished();
        Poll.until(WAIT, () -> !booth.status().microphoneMuted(), () -> "a stale mute is not applied: " + booth.status());
        assertEquals(VideoState.IN_CALL, booth.status().state());
    }

    @Test
    void theClerkSwitchesTheLobbyOnSoTheResidentKnocksEvenInAnOpenRoom() throws Exception {
        try (LoopbackMeet open = LoopbackMeet.start(LoopbackMeet.Options.defaults().withLobby(false)
                .withAppSecret(Jwt.SECRET))) {
            clerk.join(clerkRequest(open, room));
            awaitState(clerk, VideoState.WAITING);
            Poll.until(WAIT, () -> open.commands(room, CLERK).contains("toggleLobby"),
                    () -> "clerk commands " + open.commands(room, CLERK));
            booth.join(boothRequest(open, room));
            VideoEvent.Knocking knock = clerkLog.await(VideoEvent.Knocking.class, k -> k.displayName().equals(BOOTH),
                    WAIT);
            assertTrue(participant(open, room, BOOTH).inLobby(), "the booth waits in the lobby: " + open.participants(room));
            assertEquals(VideoState.WAITING, booth.status().state());
            clerk.admit(knock.participantId());
            awaitState(booth, VideoState.IN_CALL);
            booth.hangUp();
            clerk.hangUp();
            Poll.until(WAIT, () -> !booth.status().state().isActive() && !clerk.status().state().isActive(),
                    () -> "booth " + booth.status() + ", clerk " + clerk.status());
        }
    }

    @Test
    void aRejectedTokenFailsWithNotAllowedAndNoRetry() {
        String forged = Jwt.sign("not-the-deployment-secret-0123456789".getBytes(), room, "booth-1", BOOTH, false);
        booth.join(new JoinRequest(meet.baseUri(), room, forged, BOOTH, Locale.JAPANESE, CallRole.RESIDENT));
        awaitState(booth, VideoState.FAILED);
        assertEquals(EndReason.NOT_ALLOWED, booth.status().reason().orElseThrow());
        assertFalse(boothLog.states().contains(VideoState.RECONNECTING), "a refusal is not retried: " + boothLog.states());
    }

    @Test
    void aResidentTheClerkTurnsAwayFromTheLobbyIsToldTheClerkEndedTheCallAndDoesNotKnockAgain() {
        booth.join(boothRequest(meet, room));
        awaitState(booth, VideoState.WAITING);
        Poll.until(WAIT, () -> participant(meet, room, BOOTH) != null, () -> "participants " + meet.participants(room));
        meet.turnAway(room, BOOTH);
        awaitState(booth, VideoState.ENDED);
        assertEquals(EndReason.REMOTE_ENDED, booth.status().reason().orElseThrow());
        assertFalse(boothLog.states().contains(VideoState.RECONNECTING), "no knocking again: " + boothLog.states());
        assertEquals(null, participant(meet, room, BOOTH), "the booth is out of the room");
    }

    @Test
    void theMeetingFrameCannotTakeTheCallWindowAway() {
        booth.join(boothRequest(meet, room));
        awaitState(booth, VideoState.WAITING);
        Poll.until(WAIT, () -> participant(meet, room, BOOTH) != null, () -> "participants " + meet.participants(room));
        String page = booth.evaluateForTest("location.href").asText();
        meet.navigate(room, BOOTH, "https://phish.example/login?session=secret");
        Poll.until(WAIT, () -> booth.blockedHostsForTest().contains("phish.example"),
                () -> "blocked: " + booth.blockedHostsForTest());
        assertEquals(page, booth.evaluateForTest("location.href").asText());
        assertEquals(1, booth.evaluateForTest("document.querySelectorAll('#meet iframe').length").asInt(),
                "the meeting is still there");
        assertEquals(VideoState.WAITING, booth.status().state());
    }

    @Test
    void whenTheBoothsBrowserIsKilledTheCallComesBackInTheSameRoom() throws Exception {
        callEstablished();
        ChromiumBrowser before = booth.browserForTest();
        boothLog.clear();
        ProcessHandle.of(before.pid()).orElseThrow().destroyForcibly();
        Poll.until(WAIT, () -> boothLog.find(VideoEvent.StatusChanged.class,
                        s -> s.current().state() == VideoState.RECONNECTING && s.current().reconnectAttempt() == 1) != null,
                () -> "states: " + boothLog.states());
        awaitState(booth, VideoState.IN_CALL);
        awaitState(clerk, VideoState.IN_CALL);
        ChromiumBrowser after = booth.browserForTest();
        assertTrue(after.pid() != before.pid() && after.isAlive(), "a new browser carries the call");
        Poll.until(WAIT, () -> before.processTree().stream().noneMatch(ChromiumBrowser::running)
                && !java.nio.file.Files.exists(before.profile()), () -> "the old tree and profile are gone");
        Poll.until(WAIT, () -> participant(meet, room, BOOTH) != null && !participant(meet, room, BOOTH).inLobby(),
                () -> "room " + meet.participants(room));
    }
}
