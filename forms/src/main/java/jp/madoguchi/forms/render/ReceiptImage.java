package jp.madoguchi.forms.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The receipt text as a black-and-white raster image as wide as the printer's head, for receipt
 * printers that are sent images (ESC/POS raster) rather than text: they then need no kanji font of
 * their own, and the receipt looks the same on every model.
 *
 * <p>Characters sit on the same column grid a printer in text mode uses (a full-width character on
 * two columns), so the image and the text receipt line up alike. Drawn without anti-aliasing: a
 * thermal head prints dots, not greys. Thread-safe.
 */
public final class ReceiptImage {
    private final JapaneseFonts fonts;

    public ReceiptImage(JapaneseFonts fonts) {
        this.fonts = Objects.requireNonNull(fonts, "fonts");
    }

    /** {@code receiptText} (from {@link ReceiptText}) as a PNG {@link ReceiptWidth#dots()} wide. */
    public byte[] renderPng(String receiptText, ReceiptWidth width) throws IOException {
        return PngPreview.encodePng(render(receiptText, width));
    }

    /** {@code receiptText} as a 1-bit image {@link ReceiptWidth#dots()} wide. */
    public BufferedImage render(String receiptText, ReceiptWidth width) {
        List<String> lines = receiptText.lines().toList();
        int column = width.dots() / width.columns(); // 12 dots: a 24-dot kanji, as printers' own fonts
        int lineHeight = column * 2 + column / 2;
        Font font = fonts.awtGothic().deriveFont((float) (column * 2));
        BufferedImage image = new BufferedImage(width.dots(), Math.max(1, lines.size()) * lineHeight,
                BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
            graphics.setColor(Color.BLACK);
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
            graphics.setFont(font);
            int ascent = graphics.getFontMetrics().getAscent();
            int baseline = (lineHeight - column * 2) / 2 + ascent - column / 4;
            for (String line : lines) {
                int x = 0;
                for (int codePoint : line.codePoints().toArray()) {
                    int cells = DisplayWidth.of(codePoint);
                    String character = new String(Character.toChars(codePoint));
                    // centred in its cell: proportional Latin glyphs then keep the printer's grid
                    int glyphWidth = graphics.getFontMetrics().stringWidth(character);
                    graphics.drawString(character, x * column + (cells * column - glyphWidth) / 2, baseline);
                    x += cells;
                }
                baseline += lineHeight;
            }
        } finally {
            graphics.dispose();
        }
        return image;
    }
}
