package jp.madoguchi.video;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call's state machine, shared by every {@link VideoSession} implementation so that the booth's screens
 * see the same transitions from the real adapter and from the fake.
 *
 * <p>Inputs come from the browser and may race (a {@code participantLeft} after our own hang-up): a transition
 * that does not apply in the current state is ignored and logged at debug, never thrown, except
 * {@link #preparing()} while a call is active, which is a programming error of the caller.
 *
 * <p>Thread-safe. Events are handed to the {@code dispatcher} in the order they happened; with a
 * single-thread dispatcher listeners therefore see them in order, on that thread.
 */
public final class VideoCallMachine {
    private static final Logger LOG = LoggerFactory.getLogger(VideoCallMachine.class);

    private final Executor dispatcher;
    private final List<VideoListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, String> peers = new LinkedHashMap<>();
    private VideoStatus status = VideoStatus.IDLE;
    /** The last rejoin attempt of this call, kept across RECONNECTING → JOINING → RECONNECTING. */
    private int lastAttempt;

    /**
     * @param dispatcher where listeners are called; must run tasks in submission order (a single thread, or
     *                   {@code Runnable::run} in tests)
     */
    public VideoCallMachine(Executor dispatcher) {
        this.dispatcher = dispatcher;
    }

    public VideoStatus status() {
        synchronized (this) {
            return status;
        }
    }

    public void addListener(VideoListener listener) {
        listeners.add(listener);
    }

    public void removeListener(VideoListener listener) {
        listeners.remove(listener);
    }

    /** A call starts: from IDLE, ENDED or FAILED to PREPARING, camera and microphone off. */
    public synchronized void preparing() {
        if (status.state().isActive()) {
            throw new IllegalStateException("a call is already " + status.state() + "; hang up first");
        }
        peers.clear();
        move(new VideoStatus(VideoState.PREPARING, Optional.empty(), true, true, false, 0));
    }

    /** The room is being entered: from PREPARING or RECONNECTING. */
    public synchronized boolean joining() {
        VideoState state = status.state();
        if (state != VideoState.PREPARING && state != VideoState.RECONNECTING) {
            return ignored("joining");
        }
        move(new VideoStatus(VideoState.JOINING, Optional.empty(), true, true, false, 0));
        return true;
    }

    /**
     * The meeting is loaded and this side waits in the room's lobby (a guest knocking): JOINING → WAITING, camera
     * and microphone still off. Jitsi tells the knocking guest nothing; the adapter calls this once the meeting
     * page is up without an error.
     */
    public synchronized boolean waitingInLobby() {
        if (status.state() != VideoState.JOINING) {
            return ignored("waitingInLobby");
        }
        move(withState(VideoState.WAITING, false));
        return true;
    }

    /**
     * This side is in the room (Jitsi's {@code videoConferenceJoined}): JOINING or WAITING (lobby) → WAITING, or
     * IN_CALL when the other side is already there.
     */
    public synchronized boolean joined(String room) {
        if (status.state() != VideoState.JOINING && status.state() != VideoState.WAITING) {
            return ignored("joined");
        }
        emit(new VideoEvent.Joined(room));
        VideoState next = peers.isEmpty() ? VideoState.WAITING : VideoState.IN_CALL;
        move(new VideoStatus(next, Optional.empty(), status.microphoneMuted(), status.cameraOff(), !peers.isEmpty(), 0));
        return true;
    }

    /** Someone on the other side joined: WAITING → IN_CALL. */
    public synchronized boolean peerJoined(String participantId, String displayName) {
        VideoState state = status.state();
        if (state != VideoState.JOINING && state != VideoState.WAITING && state != VideoState.IN_CALL) {
            return ignored("peerJoined");
        }
        boolean isNew = peers.put(participantId, displayName == null ? "" : displayName) == null;
        if (isNew) {
            emit(new VideoEvent.PeerJoined(participantId, displayName == null ? "" : displayName));
        }
        if (state == VideoState.WAITING) {
            move(withState(VideoState.IN_CALL, true));
        }
        return true;
    }

    /** Someone on the other side left: IN_CALL → WAITING when nobody is left. */
    public synchronized boolean peerLeft(String participantId) {
        if (peers.remove(participantId) == null) {
            return ignored("peerLeft of an unknown participant");
        }
        emit(new VideoEvent.PeerLeft(participantId));
        if (peers.isEmpty() && status.state() == VideoState.IN_CALL) {
            move(withState(VideoState.WAITING, false));
        }
        return true;
    }

    /** Participants on the other side, id → display name. */
    public synchronized Map<String, String> peers() {
        return Map.copyOf(peers);
    }

    /** A guest knocks at the lobby (reported to the clerk side). */
    public synchronized boolean knocking(String participantId, String displayName) {
        if (!status.state().isActive()) {
            return ignored("knocking");
        }
        emit(new VideoEvent.Knocking(participantId, displayName == null ? "" : displayName));
        return true;
    }

    public synchronized void microphoneMuted(boolean muted) {
        if (status.microphoneMuted() == muted || !status.state().isActive()) {
            return;
        }
        emit(new VideoEvent.MicrophoneMuted(muted));
        move(new VideoStatus(status.state(), status.reason(), muted, status.cameraOff(), status.peerPresent(),
                status.reconnectAttempt()));
    }

    public synchronized void cameraOff(boolean off) {
        if (status.cameraOff() == off || !status.state().isActive()) {
            return;
        }
        emit(new VideoEvent.CameraOff(off));
        move(new VideoStatus(status.state(), status.reason(), status.microphoneMuted(), off, status.peerPresent(),
                status.reconnectAttempt()));
    }

    public synchronized void deviceError(String kind, String detail) {
        emit(new VideoEvent.DeviceError(kind, detail));
    }

    /**
     * The connection or the browser was lost during a call: → RECONNECTING, counting the attempt. The other side
     * is no longer known to be there; camera and microphone count as off until the room is joined again.
     *
     * @return the attempt number (1-based), or 0 when not in a state that can reconnect
     */
    public synchronized int reconnecting(String detail) {
        VideoState state = status.state();
        if (state != VideoState.JOINING && state != VideoState.WAITING && state != VideoState.IN_CALL
                && state != VideoState.RECONNECTING) {
            ignored("reconnecting");
            return 0;
        }
        emit(new VideoEvent.ConnectionProblem(detail));
        int attempt = status.reconnectAttempt() + 1;
        if (state == VideoState.JOINING) {
            attempt = lastAttempt + 1;
        }
        lastAttempt = attempt;
        peers.clear();
        move(new VideoStatus(VideoState.RECONNECTING, Optional.empty(), true, true, false, attempt));
        return attempt;
    }

    /**
     * How many rejoin attempts the current loss has used so far: 0 once the room was joined again
     * ({@link #reconnected()}) or the call is over. An adapter bounds its attempts with this.
     */
    public synchronized int reconnectAttemptsSoFar() {
        return lastAttempt;
    }

    /** A successful rejoin resets the attempt count (called when the room is joined and stable). */
    public synchronized void reconnected() {
        lastAttempt = 0;
    }

    /**
     * The call is over: any active state → ENDED or FAILED (by {@link EndReason#isFailure()}).
     *
     * @return false when it was already over (the first reason wins)
     */
    public synchronized boolean end(EndReason reason) {
        if (!status.state().isActive()) {
            return ignored("end(" + reason + ")");
        }
        peers.clear();
        lastAttempt = 0;
        VideoState state = reason.isFailure() ? VideoState.FAILED : VideoState.ENDED;
        move(new VideoStatus(state, Optional.of(reason), true, true, false, 0));
        emit(new VideoEvent.Ended(reason));
        return true;
    }

    /** Back to IDLE after a call is over (the screen was reset). */
    public synchronized boolean reset() {
        if (status.state().isActive()) {
            return ignored("reset");
        }
        move(VideoStatus.IDLE);
        return true;
    }

    private VideoStatus withState(VideoState state, boolean peerPresent) {
        return new VideoStatus(state, Optional.empty(), status.microphoneMuted(), status.cameraOff(), peerPresent, 0);
    }

    private void move(VideoStatus next) {
        VideoStatus previous = status;
        status = next;
        if (previous.state() != next.state()) {
            LOG.info("video call: {} -> {}{}", previous.state(), next.state(),
                    next.reason().map(r -> " (" + r + ")").orElse(""));
        }
        emit(new VideoEvent.StatusChanged(previous, next));
    }

    private boolean ignored(String what) {
        LOG.debug("video call: {} ignored in state {}", what, status.state());
        return false;
    }

    private void emit(VideoEvent event) {
        List<VideoListener> targets = new ArrayList<>(listeners);
        dispatcher.execute(() -> {
            for (VideoListener listener : targets) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.warn("a video listener failed on {}", event.getClass().getSimpleName(), e);
                }
            }
        });
    }
}
