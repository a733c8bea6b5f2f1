package jp.madoguchi.forms.render;

import java.awt.image.BufferedImage;

import com.google.zxing.LuminanceSource;

/**
 * A rendered page as ZXing's luminance source. ZXing's own {@code BufferedImageLuminanceSource}
 * lives in its javase artifact, which this project does not depend on; the conversion is a few lines.
 */
final class BufferedImageLuminance extends LuminanceSource {
    private final byte[] luminance;

    BufferedImageLuminance(BufferedImage image) {
        super(image.getWidth(), image.getHeight());
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        luminance = new byte[width * height];
        for (int i = 0; i < rgb.length; i++) {
            int r = (rgb[i] >> 16) & 0xFF;
            int g = (rgb[i] >> 8) & 0xFF;
            int b = rgb[i] & 0xFF;
            luminance[i] = (byte) ((r * 299 + g * 587 + b * 114) / 1000);
        }
    }

    @Override
    public byte[] getRow(int y, byte[] row) {
        byte[] target = row != null && row.length >= getWidth() ? row : new byte[getWidth()];
        System.arraycopy(luminance, y * getWidth(), target, 0, getWidth());
        return target;
    }

    @Override
    public byte[] getMatrix() {
        return luminance;
    }
}
