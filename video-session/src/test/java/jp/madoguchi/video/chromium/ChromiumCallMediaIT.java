package jp.madoguchi.video.chromium;

import jp.madoguchi.video.testing.Poll;
import static jp.madoguchi.video.chromium.ChromiumVideoSessionCallTest.BOOTH;
import static jp.madoguchi.video.chromium.ChromiumVideoSessionCallTest.CLERK;
import static jp.madoguchi.video.chromium.ChromiumVideoSessionCallTest.awaitState;
import static jp.madoguchi.video.chromium.ChromiumVideoSessionCallTest.boothRequest;
import static jp.madoguchi.video.chromium.ChromiumVideoSessionCallTest.clerkRequest;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import jp.madoguchi.video.VideoEvent;
import jp.madoguchi.video.VideoState;
import jp.madoguchi.video.loopback.LoopbackMeet;
import org.junit.jupiter.api.Test;

/**
 * Video and sound really flow both ways when both sides run the production adapter: two managed headless
 * Chromiums with fake camera and microphone, joined through LoopbackMeet's lobby, inbound-rtp counters above zero
 * on each side.
 */
class ChromiumCallMediaIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void videoAndAudioArriveAtTheBoothAndAtTheClerk() throws Exception {
        String room = "media1";
        try (LoopbackMeet meet = LoopbackMeet.start(LoopbackMeet.Options.defaults().withAppSecret(Jwt.SECRET));
             ChromiumVideoSession booth = new ChromiumVideoSession(ChromiumOptions.headlessWithFakeMedia());
             ChromiumVideoSession clerk = new ChromiumVideoSession(ChromiumOptions.headlessWithFakeMedia())) {
            EventLog clerkLog = new EventLog();
            clerk.addListener(clerkLog);
            booth.join(boothRequest(meet, room));
            clerk.join(clerkRequest(meet, room));
            clerk.admit(clerkLog.await(VideoEvent.Knocking.class, k -> k.displayName().equals(BOOTH), WAIT)
                    .participantId());
            awaitState(booth, VideoState.IN_CALL);
            awaitState(clerk, VideoState.IN_CALL);
            for (String side : new String[] {BOOTH, CLERK}) {
                Poll.until(WAIT, () -> {
                    LoopbackMeet.MediaStats stats = meet.mediaStats(room, side);
                    return stats.videoFramesDecoded() > 0 && stats.videoBytesReceived() > 0
                            && stats.audioPacketsReceived() > 0;
                }, () -> side + " received " + meet.mediaStats(room, side));
            }
            assertFalse(meet.firstRemoteVideoFrameNanos(room, BOOTH).isEmpty(), "the booth rendered the clerk");
        }
    }
}
