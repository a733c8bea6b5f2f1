package jp.madoguchi.card.tlv;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import jp.madoguchi.card.apdu.Hex;
import org.junit.jupiter.api.Test;

class TlvTest {

    @Test
    void parsesMultiByteTagsAndShortLength() throws TlvException {
        Tlv t = Tlv.parseExact(Hex.decode("DF 22 03 41 42 43"));
        assertEquals(0xDF22, t.tag());
        assertEquals(3, t.headerLength());
        assertArrayEquals("ABC".getBytes(), t.value());
        assertFalse(t.isConstructed());
    }

    @Test
    void parsesLongLengthForms() throws TlvException {
        byte[] v200 = new byte[200];
        byte[] enc81 = Tlv.encode(0xDF23, v200);
        assertEquals("DF2381C8", Hex.encode(enc81).substring(0, 8));
        assertEquals(200, Tlv.parseExact(enc81).length());

        byte[] v300 = new byte[300];
        byte[] enc82 = Tlv.encode(0xFF20, v300);
        assertEquals("FF2082012C", Hex.encode(enc82).substring(0, 10));
        Tlv t = Tlv.parseExact(enc82);
        assertEquals(300, t.length());
        assertEquals(5, t.headerLength());
        assertTrue(t.isConstructed());
    }

    @Test
    void encodesMinimalLengths() {
        assertEquals("DF 21 7F", Hex.encode(Tlv.encode(0xDF21, new byte[127]), 0, 3, true));
        assertEquals("DF 21 81 80", Hex.encode(Tlv.encode(0xDF21, new byte[128]), 0, 4, true));
        assertEquals(3 + 127, Tlv.encode(0xDF21, new byte[127]).length);
        assertEquals(4 + 128, Tlv.encode(0xDF21, new byte[128]).length);
        assertEquals(4 + 255, Tlv.encode(0xDF21, new byte[255]).length);
        assertEquals(5 + 256, Tlv.encode(0xDF21, new byte[256]).length);
    }

    @Test
    void parsesNestedChildrenWithOffsetsInTheOuterBuffer() throws TlvException {
        byte[] file = Tlv.encodeConstructed(0xFF20, Tlv.encode(0xDF22, new byte[] {1, 2}), Tlv.encode(0xDF23, new byte[] {3}));
        Tlv root = Tlv.parseExact(file);
        List<Tlv> kids = root.children();
        assertEquals(2, kids.size());
        assertEquals(3, kids.get(0).offset(), "child offsets count from the start of the file");
        assertEquals(8, kids.get(1).offset());
        assertEquals(0xDF23, root.child(0xDF23).orElseThrow().tag());
        assertTrue(root.child(0xDF99).isEmpty());
    }

    @Test
    void rejectsLengthRunningPastTheEnd() {
        TlvException e = assertThrows(TlvException.class, () -> Tlv.parseExact(Hex.decode("DF 22 05 41 42")));
        assertTrue(e.getMessage().contains("past the end"), e.getMessage());
        assertEquals(0, e.offset());
    }

    @Test
    void rejectsTruncatedHeaders() {
        for (String cut : new String[] {"DF", "DF 22", "DF 22 81", "FF 20 82 01", "30 82"}) {
            TlvException e = assertThrows(TlvException.class, () -> Tlv.parseExact(Hex.decode(cut)), cut);
            assertTrue(e.getMessage().contains("truncated"), cut + ": " + e.getMessage());
        }
    }

    @Test
    void rejectsUnsupportedLengthForms() {
        assertThrows(TlvException.class, () -> Tlv.parseExact(Hex.decode("DF 22 80 00 00")));
        assertThrows(TlvException.class, () -> Tlv.parseExact(Hex.decode("DF 22 83 00 00 01 41")));
        assertThrows(TlvException.class, () -> Tlv.parseExact(Hex.decode("00 01 41")));
    }

    @Test
    void rejectsTrailingBytesAfterExactElement() {
        TlvException e = assertThrows(TlvException.class, () -> Tlv.parseExact(Hex.decode("DF 22 01 41 99")));
        assertEquals(4, e.offset());
    }

    @Test
    void rejectsChildRunningPastParent() {
        // FF20 holds 4 bytes, but its child claims 5
        TlvException e = assertThrows(TlvException.class,
                () -> Tlv.parseExact(Hex.decode("FF 20 04 DF 22 05 41")).children());
        assertEquals(3, e.offset(), "the offset names the child in the whole file");
    }

    @Test
    void headerLengthTellsHowMuchToRead() throws TlvException {
        assertEquals(-1, Tlv.totalLengthFromHeader(Hex.decode("30 82 05"), 3));
        assertEquals(4 + 0x04D2, Tlv.totalLengthFromHeader(Hex.decode("30 82 04 D2"), 4));
        assertEquals(3 + 0x5C, Tlv.totalLengthFromHeader(Hex.decode("FF 20 5C DF"), 4));
        assertEquals(4 + 0xC8, Tlv.totalLengthFromHeader(Hex.decode("FF 20 81 C8"), 4));
    }
}
