package jp.madoguchi.card.tlv;

/** BER-TLV input that is malformed; the message says what and at which byte offset. */
public final class TlvException extends Exception {
    private final int offset;

    public TlvException(String message, int offset) {
        super(message + " (at byte " + offset + ")");
        this.offset = offset;
    }

    /** Byte offset in the parsed buffer where the problem was found. */
    public int offset() {
        return offset;
    }
}
