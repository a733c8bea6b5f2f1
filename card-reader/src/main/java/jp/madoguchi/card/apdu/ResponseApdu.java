package jp.madoguchi.card.apdu;

import java.util.Arrays;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;

/** A response APDU: the data bytes and the two status bytes. Immutable. */
public final class ResponseApdu {
    private final byte[] data;
    private final int sw;

    public ResponseApdu(byte[] data, int sw) {
        this.data = data.clone();
        this.sw = sw & 0xFFFF;
    }

    /** Parses a raw response; fewer than two bytes is a garbled response, not a status. */
    public static ResponseApdu parse(byte[] raw) throws CardException {
        if (raw == null || raw.length < 2) {
            throw new CardException(CardError.COMMUNICATION,
                    "response of " + (raw == null ? 0 : raw.length) + " byte(s) has no status word");
        }
        int sw = ((raw[raw.length - 2] & 0xFF) << 8) | (raw[raw.length - 1] & 0xFF);
        return new ResponseApdu(Arrays.copyOf(raw, raw.length - 2), sw);
    }

    public static ResponseApdu of(int sw) {
        return new ResponseApdu(new byte[0], sw);
    }

    public byte[] data() {
        return data.clone();
    }

    public int dataLength() {
        return data.length;
    }

    public int sw() {
        return sw;
    }

    public int sw1() {
        return sw >> 8;
    }

    public int sw2() {
        return sw & 0xFF;
    }

    public boolean isSuccess() {
        return sw == StatusWords.SUCCESS;
    }

    /** Data followed by SW1 SW2, as a card sends it. */
    public byte[] encode() {
        byte[] out = Arrays.copyOf(data, data.length + 2);
        out[data.length] = (byte) (sw >> 8);
        out[data.length + 1] = (byte) sw;
        return out;
    }

    @Override
    public String toString() {
        return data.length + " byte(s), SW " + String.format("%04X", sw);
    }
}
