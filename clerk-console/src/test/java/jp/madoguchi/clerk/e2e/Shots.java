package jp.madoguchi.clerk.e2e;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Screenshots of the console's scene: always to {@code target/screenshots/}, and to the repository's
 * {@code docs/screenshots/} when run with {@code -Dmadoguchi.screenshots=true} (scripts/screenshots.sh).
 */
public final class Shots {
    private Shots() {
    }

    public static void take(Scene scene, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(20, TimeUnit.SECONDS);
        BufferedImage png = new BufferedImage((int) image.getWidth(), (int) image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                png.setRGB(x, y, image.getPixelReader().getArgb(x, y));
            }
        }
        Path target = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        ImageIO.write(png, "png", target.toFile());
        if (Boolean.getBoolean("madoguchi.screenshots")) {
            Path docs = Path.of("..", "docs", "screenshots", name + ".png");
            Files.createDirectories(docs.getParent());
            Files.copy(target, docs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
