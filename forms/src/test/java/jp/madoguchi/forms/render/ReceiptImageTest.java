package jp.madoguchi.forms.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReceiptImageTest {
    private static final JapaneseFonts FONTS = JapaneseFonts.fromSystem();

    @ParameterizedTest
    @EnumSource(ReceiptWidth.class)
    void isAsWideAsThePrinterHeadWithALinePerTextLine(ReceiptWidth width) throws IOException {
        String text = new ReceiptText().render(SampleApplications.withClerkCheck(), width);
        byte[] png = new ReceiptImage(FONTS).renderPng(text, width);
        Files.createDirectories(Path.of("target", "render-samples"));
        Files.write(Path.of("target", "render-samples", "receipt-" + width.name().toLowerCase() + ".png"), png);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image);
        assertEquals(width.dots(), image.getWidth());
        int lineHeight = width.dots() / width.columns() * 2 + width.dots() / width.columns() / 2;
        assertEquals(text.lines().count() * lineHeight, image.getHeight());
        int black = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                black += (image.getRGB(x, y) & 0xFFFFFF) == 0 ? 1 : 0;
            }
        }
        assertTrue(black > 2_000, "text is drawn: " + black + " black dots");
    }
}
