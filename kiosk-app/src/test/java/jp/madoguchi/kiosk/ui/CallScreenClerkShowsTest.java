package jp.madoguchi.kiosk.ui;

import static jp.madoguchi.kiosk.ui.BoothFx.exists;
import static jp.madoguchi.kiosk.ui.BoothFx.fx;
import static jp.madoguchi.kiosk.ui.BoothFx.lookup;
import static jp.madoguchi.kiosk.ui.BoothFx.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.journey.JourneyView.CallPhase;
import jp.madoguchi.kiosk.ui.model.BoothPreferences;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.ScreenRect;
import jp.madoguchi.video.fx.VideoPane;
import jp.madoguchi.video.testing.FakeVideoSession;
import jp.madoguchi.video.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The call screen while the clerk shows a text and a picture: both readable, the picture in its proportions, and
 * nothing of it under the call's window (a native window placed over the {@link VideoPane}: JavaFX content there
 * would be hidden). Writes {@code target/screenshots/booth-call-clerk-shows-*.png} for a person to look at.
 */
class CallScreenClerkShowsTest {
    /** The document's colour, looked for in the screenshot where the picture is. */
    private static final Color DOCUMENT_BAND = new Color(200, 40, 40);

    private final SampleViews japanese = new SampleViews(BoothLanguage.JAPANESE);
    private FakeJourney journey;
    private BoothWindow window;

    @BeforeAll
    static void toolkit() throws Exception {
        BoothFx.startToolkit();
    }

    @AfterEach
    void closeWindow() throws Exception {
        BoothFx.close(window);
    }

    /** A booth window in a call: the fake video session joined and the clerk is there. */
    private FakeVideoSession openInCall(BoothPreferences preferences) throws Exception {
        journey = new FakeJourney(SampleViews.attract());
        window = BoothFx.open(journey, preferences);
        FakeVideoSession video = journey.fakeVideo();
        video.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT));
        video.peerJoins("Clerk");
        return video;
    }

    /** A portrait document (A4-like, 600x850): white with a red band across its top. */
    static byte[] document() throws Exception {
        BufferedImage image = new BufferedImage(600, 850, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 600, 850);
        g.setColor(DOCUMENT_BAND);
        g.fillRect(0, 0, 600, 200);
        g.setColor(Color.DARK_GRAY);
        for (int y = 260; y < 800; y += 60) {
            g.fillRect(40, y, 520, 14);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private void awaitPicture() {
        Poll.until(Duration.ofSeconds(30), () -> {
            try {
                return fx(() -> {
                    ImageView view = (ImageView) window.scene().lookup("#clerk-shows-picture");
                    return view != null && view.getImage() != null && view.getImage().getProgress() >= 1;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, () -> "the clerk's picture still decoding");
    }

    private Bounds inScene(String selector) throws Exception {
        return fx(() -> {
            Node node = window.scene().lookup(selector);
            return node.localToScene(node.getLayoutBounds());
        });
    }

    private Path screenshot(String name) throws Exception {
        BoothFx.settle();
        WritableImage image = fx(() -> window.scene().snapshot(null));
        Path file = Path.of("target", "screenshots", name);
        Files.createDirectories(file.getParent());
        Files.write(file, ScreenshotTool.png(image));
        return file;
    }

    @Test
    void theClerksTextAndPictureShowBesideTheVideoNeverUnderTheCallWindow() throws Exception {
        FakeVideoSession video = openInCall(BoothPreferences.defaults());
        String text = japanese.clerkText();
        show(journey, japanese.callClerkShows(text, document()));
        awaitPicture();
        BoothFx.settle();

        assertEquals("係員からのお知らせ", lookup(window, "#clerk-shows-title", Label.class).getText());
        assertEquals(text, lookup(window, "#clerk-shows-text", Label.class).getText());
        ImageView picture = lookup(window, "#clerk-shows-picture", ImageView.class);
        assertEquals("係員が見せている資料", fx(picture::getAccessibleText));

        // the picture keeps its proportions and lies inside its column, inside the window
        Bounds shownPicture = inScene("#clerk-shows-picture");
        assertEquals(600.0 / 850.0, shownPicture.getWidth() / shownPicture.getHeight(), 0.01, "not distorted");
        assertTrue(shownPicture.getHeight() > 400, "large enough to read: " + shownPicture);
        Bounds column = inScene("#clerk-shows");
        assertTrue(column.contains(shownPicture), "the picture is inside its column: " + shownPicture + " in " + column);
        assertTrue(new BoundingBox(0, 0, BoothWindow.WIDTH, BoothWindow.HEIGHT).contains(column),
                "the column is inside the window: " + column);
        // the whole text is there to read without scrolling (a realistic length)
        Bounds textBounds = inScene("#clerk-shows-text");
        Bounds textViewport = inScene("#clerk-shows-text-scroll");
        assertTrue(textBounds.getHeight() <= textViewport.getHeight() + 1, textBounds + " in " + textViewport);

        // nothing of the column is where the call's window is placed
        Bounds pane = inScene("." + VideoPane.STYLE_CLASS);
        assertFalse(pane.intersects(column), "the video pane " + pane + " and the clerk's column " + column);
        ScreenRect callWindow = video.window().current().orElseThrow(() -> new AssertionError("no call window"));
        Bounds columnOnScreen = fx(() -> {
            Node node = window.scene().lookup("#clerk-shows");
            return node.localToScreen(node.getLayoutBounds());
        });
        assertFalse(new BoundingBox(callWindow.x(), callWindow.y(), callWindow.width(), callWindow.height())
                .intersects(columnOnScreen), "the call window " + callWindow + " over " + columnOnScreen);
        // the call's controls stay on screen
        assertTrue(exists(window, "#call-hang-up"));
        Bounds hangUp = inScene("#call-hang-up");
        assertTrue(hangUp.getMaxY() <= BoothWindow.HEIGHT, "hang-up reachable: " + hangUp);

        Path shot = screenshot("booth-call-clerk-shows-ja.png");
        // the red band of the document is really drawn where the picture is
        BufferedImage pixels = ImageIO.read(shot.toFile());
        int x = (int) shownPicture.getCenterX();
        int y = (int) (shownPicture.getMinY() + shownPicture.getHeight() * 0.1);
        Color seen = new Color(pixels.getRGB(x, y));
        assertTrue(Math.abs(seen.getRed() - DOCUMENT_BAND.getRed()) < 20 && seen.getGreen() < 80,
                "the picture's band at " + x + "," + y + ": " + seen);
    }

    @Test
    void aNewFrameReplacesWhatWasShownAndAClearingFrameGivesTheVideoItsRoomBack() throws Exception {
        openInCall(BoothPreferences.defaults());
        show(journey, japanese.call(SampleViews.phase(CallPhase.IN_CALL)));
        double fullWidth = inScene("." + VideoPane.STYLE_CLASS).getWidth();
        assertFalse(exists(window, "#clerk-shows"));

        show(journey, japanese.callClerkShows("", document()));
        awaitPicture();
        assertFalse(exists(window, "#clerk-shows-text"), "a picture alone");
        double narrowed = inScene("." + VideoPane.STYLE_CLASS).getWidth();
        assertTrue(narrowed < fullWidth - BoothScreens.CLERK_SHOWS_WIDTH, narrowed + " < " + fullWidth);

        show(journey, japanese.callClerkShows("2番窓口へどうぞ。", new byte[0]));
        assertEquals("2番窓口へどうぞ。", lookup(window, "#clerk-shows-text", Label.class).getText());
        assertFalse(exists(window, "#clerk-shows-picture"), "the new frame replaced the picture");

        show(journey, japanese.call(SampleViews.phase(CallPhase.IN_CALL)));
        assertFalse(exists(window, "#clerk-shows"), "cleared");
        assertEquals(fullWidth, inScene("." + VideoPane.STYLE_CLASS).getWidth(), 0.5);
    }

    @Test
    void withLargeTextALongMessageScrollsAndTheControlsStay() throws Exception {
        openInCall(BoothPreferences.defaults().withLargeText(true));
        String longest = japanese.clerkText().repeat(10).substring(0, 500);
        show(journey, japanese.callClerkShows(longest, document()));
        awaitPicture();
        Bounds column = inScene("#clerk-shows");
        assertTrue(new BoundingBox(0, 0, BoothWindow.WIDTH, BoothWindow.HEIGHT).contains(column), column.toString());
        assertTrue(inScene("#clerk-shows-picture").getHeight() > 200, "the picture keeps room beside a long text");
        assertTrue(inScene("#call-hang-up").getMaxY() <= BoothWindow.HEIGHT);
        assertTrue(lookup(window, "#call-hang-up", Button.class).isVisible());
        screenshot("booth-call-clerk-shows-ja-large.png");
    }
}
