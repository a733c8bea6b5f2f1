package jp.madoguchi.card.tlv;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One BER-TLV element as the My Number card stores it: tags of one or more bytes (private-class
 * {@code FF xx}/{@code DF xx}, universal {@code 30}), definite lengths in short form or
 * {@code 81 LL} / {@code 82 LL LL}.
 *
 * @param tag the tag bytes as an unsigned number, e.g. {@code 0xFF20}, {@code 0xDF21}, {@code 0x30}
 * @param offset where the tag's first byte stands in the buffer it was parsed from
 * @param headerLength tag and length bytes together
 * @param value the value bytes (a copy)
 */
public record Tlv(int tag, int offset, int headerLength, byte[] value) {
    /** Largest length this parser accepts: {@code 82 FF FF}. */
    public static final int MAX_LENGTH = 0xFFFF;

    public Tlv {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /** Tag, length and value together. */
    public int totalLength() {
        return headerLength + value.length;
    }

    /** Offset of the first byte after this element in its source buffer. */
    public int end() {
        return offset + totalLength();
    }

    public boolean isConstructed() {
        return (firstTagByte(tag) & 0x20) != 0;
    }

    /** The elements inside a constructed value. */
    public List<Tlv> children() throws TlvException {
        return parseAll(value, 0, value.length, offset + headerLength);
    }

    /** The first child with this tag, if any. */
    public Optional<Tlv> child(int childTag) throws TlvException {
        for (Tlv t : children()) {
            if (t.tag() == childTag) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Parses the element starting at {@code offset}; it must end at or before {@code limit}. */
    public static Tlv parse(byte[] buffer, int offset, int limit) throws TlvException {
        return parse(buffer, offset, limit, 0);
    }

    /** Parses exactly one element that fills the whole buffer. */
    public static Tlv parseExact(byte[] buffer) throws TlvException {
        Tlv tlv = parse(buffer, 0, buffer.length, 0);
        if (tlv.end() != buffer.length) {
            throw new TlvException((buffer.length - tlv.end()) + " byte(s) after the end of the element", tlv.end());
        }
        return tlv;
    }

    /** Parses consecutive elements from {@code offset} up to exactly {@code limit}. */
    public static List<Tlv> parseAll(byte[] buffer, int offset, int limit) throws TlvException {
        return parseAll(buffer, offset, limit, 0);
    }

    private static List<Tlv> parseAll(byte[] buffer, int offset, int limit, int base) throws TlvException {
        List<Tlv> out = new ArrayList<>();
        int pos = offset;
        while (pos < limit) {
            Tlv t = parse(buffer, pos, limit, base);
            out.add(t);
            pos = t.end() - base;
        }
        return out;
    }

    private static Tlv parse(byte[] buffer, int offset, int limit, int base) throws TlvException {
        if (limit > buffer.length || offset < 0 || offset > limit) {
            throw new IllegalArgumentException("offset/limit outside the buffer");
        }
        Header h = readHeader(buffer, offset, limit, base);
        if (h == null) {
            throw new TlvException("element truncated inside its tag or length", base + offset);
        }
        long end = (long) offset + h.headerLength + h.length;
        if (end > limit) {
            throw new TlvException("length " + h.length + " runs " + (end - limit) + " byte(s) past the end", base + offset);
        }
        byte[] value = Arrays.copyOfRange(buffer, offset + h.headerLength, (int) end);
        return new Tlv(h.tag, base + offset, h.headerLength, value);
    }

    /**
     * From the first bytes of a file, the total length of the element that starts it (tag, length
     * and value), or -1 when more bytes are needed to know. Used to read files of unknown length.
     */
    public static int totalLengthFromHeader(byte[] prefix, int available) throws TlvException {
        Header h = readHeader(prefix, 0, available, 0);
        return h == null ? -1 : h.headerLength + h.length;
    }

    private record Header(int tag, int headerLength, int length) {
    }

    /** Returns null when the header is cut off by {@code limit}. */
    private static Header readHeader(byte[] b, int offset, int limit, int base) throws TlvException {
        int pos = offset;
        if (pos >= limit) {
            return null;
        }
        int first = b[pos++] & 0xFF;
        if (first == 0x00) {
            throw new TlvException("tag 00 is not a valid tag (padding where an element was expected)", base + offset);
        }
        int tag = first;
        if ((first & 0x1F) == 0x1F) {
            int count = 0;
            while (true) {
                if (pos >= limit) {
                    return null;
                }
                int next = b[pos++] & 0xFF;
                tag = (tag << 8) | next;
                if (++count > 2) {
                    throw new TlvException("tag longer than 3 bytes", base + offset);
                }
                if ((next & 0x80) == 0) {
                    break;
                }
            }
        }
        if (pos >= limit) {
            return null;
        }
        int l0 = b[pos++] & 0xFF;
        int length;
        if (l0 < 0x80) {
            length = l0;
        } else if (l0 == 0x81) {
            if (pos + 1 > limit) {
                return null;
            }
            length = b[pos++] & 0xFF;
        } else if (l0 == 0x82) {
            if (pos + 2 > limit) {
                return null;
            }
            length = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
            pos += 2;
        } else if (l0 == 0x80) {
            throw new TlvException("indefinite length is not allowed", base + offset);
        } else {
            throw new TlvException(String.format("length form %02X is not supported (only up to 82 LL LL)", l0),
                    base + offset);
        }
        return new Header(tag, pos - offset, length);
    }

    /** Encodes a tag, the minimal DER length and the value. */
    public static byte[] encode(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        writeTag(out, tag);
        writeLength(out, value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** Encodes a constructed element around already encoded children. */
    public static byte[] encodeConstructed(int tag, byte[]... children) {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        for (byte[] c : children) {
            inner.writeBytes(c);
        }
        return encode(tag, inner.toByteArray());
    }

    public static void writeTag(ByteArrayOutputStream out, int tag) {
        if (tag > 0xFFFF) {
            out.write(tag >> 16);
        }
        if (tag > 0xFF) {
            out.write(tag >> 8);
        }
        out.write(tag);
    }

    public static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("length out of range: " + length);
        }
        if (length < 0x80) {
            out.write(length);
        } else if (length <= 0xFF) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        }
    }

    private static int firstTagByte(int tag) {
        if (tag > 0xFFFF) {
            return (tag >> 16) & 0xFF;
        }
        if (tag > 0xFF) {
            return (tag >> 8) & 0xFF;
        }
        return tag;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tlv t && t.tag == tag && t.offset == offset && t.headerLength == headerLength
                && Arrays.equals(t.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * tag + offset) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return String.format("Tlv[%X, %d byte(s) at %d]", tag, value.length, offset);
    }
}
