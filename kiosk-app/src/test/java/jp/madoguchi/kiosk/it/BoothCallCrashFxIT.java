package jp.madoguchi.kiosk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import jp.madoguchi.hqlink.client.ClerkClient;
import jp.madoguchi.kiosk.hq.DemoHeadquarters;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.video.EndReason;
import jp.madoguchi.video.fx.VideoMessages;
import jp.madoguchi.video.fx.VideoText;
import jp.madoguchi.video.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, "Chromium crashes mid-call", as the resident sees it: a booth on a headless screen against a real
 * headquarters, whose video session reports what {@code ChromiumVideoSession} reports when its browser dies (a
 * reconnect with its attempt number, back in the call, and at last BROWSER_CRASHED when it does not come back;
 * ChromiumCrashTest shows the real browser doing so). The resident chose Português: every sentence about the
 * crash is in Portuguese, the hang-up button stays while the call is being restored, and after the failed call the
 * journey goes on to the receipt with headquarters' reference, the card is given back and the booth is ready for
 * the next resident.
 */
class BoothCallCrashFxIT {
    private static final BoothLanguage PT = BoothLanguage.PORTUGUESE;
    private static DemoHeadquarters hq;

    @TempDir
    Path dir;
    private BoothUnderTest booth;

    @BeforeAll
    static void start() throws Exception {
        BoothUnderTest.startToolkit();
        hq = DemoHeadquarters.start();
    }

    @AfterAll
    static void stop() {
        if (hq != null) {
            hq.close();
        }
    }

    @AfterEach
    void closeBooth() throws Exception {
        if (booth != null) {
            booth.close();
        }
    }

    @Test
    void whenTheCallsBrowserCrashesTheResidentIsToldInTheirLanguageAndTheJourneyGoesOn() throws Exception {
        booth = BoothUnderTest.open(hq, dir);
        VideoMessages video = VideoMessages.of(PT.locale());
        int storedBefore = hq.storedApplications();
        String hqReference = booth.applyUpToTheCall(PT, "default");

        ClerkClient clerk = hq.clerk();
        BoothUnderTest.answerCallFor(clerk, hqReference);
        Poll.until(BoothUnderTest.WAIT, () -> !booth.video.joinRequests().isEmpty(), () -> "the booth never joined");
        booth.awaitText(booth.text(PT, "ui.call.connecting"));

        // the browser dies while the booth knocks at the lobby: not "connecting the video", but what happens
        booth.video.connectionDrops();
        booth.awaitText(video.text(VideoText.STATE_RECONNECTING, 1));
        assertFalse(booth.shownTexts().contains(booth.text(PT, "ui.call.connecting")), "one sentence at a time");
        booth.video.reconnects();
        booth.awaitText(booth.text(PT, "ui.call.connecting"));

        booth.video.peerJoins("Atendente");
        booth.awaitText(video.text(VideoText.STATE_IN_CALL));

        // mid-call: the first attempt, a second one, then the call is back
        booth.video.connectionDrops();
        booth.awaitText(video.text(VideoText.STATE_RECONNECTING, 1));
        assertTrue(booth.shown("#call-hang-up"), "the resident can still end the call while it is being restored");
        booth.video.connectionDrops();
        booth.awaitText(video.text(VideoText.STATE_RECONNECTING, 2));
        booth.video.reconnects();
        booth.awaitText(video.text(VideoText.STATE_IN_CALL));
        assertFalse(booth.shownTexts().stream().anyMatch(t -> t.equals(video.text(VideoText.STATE_RECONNECTING, 2))),
                "the reconnecting sentence is gone once the call is back");

        // the browser dies again and does not come back
        booth.video.connectionDrops();
        booth.awaitText(video.text(VideoText.STATE_RECONNECTING, 1));
        booth.video.fail(EndReason.BROWSER_CRASHED);
        booth.awaitScreen("receipt");
        booth.awaitText(booth.text(PT, "journey.problem.video"));
        assertTrue(booth.shown("#problem-banner"), "the failed call is explained in a banner");
        assertEquals(hqReference, booth.text("#receipt-reference"), "the application went through all the same");

        booth.touch("#receipt-done");
        booth.awaitScreen("take_card");
        booth.removeCard();
        booth.awaitScreen("attract");
        assertEquals(storedBefore + 1, hq.storedApplications(), "one application, stored once");
        assertEquals(0, booth.store.outbox().size(), "nothing waits in the outbox");
        assertEquals(1, booth.video.joinRequests().size(), "the booth joined once; rejoins are the session's own");
        assertFalse(booth.video.status().state().isActive(), "no call left running: " + booth.video.status());
    }
}
