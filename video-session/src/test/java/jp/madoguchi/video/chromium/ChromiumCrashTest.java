package jp.madoguchi.video.chromium;

import static jp.madoguchi.video.chromium.ChromiumVideoSessionCallTest.BOOTH;
import static jp.madoguchi.video.chromium.ChromiumVideoSessionCallTest.CLERK;
import static jp.madoguchi.video.chromium.ChromiumVideoSessionCallTest.awaitState;
import static jp.madoguchi.video.chromium.ChromiumVideoSessionCallTest.clerkRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.EndReason;
import jp.madoguchi.video.JoinRequest;
import jp.madoguchi.video.VideoEvent;
import jp.madoguchi.video.VideoState;
import jp.madoguchi.video.loopback.LoopbackMeet;
import jp.madoguchi.video.testing.Poll;
import jp.madoguchi.video.testing.WatchedChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 9, "Chromium crashes mid-call": the booth's browser is killed with SIGKILL while the resident talks to the
 * clerk — the whole browser (every process of it at once, as an OOM kill of the session or a crash of the browser
 * process does), only the renderer that runs the meeting, only the GPU process — a browser that will not come back,
 * and one that comes back but keeps crashing. (Only the main process: ChromiumVideoSessionCallTest; a crashed or
 * hanging call page: ChromiumVideoSessionRecoveryTest.) Real headless Chromium on both sides over
 * {@link LoopbackMeet}; the meeting is joined as {@code localhost:PORT} while the call page is on {@code 127.0.0.1},
 * so the meeting runs in a frame of another site, in a renderer of its own, as a real Jitsi deployment does.
 *
 * <p>What the resident must get: the same room back with media (or, when the browser cannot come back, a call that
 * ends as {@link EndReason#BROWSER_CRASHED} after the bounded attempts), and after either no process of the dead
 * browser and no profile directory left. Times from the kill to the rejoined media are logged ("crash: …").
 */
class ChromiumCrashTest {
    private static final Logger LOG = LoggerFactory.getLogger(ChromiumCrashTest.class);
    private static final Duration WAIT = Duration.ofSeconds(45);
    private final EventLog boothLog = new EventLog();
    private final EventLog clerkLog = new EventLog();
    private LoopbackMeet meet;
    private ChromiumVideoSession booth;
    private ChromiumVideoSession clerk;
    private WatchedChromium browsers;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        browsers = new WatchedChromium(dir);
        meet = LoopbackMeet.start(LoopbackMeet.Options.defaults().withAppSecret(Jwt.SECRET));
        clerk = new ChromiumVideoSession(ChromiumOptions.headlessWithFakeMedia());
        clerk.addListener(clerkLog);
    }

    @AfterEach
    void stop() throws IOException {
        try {
            if (booth != null) {
                booth.close();
            }
            clerk.close();
        } finally {
            meet.close();
        }
        assertEquals(List.of(), browsers.profilesLeft(), "no profile of the booth's browsers is left");
        assertEquals(List.of(), browsers.runningProcesses(), "no process of the booth's browsers runs");
    }

    private void openBooth() {
        booth = new ChromiumVideoSession(ChromiumOptions.headlessWithFakeMedia().withExecutable(browsers.executable()));
        booth.addListener(boothLog);
    }

    @Test
    void whenTheWholeBrowserIsKilledMidCallTheSameRoomComesBackWithMediaAndNothingOfTheDeadBrowserIsLeft()
            throws Exception {
        openBooth();
        String room = "crash-all";
        callEstablished(room);
        ChromiumBrowser before = booth.browserForTest();
        List<ProcessHandle> tree = before.processTree();
        assertTrue(tree.size() > 2, "a browser, its renderers and helpers: " + describe(tree));

        boothLog.clear();
        long killed = System.nanoTime();
        tree.forEach(ProcessHandle::destroyForcibly);

        long reconnecting = awaitReconnecting(killed);
        long rejoined = awaitInCall(killed);
        long media = awaitBoothSeesClerk(room, killed);
        LOG.info("crash: whole browser killed ({} processes): RECONNECTING after {} ms, IN_CALL after {} ms,"
                + " the clerk's video at the booth after {} ms", tree.size(), reconnecting, rejoined, media);
        ChromiumBrowser after = booth.browserForTest();
        assertTrue(after.pid() != before.pid() && after.isAlive(), "a new browser carries the call");
        assertTrue(tree.stream().noneMatch(ChromiumBrowser::running), "no process of the dead browser runs");
        Poll.until(WAIT, () -> !Files.exists(before.profile()), () -> "the dead browser's profile is deleted");
        awaitClerkSeesBooth(room);
        assertEquals(1, meet.participants(room).stream().filter(p -> p.displayName().equals(BOOTH)).count(),
                "the booth is in the room once: " + meet.participants(room));
        assertEquals(VideoState.IN_CALL, clerk.status().state(), "the clerk stayed in the call");
    }

    @Test
    void whenOnlyTheMeetingFramesRendererIsKilledTheCallRejoins() throws Exception {
        openBooth();
        String room = "crash-frame";
        callEstablished(room);
        ChromiumBrowser before = booth.browserForTest();
        ProcessHandle frameRenderer = meetingFrameRenderer(before);

        boothLog.clear();
        long killed = System.nanoTime();
        frameRenderer.destroyForcibly();

        long reconnecting = awaitReconnecting(killed);
        assertTrue(boothLog.find(VideoEvent.ConnectionProblem.class, p -> p.detail().contains("meeting frame")) != null,
                "the dead frame was noticed, not only a dead page: " + boothLog.events());
        long rejoined = awaitInCall(killed);
        long media = awaitBoothSeesClerk(room, killed);
        LOG.info("crash: the meeting frame's renderer killed: RECONNECTING after {} ms, IN_CALL after {} ms, the"
                + " clerk's video at the booth after {} ms", reconnecting, rejoined, media);
        awaitClerkSeesBooth(room);
    }

    @Test
    void whenTheGpuProcessIsKilledTheCallGoesOnWithMedia() throws Exception {
        openBooth();
        String room = "crash-gpu";
        callEstablished(room);
        ChromiumBrowser before = booth.browserForTest();
        List<ProcessHandle> gpu = ofType(before, "gpu-process");
        assertFalse(gpu.isEmpty(), "a GPU process: " + describe(before.processTree()));
        boothLog.clear();
        long frames = meet.mediaStats(room, BOOTH).videoFramesDecoded();
        long killed = System.nanoTime();
        gpu.forEach(ProcessHandle::destroyForcibly);
        // Chromium starts a new GPU process itself; the call either carries on or is rejoined
        Poll.until(WAIT, () -> booth.status().state() == VideoState.IN_CALL
                        && meet.mediaStats(room, BOOTH).videoFramesDecoded() > frames + 30,
                () -> "booth " + booth.status() + ", frames " + meet.mediaStats(room, BOOTH) + " after " + frames);
        LOG.info("crash: GPU process killed: {}; 30 more frames after {} ms",
                boothLog.states().contains(VideoState.RECONNECTING) ? "the call was rejoined" : "the call went on",
                (System.nanoTime() - killed) / 1_000_000);
    }

    @Test
    void whenTheBrowserWillNotComeBackTheCallEndsAsBrowserCrashedAfterThreeAttemptsAndNothingIsLeft()
            throws Exception {
        openBooth();
        String room = "crash-for-good";
        callEstablished(room);
        ChromiumBrowser before = booth.browserForTest();
        List<ProcessHandle> tree = before.processTree();

        browsers.refuseStarts(true);
        boothLog.clear();
        long killed = System.nanoTime();
        tree.forEach(ProcessHandle::destroyForcibly);
        awaitState(booth, VideoState.FAILED);
        long ended = (System.nanoTime() - killed) / 1_000_000;
        LOG.info("crash: browser gone for good: the call ended after {} ms", ended);

        assertEquals(EndReason.BROWSER_CRASHED, booth.status().reason().orElseThrow());
        assertEquals(List.of(1, 2, 3), attempts(), "each attempt was reported: " + boothLog.states());
        Poll.until(WAIT, () -> meet.participants(room).stream().noneMatch(p -> p.displayName().equals(BOOTH)),
                () -> "the booth has left the room: " + meet.participants(room));
        assertTrue(tree.stream().noneMatch(ChromiumBrowser::running), "no process of the dead browser runs");
        assertFalse(Files.exists(before.profile()), "the dead browser's profile is deleted");
        assertEquals(null, booth.browserForTest(), "no browser is held after the failed call");

        // the booth can take the next call once the browser starts again
        browsers.refuseStarts(false);
        // (callEstablished waits for the clerk's video at the booth)
        callEstablished("after-crash");
    }

    @Test
    void aBrowserThatComesBackButKeepsCrashingEndsTheCallAfterFiveLosses() {
        openBooth();
        String room = "crash-loop";
        booth.join(boothRequestOnAnotherSite(room));
        awaitState(booth, VideoState.WAITING);
        List<Long> cycles = new ArrayList<>();
        for (int loss = 1; loss <= ChromiumVideoSession.MAX_BROWSER_LOSSES_PER_CALL; loss++) {
            ChromiumBrowser current = booth.browserForTest();
            boothLog.clear();
            long killed = System.nanoTime();
            current.processTree().forEach(ProcessHandle::destroyForcibly);
            awaitReconnecting(killed);
            // each loss is the first of its incident: the browser comes back and the booth knocks again
            assertEquals(List.of(1), attempts(), "loss " + loss + ": " + boothLog.states());
            Poll.until(WAIT, () -> booth.status().state() == VideoState.WAITING && booth.browserForTest() != null
                    && booth.browserForTest().pid() != current.pid(), () -> "back after loss: " + booth.status());
            cycles.add((System.nanoTime() - killed) / 1_000_000);
        }
        ChromiumBrowser last = booth.browserForTest();
        last.processTree().forEach(ProcessHandle::destroyForcibly);
        awaitState(booth, VideoState.FAILED);
        LOG.info("crash: a crash loop: back in the lobby after {} ms each, the call ended at the {}th loss", cycles,
                ChromiumVideoSession.MAX_BROWSER_LOSSES_PER_CALL + 1);
        assertEquals(EndReason.BROWSER_CRASHED, booth.status().reason().orElseThrow());
        Poll.until(WAIT, () -> browsers.profilesLeft().isEmpty() && browsers.runningProcesses().isEmpty(),
                () -> "left: profiles " + browsers.profilesLeft() + ", processes " + browsers.runningProcesses());
    }

    // ---------------------------------------------------------------- helpers

    private void callEstablished(String room) {
        booth.join(boothRequestOnAnotherSite(room));
        awaitState(booth, VideoState.WAITING);
        if (clerk.status().state().isActive()) {
            clerk.hangUp();
            Poll.until(WAIT, () -> !clerk.status().state().isActive(), () -> "the clerk's last call: " + clerk.status());
        }
        clerkLog.clear();
        clerk.join(clerkRequest(meet, room));
        VideoEvent.Knocking knock = clerkLog.await(VideoEvent.Knocking.class, k -> k.displayName().equals(BOOTH)
                && meet.participants(room).stream().anyMatch(p -> p.id().equals(k.participantId())), WAIT);
        clerk.admit(knock.participantId());
        awaitState(booth, VideoState.IN_CALL);
        awaitState(clerk, VideoState.IN_CALL);
        awaitBoothSeesClerk(room, 0);
    }

    /** The meeting as {@code localhost:PORT}: another site than the call page's 127.0.0.1, as Jitsi's own host is. */
    private JoinRequest boothRequestOnAnotherSite(String room) {
        return new JoinRequest(URI.create("http://localhost:" + meet.port() + "/"), room, Jwt.booth(room), BOOTH,
                Locale.JAPANESE, CallRole.RESIDENT);
    }

    private long awaitReconnecting(long since) {
        Poll.until(WAIT, () -> boothLog.states().contains(VideoState.RECONNECTING), () -> "states " + boothLog.states());
        return (System.nanoTime() - since) / 1_000_000;
    }

    private long awaitInCall(long since) {
        Poll.until(WAIT, () -> {
            List<VideoState> states = boothLog.states();
            int lost = states.indexOf(VideoState.RECONNECTING);
            return lost >= 0 && states.subList(lost, states.size()).contains(VideoState.IN_CALL);
        }, () -> "states " + boothLog.states());
        return (System.nanoTime() - since) / 1_000_000;
    }

    /** Until the booth's page has rendered a frame of the clerk's video in a visit that began after {@code since}. */
    private long awaitBoothSeesClerk(String room, long since) {
        Poll.until(WAIT, () -> meet.firstRemoteVideoFrameNanos(room, BOOTH).orElse(0) > since,
                () -> "the booth renders no new video of the clerk: " + meet.mediaStats(room, BOOTH));
        return (meet.firstRemoteVideoFrameNanos(room, BOOTH).getAsLong() - since) / 1_000_000;
    }

    private void awaitClerkSeesBooth(String room) {
        long frames = meet.mediaStats(room, CLERK).videoFramesDecoded();
        Poll.until(WAIT, () -> meet.mediaStats(room, CLERK).videoFramesDecoded() > frames + 10,
                () -> "the clerk decodes no more of the booth's video: " + meet.mediaStats(room, CLERK));
    }

    private List<Integer> attempts() {
        return boothLog.events().stream().filter(VideoEvent.StatusChanged.class::isInstance)
                .map(e -> ((VideoEvent.StatusChanged) e).current())
                .filter(s -> s.state() == VideoState.RECONNECTING).map(s -> s.reconnectAttempt()).distinct().toList();
    }

    /**
     * The renderer that runs the meeting frame: of the browser's renderers (the call page's, the meeting frame's, a
     * spare one Chromium keeps ready), the only one with WebRTC's threads (WebRTC_Signaling, WebRTC_W_and_N).
     */
    private ProcessHandle meetingFrameRenderer(ChromiumBrowser browser) {
        List<ProcessHandle> renderers = ofType(browser, "renderer");
        String seen = renderers.stream().map(h -> h.pid() + threadNames(h.pid()).toString())
                .collect(Collectors.joining(", "));
        List<ProcessHandle> withWebRtc = renderers.stream()
                .filter(h -> threadNames(h.pid()).stream().anyMatch(name -> name.startsWith("WebRTC"))).toList();
        assertEquals(1, withWebRtc.size(), "one renderer runs the meeting: " + seen);
        assertTrue(renderers.size() >= 2, "the call page runs in another renderer: " + seen);
        return withWebRtc.get(0);
    }

    private static java.util.SortedSet<String> threadNames(long pid) {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    names.add(Files.readString(task.resolve("comm")).trim());
                } catch (IOException e) {
                    // gone
                }
            }
        } catch (IOException e) {
            // gone
        }
        return names;
    }

    static List<ProcessHandle> ofType(ChromiumBrowser browser, String type) {
        return browser.processTree().stream().filter(h -> type.equals(processType(h.pid()))).toList();
    }

    /** Chromium's {@code --type=} of a process ("renderer", "gpu-process", "zygote" …), "browser" without one. */
    static String processType(long pid) {
        try {
            // Chromium's helpers rewrite their command line into one string (setproctitle): split at both
            String cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8);
            for (String arg : cmdline.split("[\0 ]")) {
                if (arg.startsWith("--type=")) {
                    return arg.substring("--type=".length());
                }
            }
            return "browser";
        } catch (IOException e) {
            return "gone";
        }
    }

    private static String describe(List<ProcessHandle> processes) {
        return processes.stream().map(h -> h.pid() + ":" + processType(h.pid())).collect(Collectors.joining(", "));
    }
}
