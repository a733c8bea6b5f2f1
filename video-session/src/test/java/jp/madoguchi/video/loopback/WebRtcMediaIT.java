package jp.madoguchi.video.loopback;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jp.madoguchi.video.loopback.LoopbackMeet.MediaStats;
import jp.madoguchi.video.loopback.MeetingHarness.Event;
import jp.madoguchi.video.loopback.MeetingHarness.Seat;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real call over loopback: two headless Chromium processes with fake camera and microphone, a booth and a clerk,
 * join one room through the loopback meeting; the clerk admits the booth from the lobby, and both sides must
 * decode video frames and receive audio packets ({@code inbound-rtp}). Fails, never skips, without Chromium.
 */
class WebRtcMediaIT {
    private static final Logger LOG = LoggerFactory.getLogger(WebRtcMediaIT.class);
    private static final String ROOM = "window-7-media";

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

    @Test
    void boothAndClerkReceiveEachOthersVideoAndAudio() throws Exception {
        HeadlessChromium.binary(); // fails with a clear message when Chromium is missing
        meet = LoopbackMeet.start(LoopbackMeet.Options.defaults().withAppSecret(TestTokens.SECRET));
        harness = new MeetingHarness();

        harness.open(Seat.clerk(meet.baseUri(), ROOM, TestTokens.clerk(TestTokens.SECRET, ROOM)).autoAdmitting());
        harness.await("clerk", "videoConferenceJoined");
        harness.open(Seat.booth(meet.baseUri(), ROOM, TestTokens.booth(TestTokens.SECRET, ROOM)));

        harness.await("clerk", "knockingParticipant");
        Event boothJoined = harness.await("booth", "videoConferenceJoined");
        harness.await("clerk", "participantJoined");

        MeetingHarness.awaitCondition("both sides decode video and receive audio",
                () -> flowing(meet.mediaStats(ROOM, "Booth Shinjuku-1"))
                        && flowing(meet.mediaStats(ROOM, "Clerk Tanaka")),
                () -> "booth " + meet.mediaStats(ROOM, "Booth Shinjuku-1") + ", clerk "
                        + meet.mediaStats(ROOM, "Clerk Tanaka") + "; booth events " + harness.eventNames("booth")
                        + ", clerk events " + harness.eventNames("clerk"));

        MediaStats booth = meet.mediaStats(ROOM, "Booth Shinjuku-1");
        MediaStats clerk = meet.mediaStats(ROOM, "Clerk Tanaka");
        assertTrue(booth.videoFramesDecoded() > 0 && booth.audioPacketsReceived() > 0, "booth receives: " + booth);
        assertTrue(clerk.videoFramesDecoded() > 0 && clerk.audioPacketsReceived() > 0, "clerk receives: " + clerk);

        OptionalLong boothFirstFrame = meet.firstRemoteVideoFrameNanos(ROOM, "Booth Shinjuku-1");
        OptionalLong clerkFirstFrame = meet.firstRemoteVideoFrameNanos(ROOM, "Clerk Tanaka");
        assertTrue(boothFirstFrame.isPresent() && clerkFirstFrame.isPresent(),
                "both pages report their first remote video frame");
        LOG.info("admitted booth -> first remote frame: booth {} ms, clerk {} ms; booth {}, clerk {}",
                (boothFirstFrame.getAsLong() - boothJoined.nanos()) / 1_000_000,
                (clerkFirstFrame.getAsLong() - boothJoined.nanos()) / 1_000_000, booth, clerk);
    }

    private static boolean flowing(MediaStats stats) {
        return stats.videoFramesDecoded() > 0 && stats.audioPacketsReceived() > 0;
    }
}
