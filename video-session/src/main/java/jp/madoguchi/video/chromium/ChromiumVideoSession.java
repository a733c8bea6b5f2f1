package jp.madoguchi.video.chromium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.DeviceReport;
import jp.madoguchi.video.DeviceReport.DeviceStatus;
import jp.madoguchi.video.EndReason;
import jp.madoguchi.video.JoinRequest;
import jp.madoguchi.video.ScreenRect;
import jp.madoguchi.video.VideoCallMachine;
import jp.madoguchi.video.VideoListener;
import jp.madoguchi.video.VideoSession;
import jp.madoguchi.video.VideoState;
import jp.madoguchi.video.VideoStatus;
import jp.madoguchi.video.VideoWindow;
import jp.madoguchi.video.chromium.cdp.CdpConnection;
import jp.madoguchi.video.chromium.cdp.CdpEvent;
import jp.madoguchi.video.chromium.cdp.CdpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link VideoSession}: Jitsi Meet's IFrame API on a local call page in a managed Chromium,
 * driven over the DevTools protocol.
 *
 * <p>Threads: every browser and DevTools step runs on the session's own thread (it may wait for the browser
 * there, never on the caller's); listeners are called on a second, single event thread, in order. Public methods
 * only queue work and return at once ({@link #close()} waits a few seconds for the browser to go).
 *
 * <p>The call: PREPARING (browser up, device check on the call page) → JOINING (external_api.js loaded, API
 * created) → WAITING (the meeting frame loaded; a guest knocks in the lobby, a moderator is in the room) →
 * {@code videoConferenceJoined} → microphone and camera are switched on only now (the meeting starts with both
 * muted) → {@code participantJoined} → IN_CALL. A lost connection, a dead or hanging browser, a crashed page or
 * a crashed meeting frame leads to RECONNECTING and a rejoin of the same room after 1, 2 and 4 s, relaunching the
 * browser if needed; after three failed attempts the call FAILS with NETWORK_LOST or BROWSER_CRASHED, and so does a
 * call whose browser was lost more than {@value #MAX_BROWSER_LOSSES_PER_CALL} times, however often it came back.
 */
public final class ChromiumVideoSession implements VideoSession {
    private static final Logger LOG = LoggerFactory.getLogger(ChromiumVideoSession.class);
    private static final ObjectMapper JSON = CdpConnection.json();
    private static final String BINDING = "madoguchiEvent";
    static final int MAX_ATTEMPTS = 3;
    /**
     * A browser that is lost again and again in one call (each time brought back, then crashing anew) would keep the
     * resident in "reconnecting" for ever: after this many losses of the browser in one call, the call ends.
     */
    static final int MAX_BROWSER_LOSSES_PER_CALL = 5;
    private static final Duration STEP = Duration.ofSeconds(10);
    private static final long HEARTBEAT_MS = 1000;
    private static final long HEARTBEAT_TIMEOUT_MS = 3000;

    private final ChromiumOptions options;
    private final ExecutorService events;
    private final ScheduledExecutorService worker;
    /** Closes old browsers in the background (see closeBrowser()). */
    private final ExecutorService reaper;
    private final VideoCallMachine machine;
    private final CallPageServer callPage;
    private final Window window = new Window();
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * Which call the caller last started: a command is meant for the call that was current when it was given, so a
     * hang-up queued just before the next join() must not end that next call.
     */
    private final java.util.concurrent.atomic.AtomicInteger callNumber = new java.util.concurrent.atomic.AtomicInteger();

    // confined to the session thread (browser is volatile only for browserMemoryBytes())
    private volatile ChromiumBrowser browser;
    private NavigationGuard guard;
    private volatile String targetId;
    private String pageSession;
    /** The call page's own script contexts; written on the DevTools reader thread, so concurrent. */
    private final Set<Integer> pageContexts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private JoinRequest request;
    private int generation;
    private boolean apiCreated;
    private boolean conferenceJoined;
    private boolean hangingUp;
    private boolean wantMicMuted;
    private boolean wantCameraOff;
    private boolean audioMuted = true;
    private boolean videoMuted = true;
    private boolean lastLossWasBrowser;
    private int browserLossesThisCall;
    private ScheduledFuture<?> pendingRejoin;
    private ScheduledFuture<?> heartbeat;
    private boolean heartbeatInFlight;
    private long lastPeerFailureNanos;
    private final Set<String> formerPeerNames = new HashSet<>();

    public ChromiumVideoSession(ChromiumOptions options) {
        this.options = options;
        this.events = Executors.newSingleThreadExecutor(daemon("video-events"));
        this.worker = Executors.newSingleThreadScheduledExecutor(daemon("video-session"));
        this.reaper = Executors.newSingleThreadExecutor(daemon("video-browser-reaper"));
        this.machine = new VideoCallMachine(events);
        this.callPage = CallPageServer.start();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    // ---------------------------------------------------------------- the port

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
    public CompletableFuture<DeviceReport> checkDevices() {
        CompletableFuture<DeviceReport> result = new CompletableFuture<>();
        submit(() -> {
            try {
                ensureBrowser();
                result.complete(deviceCheck());
            } catch (RuntimeException e) {
                LOG.warn("device check could not run: {}", e.getMessage());
                result.complete(new DeviceReport(List.of(), List.of(), DeviceStatus.UNKNOWN, DeviceStatus.UNKNOWN,
                        e.getMessage()));
            }
        });
        return result;
    }

    @Override
    public void join(JoinRequest joinRequest) {
        if (closed.get()) {
            throw new IllegalStateException("the video session is closed");
        }
        synchronized (callNumber) {
            machine.preparing();
            int call = callNumber.incrementAndGet();
            submit(() -> {
                if (call == callNumber.get()) {
                    startCall(joinRequest);
                }
            });
        }
    }

    @Override
    public void setMicrophoneMuted(boolean muted) {
        forThisCall(() -> {
            wantMicMuted = muted;
            applyMutes();
        });
    }

    @Override
    public void setCameraOff(boolean off) {
        forThisCall(() -> {
            wantCameraOff = off;
            applyMutes();
        });
    }

    @Override
    public void admit(String participantId) {
        forThisCall(() -> {
            if (apiCreated) {
                command("answerKnockingParticipant", participantId, true);
            }
        });
    }

    @Override
    public void hangUp() {
        forThisCall(() -> leave("hangup", 3000));
    }

    @Override
    public void endForEveryone() {
        forThisCall(() -> leave("endConference", 1000));
    }

    /** Queues a command for the call that is active now; dropped when none is, or another has started since. */
    private void forThisCall(Runnable command) {
        int call;
        synchronized (callNumber) {
            if (!machine.status().state().isActive()) {
                return;
            }
            call = callNumber.get();
        }
        submit(() -> {
            if (call == callNumber.get()) {
                command.run();
            }
        });
    }

    @Override
    public VideoWindow window() {
        return window;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            worker.execute(() -> {
                try {
                    if (machine.status().state().isActive()) {
                        if (apiCreated) {
                            try {
                                command("hangup");
                            } catch (RuntimeException e) {
                                LOG.debug("hangup at close: {}", e.getMessage());
                            }
                        }
                        finish(EndReason.HUNG_UP);
                    }
                    cancelRejoin();
                    if (heartbeat != null) {
                        heartbeat.cancel(false);
                    }
                    closeBrowser();
                } finally {
                    done.complete(null);
                }
            });
            done.get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("the video session did not close cleanly: {}", e.toString());
            if (browser != null) {
                browser.close();
            }
        } finally {
            callPage.close();
            worker.shutdownNow();
            reaper.shutdown();
            try {
                if (!reaper.awaitTermination(15, TimeUnit.SECONDS)) {
                    LOG.warn("a browser of the video session was still closing at close()");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events.shutdown();
        }
    }

    /**
     * The memory of the session's browser (its whole process tree, PSS), in bytes, for the maintenance screen and
     * the benchmark; -1 when no browser runs or it cannot be measured.
     */
    public long browserMemoryBytes() {
        ChromiumBrowser b = browser;
        return b == null ? -1 : b.memoryBytes();
    }

    // ---------------------------------------------------------------- the call

    private void startCall(JoinRequest joinRequest) {
        request = joinRequest;
        hangingUp = false;
        wantMicMuted = false;
        wantCameraOff = false;
        lastLossWasBrowser = false;
        browserLossesThisCall = 0;
        formerPeerNames.clear();
        if (!machine.status().state().isActive()) {
            return;
        }
        try {
            ensureBrowser();
        } catch (BrowserUnavailableException e) {
            LOG.error("no browser for the video call: {}", e.getMessage());
            machine.end(EndReason.BROWSER_UNAVAILABLE);
            return;
        } catch (RuntimeException e) {
            LOG.error("the browser for the video call did not come up", e);
            closeBrowser();
            machine.end(EndReason.BROWSER_UNAVAILABLE);
            return;
        }
        DeviceReport report;
        try {
            allowMeeting();
            report = deviceCheck();
        } catch (RuntimeException e) {
            LOG.warn("device check failed: {}", e.getMessage());
            report = new DeviceReport(List.of(), List.of(), DeviceStatus.UNKNOWN, DeviceStatus.UNKNOWN, e.getMessage());
        }
        if (!machine.status().state().isActive() || hangingUp) {
            return;
        }
        EndReason problem = report.problem();
        if (problem != null) {
            LOG.warn("the call cannot start: {} ({})", problem, report.detail());
            // no call without the device: the browser's window must not stay over the booth's screen
            closeBrowser();
            machine.end(problem);
            return;
        }
        if (machine.joining()) {
            enterRoom();
        }
    }

    private void allowMeeting() {
        guard.allowMeeting(request.meetingServer());
        String meeting = NavigationGuard.origin(request.meetingServer());
        for (String origin : List.of(callPage.origin(), meeting.endsWith(":443") || meeting.endsWith(":80")
                ? meeting.substring(0, meeting.lastIndexOf(':')) : meeting)) {
            ArrayNode permissions = JSON.createArrayNode().add("audioCapture").add("videoCapture");
            try {
                call("Browser.grantPermissions", CdpConnection.params("origin", origin, "permissions", permissions),
                        null);
            } catch (RuntimeException e) {
                LOG.warn("could not grant camera and microphone to {}: {}", origin, e.getMessage());
            }
        }
    }

    private void enterRoom() {
        generation++;
        apiCreated = false;
        conferenceJoined = false;
        audioMuted = true;
        videoMuted = true;
        String script = request.meetingServer().resolve("external_api.js").toString();
        try {
            evaluate("madoguchi.load(" + JSON.valueToTree(script) + ")", true, Duration.ofSeconds(15));
        } catch (RuntimeException e) {
            connectionLost("the meeting server's script did not load (" + e.getMessage() + ")", false);
            return;
        }
        try {
            evaluate("madoguchi.join(" + generation + ", " + JSON.valueToTree(request.domain()) + ", "
                    + joinOptions(request) + ")", false, STEP);
            apiCreated = true;
        } catch (RuntimeException e) {
            connectionLost("the meeting could not be created (" + e.getMessage() + ")", false);
        }
    }

    /** The IFrame API's options. Package-private for tests; holds the token, so never logged. */
    static ObjectNode joinOptions(JoinRequest request) {
        boolean resident = request.role() == CallRole.RESIDENT;
        ObjectNode options = JSON.createObjectNode();
        options.put("roomName", request.room());
        options.put("jwt", request.jwt());
        options.put("lang", request.jitsiLanguage());
        options.put("width", "100%");
        options.put("height", "100%");
        if ("http".equals(request.meetingServer().getScheme())) {
            options.put("noSSL", true);
        }
        options.putObject("userInfo").put("displayName", request.displayName());
        List<String> toolbar = resident ? List.of() : List.of("microphone", "camera", "hangup");
        ObjectNode config = options.putObject("configOverwrite");
        config.putObject("prejoinConfig").put("enabled", false);
        config.put("prejoinPageEnabled", false);
        config.putObject("lobby").put("autoKnock", true).put("enableChat", false);
        config.put("startWithAudioMuted", true);
        config.put("startWithVideoMuted", true);
        config.put("disableDeepLinking", true);
        config.put("disableInviteFunctions", true);
        config.put("doNotStoreRoom", true);
        config.put("enableWelcomePage", false);
        config.put("enableClosePage", false);
        config.put("disableProfile", true);
        config.put("readOnlyName", true);
        config.put("requireDisplayName", false);
        config.put("disableThirdPartyRequests", true);
        config.put("disableReactions", true);
        config.put("disablePolls", true);
        config.put("disableSelfViewSettings", true);
        config.put("hideConferenceSubject", resident);
        config.putObject("analytics").put("disabled", true);
        config.put("defaultLanguage", request.jitsiLanguage());
        config.set("toolbarButtons", JSON.valueToTree(toolbar));
        if (resident) {
            config.put("disableShortcuts", true);
        }
        ObjectNode ui = options.putObject("interfaceConfigOverwrite");
        ui.put("SHOW_JITSI_WATERMARK", false);
        ui.put("SHOW_WATERMARK_FOR_GUESTS", false);
        ui.put("SHOW_BRAND_WATERMARK", false);
        ui.put("SHOW_POWERED_BY", false);
        ui.put("SHOW_PROMOTIONAL_CLOSE_PAGE", false);
        ui.put("MOBILE_APP_PROMO", false);
        ui.put("HIDE_INVITE_MORE_HEADER", true);
        ui.put("DISABLE_JOIN_LEAVE_NOTIFICATIONS", true);
        ui.put("DISABLE_FOCUS_INDICATOR", true);
        ui.put("TOOLBAR_ALWAYS_VISIBLE", !resident);
        ui.set("TOOLBAR_BUTTONS", JSON.valueToTree(toolbar));
        ui.set("SETTINGS_SECTIONS", JSON.createArrayNode());
        return options;
    }

    private void leave(String how, long fallbackMs) {
        if (!machine.status().state().isActive()) {
            return;
        }
        hangingUp = true;
        cancelRejoin();
        if (!apiCreated) {
            finish(EndReason.HUNG_UP);
            return;
        }
        try {
            command(how);
        } catch (RuntimeException e) {
            LOG.info("{} did not reach the meeting: {}", how, e.getMessage());
            finish(EndReason.HUNG_UP);
            return;
        }
        int gen = generation;
        worker.schedule(() -> {
            if (gen == generation && machine.status().state().isActive()) {
                LOG.info("the meeting did not confirm {} within {} ms; ending the call here", how, fallbackMs);
                finish(EndReason.HUNG_UP);
            }
        }, fallbackMs, TimeUnit.MILLISECONDS);
    }

    /** Ends the call with this reason and lets the page drop the meeting (camera and microphone go off). */
    private void finish(EndReason reason) {
        generation++;
        cancelRejoin();
        boolean ended = machine.end(reason);
        conferenceJoined = false;
        if (apiCreated && browser != null && browser.isAlive()) {
            try {
                evaluate("madoguchi.dispose()", false, Duration.ofSeconds(3));
            } catch (RuntimeException e) {
                LOG.debug("dispose: {}", e.getMessage());
            }
        }
        apiCreated = false;
        if (ended && reason.isFailure()) {
            LOG.warn("the video call failed: {}", reason);
        }
        // every call gets a fresh browser and profile: nothing of one resident's call stays for the next
        closeBrowser();
    }

    private void applyMutes() {
        if (!conferenceJoined || !apiCreated) {
            return;
        }
        try {
            if (audioMuted != wantMicMuted) {
                command("toggleAudio");
                audioMuted = wantMicMuted;
            }
            if (videoMuted != wantCameraOff) {
                command("toggleVideo");
                videoMuted = wantCameraOff;
            }
        } catch (RuntimeException e) {
            LOG.warn("could not switch the microphone or camera: {}", e.getMessage());
        }
    }

    // ---------------------------------------------------------------- events from the page

    private void bindingCalled(CdpEvent event) {
        JsonNode params = event.params();
        if (!BINDING.equals(params.path("name").asText())) {
            return;
        }
        if (!pageContexts.contains(params.path("executionContextId").asInt(-1))) {
            if (pageContexts.isEmpty()) {
                // the call page is going away (hang-up closes the browser): its last words are expected
                LOG.debug("ignored a message on the bridge from a page that is closing");
            } else {
                LOG.warn("ignored a message on the bridge from a frame other than the call page");
            }
            return;
        }
        JsonNode message;
        try {
            message = JSON.readTree(params.path("payload").asText());
        } catch (Exception e) {
            LOG.warn("the call page sent an unreadable event");
            return;
        }
        if (message.path("gen").asInt(-1) != generation) {
            return;
        }
        String type = message.path("type").asText();
        JsonNode data = message.path("data");
        LOG.debug("meeting event {}", type);
        switch (type) {
            case "frameLoaded" -> {
                if (request.role() == CallRole.RESIDENT && !conferenceJoined) {
                    machine.waitingInLobby();
                }
            }
            case "videoConferenceJoined" -> {
                conferenceJoined = true;
                machine.joined(request.room());
                int attemptsMade = machine.reconnectAttemptsSoFar();
                if (attemptsMade > 0) {
                    LOG.info("rejoined room after {} attempt(s)", attemptsMade);
                }
                machine.reconnected();
                lastLossWasBrowser = false;
                if (request.role() == CallRole.CLERK) {
                    // the resident must knock even where the deployment leaves rooms open by default
                    try {
                        command("toggleLobby", true);
                    } catch (RuntimeException e) {
                        LOG.warn("could not switch the room's lobby on: {}", e.getMessage());
                    }
                }
                applyMutes();
            }
            case "participantJoined" -> {
                String name = data.path("displayName").asText("");
                formerPeerNames.add(name);
                machine.peerJoined(data.path("id").asText(), name);
            }
            case "participantLeft" -> machine.peerLeft(data.path("id").asText());
            case "audioMuteStatusChanged" -> {
                audioMuted = data.path("muted").asBoolean();
                machine.microphoneMuted(audioMuted);
            }
            case "videoMuteStatusChanged" -> {
                videoMuted = data.path("muted").asBoolean();
                machine.cameraOff(videoMuted);
            }
            case "cameraError" -> machine.deviceError("camera", describe(data));
            case "micError" -> machine.deviceError("microphone", describe(data));
            case "knockingParticipant" -> {
                JsonNode participant = data.has("participant") ? data.path("participant") : data;
                String id = participant.path("id").asText();
                String name = participant.path("name").asText(participant.path("displayName").asText(""));
                machine.knocking(id, name);
                if (request.role() == CallRole.CLERK && formerPeerNames.contains(name) && apiCreated) {
                    LOG.info("the resident is back after a connection problem; letting them in again");
                    command("answerKnockingParticipant", id, true);
                }
            }
            case "errorOccurred" -> errorOccurred(data.has("error") ? data.path("error") : data);
            case "peerConnectionFailure" -> {
                long now = System.nanoTime();
                if (lastPeerFailureNanos != 0 && now - lastPeerFailureNanos < TimeUnit.SECONDS.toNanos(15)) {
                    connectionLost("the media connection keeps failing", false);
                } else {
                    LOG.info("the media connection failed once (p2p: {})", data.path("isP2P").asBoolean());
                }
                lastPeerFailureNanos = now;
            }
            case "readyToClose", "videoConferenceLeft" -> {
                if (hangingUp || request.role() == CallRole.CLERK) {
                    finish(EndReason.HUNG_UP);
                } else {
                    finish(EndReason.REMOTE_ENDED);
                }
            }
            default -> LOG.debug("meeting event {} not used", type);
        }
    }

    private void errorOccurred(JsonNode error) {
        String name = error.path("name").asText("");
        String type = error.path("type").asText("");
        boolean fatal = error.path("isFatal").asBoolean(false);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("passwordrequired") || lower.contains("authenticationrequired")
                || lower.contains("notallowed")) {
            LOG.warn("the meeting server refused this side: {}", name);
            finish(EndReason.NOT_ALLOWED);
        } else if (lower.contains("membersonly") && fatal) {
            // the clerk turned this side away from the lobby (Jitsi's own lobby notification): knocking again
            // would only be turned away again
            LOG.info("the moderator did not let this side in: {}", name);
            finish(hangingUp ? EndReason.HUNG_UP : EndReason.REMOTE_ENDED);
        } else if (name.equals("conference.destroyed")) {
            finish(hangingUp ? EndReason.HUNG_UP : EndReason.REMOTE_ENDED);
        } else if (!fatal) {
            LOG.info("meeting error (not fatal): {} {}", type, name);
        } else if (hangingUp) {
            finish(EndReason.HUNG_UP);
        } else if ("CONNECTION".equalsIgnoreCase(type) || lower.startsWith("connection.")
                || lower.startsWith("conference.connectionerror")) {
            connectionLost("the meeting connection failed: " + name, false);
        } else {
            LOG.warn("fatal meeting error: {} {}", type, name);
            finish(EndReason.MEETING_ERROR);
        }
    }

    private static String describe(JsonNode data) {
        return (data.path("type").asText("") + " " + data.path("message").asText("")).trim();
    }

    // ---------------------------------------------------------------- losing and regaining the call

    private void connectionLost(String detail, boolean browserGone) {
        if (closed.get() || hangingUp) {
            return;
        }
        VideoState state = machine.status().state();
        if (state != VideoState.JOINING && state != VideoState.WAITING && state != VideoState.IN_CALL
                && state != VideoState.RECONNECTING) {
            return;
        }
        if (pendingRejoin != null && !pendingRejoin.isDone()) {
            lastLossWasBrowser |= browserGone;
            return;
        }
        lastLossWasBrowser = browserGone;
        if (browserGone && ++browserLossesThisCall > MAX_BROWSER_LOSSES_PER_CALL) {
            LOG.warn("the browser was lost {} times in this call; ending it", browserLossesThisCall);
            finish(EndReason.BROWSER_CRASHED);
            return;
        }
        generation++;
        conferenceJoined = false;
        if (apiCreated && browser != null && browser.isAlive()) {
            try {
                evaluate("madoguchi.dispose()", false, Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.debug("dispose after a loss: {}", e.getMessage());
            }
        }
        apiCreated = false;
        int attemptsMade = machine.reconnectAttemptsSoFar();
        if (attemptsMade >= MAX_ATTEMPTS) {
            EndReason reason = browserGone ? EndReason.BROWSER_CRASHED : EndReason.NETWORK_LOST;
            LOG.warn("the call could not be restored after {} attempts: {}", attemptsMade, detail);
            finish(reason);
            return;
        }
        int attempt = machine.reconnecting(detail);
        LOG.warn("video call in trouble ({}); rejoining, attempt {}", detail, attempt);
        long delay = 1000L << (attempt - 1);
        pendingRejoin = worker.schedule(this::rejoin, delay, TimeUnit.MILLISECONDS);
    }

    private void rejoin() {
        pendingRejoin = null;
        if (closed.get() || hangingUp || machine.status().state() != VideoState.RECONNECTING) {
            return;
        }
        try {
            ensureBrowser();
            reloadCallPage();
            allowMeeting();
        } catch (RuntimeException e) {
            LOG.warn("the browser could not be brought back: {}", e.getMessage());
            closeBrowser();
            connectionLost("the browser could not be started again", true);
            return;
        }
        if (machine.joining()) {
            enterRoom();
        }
    }

    private void cancelRejoin() {
        if (pendingRejoin != null) {
            pendingRejoin.cancel(false);
            pendingRejoin = null;
        }
    }

    private void browserLost(ChromiumBrowser which, String cause) {
        if (which != browser) {
            return;
        }
        LOG.warn("the browser stopped: {}", cause);
        closeBrowser();
        connectionLost("the browser stopped", true);
    }

    private void beat() {
        if (browser == null || pageSession == null || heartbeatInFlight || closed.get()) {
            return;
        }
        VideoState state = machine.status().state();
        if (state != VideoState.JOINING && state != VideoState.WAITING && state != VideoState.IN_CALL) {
            return;
        }
        heartbeatInFlight = true;
        ChromiumBrowser b = browser;
        b.cdp().send("Runtime.evaluate", CdpConnection.params("expression", "typeof window.madoguchi",
                        "returnByValue", true), pageSession)
                .orTimeout(HEARTBEAT_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .whenComplete((result, failure) -> submit(() -> {
                    heartbeatInFlight = false;
                    if (b != browser) {
                        return;
                    }
                    if (failure != null) {
                        if (b.cdp().isOpen() && b.isAlive()) {
                            LOG.warn("the call page did not answer within {} ms; restarting the browser",
                                    HEARTBEAT_TIMEOUT_MS);
                            closeBrowser();
                            connectionLost("the browser stopped answering", true);
                        }
                    } else if (!"object".equals(result.path("result").path("value").asText())) {
                        connectionLost("the call page is gone", false);
                    }
                }));
    }

    // ---------------------------------------------------------------- the browser

    private void ensureBrowser() {
        if (browser != null && browser.isAlive() && pageSession != null) {
            return;
        }
        closeBrowser();
        ChromiumBrowser started = ChromiumBrowser.launch(options, callPage.pageUri(), window.latestBounds());
        browser = started;
        try {
            CdpConnection cdp = started.cdp();
            cdp.addCloseListener((byUs, cause) -> {
                if (!byUs) {
                    submit(() -> browserLost(started, cause));
                }
            });
            targetId = findPageTarget(cdp);
            guard = new NavigationGuard(cdp, callPage.origin(), () -> targetId);
            guard.install().get(STEP.toMillis(), TimeUnit.MILLISECONDS);
            pageSession = call("Target.attachToTarget", CdpConnection.params("targetId", targetId, "flatten", true),
                    null).path("sessionId").asText();
            pageContexts.clear();
            cdp.on("Runtime.bindingCalled", pageSession, worker, this::bindingCalled);
            // straight on the reader thread: the session thread waits for the page's context in reloadCallPage()
            cdp.on("Runtime.executionContextCreated", pageSession, Runnable::run, this::contextCreated);
            cdp.on("Runtime.executionContextsCleared", pageSession, Runnable::run, e -> pageContexts.clear());
            cdp.on("Inspector.targetCrashed", pageSession, worker,
                    e -> rendererCrashed(started, "the call page crashed", ""));
            // the meeting runs in a frame of another site, so in a renderer of its own: when only that one dies, the
            // call page lives on (its heartbeat answers) while the meeting is a dead frame; the browser's own session
            // reports the crash of any of its targets (setDiscoverTargets, installed by the guard)
            cdp.on("Target.targetCrashed", null, worker, e -> rendererCrashed(started, "the meeting frame crashed",
                    " (status " + e.params().path("status").asText("?") + ")"));
            call("Runtime.addBinding", CdpConnection.params("name", BINDING), pageSession);
            call("Inspector.enable", null, pageSession);
            call("Page.enable", null, pageSession);
            call("Runtime.enable", null, pageSession);
            reloadCallPage();
            window.applyAfterLaunch();
            if (heartbeat == null) {
                heartbeat = worker.scheduleWithFixedDelay(this::beat, HEARTBEAT_MS, HEARTBEAT_MS,
                        TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeBrowser();
            throw new BrowserUnavailableException("interrupted", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            closeBrowser();
            if (e instanceof BrowserUnavailableException b) {
                throw b;
            }
            throw new BrowserUnavailableException("the browser started but could not be driven: " + e, e);
        }
    }

    private void contextCreated(CdpEvent event) {
        JsonNode context = event.params().path("context");
        JsonNode aux = context.path("auxData");
        if (aux.path("isDefault").asBoolean() && aux.path("frameId").asText().equals(targetId)
                && context.path("origin").asText().equals(callPage.origin())) {
            pageContexts.add(context.path("id").asInt());
        }
    }

    private String findPageTarget(CdpConnection cdp) throws InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode targets = call("Target.getTargets", null, null).path("targetInfos");
            for (JsonNode target : targets) {
                if ("page".equals(target.path("type").asText())) {
                    return target.path("targetId").asText();
                }
            }
            Thread.sleep(50);
        }
        throw new BrowserUnavailableException("the browser opened no window");
    }

    /** Loads the call page afresh (a fresh page forgets any meeting) and waits until its script is ready. */
    private void reloadCallPage() {
        generation++;
        apiCreated = false;
        call("Page.navigate", CdpConnection.params("url", callPage.pageUri().toString()), pageSession);
        long deadline = System.nanoTime() + STEP.toNanos();
        while (true) {
            try {
                JsonNode ready = evaluate("document.readyState === 'complete' && typeof window.madoguchi === 'object'"
                        + " && typeof window." + BINDING + " === 'function'", false, Duration.ofSeconds(3));
                if (ready.asBoolean() && !pageContexts.isEmpty()) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.debug("call page not ready yet: {}", e.getMessage());
            }
            if (System.nanoTime() > deadline) {
                throw new BrowserUnavailableException("the call page did not load");
            }
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrowserUnavailableException("interrupted");
            }
        }
    }

    /** On the worker: a renderer of {@code started} crashed; unless that browser was replaced, it is lost. */
    private void rendererCrashed(ChromiumBrowser started, String what, String detail) {
        if (browser == started) {
            LOG.warn("{}{}", what, detail);
            closeBrowser();
            connectionLost(what, true);
        }
    }

    private void closeBrowser() {
        ChromiumBrowser b = browser;
        browser = null;
        pageSession = null;
        targetId = null;
        guard = null;
        apiCreated = false;
        pageContexts.clear();
        heartbeatInFlight = false;
        if (b != null) {
            // closing takes a moment (graceful exit, then the tree is killed): off the session thread, so that a
            // rejoin or the next call can start its browser at once
            try {
                reaper.execute(b::close);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                b.close();
            }
        }
    }

    private DeviceReport deviceCheck() {
        JsonNode value = evaluate("madoguchi.checkDevices()", true, Duration.ofSeconds(15));
        return parseDeviceReport(value.asText());
    }

    static DeviceReport parseDeviceReport(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            List<String> cameras = new ArrayList<>();
            node.path("cameras").forEach(n -> cameras.add(n.asText()));
            List<String> microphones = new ArrayList<>();
            node.path("microphones").forEach(n -> microphones.add(n.asText()));
            List<String> detail = new ArrayList<>();
            node.path("detail").forEach(n -> detail.add(n.asText()));
            return new DeviceReport(cameras, microphones, status(node.path("camera").asText()),
                    status(node.path("microphone").asText()), String.join("; ", detail));
        } catch (Exception e) {
            return new DeviceReport(List.of(), List.of(), DeviceStatus.UNKNOWN, DeviceStatus.UNKNOWN,
                    "unreadable device report");
        }
    }

    private static DeviceStatus status(String text) {
        try {
            return DeviceStatus.valueOf(text);
        } catch (IllegalArgumentException e) {
            return DeviceStatus.UNKNOWN;
        }
    }

    // ---------------------------------------------------------------- DevTools helpers (session thread)

    private void command(String name, Object... args) {
        JsonNode ok = evaluate("madoguchi.command(" + JSON.valueToTree(name) + ", " + JSON.valueToTree(args) + ")",
                false, STEP);
        if (!ok.asBoolean()) {
            throw new IllegalStateException("no meeting on the call page for " + name);
        }
    }

    /** Evaluates on the call page and returns the value; a page exception becomes an IllegalStateException. */
    JsonNode evaluate(String expression, boolean awaitPromise, Duration timeout) {
        if (browser == null || pageSession == null) {
            throw new IllegalStateException("no browser");
        }
        ObjectNode params = CdpConnection.params("expression", expression, "returnByValue", true,
                "awaitPromise", awaitPromise);
        JsonNode result = await(browser.cdp().send("Runtime.evaluate", params, pageSession), "Runtime.evaluate",
                timeout);
        if (result.has("exceptionDetails")) {
            JsonNode details = result.path("exceptionDetails");
            String text = details.path("exception").path("description").asText(details.path("text").asText());
            throw new IllegalStateException(text.lines().findFirst().orElse("page error"));
        }
        return result.path("result").path("value");
    }

    private JsonNode call(String method, JsonNode params, String session) {
        if (browser == null) {
            throw new IllegalStateException("no browser");
        }
        return await(browser.cdp().send(method, params, session), method, STEP);
    }

    private static JsonNode await(CompletableFuture<JsonNode> reply, String method, Duration timeout) {
        try {
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CdpException(method, CdpException.NO_REPLY, "interrupted");
        } catch (TimeoutException e) {
            throw new CdpException(method, CdpException.NO_REPLY, "no reply within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new CdpException(method, CdpException.NO_REPLY, String.valueOf(e.getCause()));
        }
    }

    private void submit(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("video session step failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("the video session is closed; step dropped");
        }
    }

    // ---------------------------------------------------------------- for tests in this package

    /** Runs on the session thread and waits for the answer (tests only). */
    <T> T onSessionThread(java.util.function.Supplier<T> what) {
        CompletableFuture<T> result = new CompletableFuture<>();
        worker.execute(() -> {
            try {
                result.complete(what.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.join();
    }

    ChromiumBrowser browserForTest() {
        return onSessionThread(() -> browser);
    }

    List<String> blockedHostsForTest() {
        return onSessionThread(() -> guard == null ? List.<String>of() : guard.blockedHosts());
    }

    int closedWindowsForTest() {
        return onSessionThread(() -> guard == null ? 0 : guard.closedWindows());
    }

    String pageSessionForTest() {
        return onSessionThread(() -> pageSession);
    }

    JsonNode evaluateForTest(String expression) {
        return onSessionThread(() -> evaluate(expression, true, STEP));
    }

    JsonNode windowBoundsForTest() {
        return onSessionThread(() -> {
            JsonNode windowId = call("Browser.getWindowForTarget", CdpConnection.params("targetId", targetId), null)
                    .path("windowId");
            return call("Browser.getWindowBounds", CdpConnection.params("windowId", windowId), null).path("bounds");
        });
    }

    // ---------------------------------------------------------------- the window

    /**
     * Keeps the browser window where the pane is. Moves are coalesced: only the latest wish is sent when the
     * session thread gets to it. {@code Optional.empty()} means hidden.
     */
    private final class Window implements VideoWindow {
        private final AtomicReference<Optional<ScreenRect>> pending = new AtomicReference<>();
        private final AtomicBoolean flushQueued = new AtomicBoolean();
        private volatile Optional<ScreenRect> desired;

        @Override
        public void show(ScreenRect bounds) {
            request(Optional.of(bounds));
        }

        @Override
        public void hide() {
            request(Optional.empty());
        }

        ScreenRect latestBounds() {
            Optional<ScreenRect> d = desired;
            return d == null ? null : d.orElse(null);
        }

        private void request(Optional<ScreenRect> wish) {
            desired = wish;
            pending.set(wish);
            if (flushQueued.compareAndSet(false, true)) {
                submit(this::flush);
            }
        }

        private void flush() {
            flushQueued.set(false);
            Optional<ScreenRect> wish = pending.getAndSet(null);
            if (wish != null && browser != null && targetId != null) {
                apply(wish);
            }
        }

        /**
         * After a (re)launch: the pane's latest wish, if it gave one. (A hidden window is a hidden page, whose
         * rendering Chromium throttles; so the window is only hidden when the pane says so.)
         */
        void applyAfterLaunch() {
            Optional<ScreenRect> d = desired;
            if (d != null) {
                apply(d);
            }
        }

        private void apply(Optional<ScreenRect> wish) {
            try {
                JsonNode windowId = call("Browser.getWindowForTarget", CdpConnection.params("targetId", targetId),
                        null).path("windowId");
                if (wish.isEmpty()) {
                    try {
                        setBounds(windowId, JSON.createObjectNode().put("windowState", "minimized"));
                    } catch (RuntimeException e) {
                        LOG.debug("minimize failed ({}); moving the window off screen", e.getMessage());
                        setBounds(windowId, JSON.createObjectNode().put("windowState", "normal"));
                        setBounds(windowId, JSON.createObjectNode().put("left", -32000).put("top", -32000));
                    }
                    return;
                }
                ScreenRect rect = wish.get();
                String state = call("Browser.getWindowBounds", CdpConnection.params("windowId", windowId), null)
                        .path("bounds").path("windowState").asText("normal");
                if (!"normal".equals(state)) {
                    setBounds(windowId, JSON.createObjectNode().put("windowState", "normal"));
                }
                setBounds(windowId, JSON.createObjectNode().put("left", rect.left()).put("top", rect.top())
                        .put("width", Math.max(1, rect.pixelWidth())).put("height", Math.max(1, rect.pixelHeight())));
                // above the booth's own window: without a window manager, raising that window (or its showing
                // after ours) covers the call (seen in the demo's screenshots); the pane asks again when it is raised
                call("Page.bringToFront", null, pageSession);
            } catch (RuntimeException e) {
                LOG.warn("could not place the call window: {}", e.getMessage());
            }
        }

        private void setBounds(JsonNode windowId, ObjectNode bounds) {
            call("Browser.setWindowBounds", CdpConnection.params("windowId", windowId, "bounds", bounds), null);
        }
    }
}
