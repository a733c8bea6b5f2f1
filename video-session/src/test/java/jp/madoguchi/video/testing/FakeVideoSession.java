package jp.madoguchi.video.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.DeviceReport;
import jp.madoguchi.video.EndReason;
import jp.madoguchi.video.JoinRequest;
import jp.madoguchi.video.VideoCallMachine;
import jp.madoguchi.video.VideoListener;
import jp.madoguchi.video.VideoSession;
import jp.madoguchi.video.VideoState;
import jp.madoguchi.video.VideoStatus;

/**
 * A {@link VideoSession} for screens' tests (the booth's and the clerk console's TestFX tests): the real
 * {@link VideoCallMachine} driven by the test's script instead of a browser, recording what the screen asked for.
 *
 * <p>Like the real adapter, camera and microphone stay off until this side is in the room (the other side joined,
 * or at once for the clerk), then come on; after a rejoin they are as they were before the drop.
 *
 * <p>{@link #join} goes PREPARING → JOINING → WAITING at once (unless {@link #deviceReport(DeviceReport)} names a
 * problem, which fails the call with that reason, or {@link #holdJoinAt(VideoState)} stops it on the way). Then the
 * script plays the other side: {@link #peerJoins}, {@link #peerLeaves}, {@link #remoteEnds}, {@link #connectionDrops},
 * {@link #reconnects}, {@link #fail}, {@link #knocking}, {@link #deviceError}.
 *
 * <p>Thread-safe. Listeners are called on the dispatcher given at construction (same thread by default).
 */
public final class FakeVideoSession implements VideoSession {
    /** Cameras and microphones that work. */
    public static final DeviceReport WORKING_DEVICES = new DeviceReport(List.of("Fake camera"),
            List.of("Fake microphone"), DeviceReport.DeviceStatus.WORKS, DeviceReport.DeviceStatus.WORKS, "");

    /** A valid request for tests: a loopback meeting server, room {@code booth-test}, Japanese. */
    public static JoinRequest sampleRequest(CallRole role) {
        return new JoinRequest(java.net.URI.create("http://127.0.0.1:9/"), "booth-test", "test-token",
                role == CallRole.RESIDENT ? "Booth 1" : "Clerk", java.util.Locale.JAPANESE, role);
    }

    /** A command the screen sent, in order. */
    public sealed interface Command {
    }

    public record Join(JoinRequest request) implements Command {
    }

    public record SetMicrophoneMuted(boolean muted) implements Command {
    }

    public record SetCameraOff(boolean off) implements Command {
    }

    public record Admit(String participantId) implements Command {
    }

    public record HangUp() implements Command {
    }

    public record EndForEveryone() implements Command {
    }

    public record CheckDevices() implements Command {
    }

    private final VideoCallMachine machine;
    private final RecordingVideoWindow window = new RecordingVideoWindow();
    private final List<Command> commands = new ArrayList<>();
    private final Map<String, String> knockers = new LinkedHashMap<>();
    private Map<String, String> peersBeforeDrop = Map.of();
    private boolean mutedBeforeDrop;
    private boolean cameraOffBeforeDrop;
    private DeviceReport deviceReport = WORKING_DEVICES;
    private VideoState holdAt;
    private JoinRequest currentRequest;
    private boolean inRoom;
    private int peerCounter;
    private String lastPeer;
    private boolean closed;

    /** Listeners are called on the caller's thread, at once. */
    public FakeVideoSession() {
        this(Runnable::run);
    }

    /** @param dispatcher where listeners are called (must keep order), e.g. a single-thread executor */
    public FakeVideoSession(Executor dispatcher) {
        this.machine = new VideoCallMachine(dispatcher);
    }

    // ---- configuration ----

    /** What the device check finds; a report with a {@link DeviceReport#problem()} makes {@link #join} fail. */
    public synchronized FakeVideoSession deviceReport(DeviceReport report) {
        this.deviceReport = Objects.requireNonNull(report, "report");
        return this;
    }

    /** Makes {@link #join} stop at PREPARING or JOINING until {@link #continueJoin()}; {@code null} for no stop. */
    public synchronized FakeVideoSession holdJoinAt(VideoState state) {
        if (state != null && state != VideoState.PREPARING && state != VideoState.JOINING) {
            throw new IllegalArgumentException("a join can be held at PREPARING or JOINING, not " + state);
        }
        this.holdAt = state;
        return this;
    }

    // ---- VideoSession ----

    @Override
    public VideoStatus status() {
        return machine.status();
    }

    @Override
    public void addListener(VideoListener listener) {
        machine.addListener(listener);
    }

    @Override
    public void removeListener(VideoListener listener) {
        machine.removeListener(listener);
    }

    @Override
    public synchronized CompletableFuture<DeviceReport> checkDevices() {
        commands.add(new CheckDevices());
        return CompletableFuture.completedFuture(deviceReport);
    }

    @Override
    public synchronized void join(JoinRequest request) {
        Objects.requireNonNull(request, "request");
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        machine.preparing(); // throws while a call is active: the refused join is not recorded
        commands.add(new Join(request));
        currentRequest = request;
        inRoom = false;
        knockers.clear();
        peersBeforeDrop = Map.of();
        EndReason problem = deviceReport.problem();
        if (problem != null) {
            machine.end(problem);
            return;
        }
        if (holdAt != VideoState.PREPARING) {
            continueJoin();
        }
    }

    /** Goes on with a join held by {@link #holdJoinAt}: to JOINING, then (unless held there) to WAITING. */
    public synchronized void continueJoin() {
        if (machine.status().state() == VideoState.PREPARING) {
            machine.joining();
            if (holdAt == VideoState.JOINING) {
                return;
            }
        }
        if (machine.status().state() == VideoState.JOINING) {
            enterWaiting();
        }
    }

    @Override
    public synchronized void setMicrophoneMuted(boolean muted) {
        commands.add(new SetMicrophoneMuted(muted));
        if (isJoined()) {
            machine.microphoneMuted(muted);
        }
    }

    @Override
    public synchronized void setCameraOff(boolean off) {
        commands.add(new SetCameraOff(off));
        if (isJoined()) {
            machine.cameraOff(off);
        }
    }

    /** Lets a guest in who {@link #knocking knocked}: they join the call. */
    @Override
    public synchronized void admit(String participantId) {
        commands.add(new Admit(participantId));
        String name = knockers.remove(participantId);
        if (name != null) {
            machine.peerJoined(participantId, name);
            lastPeer = participantId;
        }
    }

    @Override
    public synchronized void hangUp() {
        commands.add(new HangUp());
        machine.end(EndReason.HUNG_UP);
    }

    @Override
    public synchronized void endForEveryone() {
        commands.add(new EndForEveryone());
        machine.end(EndReason.HUNG_UP);
    }

    @Override
    public RecordingVideoWindow window() {
        return window;
    }

    @Override
    public synchronized void close() {
        if (machine.status().state().isActive()) {
            machine.end(EndReason.HUNG_UP);
        }
        closed = true;
    }

    // ---- the script: what the other side and the network do ----

    /**
     * The other side joins (for the booth: the clerk admits the resident and is there). A guest waiting in the
     * lobby is let into the room first.
     *
     * @return the new participant's id
     */
    public synchronized String peerJoins(String displayName) {
        requireState("peerJoins", VideoState.WAITING, VideoState.IN_CALL);
        if (!inRoom) {
            enterRoom(false, false);
        }
        String id = "peer-" + (++peerCounter);
        machine.peerJoined(id, displayName);
        lastPeer = id;
        return id;
    }

    /** The participant who joined last leaves (the call goes back to WAITING when nobody is left). */
    public synchronized void peerLeaves() {
        requireState("peerLeaves", VideoState.IN_CALL);
        machine.peerLeft(lastPeer);
        lastPeer = machine.peers().keySet().stream().reduce((first, second) -> second).orElse(null);
    }

    /** The other side ends the call ({@link EndReason#REMOTE_ENDED}). */
    public synchronized void remoteEnds() {
        requireActive("remoteEnds");
        machine.end(EndReason.REMOTE_ENDED);
    }

    /** The connection drops: RECONNECTING, counting the attempt. Calling it again while reconnecting counts again. */
    public synchronized int connectionDrops() {
        requireState("connectionDrops", VideoState.JOINING, VideoState.WAITING, VideoState.IN_CALL,
                VideoState.RECONNECTING);
        if (machine.status().state() != VideoState.RECONNECTING) {
            peersBeforeDrop = machine.peers();
            mutedBeforeDrop = machine.status().microphoneMuted();
            cameraOffBeforeDrop = machine.status().cameraOff();
        }
        inRoom = false;
        return machine.reconnecting("scripted connection drop");
    }

    /**
     * The rejoin succeeds: JOINING, then back in the room with whoever was there before the drop (IN_CALL when the
     * other side stayed, else WAITING).
     */
    public synchronized void reconnects() {
        requireState("reconnects", VideoState.RECONNECTING);
        machine.joining();
        peersBeforeDrop.forEach(machine::peerJoined);
        enterRoom(mutedBeforeDrop, cameraOffBeforeDrop);
        machine.reconnected();
        if (!peersBeforeDrop.isEmpty()) {
            lastPeer = peersBeforeDrop.keySet().stream().reduce((first, second) -> second).orElse(null);
        }
        peersBeforeDrop = Map.of();
    }

    /** The call fails for {@code reason} (which must be a failure). */
    public synchronized void fail(EndReason reason) {
        if (!reason.isFailure()) {
            throw new IllegalArgumentException(reason + " is not a failure; use remoteEnds() or hangUp()");
        }
        requireActive("fail");
        machine.end(reason);
    }

    /** Clerk side: a guest knocks at the lobby. */
    public synchronized void knocking(String participantId, String displayName) {
        requireActive("knocking");
        knockers.put(participantId, displayName);
        machine.knocking(participantId, displayName);
    }

    /** A camera or microphone fails during the call ({@code kind}: "camera" or "microphone"). */
    public synchronized void deviceError(String kind) {
        machine.deviceError(kind, "scripted " + kind + " error");
    }

    /** Back to IDLE after the call is over, as the booth does when it resets its screen. */
    public synchronized void reset() {
        machine.reset();
    }

    // ---- what the screen did ----

    /** Every command, in order. */
    public synchronized List<Command> commands() {
        return List.copyOf(commands);
    }

    /** The commands of one type, in order. */
    public synchronized <T extends Command> List<T> commands(Class<T> type) {
        return commands.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public synchronized List<JoinRequest> joinRequests() {
        return commands(Join.class).stream().map(Join::request).toList();
    }

    public synchronized List<String> admitted() {
        return commands(Admit.class).stream().map(Admit::participantId).toList();
    }

    public synchronized int hangUps() {
        return commands(HangUp.class).size();
    }

    public synchronized int endsForEveryone() {
        return commands(EndForEveryone.class).size();
    }

    /** The participants on the other side, id → display name. */
    public Map<String, String> peers() {
        return machine.peers();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    private void enterWaiting() {
        if (currentRequest.role() == CallRole.CLERK) {
            // the moderator is in the room at once
            enterRoom(false, false);
        } else {
            // the guest knocks and waits in the lobby
            machine.waitingInLobby();
        }
    }

    /** In the room: as the real adapter does, camera and microphone come on (or back as they were). */
    private void enterRoom(boolean microphoneMuted, boolean cameraOff) {
        inRoom = true;
        machine.joined(currentRequest.room());
        machine.microphoneMuted(microphoneMuted);
        machine.cameraOff(cameraOff);
    }

    private boolean isJoined() {
        VideoState state = machine.status().state();
        return inRoom && (state == VideoState.WAITING || state == VideoState.IN_CALL);
    }

    private void requireActive(String what) {
        if (!machine.status().state().isActive()) {
            throw new IllegalStateException(what + ": no call is active (" + machine.status().state() + ")");
        }
    }

    private void requireState(String what, VideoState... allowed) {
        VideoState state = machine.status().state();
        for (VideoState candidate : allowed) {
            if (candidate == state) {
                return;
            }
        }
        throw new IllegalStateException(what + " does not fit a call in state " + state);
    }
}
