package jp.madoguchi.video.testing;

import static jp.madoguchi.video.VideoState.ENDED;
import static jp.madoguchi.video.VideoState.FAILED;
import static jp.madoguchi.video.VideoState.IDLE;
import static jp.madoguchi.video.VideoState.IN_CALL;
import static jp.madoguchi.video.VideoState.JOINING;
import static jp.madoguchi.video.VideoState.PREPARING;
import static jp.madoguchi.video.VideoState.RECONNECTING;
import static jp.madoguchi.video.VideoState.WAITING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.DeviceReport;
import jp.madoguchi.video.DeviceReport.DeviceStatus;
import jp.madoguchi.video.EndReason;
import jp.madoguchi.video.JoinRequest;
import jp.madoguchi.video.ScreenRect;
import jp.madoguchi.video.VideoEvent;
import jp.madoguchi.video.VideoState;
import org.junit.jupiter.api.Test;

/** The fake other modules' screen tests rely on: every path a call can take, and what it records. */
class FakeVideoSessionTest {
    private final FakeVideoSession session = new FakeVideoSession();
    private final List<VideoEvent> events = new ArrayList<>();
    private final JoinRequest resident = FakeVideoSession.sampleRequest(CallRole.RESIDENT);

    FakeVideoSessionTest() {
        session.addListener(events::add);
    }

    @Test
    void aResidentWaitsInTheLobbyThenTalksWithTheClerk() {
        session.join(resident);
        assertEquals(List.of(PREPARING, JOINING, WAITING), states());
        assertTrue(session.status().microphoneMuted() && session.status().cameraOff(), "off in the lobby");
        session.setMicrophoneMuted(false);
        assertTrue(session.status().microphoneMuted(), "the lobby has no microphone to unmute");

        String clerk = session.peerJoins("山田");
        assertEquals(IN_CALL, session.status().state());
        assertFalse(session.status().microphoneMuted(), "in the room the microphone comes on");
        assertFalse(session.status().cameraOff());
        assertEquals(Map.of(clerk, "山田"), session.peers());
        assertTrue(events.contains(new VideoEvent.Joined("booth-test")));

        session.setMicrophoneMuted(true);
        session.setCameraOff(true);
        assertTrue(session.status().microphoneMuted());
        assertTrue(session.status().cameraOff());

        session.peerLeaves();
        assertEquals(WAITING, session.status().state());
        session.peerJoins("佐藤");
        session.hangUp();
        assertEquals(List.of(PREPARING, JOINING, WAITING, IN_CALL, WAITING, IN_CALL, ENDED), states());
        assertEquals(Optional.of(EndReason.HUNG_UP), session.status().reason());
        assertEquals(List.of(new FakeVideoSession.Join(resident), new FakeVideoSession.SetMicrophoneMuted(false),
                new FakeVideoSession.SetMicrophoneMuted(true), new FakeVideoSession.SetCameraOff(true),
                new FakeVideoSession.HangUp()), session.commands());
        assertEquals(1, session.hangUps());
        assertEquals(List.of(resident), session.joinRequests());
    }

    @Test
    void theClerkIsInTheRoomAtOnceAndAdmitsWhoKnocks() {
        session.join(FakeVideoSession.sampleRequest(CallRole.CLERK));
        assertEquals(WAITING, session.status().state());
        assertFalse(session.status().microphoneMuted(), "the moderator is in the room");
        session.knocking("guest-1", "Booth 1");
        assertTrue(events.contains(new VideoEvent.Knocking("guest-1", "Booth 1")));
        session.admit("nobody");
        assertEquals(WAITING, session.status().state(), "admitting who did not knock changes nothing");
        session.admit("guest-1");
        assertEquals(IN_CALL, session.status().state());
        assertEquals(Map.of("guest-1", "Booth 1"), session.peers());
        assertEquals(List.of("nobody", "guest-1"), session.admitted());
        session.endForEveryone();
        assertEquals(ENDED, session.status().state());
        assertEquals(1, session.endsForEveryone());
    }

    @Test
    void theOtherSideEndingTheCall() {
        session.join(resident);
        session.peerJoins("山田");
        session.remoteEnds();
        assertEquals(ENDED, session.status().state());
        assertEquals(Optional.of(EndReason.REMOTE_ENDED), session.status().reason());
        assertEquals(new VideoEvent.Ended(EndReason.REMOTE_ENDED), events.get(events.size() - 1));
    }

    @Test
    void aMissingOrBrokenDeviceFailsTheJoinWithItsReason() {
        record Case(DeviceStatus camera, DeviceStatus microphone, EndReason reason) {
        }
        for (Case c : List.of(new Case(DeviceStatus.NOT_FOUND, DeviceStatus.WORKS, EndReason.CAMERA_NOT_FOUND),
                new Case(DeviceStatus.WORKS, DeviceStatus.NOT_FOUND, EndReason.MICROPHONE_NOT_FOUND),
                new Case(DeviceStatus.UNAVAILABLE, DeviceStatus.WORKS, EndReason.DEVICE_UNAVAILABLE),
                new Case(DeviceStatus.WORKS, DeviceStatus.UNKNOWN, EndReason.DEVICE_UNAVAILABLE))) {
            FakeVideoSession failing = new FakeVideoSession();
            DeviceReport report = new DeviceReport(List.of(), List.of(), c.camera(), c.microphone(), "scripted");
            failing.deviceReport(report);
            assertEquals(report, failing.checkDevices().join());
            failing.join(resident);
            assertEquals(FAILED, failing.status().state(), c.toString());
            assertEquals(Optional.of(c.reason()), failing.status().reason());
            assertEquals(2, failing.commands().size(), "the check and the join are recorded");
        }
    }

    @Test
    void aJoinCanBeHeldToShowPreparingAndJoining() {
        session.holdJoinAt(PREPARING).join(resident);
        assertEquals(PREPARING, session.status().state());
        session.holdJoinAt(JOINING).continueJoin();
        assertEquals(JOINING, session.status().state());
        session.continueJoin();
        assertEquals(WAITING, session.status().state());
        assertThrows(IllegalArgumentException.class, () -> session.holdJoinAt(IN_CALL));
    }

    @Test
    void aDroppedConnectionCountsAttemptsAndComesBackAsItWas() {
        session.join(resident);
        session.peerJoins("山田");
        session.setMicrophoneMuted(true);
        assertEquals(1, session.connectionDrops());
        assertEquals(RECONNECTING, session.status().state());
        assertFalse(session.status().peerPresent());
        assertEquals(2, session.connectionDrops());
        assertEquals(2, session.status().reconnectAttempt());
        session.reconnects();
        assertEquals(IN_CALL, session.status().state(), "the clerk stayed in the room");
        assertTrue(session.status().microphoneMuted(), "still muted as the resident left it");
        assertFalse(session.status().cameraOff());
        session.peerLeaves();
        assertEquals(WAITING, session.status().state(), "the clerk from before the drop is the one who leaves");
        assertEquals(1, session.connectionDrops(), "a rejoin that held starts counting again");
        session.reconnects();
        assertEquals(WAITING, session.status().state(), "nobody was there before this drop");
    }

    @Test
    void aConnectionThatCannotBeRestoredFails() {
        session.join(resident);
        session.connectionDrops();
        session.fail(EndReason.NETWORK_LOST);
        assertEquals(FAILED, session.status().state());
        assertEquals(Optional.of(EndReason.NETWORK_LOST), session.status().reason());
        assertThrows(IllegalArgumentException.class, () -> new FakeVideoSession().fail(EndReason.HUNG_UP));
    }

    @Test
    void aSecondJoinDuringACallIsRefusedAndNotRecorded() {
        session.holdJoinAt(PREPARING).join(resident);
        assertThrows(IllegalStateException.class, () -> session.join(resident), "while preparing");
        session.continueJoin();
        assertThrows(IllegalStateException.class, () -> session.join(resident), "while waiting");
        session.peerJoins("山田");
        assertThrows(IllegalStateException.class, () -> session.join(resident), "in a call");
        session.connectionDrops();
        assertThrows(IllegalStateException.class, () -> session.join(resident), "while reconnecting");
        assertEquals(1, session.joinRequests().size());

        session.hangUp();
        session.holdJoinAt(null).join(resident);
        assertEquals(WAITING, session.status().state(), "after the call is over a new one may start");
        assertEquals(2, session.joinRequests().size());
        session.close();
        assertTrue(session.isClosed());
        assertEquals(ENDED, session.status().state(), "closing hangs up");
        assertThrows(IllegalStateException.class, () -> session.join(resident), "a closed session");
    }

    @Test
    void theScriptRefusesStepsThatCannotHappen() {
        assertThrows(IllegalStateException.class, () -> session.peerJoins("x"));
        assertThrows(IllegalStateException.class, session::peerLeaves);
        assertThrows(IllegalStateException.class, session::remoteEnds);
        assertThrows(IllegalStateException.class, session::connectionDrops);
        assertThrows(IllegalStateException.class, session::reconnects);
        assertThrows(IllegalStateException.class, () -> session.knocking("g", "x"));
        session.join(resident);
        assertThrows(IllegalStateException.class, session::peerLeaves, "nobody is there to leave");
        assertThrows(IllegalStateException.class, session::reconnects, "nothing dropped");
        assertEquals(WAITING, session.status().state());
    }

    @Test
    void deviceErrorsReachTheScreen() {
        session.join(resident);
        session.peerJoins("山田");
        session.deviceError("camera");
        assertEquals(new VideoEvent.DeviceError("camera", "scripted camera error"), events.get(events.size() - 1));
    }

    @Test
    void theWindowRecordsWhereThePaneWantedIt() {
        session.window().show(new ScreenRect(10, 20, 300, 200));
        session.window().hide();
        assertEquals(List.of(RecordingVideoWindow.WindowCall.shown(new ScreenRect(10, 20, 300, 200)),
                RecordingVideoWindow.WindowCall.hidden()), session.window().calls());
        assertEquals(Optional.empty(), session.window().current());
    }

    @Test
    void listenersCanBeCalledOnTheirOwnThread() throws Exception {
        ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-video-events"));
        try {
            FakeVideoSession threaded = new FakeVideoSession(dispatcher);
            List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
            threaded.addListener(event -> seen.add(Thread.currentThread().getName()));
            threaded.join(resident);
            threaded.peerJoins("山田");
            dispatcher.shutdown();
            assertTrue(dispatcher.awaitTermination(20, TimeUnit.SECONDS));
            assertFalse(seen.isEmpty());
            assertTrue(seen.stream().allMatch("fake-video-events"::equals), seen.toString());
        } finally {
            dispatcher.shutdownNow();
        }
    }

    @Test
    void backToIdleWhenTheScreenResets() {
        session.join(resident);
        session.hangUp();
        session.reset();
        assertEquals(IDLE, session.status().state());
    }

    private List<VideoState> states() {
        List<VideoState> states = new ArrayList<>();
        for (VideoEvent event : events) {
            if (event instanceof VideoEvent.StatusChanged changed && changed.previous().state() != changed.current().state()) {
                states.add(changed.current().state());
            }
        }
        return states;
    }
}
