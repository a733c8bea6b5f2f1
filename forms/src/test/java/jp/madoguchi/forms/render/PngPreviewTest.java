package jp.madoguchi.forms.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PngPreviewTest {
    private static byte[] pdf;

    @BeforeAll
    static void renderForm() throws IOException {
        pdf = new PdfRenderer(JapaneseFonts.fromSystem()).render(SampleApplications.withClerkCheck());
    }

    @Test
    void decodesAsAnA4PageAtTheDefaultScreenResolution() throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(new PngPreview().render(pdf)));
        assertNotNull(image, "a PNG ImageIO can read");
        // A4 at 120 dpi: 595.28 pt × 120/72 = 992 px, 841.89 pt × 120/72 = 1403 px
        assertEquals(992, image.getWidth());
        assertEquals(1403, image.getHeight());
    }

    @Test
    void resolutionIsConfigurable() throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(new PngPreview(150).render(pdf)));
        assertEquals(1240, image.getWidth());
        assertEquals(1753, image.getHeight()); // 1753.9: PDFBox rounds the page size down
    }

    @Test
    void pageIsDrawnNotBlank() throws IOException {
        BufferedImage image = new PngPreview().renderImage(pdf);
        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                if ((image.getRGB(x, y) & 0xFF) < 100) {
                    dark++;
                }
            }
        }
        assertTrue(dark > 5_000, "lines and text are drawn: " + dark + " dark samples");
    }

    @Test
    void rejectsAnUnreasonableResolution() {
        assertThrows(IllegalArgumentException.class, () -> new PngPreview(0));
        assertThrows(IllegalArgumentException.class, () -> new PngPreview(5000));
    }
}
