package jp.madoguchi.card.apdu;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class LoggingTransportTest {

    @Test
    void verifyDataIsNeverShown() {
        String line = LoggingTransport.describeCommand(Hex.decode("00 20 00 91 04 31 32 33 34"));
        assertEquals("00 20 00 91 [5 byte(s) masked]", line);
        assertFalse(line.contains("31 32 33 34"));
        String pw = LoggingTransport.describeCommand(Hex.decode("00 20 00 9B 06 41 42 43 31 32 33"));
        assertFalse(pw.contains("41 42 43"), pw);
    }

    @Test
    void responseDataIsNeverShown() {
        // a READ BINARY answer carrying a name: only its length and SW may appear
        String line = LoggingTransport.describeResponse(Hex.decode("E8 A6 8B E6 9C AC 90 00"));
        assertEquals("6 data byte(s), SW 9000", line);
    }

    @Test
    void nonSecretCommandsAreShownInFull() {
        assertEquals("00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01",
                LoggingTransport.describeCommand(Hex.decode("00A4040C0AD392F000260100000001")));
    }

    @Test
    void countingTransportCountsBothDirections() throws Exception {
        CountingTransport counting = new CountingTransport(cmd -> Hex.decode("01 02 03 90 00"));
        counting.transmit(Hex.decode("00 B0 00 00 03"));
        counting.transmit(Hex.decode("00 B0 00 03 03"));
        assertEquals(2, counting.commands());
        assertEquals(10, counting.bytesSent());
        assertEquals(10, counting.bytesReceived());
        counting.reset();
        assertEquals(0, counting.commands());
    }
}
