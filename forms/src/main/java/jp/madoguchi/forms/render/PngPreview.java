package jp.madoguchi.forms.render;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * The first page of a rendered form as a PNG for the booth's review screen: the resident checks
 * exactly what will be printed and signed, so the preview is drawn from the PDF bytes themselves,
 * not laid out a second time.
 *
 * <p>Uses only the fonts embedded in the PDF (no system fonts), java.awt imaging, no display:
 * works headless. Thread-safe and immutable.
 */
public final class PngPreview {
    /** A4 at 120 dpi is 992 × 1403 pixels: the whole page on a full-HD portrait screen, small text still legible. */
    public static final float DEFAULT_DPI = 120;

    /** Fast deflate: a preview is shown once and dropped, so encoding time matters more than bytes. */
    private static final float PNG_COMPRESSION_QUALITY = 0.8f;

    private static final Map<RenderingHints.Key, Object> QUALITY_HINTS = Map.of(
            RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON,
            RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON,
            RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY,
            RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC,
            RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);

    private final float dpi;

    public PngPreview() {
        this(DEFAULT_DPI);
    }

    /** @param dpi resolution of the preview; 110–150 suits screens, 300 a print check */
    public PngPreview(float dpi) {
        if (!(dpi >= 36 && dpi <= 600)) {
            throw new IllegalArgumentException("dpi must be between 36 and 600: " + dpi);
        }
        this.dpi = dpi;
    }

    public float dpi() {
        return dpi;
    }

    /** The first page of {@code pdf} as PNG bytes (RGB). */
    public byte[] render(byte[] pdf) throws IOException {
        return encodePng(renderImage(pdf));
    }

    /** The first page of {@code pdf} as an RGB image, for a screen that shows images directly. */
    public BufferedImage renderImage(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            renderer.setRenderingHints(new RenderingHints(QUALITY_HINTS));
            return renderer.renderImageWithDPI(0, dpi, ImageType.RGB);
        }
    }

    static byte[] encodePng(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (param.canWriteCompressed()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(PNG_COMPRESSION_QUALITY);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
