package jp.madoguchi.kiosk.journey;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import jp.madoguchi.hqlink.message.PresenceFrame;

/**
 * The picture of a {@code clerk_shows} frame, checked again on the booth before it is shown: base64 that decodes,
 * at most {@link PresenceFrame.ClerkShows#MAX_IMAGE_BYTES}, the PNG or JPEG its type says (by its first bytes), a
 * size in pixels the screen can hold, and pixels that really decode. Headquarters checked it too; the booth does not
 * rely on that. Decoding takes time: callers run it on a work thread, never the screen's.
 *
 * <p>Nothing here writes to disk (ImageIO's file cache is not used) and a rejection says why in fixed words,
 * never with the picture's content. Stateless and thread-safe.
 */
final class ClerkPicture {
    /** More pixels than this (e.g. 5000x4000) is not a document photo but a decompression bomb. */
    static final long MAX_PIXELS = 20_000_000L;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_SIGNATURE = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    /** A picture that passed every check: its bytes as sent and its size. */
    record Checked(byte[] bytes, int widthPx, int heightPx) {
        @Override
        public String toString() {
            return "Checked[" + widthPx + "x" + heightPx + ", " + bytes.length + " bytes]";
        }
    }

    /** A picture that is not shown; the message is a fixed reason, safe to log. */
    static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    private ClerkPicture() {
    }

    /**
     * Decodes and checks a frame's picture.
     *
     * @param base64 the frame's {@code imageBase64} (not empty)
     * @param type the frame's {@code imageType}: {@code image/png} or {@code image/jpeg}
     */
    static Checked check(String base64, String type) throws Rejected {
        // more base64 than MAX_IMAGE_BYTES can need is refused before anything is allocated for it
        long longestBase64 = 4L * ((PresenceFrame.ClerkShows.MAX_IMAGE_BYTES + 2) / 3);
        if (base64.length() > longestBase64) {
            throw new Rejected("larger than " + PresenceFrame.ClerkShows.MAX_IMAGE_BYTES + " bytes");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new Rejected("not base64");
        }
        try {
            if (bytes.length > PresenceFrame.ClerkShows.MAX_IMAGE_BYTES) {
                throw new Rejected("larger than " + PresenceFrame.ClerkShows.MAX_IMAGE_BYTES + " bytes");
            }
            String format;
            if ("image/png".equals(type) && startsWith(bytes, PNG_SIGNATURE)) {
                format = "png";
            } else if ("image/jpeg".equals(type) && startsWith(bytes, JPEG_SIGNATURE)) {
                format = "jpeg";
            } else {
                throw new Rejected("not the " + ("image/png".equals(type) ? "PNG" : "JPEG") + " its type says");
            }
            return decode(bytes, format);
        } catch (Rejected | RuntimeException | Error e) {
            Arrays.fill(bytes, (byte) 0);
            if (e instanceof Rejected rejected) {
                throw rejected;
            }
            if (e instanceof OutOfMemoryError) {
                throw new Rejected("too large to decode");
            }
            if (e instanceof Error error) {
                throw error;
            }
            throw new Rejected("does not decode (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Checked decode(byte[] bytes, String format) throws Rejected {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new Rejected("no " + format + " decoder");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
                throw new Rejected("too many pixels");
            }
            BufferedImage image = reader.read(0);
            if (image == null || image.getWidth() != width || image.getHeight() != height) {
                throw new Rejected("does not decode");
            }
            image.flush();
            return new Checked(bytes, width, height);
        } catch (IOException e) {
            throw new Rejected("does not decode (" + e.getClass().getSimpleName() + ")");
        } finally {
            reader.dispose();
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
