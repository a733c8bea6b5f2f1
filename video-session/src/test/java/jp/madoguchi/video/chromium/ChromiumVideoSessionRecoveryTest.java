package jp.madoguchi.video.chromium;

import jp.madoguchi.video.testing.Poll;
import static jp.madoguchi.video.chromium.ChromiumVideoSessionCallTest.BOOTH;
import static jp.madoguchi.video.chromium.ChromiumVideoSessionCallTest.awaitState;
import static jp.madoguchi.video.chromium.ChromiumVideoSessionCallTest.boothRequest;
import static jp.madoguchi.video.chromium.ChromiumVideoSessionCallTest.clerkRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import jp.madoguchi.video.EndReason;
import jp.madoguchi.video.VideoEvent;
import jp.madoguchi.video.VideoState;
import jp.madoguchi.video.loopback.LoopbackMeet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The meeting server goes away (and maybe comes back); the browser hangs. Each test has its own server. */
class ChromiumVideoSessionRecoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final EventLog boothLog = new EventLog();
    private LoopbackMeet meet;
    private ChromiumVideoSession booth;
    private ChromiumVideoSession clerk;

    @BeforeEach
    void start() throws IOException {
        meet = LoopbackMeet.start(LoopbackMeet.Options.defaults().withPort(freePort()).withAppSecret(Jwt.SECRET));
        booth = new ChromiumVideoSession(ChromiumOptions.headlessWithFakeMedia());
        booth.addListener(boothLog);
    }

    @AfterEach
    void stop() {
        try {
            booth.close();
            if (clerk != null) {
                clerk.close();
            }
        } finally {
            meet.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private List<Integer> attemptsSeen() {
        return boothLog.events().stream().filter(VideoEvent.StatusChanged.class::isInstance)
                .map(e -> ((VideoEvent.StatusChanged) e).current())
                .filter(s -> s.state() == VideoState.RECONNECTING).map(s -> s.reconnectAttempt()).distinct().toList();
    }

    @Test
    void whenTheMeetingServerRestartsOnItsPortBothSidesRejoinTheSameRoom() throws IOException {
        String room = "restart1";
        clerk = new ChromiumVideoSession(ChromiumOptions.headlessWithFakeMedia());
        EventLog clerkLog = new EventLog();
        clerk.addListener(clerkLog);
        booth.join(boothRequest(meet, room));
        awaitState(booth, VideoState.WAITING);
        clerk.join(clerkRequest(meet, room));
        String id = clerkLog.await(VideoEvent.Knocking.class, k -> k.displayName().equals(BOOTH), WAIT).participantId();
        clerk.admit(id);
        awaitState(booth, VideoState.IN_CALL);

        int port = meet.port();
        meet.close();
        awaitState(booth, VideoState.RECONNECTING);
        meet = LoopbackMeet.start(LoopbackMeet.Options.defaults().withPort(port).withAppSecret(Jwt.SECRET));
        awaitState(clerk, VideoState.IN_CALL);
        awaitState(booth, VideoState.IN_CALL);
        assertTrue(meet.participants(room).stream().anyMatch(p -> p.displayName().equals(BOOTH) && !p.inLobby()),
                "the booth is back in the same room: " + meet.participants(room));
    }

    @Test
    void whenTheMeetingServerIsGoneForGoodTheCallFailsWithNetworkLostAfterThreeAttempts() {
        booth.join(boothRequest(meet, "gone1"));
        awaitState(booth, VideoState.WAITING);
        meet.close();
        awaitState(booth, VideoState.FAILED);
        assertEquals(EndReason.NETWORK_LOST, booth.status().reason().orElseThrow());
        assertEquals(List.of(1, 2, 3), attemptsSeen(), "the resident was told of each attempt");
        assertTrue(boothLog.find(VideoEvent.ConnectionProblem.class, p -> true) != null);
    }

    @Test
    void aHangingCallPageIsNoticedByTheHeartbeatAndTheBrowserIsReplaced() {
        booth.join(boothRequest(meet, "hang1"));
        awaitState(booth, VideoState.WAITING);
        ChromiumBrowser before = booth.browserForTest();
        // the page's main thread stops forever; only the heartbeat can notice
        before.cdp().send("Runtime.evaluate", jp.madoguchi.video.chromium.cdp.CdpConnection.params(
                "expression", "setTimeout(() => { while (true) {} }, 0); 1"), booth.pageSessionForTest());
        Poll.until(WAIT, () -> attemptsSeen().contains(1), () -> "states " + boothLog.states());
        awaitState(booth, VideoState.WAITING);
        assertTrue(booth.browserForTest().pid() != before.pid(), "a fresh browser carries the call");
        Poll.until(WAIT, () -> meet.participants("hang1").stream().filter(p -> p.displayName().equals(BOOTH)).count() == 1,
                () -> "room " + meet.participants("hang1"));
    }

    @Test
    void aCrashedCallPageIsNoticedAndTheCallRejoins() {
        booth.join(boothRequest(meet, "crash1"));
        awaitState(booth, VideoState.WAITING);
        ChromiumBrowser before = booth.browserForTest();
        before.cdp().send("Page.crash", null, booth.pageSessionForTest());
        Poll.until(WAIT, () -> attemptsSeen().contains(1), () -> "states " + boothLog.states());
        awaitState(booth, VideoState.WAITING);
        assertTrue(booth.browserForTest().pid() != before.pid(), "a fresh browser carries the call");
        assertTrue(boothLog.find(VideoEvent.ConnectionProblem.class, p -> p.detail().contains("crashed")) != null,
                "the problem is named: " + boothLog.events());
    }
}
