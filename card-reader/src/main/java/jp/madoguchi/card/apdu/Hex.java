package jp.madoguchi.card.apdu;

/** Hex formatting for APDU logs and tools. */
public final class Hex {
    private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return encode(bytes, 0, bytes.length, false);
    }

    public static String encode(byte[] bytes, int offset, int length, boolean spaced) {
        StringBuilder out = new StringBuilder(length * 3);
        for (int i = offset; i < offset + length; i++) {
            if (spaced && i > offset) {
                out.append(' ');
            }
            out.append(DIGITS[(bytes[i] >> 4) & 0xF]).append(DIGITS[bytes[i] & 0xF]);
        }
        return out.toString();
    }

    /** Parses hex, ignoring spaces; rejects odd lengths and non-hex characters. */
    public static byte[] decode(String hex) {
        String h = hex.replace(" ", "");
        if (h.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits");
        }
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(h.charAt(2 * i), 16);
            int lo = Character.digit(h.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not a hex digit at " + (2 * i));
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }
}
