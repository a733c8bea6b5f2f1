package jp.madoguchi.video;

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
import org.junit.jupiter.api.Test;

/** The call's state machine: every transition, what it ignores, and how it reports. */
class VideoCallMachineTest {
    private final VideoCallMachine machine = new VideoCallMachine(Runnable::run);
    private final RecordingListener listener = new RecordingListener();

    VideoCallMachineTest() {
        machine.addListener(listener);
    }

    @Test
    void aResidentsCallFromLobbyToClerkAndBack() {
        machine.preparing();
        assertTrue(machine.joining());
        assertTrue(machine.waitingInLobby());
        assertTrue(machine.joined("room-1"));
        assertTrue(machine.peerJoined("clerk-1", "山田"));
        assertTrue(machine.peerLeft("clerk-1"));
        assertTrue(machine.end(EndReason.HUNG_UP));

        assertEquals(List.of(PREPARING, JOINING, WAITING, IN_CALL, WAITING, ENDED), listener.states());
        assertEquals(List.of(new VideoEvent.Joined("room-1")), listener.events(VideoEvent.Joined.class));
        assertEquals(List.of(new VideoEvent.PeerJoined("clerk-1", "山田")), listener.events(VideoEvent.PeerJoined.class));
        assertEquals(List.of(new VideoEvent.PeerLeft("clerk-1")), listener.events(VideoEvent.PeerLeft.class));
        assertEquals(List.of(new VideoEvent.Ended(EndReason.HUNG_UP)), listener.events(VideoEvent.Ended.class));
        assertEquals(new VideoStatus(ENDED, Optional.of(EndReason.HUNG_UP), true, true, false, 0), machine.status());
    }

    @Test
    void eachStatusChangeNamesWhatItWas() {
        machine.preparing();
        machine.joining();
        List<VideoEvent.StatusChanged> changes = listener.events(VideoEvent.StatusChanged.class);
        assertEquals(VideoStatus.IDLE, changes.get(0).previous());
        assertEquals(changes.get(0).current(), changes.get(1).previous());
        assertEquals(JOINING, changes.get(1).current().state());
    }

    @Test
    void joinedWhileTheOtherSideIsAlreadyThereGoesStraightIntoTheCall() {
        machine.preparing();
        machine.joining();
        assertTrue(machine.peerJoined("clerk-1", "山田"), "a participant can be announced before our own join");
        assertEquals(JOINING, machine.status().state());
        machine.joined("room-1");
        assertEquals(IN_CALL, machine.status().state());
        assertTrue(machine.status().peerPresent());
    }

    @Test
    void transitionsThatDoNotFitAreIgnoredNotThrown() {
        assertFalse(machine.joining(), "joining from IDLE");
        assertFalse(machine.waitingInLobby(), "lobby from IDLE");
        assertFalse(machine.joined("r"), "joined from IDLE");
        assertFalse(machine.peerJoined("p", "x"), "peer from IDLE");
        assertFalse(machine.knocking("p", "x"), "knocking from IDLE");
        assertEquals(0, machine.reconnecting("x"), "reconnecting from IDLE");
        assertFalse(machine.end(EndReason.HUNG_UP), "end from IDLE");
        machine.microphoneMuted(false);
        machine.cameraOff(false);
        assertEquals(VideoStatus.IDLE, machine.status());
        assertEquals(List.of(), listener.events());

        machine.preparing();
        assertFalse(machine.waitingInLobby(), "lobby from PREPARING");
        assertFalse(machine.joined("r"), "joined from PREPARING");
        assertFalse(machine.peerJoined("p", "x"), "peer from PREPARING");
        assertEquals(0, machine.reconnecting("x"), "reconnecting from PREPARING");
        machine.joining();
        machine.waitingInLobby();
        assertFalse(machine.joining(), "joining from WAITING");
        assertFalse(machine.waitingInLobby(), "lobby twice");
        machine.joined("r");
        machine.peerJoined("p", "x");
        assertFalse(machine.joined("r"), "joined from IN_CALL");
        assertFalse(machine.reset(), "reset of an active call");
        assertEquals(IN_CALL, machine.status().state());
    }

    @Test
    void lateEventsAfterHangingUpAreIgnored() {
        inCall();
        machine.end(EndReason.HUNG_UP);
        listener.clear();
        assertFalse(machine.peerLeft("clerk-1"), "participantLeft after our own hang-up");
        assertFalse(machine.peerJoined("clerk-2", "x"));
        assertFalse(machine.end(EndReason.REMOTE_ENDED));
        assertEquals(0, machine.reconnecting("late"));
        assertFalse(machine.knocking("g", "x"));
        machine.microphoneMuted(false);
        assertEquals(List.of(), listener.events());
        assertEquals(Optional.of(EndReason.HUNG_UP), machine.status().reason());
    }

    @Test
    void theFirstEndReasonWins() {
        inCall();
        assertTrue(machine.end(EndReason.NETWORK_LOST));
        assertFalse(machine.end(EndReason.HUNG_UP));
        assertEquals(FAILED, machine.status().state());
        assertEquals(Optional.of(EndReason.NETWORK_LOST), machine.status().reason());
        assertEquals(List.of(new VideoEvent.Ended(EndReason.NETWORK_LOST)), listener.events(VideoEvent.Ended.class));
    }

    @Test
    void failuresFailAndOrdinaryEndsEnd() {
        for (EndReason reason : EndReason.values()) {
            VideoCallMachine each = new VideoCallMachine(Runnable::run);
            each.preparing();
            each.end(reason);
            assertEquals(reason.isFailure() ? FAILED : ENDED, each.status().state(), reason.name());
            assertTrue(each.reset());
            assertEquals(VideoStatus.IDLE, each.status());
        }
        assertFalse(EndReason.HUNG_UP.isFailure());
        assertFalse(EndReason.REMOTE_ENDED.isFailure());
        assertTrue(EndReason.CAMERA_NOT_FOUND.isFailure());
        assertEquals("video.reason.camera_not_found", EndReason.CAMERA_NOT_FOUND.messageKey());
    }

    @Test
    void aNewCallCanStartAfterTheLastOneEndedButNotDuringIt() {
        machine.preparing();
        assertThrows(IllegalStateException.class, machine::preparing);
        machine.end(EndReason.CAMERA_NOT_FOUND);
        machine.preparing();
        assertEquals(PREPARING, machine.status().state());
        assertEquals(Optional.empty(), machine.status().reason());
    }

    @Test
    void reconnectAttemptsCountAcrossRejoinsUntilOneHolds() {
        inCall();
        assertEquals(1, machine.reconnecting("chromium died"));
        assertEquals(new VideoStatus(RECONNECTING, Optional.empty(), true, true, false, 1), machine.status());
        assertEquals(Map.of(), machine.peers(), "the other side is no longer known to be there");
        assertEquals(2, machine.reconnecting("still down"));
        assertTrue(machine.joining());
        assertEquals(0, machine.status().reconnectAttempt());
        assertEquals(3, machine.reconnecting("dropped again while joining"), "RECONNECTING → JOINING → RECONNECTING counts on");
        machine.joining();
        machine.joined("room-1");
        machine.reconnected();
        machine.peerJoined("clerk-1", "山田");
        assertEquals(1, machine.reconnecting("a new drop later"), "a rejoin that held starts the count again");
        assertEquals(List.of(new VideoEvent.ConnectionProblem("chromium died"), new VideoEvent.ConnectionProblem("still down"),
                        new VideoEvent.ConnectionProblem("dropped again while joining"),
                        new VideoEvent.ConnectionProblem("a new drop later")),
                listener.events(VideoEvent.ConnectionProblem.class));
    }

    @Test
    void anEndedCallForgetsItsReconnectCount() {
        inCall();
        machine.reconnecting("x");
        machine.joining();
        machine.end(EndReason.NETWORK_LOST);
        machine.preparing();
        machine.joining();
        assertEquals(1, machine.reconnecting("first drop of the new call"));
    }

    @Test
    void microphoneAndCameraReportOnlyChanges() {
        inCall();
        listener.clear();
        machine.microphoneMuted(false);
        machine.microphoneMuted(false);
        machine.cameraOff(false);
        machine.cameraOff(false);
        machine.microphoneMuted(true);
        assertEquals(List.of(new VideoEvent.MicrophoneMuted(false), new VideoEvent.CameraOff(false),
                new VideoEvent.MicrophoneMuted(true)), listener.events().stream()
                .filter(e -> !(e instanceof VideoEvent.StatusChanged)).toList());
        assertTrue(machine.status().microphoneMuted());
        assertFalse(machine.status().cameraOff());
        assertEquals(IN_CALL, machine.status().state());
    }

    @Test
    void peersAreCountedOnceAndTheCallWaitsWhenTheLastLeaves() {
        inCall();
        machine.peerJoined("clerk-1", "山田");
        machine.peerJoined("clerk-2", "佐藤");
        assertEquals(2, listener.events(VideoEvent.PeerJoined.class).size());
        assertEquals(Map.of("clerk-1", "山田", "clerk-2", "佐藤"), machine.peers());
        machine.peerLeft("clerk-1");
        assertEquals(IN_CALL, machine.status().state());
        assertFalse(machine.peerLeft("nobody"));
        machine.peerLeft("clerk-2");
        assertEquals(WAITING, machine.status().state());
        assertFalse(machine.status().peerPresent());
    }

    @Test
    void knockingAndDeviceErrorsAreReported() {
        machine.preparing();
        machine.joining();
        machine.joined("room-1");
        assertTrue(machine.knocking("guest-1", null));
        machine.deviceError("camera", "NotReadableError");
        assertEquals(List.of(new VideoEvent.Knocking("guest-1", ""), new VideoEvent.DeviceError("camera", "NotReadableError")),
                listener.events().stream().filter(e -> !(e instanceof VideoEvent.StatusChanged)
                        && !(e instanceof VideoEvent.Joined)).toList());
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        VideoCallMachine withBadListener = new VideoCallMachine(Runnable::run);
        withBadListener.addListener(event -> {
            throw new IllegalStateException("a broken screen");
        });
        RecordingListener good = new RecordingListener();
        withBadListener.addListener(good);
        withBadListener.preparing();
        withBadListener.end(EndReason.HUNG_UP);
        assertEquals(List.of(PREPARING, ENDED), good.states());
        assertEquals(1, good.events(VideoEvent.Ended.class).size());
    }

    @Test
    void aRemovedListenerHearsNothingMore() {
        machine.preparing();
        machine.removeListener(listener);
        machine.joining();
        assertEquals(List.of(PREPARING), listener.states());
    }

    @Test
    void eventsArriveInTheOrderTheyHappenedOnTheDispatcherThread() throws Exception {
        ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> new Thread(r, "video-events"));
        try {
            VideoCallMachine threaded = new VideoCallMachine(dispatcher);
            List<String> seen = new ArrayList<>();
            threaded.addListener(event -> {
                synchronized (seen) {
                    seen.add(Thread.currentThread().getName() + ":" + describe(event));
                }
            });
            threaded.preparing();
            threaded.joining();
            threaded.joined("room-1");
            for (int i = 0; i < 50; i++) {
                threaded.microphoneMuted(i % 2 == 1);
            }
            threaded.end(EndReason.HUNG_UP);
            dispatcher.shutdown();
            assertTrue(dispatcher.awaitTermination(20, TimeUnit.SECONDS));

            List<String> expected = new ArrayList<>(List.of("status PREPARING", "status JOINING", "joined", "status WAITING"));
            for (int i = 0; i < 50; i++) {
                expected.add("muted " + (i % 2 == 1));
                expected.add("status WAITING");
            }
            expected.add("status ENDED");
            expected.add("ended HUNG_UP");
            assertEquals(expected.stream().map(e -> "video-events:" + e).toList(), seen);
        } finally {
            dispatcher.shutdownNow();
        }
    }

    @Test
    void aStatusKeepsItsPromises() {
        assertThrows(IllegalArgumentException.class,
                () -> new VideoStatus(ENDED, Optional.empty(), true, true, false, 0), "an ended call has a reason");
        assertThrows(IllegalArgumentException.class,
                () -> new VideoStatus(IN_CALL, Optional.of(EndReason.HUNG_UP), true, true, false, 0), "an active call has none");
        assertThrows(IllegalArgumentException.class,
                () -> new VideoStatus(FAILED, Optional.of(EndReason.HUNG_UP), true, true, false, 0), "hanging up is no failure");
        assertThrows(IllegalArgumentException.class,
                () -> new VideoStatus(ENDED, Optional.of(EndReason.NETWORK_LOST), true, true, false, 0), "a failure fails");
        assertThrows(IllegalArgumentException.class,
                () -> new VideoStatus(IN_CALL, Optional.empty(), true, true, false, 1), "attempts only while reconnecting");
        assertThrows(IllegalArgumentException.class,
                () -> new VideoStatus(RECONNECTING, Optional.empty(), true, true, false, 0), "reconnecting counts from 1");
        assertThrows(IllegalArgumentException.class,
                () -> new VideoStatus(RECONNECTING, Optional.empty(), true, true, false, -1));
        assertThrows(NullPointerException.class, () -> new VideoStatus(null, Optional.empty(), true, true, false, 0));
        assertEquals(new VideoStatus(IDLE, Optional.empty(), true, true, false, 0), VideoStatus.IDLE,
                "idle: microphone muted and camera off");
        for (VideoState state : VideoState.values()) {
            assertEquals(state != IDLE && state != ENDED && state != FAILED, state.isActive(), state.name());
        }
    }

    @Test
    void everyStatusTheMachineReachesIsValid() {
        // walking the machine through every transition: VideoStatus's constructor would throw on a bad one
        inCall();
        machine.microphoneMuted(false);
        machine.reconnecting("x");
        machine.joining();
        machine.waitingInLobby();
        machine.joined("room-1");
        machine.peerJoined("c", "c");
        machine.end(EndReason.REMOTE_ENDED);
        machine.reset();
        assertEquals(List.of(PREPARING, JOINING, WAITING, IN_CALL, RECONNECTING, JOINING, WAITING, IN_CALL, ENDED, IDLE),
                listener.states());
    }

    private void inCall() {
        machine.preparing();
        machine.joining();
        machine.waitingInLobby();
        machine.joined("room-1");
        machine.peerJoined("clerk-1", "山田");
        assertEquals(IN_CALL, machine.status().state());
    }

    private static String describe(VideoEvent event) {
        if (event instanceof VideoEvent.StatusChanged changed) {
            return "status " + changed.current().state();
        } else if (event instanceof VideoEvent.MicrophoneMuted muted) {
            return "muted " + muted.muted();
        } else if (event instanceof VideoEvent.Ended ended) {
            return "ended " + ended.reason();
        } else if (event instanceof VideoEvent.Joined) {
            return "joined";
        }
        return event.toString();
    }
}
