package jp.madoguchi.kiosk.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.imageio.ImageIO;
import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.journey.JourneyView.CallPhase;
import jp.madoguchi.kiosk.journey.JourneyView.ClerkShowsView;
import jp.madoguchi.kiosk.session.JourneyStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Help without touching": what the clerk of the booth's call shows (clerk_shows frames) becomes part of the call's
 * view while that call is on, and only then: the newest frame replaces the last, an empty one clears it, frames for
 * another call or outside a call are ignored, a picture that does not decode is dropped, and the session's end wipes
 * the picture's bytes.
 */
class BoothJourneyClerkShowsTest {
    private static final Path LOG = Path.of("target", "kiosk-app-test.log");

    @TempDir
    Path dir;
    private JourneyHarness booth;

    @BeforeEach
    void openBooth() throws Exception {
        booth = new JourneyHarness(dir);
    }

    @AfterEach
    void closeBooth() {
        booth.close();
    }

    /** "Just talk to a clerk", answered, the clerk joined: the call is on. Returns its call id. */
    private String inCall() {
        booth.inCallToTalk("room-5", "Clerk");
        return "call-" + booth.hq.callRequests().size(); // FakeHeadquartersLink numbers its tickets
    }

    private Optional<ClerkShowsView> shown() {
        return booth.journey.view().call().flatMap(JourneyView.CallView::shown);
    }

    static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(30, 60, 140));
        g.fillRect(width / 10, height / 10, width / 2, height / 12);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] jpeg(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void theClerksTextAndPictureAreShownReplacedAndCleared() throws Exception {
        String callId = inCall();
        assertEquals(Optional.empty(), shown(), "nothing shown before the clerk shows something");

        booth.hq.clerkShows("3番窓口へお越しください。", "", "");
        assertEquals("3番窓口へお越しください。", shown().orElseThrow().text());
        assertFalse(shown().orElseThrow().hasPicture());

        byte[] picture = png(300, 420);
        booth.hq.clerkShows(callId, "この欄に記入があります。", base64(picture), "image/png");
        ClerkShowsView withPicture = booth.await("the picture", v -> v.call().flatMap(c -> c.shown())
                .map(ClerkShowsView::hasPicture).orElse(false)).call().orElseThrow().shown().orElseThrow();
        assertEquals("この欄に記入があります。", withPicture.text());
        assertTrue(Arrays.equals(picture, withPicture.picture()));
        assertEquals(300, withPicture.widthPx());
        assertEquals(420, withPicture.heightPx());
        assertFalse(withPicture.toString().contains("記入"), "toString never prints the text");

        // a JPEG alone replaces text and picture; the replaced picture's bytes are zeroed
        booth.hq.clerkShows("", base64(jpeg(64, 48)), "image/jpeg");
        ClerkShowsView jpeg = booth.await("the JPEG", v -> v.call().flatMap(c -> c.shown())
                .map(s -> s.widthPx() == 64).orElse(false)).call().orElseThrow().shown().orElseThrow();
        assertEquals("", jpeg.text());
        assertTrue(isZeroed(withPicture.picture()), "the replaced picture is wiped");

        booth.hq.clerkShows("", "", "");
        assertEquals(Optional.empty(), shown(), "a frame with neither clears what is shown");
        assertTrue(isZeroed(jpeg.picture()));
        assertEquals(CallPhase.IN_CALL, booth.journey.view().call().orElseThrow().phase());
    }

    @Test
    void framesForAnotherCallOrBeforeTheClerkAnsweredAreIgnored() {
        booth.journey.chooseLanguage(BoothLanguage.JAPANESE);
        booth.journey.talkToClerk();
        booth.await("queued", v -> v.call().map(c -> c.phase() == CallPhase.QUEUED).orElse(false));
        booth.hq.clerkShows("まだ早い", "", "");
        assertEquals(Optional.empty(), shown(), "no clerk is in the call yet");
        booth.hq.answerCall("room-5");
        booth.video.peerJoins("Clerk");
        booth.await("in the call", v -> v.call().map(c -> c.phase() == CallPhase.IN_CALL).orElse(false));
        booth.hq.clerkShows("call-someone-else", "別の通話", "", "");
        assertEquals(Optional.empty(), shown(), "another booth's call");
        booth.hq.clerkShows("ok", "", "");
        assertEquals("ok", shown().orElseThrow().text());

        // when the call ends, what the clerk showed goes with it (the receipt screen keeps the call's decision only)
        booth.video.remoteEnds();
        JourneyView after = booth.await("after the call", v -> v.step() != JourneyStep.CALL);
        assertTrue(after.call().flatMap(JourneyView.CallView::shown).isEmpty());
        booth.hq.clerkShows("call-1", "遅れて届いた", "", "");
        assertTrue(booth.journey.view().call().flatMap(JourneyView.CallView::shown).isEmpty());
    }

    @Test
    void aPictureThatDoesNotDecodeIsDroppedAndLoggedWithoutItsContent() throws Exception {
        String text = "壊れた絵の説明文-" + System.nanoTime();
        inCall();
        // a PNG's signature, then nonsense: the type checks pass, decoding fails
        byte[] broken = Arrays.copyOf(png(40, 40), 200);
        Arrays.fill(broken, 40, 200, (byte) 0x5A);
        booth.hq.clerkShows(text, base64(broken), "image/png");
        ClerkShowsView shown = booth.await("the text without the picture", v -> v.call().flatMap(c -> c.shown())
                .isPresent()).call().orElseThrow().shown().orElseThrow();
        assertEquals(text, shown.text());
        assertFalse(shown.hasPicture());

        // a JPEG sent as a PNG, and a PNG as a JPEG: dropped too
        booth.hq.clerkShows("", base64(jpeg(10, 10)), "image/png");
        booth.await("cleared by a picture that is dropped", v -> v.call().flatMap(c -> c.shown()).isEmpty());
        booth.hq.clerkShows("x", base64(png(10, 10)), "image/jpeg");
        booth.await("the text", v -> v.call().flatMap(c -> c.shown()).map(s -> s.text().equals("x")).orElse(false));
        assertFalse(shown().orElseThrow().hasPicture());

        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        assertTrue(log.contains("the picture a clerk showed was dropped: does not decode"), "the drop is logged");
        assertTrue(log.contains("the picture a clerk showed was dropped: not the PNG its type says"));
        assertFalse(log.contains(text), "the text is never logged");
        assertFalse(log.contains(base64(broken).substring(0, 40)), "nor the picture");
    }

    @Test
    void pictureChecksRefuseWhatHeadquartersShouldHaveRefused() throws Exception {
        // too many bytes (the frame's own limit is checked again after base64)
        String tooLarge = base64(new byte[PresenceFrame.ClerkShows.MAX_IMAGE_BYTES + 1]);
        assertEquals("larger than 1048576 bytes", rejection(tooLarge, "image/png"));
        assertEquals("not base64", rejection("***", "image/png"));
        // a tiny PNG that claims to be 100000 x 100000 pixels: refused from its header, before decoding
        byte[] bomb = png(1, 1);
        java.nio.ByteBuffer.wrap(bomb, 16, 8).putInt(100_000).putInt(100_000);
        String bombed = rejection(base64(bomb), "image/png");
        assertTrue(bombed.equals("too many pixels") || bombed.startsWith("does not decode"), bombed);
        ClerkPicture.Checked ok = ClerkPicture.check(base64(png(20, 30)), "image/png");
        assertEquals(20, ok.widthPx());
        assertEquals(30, ok.heightPx());
    }

    private static String rejection(String base64, String type) {
        try {
            ClerkPicture.check(base64, type);
            return "accepted";
        } catch (ClerkPicture.Rejected rejected) {
            return rejected.getMessage();
        }
    }

    @Test
    void theSessionsEndWipesWhatWasShownAndALateFrameNeverReachesTheNextResident() throws Exception {
        String callId = inCall();
        byte[] picture = png(200, 100);
        booth.hq.clerkShows(callId, "前の方への案内", base64(picture), "image/png");
        ClerkShowsView shown = booth.await("the picture", v -> v.call().flatMap(c -> c.shown())
                .map(ClerkShowsView::hasPicture).orElse(false)).call().orElseThrow().shown().orElseThrow();

        booth.journey.cancel();
        booth.await("attract", v -> v.step() == JourneyStep.ATTRACT);
        assertTrue(isZeroed(shown.picture()), "the picture's bytes are wiped with the session");
        assertTrue(booth.journey.view().call().isEmpty());

        booth.hq.clerkShows(callId, "遅れて届いた", base64(picture), "image/png");
        assertTrue(booth.journey.view().call().isEmpty(), "no session, nothing shown");

        // the next resident talks to a clerk: frames for the previous call are not theirs
        booth.journey.chooseLanguage(BoothLanguage.ENGLISH);
        booth.journey.talkToClerk();
        booth.await("queued", v -> v.call().map(c -> c.phase() == CallPhase.QUEUED).orElse(false));
        booth.hq.answerCall("room-6");
        booth.video.peerJoins("Clerk");
        booth.await("in the call", v -> v.call().map(c -> c.phase() == CallPhase.IN_CALL).orElse(false));
        booth.hq.clerkShows(callId, "遅れて届いた", base64(picture), "image/png");
        Thread.sleep(300); // a picture would be decoded on a work thread: give it the time it would take
        assertEquals(Optional.empty(), shown(), "the previous call's frame is not shown to the next resident");
        assertTrue(booth.views.stream().filter(v -> v.step() == JourneyStep.CALL && v.language().equals(
                Optional.of(BoothLanguage.ENGLISH))).allMatch(v -> v.call().flatMap(c -> c.shown()).isEmpty()));
    }

    @Test
    void aPictureDecodedAfterTheSessionEndedIsNeverShown() throws Exception {
        String callId = inCall();
        booth.hq.clerkShows(callId, "", base64(png(1200, 1600)), "image/png");
        booth.journey.cancel(); // the decode may still be running
        booth.await("attract", v -> v.step() == JourneyStep.ATTRACT);
        Thread.sleep(500);
        assertTrue(booth.journey.view().call().isEmpty());
        assertTrue(booth.views.stream().filter(v -> v.step() == JourneyStep.ATTRACT)
                .allMatch(v -> v.call().isEmpty()));
    }

    private static boolean isZeroed(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return bytes.length > 0;
    }
}
