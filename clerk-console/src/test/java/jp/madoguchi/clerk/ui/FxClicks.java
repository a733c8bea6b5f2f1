package jp.madoguchi.clerk.ui;

import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import org.testfx.api.FxRobot;
import org.testfx.api.FxRobotInterface;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Clicks a node's centre, measured on the FX thread. The console's board refreshes every 2 s; TestFX's
 * {@code clickOn(query)} would measure nodes on the test thread while the FX thread lays them out, which now and then
 * fails inside JavaFX's bounds cache.
 */
public final class FxClicks {
    private FxClicks() {
    }

    public static FxRobotInterface click(FxRobot robot, String query) {
        try {
            return robot.clickOn(WaitForAsyncUtils.asyncFx(() -> {
                Node node = robot.lookup(query).query();
                Bounds bounds = node.localToScreen(node.getBoundsInLocal());
                return new Point2D(bounds.getCenterX(), bounds.getCenterY());
            }).get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError("cannot click " + query, e);
        }
    }
}
