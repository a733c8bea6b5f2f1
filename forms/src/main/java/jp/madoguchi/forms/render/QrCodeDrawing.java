package jp.madoguchi.forms.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * A QR code drawn as vector rectangles, so it stays sharp at any print or screen resolution and
 * costs no image. Error correction M (15 %): a reference number is short, so M keeps the code small
 * while surviving a smudge or a fold.
 */
final class QrCodeDrawing {
    /** The quiet zone the QR specification asks for around the code, in modules. */
    static final int QUIET_ZONE_MODULES = 4;

    private final ByteMatrix modules;

    QrCodeDrawing(String content) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        try {
            QRCode code = Encoder.encode(content, ErrorCorrectionLevel.M, hints);
            this.modules = code.getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code for a reference of " + content.length()
                    + " characters", e);
        }
    }

    /** Modules on a side, without the quiet zone. */
    int size() {
        return modules.getWidth();
    }

    /**
     * Fills the dark modules into the square whose top-left corner is at ({@code left}, {@code top}) in
     * PDF coordinates (y up) and whose side is {@code side}, quiet zone included. All modules form one
     * path filled once: rectangles filled one by one would show hairline seams where they meet when
     * the page is rendered with anti-aliasing.
     */
    void draw(PDPageContentStream content, float left, float top, float side) throws IOException {
        int count = modules.getWidth();
        float module = side / (count + 2 * QUIET_ZONE_MODULES);
        float originX = left + QUIET_ZONE_MODULES * module;
        float originY = top - QUIET_ZONE_MODULES * module;
        for (int y = 0; y < count; y++) {
            int x = 0;
            while (x < count) {
                if (modules.get(x, y) != 1) {
                    x++;
                    continue;
                }
                int runStart = x;
                while (x < count && modules.get(x, y) == 1) {
                    x++;
                }
                content.addRect(originX + runStart * module, originY - (y + 1) * module, (x - runStart) * module, module);
            }
        }
        content.fill();
    }
}
