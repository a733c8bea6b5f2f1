package jp.madoguchi.card.apdu;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class CommandApduTest {

    @Test
    void encodesTheFourCasesShortAndExtended() {
        assertEquals("00A4040C0AD392F000260100000001",
                Hex.encode(CommandApdu.of(0, 0xA4, 4, 0x0C, Hex.decode("D392F000260100000001")).encode()));
        assertEquals("00200080", Hex.encode(CommandApdu.of(0, 0x20, 0, 0x80).encode()));
        assertEquals("00B0820000", Hex.encode(CommandApdu.of(0, 0xB0, 0x82, 0, null, 256).encode()));
        assertEquals("00B08200000000", Hex.encode(CommandApdu.of(0, 0xB0, 0x82, 0, null, 65536).encode()));
        assertEquals("00B08200001000", Hex.encode(CommandApdu.of(0, 0xB0, 0x82, 0, null, 4096).encode()));
        assertEquals("802A00800301020300", Hex.encode(CommandApdu.of(0x80, 0x2A, 0, 0x80, new byte[] {1, 2, 3}, 256).encode()));
    }

    @Test
    void extendedCommandWithDataUsesThreeByteLcAndTwoByteLe() {
        byte[] enc = CommandApdu.of(0, 0xD6, 0, 0, new byte[300], 300).encode();
        assertEquals("00D60000" + "00012C", Hex.encode(enc).substring(0, 14));
        assertEquals(4 + 3 + 300 + 2, enc.length);
    }

    @Test
    void parseRoundTripsEveryCase() throws MalformedApduException {
        CommandApdu[] samples = {
            CommandApdu.of(0, 0x20, 0, 0x91),
            CommandApdu.of(0, 0xB0, 0x82, 0, null, 256),
            CommandApdu.of(0, 0xB0, 0x82, 0, null, 17),
            CommandApdu.of(0, 0xA4, 2, 0x0C, new byte[] {0, 0x11}),
            CommandApdu.of(0x80, 0x2A, 0, 0x80, new byte[51], 256),
            CommandApdu.of(0, 0xB0, 0, 0, null, 65536),
            CommandApdu.of(0, 0xB0, 0, 0, null, 4096),
            CommandApdu.of(0, 0xD6, 0, 0, new byte[300]),
            CommandApdu.of(0, 0xD6, 0, 0, new byte[300], 1000),
        };
        for (CommandApdu c : samples) {
            CommandApdu back = CommandApdu.parse(c.encode());
            assertArrayEquals(c.encode(), back.encode(), c.toString());
            assertEquals(c.ne(), back.ne());
        }
    }

    @Test
    void parseRejectsInconsistentLengths() {
        assertThrows(MalformedApduException.class, () -> CommandApdu.parse(Hex.decode("00 20")));
        assertThrows(MalformedApduException.class, () -> CommandApdu.parse(Hex.decode("00 20 00 80 04 31 32")));
        assertThrows(MalformedApduException.class, () -> CommandApdu.parse(Hex.decode("00 20 00 80 02 31 32 00 00")));
        assertThrows(MalformedApduException.class, () -> CommandApdu.parse(Hex.decode("00 B0 00 00 00 01")));
        assertThrows(MalformedApduException.class, () -> CommandApdu.parse(Hex.decode("00 D6 00 00 00 00 00 41")));
        assertThrows(MalformedApduException.class, () -> CommandApdu.parse(Hex.decode("00 D6 00 00 00 00 05 41")));
    }

    @Test
    void responseParsingNeedsAStatusWord() throws Exception {
        ResponseApdu r = ResponseApdu.parse(Hex.decode("41 42 63 C2"));
        assertEquals(0x63C2, r.sw());
        assertEquals(2, r.dataLength());
        var e = assertThrows(jp.madoguchi.card.CardException.class, () -> ResponseApdu.parse(new byte[] {(byte) 0x90}));
        assertEquals(jp.madoguchi.card.CardError.COMMUNICATION, e.error());
    }
}
