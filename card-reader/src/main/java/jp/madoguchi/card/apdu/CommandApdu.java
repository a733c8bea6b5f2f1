package jp.madoguchi.card.apdu;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * An ISO 7816-4 command APDU with its encoding (short or extended length).
 *
 * <p>{@code ne} is the number of response bytes expected: -1 for "no Le" (case 1/3), 1..256 fits a
 * short Le ({@code 256} encodes as {@code 00}), up to 65536 needs extended length
 * ({@code 65536} encodes as {@code 00 00}). Instances are immutable.
 */
public final class CommandApdu {
    public static final int NO_LE = -1;
    public static final int MAX_SHORT_NE = 256;
    public static final int MAX_EXTENDED_NE = 65536;

    private final int cla;
    private final int ins;
    private final int p1;
    private final int p2;
    private final byte[] data;
    private final int ne;

    public CommandApdu(int cla, int ins, int p1, int p2, byte[] data, int ne) {
        if (data != null && data.length > 65535) {
            throw new IllegalArgumentException("command data longer than 65535 bytes");
        }
        if (ne != NO_LE && (ne < 1 || ne > MAX_EXTENDED_NE)) {
            throw new IllegalArgumentException("Ne out of range: " + ne);
        }
        this.cla = cla & 0xFF;
        this.ins = ins & 0xFF;
        this.p1 = p1 & 0xFF;
        this.p2 = p2 & 0xFF;
        this.data = data == null ? new byte[0] : data.clone();
        this.ne = ne;
    }

    public static CommandApdu of(int cla, int ins, int p1, int p2) {
        return new CommandApdu(cla, ins, p1, p2, null, NO_LE);
    }

    public static CommandApdu of(int cla, int ins, int p1, int p2, byte[] data) {
        return new CommandApdu(cla, ins, p1, p2, data, NO_LE);
    }

    public static CommandApdu of(int cla, int ins, int p1, int p2, byte[] data, int ne) {
        return new CommandApdu(cla, ins, p1, p2, data, ne);
    }

    /**
     * Decodes a command APDU as a card receives it (ISO 7816-3 cases 1, 2, 3, 4, short and
     * extended).
     *
     * @throws MalformedApduException when the length fields do not add up
     */
    public static CommandApdu parse(byte[] raw) throws MalformedApduException {
        if (raw == null || raw.length < 4) {
            throw new MalformedApduException("command shorter than its 4-byte header");
        }
        int cla = raw[0] & 0xFF;
        int ins = raw[1] & 0xFF;
        int p1 = raw[2] & 0xFF;
        int p2 = raw[3] & 0xFF;
        int rest = raw.length - 4;
        if (rest == 0) {
            return new CommandApdu(cla, ins, p1, p2, null, NO_LE);
        }
        int b0 = raw[4] & 0xFF;
        if (rest == 1) {
            return new CommandApdu(cla, ins, p1, p2, null, b0 == 0 ? MAX_SHORT_NE : b0);
        }
        if (b0 != 0) {
            int lc = b0;
            if (rest == 1 + lc) {
                return new CommandApdu(cla, ins, p1, p2, Arrays.copyOfRange(raw, 5, 5 + lc), NO_LE);
            }
            if (rest == 2 + lc) {
                int le = raw[5 + lc] & 0xFF;
                return new CommandApdu(cla, ins, p1, p2, Arrays.copyOfRange(raw, 5, 5 + lc),
                        le == 0 ? MAX_SHORT_NE : le);
            }
            throw new MalformedApduException("short Lc " + lc + " does not match " + (rest - 1) + " byte(s) of body");
        }
        // b0 == 0: extended length
        if (rest == 3) {
            int le = ((raw[5] & 0xFF) << 8) | (raw[6] & 0xFF);
            return new CommandApdu(cla, ins, p1, p2, null, le == 0 ? MAX_EXTENDED_NE : le);
        }
        if (rest < 3) {
            throw new MalformedApduException("extended length field truncated");
        }
        int lc = ((raw[5] & 0xFF) << 8) | (raw[6] & 0xFF);
        if (lc == 0) {
            throw new MalformedApduException("extended Lc of zero");
        }
        if (rest == 3 + lc) {
            return new CommandApdu(cla, ins, p1, p2, Arrays.copyOfRange(raw, 7, 7 + lc), NO_LE);
        }
        if (rest == 5 + lc) {
            int le = ((raw[7 + lc] & 0xFF) << 8) | (raw[8 + lc] & 0xFF);
            return new CommandApdu(cla, ins, p1, p2, Arrays.copyOfRange(raw, 7, 7 + lc),
                    le == 0 ? MAX_EXTENDED_NE : le);
        }
        throw new MalformedApduException("extended Lc " + lc + " does not match " + (rest - 3) + " byte(s) of body");
    }

    public int cla() {
        return cla;
    }

    public int ins() {
        return ins;
    }

    public int p1() {
        return p1;
    }

    public int p2() {
        return p2;
    }

    public byte[] data() {
        return data.clone();
    }

    public int ne() {
        return ne;
    }

    /** Whether this command needs the extended-length encoding. */
    public boolean isExtended() {
        return data.length > 255 || ne > MAX_SHORT_NE;
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 9);
        out.write(cla);
        out.write(ins);
        out.write(p1);
        out.write(p2);
        boolean extended = isExtended();
        if (data.length > 0) {
            if (extended) {
                out.write(0);
                out.write(data.length >> 8);
                out.write(data.length);
            } else {
                out.write(data.length);
            }
            out.write(data, 0, data.length);
        }
        if (ne != NO_LE) {
            if (extended) {
                if (data.length == 0) {
                    out.write(0);
                }
                int le = ne == MAX_EXTENDED_NE ? 0 : ne;
                out.write(le >> 8);
                out.write(le);
            } else {
                out.write(ne == MAX_SHORT_NE ? 0 : ne);
            }
        }
        return out.toByteArray();
    }

    /** Wipes this instance's copy of the data (use for PIN-carrying commands once sent). */
    public void wipe() {
        Arrays.fill(data, (byte) 0);
    }

    @Override
    public String toString() {
        return String.format("%02X %02X %02X %02X, %d data byte(s), Ne %s", cla, ins, p1, p2, data.length,
                ne == NO_LE ? "none" : Integer.toString(ne));
    }
}
