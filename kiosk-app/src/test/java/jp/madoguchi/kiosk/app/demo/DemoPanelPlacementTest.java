package jp.madoguchi.kiosk.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** Where the DEMO panel opens: beside the windowed booth when the screen has room, never over it if it can help it. */
class DemoPanelPlacementTest {
    private static final Rectangle2D FULL_HD = new Rectangle2D(0, 0, 1920, 1080);

    @Test
    void besideTheBoothOnItsRightWhenTheBoothIsOnTheLeft() {
        assertEquals(new Point2D(1292, 0), DemoPanelView.placement(FULL_HD, new Rectangle2D(0, 0, 1280, 800)));
    }

    @Test
    void onItsLeftWhenOnlyTheLeftHasRoom() {
        assertEquals(new Point2D(228, 40), DemoPanelView.placement(FULL_HD, new Rectangle2D(580, 40, 1280, 800)));
    }

    @Test
    void theScreensTopRightCornerWhenTheBoothIsFullScreenOrNothingFits() {
        Point2D corner = new Point2D(1920 - 340 - 12, 12);
        assertEquals(corner, DemoPanelView.placement(FULL_HD, null));
        assertEquals(corner, DemoPanelView.placement(FULL_HD, new Rectangle2D(320, 140, 1280, 800)),
                "a centred window leaves 320 px on each side: too little for the panel");
    }
}
