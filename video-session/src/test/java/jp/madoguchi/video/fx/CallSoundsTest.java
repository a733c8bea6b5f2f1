package jp.madoguchi.video.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.EndReason;
import jp.madoguchi.video.VideoState;
import jp.madoguchi.video.VideoStatus;
import jp.madoguchi.video.fx.CallSounds.Sound;
import jp.madoguchi.video.testing.FakeVideoSession;
import org.junit.jupiter.api.Test;

/** Which sound plays when, the mute switch, and a booth whose sound device fails (clips made by the test). */
class CallSoundsTest {
    private final List<String> played = new ArrayList<>();
    private final List<URL> created = new ArrayList<>();
    private final CallSounds sounds = new CallSounds(wav -> {
        created.add(wav);
        String name = wav.getPath().substring(wav.getPath().lastIndexOf('/') + 1);
        return () -> played.add(name);
    }, Runnable::run);
    private final FakeVideoSession session = new FakeVideoSession();

    CallSoundsTest() {
        session.addListener(sounds);
    }

    @Test
    void ringWhileWaitingChimeWhenTheClerkComesErrorWhenItFails() {
        session.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT));
        assertEquals(List.of("ring.wav"), played);
        session.peerJoins("山田");
        assertEquals(List.of("ring.wav", "chime.wav"), played);
        session.peerLeaves();
        assertEquals(List.of("ring.wav", "chime.wav"), played, "no ring when the clerk leaves a call");
        session.peerJoins("佐藤");
        session.connectionDrops();
        session.reconnects();
        assertEquals(List.of("ring.wav", "chime.wav", "chime.wav", "chime.wav"), played, "connected again");
        session.fail(EndReason.NETWORK_LOST);
        assertEquals("error.wav", played.get(played.size() - 1));
        assertEquals(3, created.size(), "each clip is made once and played again");
    }

    @Test
    void anOrdinaryEndIsQuiet() {
        session.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT));
        session.peerJoins("山田");
        played.clear();
        session.remoteEnds();
        assertEquals(List.of(), played);
    }

    @Test
    void theSoundForEachChange() {
        VideoStatus joining = status(VideoState.JOINING);
        VideoStatus waiting = status(VideoState.WAITING);
        VideoStatus inCall = status(VideoState.IN_CALL);
        assertEquals(Sound.RING, CallSounds.soundFor(joining, waiting));
        assertNull(CallSounds.soundFor(inCall, waiting));
        assertEquals(Sound.CONNECTED, CallSounds.soundFor(waiting, inCall));
        assertEquals(Sound.CONNECTED, CallSounds.soundFor(joining, inCall));
        assertNull(CallSounds.soundFor(inCall, inCall), "a mute changes the status but is no new call state");
        assertEquals(Sound.ERROR, CallSounds.soundFor(joining,
                new VideoStatus(VideoState.FAILED, Optional.of(EndReason.CAMERA_NOT_FOUND), true, true, false, 0)));
        assertNull(CallSounds.soundFor(VideoStatus.IDLE, status(VideoState.PREPARING)));
    }

    @Test
    void theMuteSwitchSilencesEverything() {
        sounds.setMuted(true);
        assertTrue(sounds.isMuted());
        session.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT));
        session.peerJoins("山田");
        assertEquals(List.of(), played);
        assertFalse(sounds.play(Sound.RING).join());
        sounds.setMuted(false);
        assertTrue(sounds.play(Sound.RING).join());
        assertEquals(List.of("ring.wav"), played);
    }

    @Test
    void noSoundDeviceSwitchesTheSoundsOffWithOneWarning() throws Exception {
        List<URL> attempts = new ArrayList<>();
        CallSounds noDevice = new CallSounds(wav -> {
            attempts.add(wav);
            // what OpenJFX Media throws without a sound device
            throw new com.sun.media.jfxmedia.MediaException("Could not create player!");
        }, Runnable::run);
        String log = stderrDuring(() -> {
            FakeVideoSession call = new FakeVideoSession();
            call.addListener(noDevice);
            call.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT));
            call.peerJoins("山田");
            call.fail(EndReason.NETWORK_LOST);
            assertEquals(VideoState.FAILED, call.status().state(), "the call went on without sound");
        });
        assertFalse(noDevice.isAvailable());
        assertEquals(1, attempts.size(), "no second try after the device failed");
        assertEquals(1, count(log, "Call sounds are off"), log);
        assertTrue(log.contains("WARN"), log);
        assertFalse(noDevice.play(Sound.CONNECTED).join());
    }

    @Test
    void aClipThatFailsToPlaySwitchesTheSoundsOffToo() throws Exception {
        int[] plays = {0};
        CallSounds brokenNative = new CallSounds(wav -> () -> {
            plays[0]++;
            throw new UnsatisfiedLinkError("no libgstreamer-lite in java.library.path");
        }, Runnable::run);
        String log = stderrDuring(() -> {
            assertFalse(brokenNative.play(Sound.RING).join());
            assertFalse(brokenNative.play(Sound.RING).join());
            assertFalse(brokenNative.play(Sound.ERROR).join());
        });
        assertEquals(1, plays[0]);
        assertFalse(brokenNative.isAvailable());
        assertEquals(1, count(log, "Call sounds are off"), log);
        assertTrue(log.contains("UnsatisfiedLinkError"), log);
    }

    private static VideoStatus status(VideoState state) {
        return new VideoStatus(state, Optional.empty(), false, false, state == VideoState.IN_CALL, 0);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /** What slf4j-simple writes to System.err while {@code action} runs. */
    static synchronized String stderrDuring(ThrowingRunnable action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
