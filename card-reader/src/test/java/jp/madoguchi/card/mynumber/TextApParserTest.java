package jp.madoguchi.card.mynumber;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.Hex;
import jp.madoguchi.card.tlv.Tlv;
import org.junit.jupiter.api.Test;

class TextApParserTest {

    @Test
    void parsesTheSpecificationsWorkedExample() throws CardException {
        byte[] file = SpecSamples.basic4Example();
        assertEquals(95, file.length);
        Basic4Info info = TextApParser.parseBasic4(file);
        assertEquals("見本\u3000太郎", info.name());
        assertEquals("東京都千代田区霞が関１－２－３", info.address());
        assertEquals(LocalDate.of(1980, 2, 17), info.birthDate());
        assertEquals(Sex.MALE, info.sex());
        assertFalse(info.toString().contains("太郎"), "toString must not leak the name");
    }

    @Test
    void acceptsTrailingFillerAfterTheElement() throws CardException {
        byte[] file = SpecSamples.basic4Example();
        byte[] padded = java.util.Arrays.copyOf(file, file.length + 5);
        java.util.Arrays.fill(padded, file.length, padded.length, (byte) 0xFF);
        assertEquals("見本\u3000太郎", TextApParser.parseBasic4(padded).name());
    }

    @Test
    void rejectsTruncatedFile() {
        byte[] file = SpecSamples.basic4Example();
        byte[] cut = java.util.Arrays.copyOf(file, 60);
        CardException e = assertThrows(CardException.class, () -> TextApParser.parseBasic4(cut));
        assertEquals(CardError.MALFORMED_DATA, e.error());
        assertTrue(e.getMessage().contains("past the end"), e.getMessage());
    }

    @Test
    void rejectsOffsetsThatDoNotPointAtTheirTags() {
        byte[] file = SpecSamples.basic4Example();
        file[9] = 0x21; // low byte of DF21's 2nd offset: the address tag claimed at 0x21 instead of 0x20
        CardException e = assertThrows(CardException.class, () -> TextApParser.parseBasic4(file));
        assertEquals(CardError.MALFORMED_DATA, e.error());
        assertTrue(e.getMessage().contains("DF23") && e.getMessage().contains("byte 33"), e.getMessage());
    }

    @Test
    void rejectsAChildLengthPastItsParent() {
        byte[] file = SpecSamples.basic4Example();
        file[16] = 0x50; // name claims 80 bytes
        CardException e = assertThrows(CardException.class, () -> TextApParser.parseBasic4(file));
        assertEquals(CardError.MALFORMED_DATA, e.error());
    }

    @Test
    void rejectsMissingOrReorderedElements() {
        byte[] wrongRoot = SpecSamples.basic4Example();
        wrongRoot[1] = 0x21;
        assertTrue(assertThrows(CardException.class, () -> TextApParser.parseBasic4(wrongRoot)).getMessage()
                .contains("FF21"));
        byte[] onlyName = Tlv.encodeConstructed(0xFF20, Tlv.encode(0xDF21, new byte[8]), Tlv.encode(0xDF22, new byte[] {0x41}));
        assertTrue(assertThrows(CardException.class, () -> TextApParser.parseBasic4(onlyName)).getMessage()
                .contains("5 expected"));
    }

    @Test
    void rejectsBadValuesWithoutEchoingThem() {
        assertMalformed(replace(SpecSamples.BASIC4_EXAMPLE_HEX, "31 39 38 30 30 32 31 37", "31 39 38 30 30 32 33 30"),
                "calendar date");
        assertMalformed(replace(SpecSamples.BASIC4_EXAMPLE_HEX, "31 39 38 30 30 32 31 37", "31 39 38 30 2D 30 32 31"),
                "digits");
        assertMalformed(replace(SpecSamples.BASIC4_EXAMPLE_HEX, "DF 25 01 31", "DF 25 01 33"), "sex");
        assertMalformed(replace(SpecSamples.BASIC4_EXAMPLE_HEX, "E8 A6 8B", "E8 A6 FF"), "UTF-8");
    }

    private static byte[] withName(String name) {
        return TextApEncoder.basic4(new Basic4Info(name, "東京都千代田区霞が関１－２－３", LocalDate.of(1980, 2, 17), Sex.MALE));
    }

    private static byte[] withAddress(String address) {
        return TextApEncoder.basic4(new Basic4Info("見本\u3000太郎", address, LocalDate.of(1980, 2, 17), Sex.MALE));
    }

    @Test
    void aNameOrAddressAScreenWouldShowAsGarbageIsRefusedNotShown() {
        // each one valid UTF-8: the text itself is what a screen must never show
        assertMalformed(withName("見本\u0000太郎"), "control character U+0000");
        assertMalformed(withName("見本\n太郎"), "control character U+000A");
        assertMalformed(withName("見本\u0085太郎"), "control character U+0085");
        assertMalformed(withName("見本\u202E郎太"), "format character U+202E"); // right-to-left override
        assertMalformed(withName("見本\u200B太郎"), "format character U+200B"); // zero-width space
        assertMalformed(withName("見本\u2028太郎"), "line separator");
        assertMalformed(withName("見本\uFFFD太郎"), "replacement character");
        assertMalformed(withName("見本\uFFFF"), "noncharacter");
        assertMalformed(withAddress("東京都\u001B[2J千代田区"), "address (DF23) holds a control character U+001B");
        CardException e = assertThrows(CardException.class, () -> TextApParser.parseBasic4(withName("見本\u0007太郎")));
        assertFalse(e.getMessage().contains("見本"), "the detail names the field, never the text: " + e.getMessage());
    }

    @Test
    void absurdlyLongNamesAndAddressesAreRefusedLongRealOnesAreRead() throws CardException {
        String longestName = "見".repeat(TextApParser.MAX_NAME_CHARACTERS);
        assertEquals(longestName, TextApParser.parseBasic4(withName(longestName)).name());
        assertMalformed(withName(longestName + "本"), "name (DF22) has 201 characters, more than 200");
        String longestAddress = "１".repeat(TextApParser.MAX_ADDRESS_CHARACTERS);
        assertEquals(longestAddress, TextApParser.parseBasic4(withAddress(longestAddress)).address());
        assertMalformed(withAddress(longestAddress + "２"), "address (DF23) has 401 characters, more than 400");
        // characters beyond the BMP count as one each, as a person counts them
        String supplementary = "𠮷".repeat(TextApParser.MAX_NAME_CHARACTERS);
        assertEquals(supplementary, TextApParser.parseBasic4(withName(supplementary)).name());
    }

    private static byte[] replace(String hex, String from, String to) {
        assertTrue(hex.contains(from));
        return Hex.decode(hex.replace(from, to));
    }

    private static void assertMalformed(byte[] file, String mentions) {
        CardException e = assertThrows(CardException.class, () -> TextApParser.parseBasic4(file));
        assertEquals(CardError.MALFORMED_DATA, e.error());
        assertTrue(e.getMessage().contains(mentions), e.getMessage());
        assertFalse(e.getMessage().contains("1980"), "no personal data in messages: " + e.getMessage());
    }

    @Test
    void parsesTheNumberFileAndChecksItsDigit() throws CardException {
        byte[] file = numberFile("123456789018");
        assertEquals(17, file.length);
        IndividualNumber n = TextApParser.parseIndividualNumber(file);
        assertEquals("123456789018", n.digits());
        assertEquals("IndividualNumber[redacted]", n.toString());

        CardException bad = assertThrows(CardException.class,
                () -> TextApParser.parseIndividualNumber(numberFile("123456789019")));
        assertEquals(CardError.MALFORMED_DATA, bad.error());
        assertFalse(bad.getMessage().contains("12345"));
    }

    @Test
    void checkDigitFollowsTheOfficialRule() {
        assertTrue(IndividualNumber.isValid("123456789018"));
        assertFalse(IndividualNumber.isValid("123456789012"));
        assertFalse(IndividualNumber.isValid("12345678901"));
        assertFalse(IndividualNumber.isValid("12345678901A"));
        // remainder 0 or 1 gives check digit 0
        for (String eleven : new String[] {"00000000000", "10000000000", "00000000005"}) {
            int cd = IndividualNumber.checkDigit(eleven);
            assertTrue(cd >= 0 && cd <= 9);
            assertTrue(IndividualNumber.isValid(eleven + cd));
        }
        assertEquals(0, IndividualNumber.checkDigit("00000000000"));
        assertThrows(IllegalArgumentException.class, () -> IndividualNumber.checkDigit("0000000000"));
    }

    static byte[] numberFile(String digits) {
        byte[] tlv = Tlv.encode(MyNumberSpec.TAG_NUMBER, digits.getBytes(StandardCharsets.US_ASCII));
        byte[] file = java.util.Arrays.copyOf(tlv, 17);
        file[15] = (byte) 0xFF;
        file[16] = (byte) 0xFF;
        return file;
    }

    @Test
    void integrityHashesAreChecked() throws CardException {
        byte[] basic4 = SpecSamples.basic4Example();
        byte[] number = numberFile("123456789018");
        byte[] record = integrityRecord(TextApParser.sha256(number, 0, 17), TextApParser.sha256(basic4, 14, 95));
        assertEquals(336, record.length);
        TextApParser.IntegrityRecord parsed = TextApParser.parseIntegrity(record);
        TextApParser.checkBasic4(basic4, parsed);
        TextApParser.checkNumber(number, parsed);

        byte[] altered = basic4.clone();
        altered[94] = 0x32; // sex changed to 2
        assertEquals(CardError.INTEGRITY_MISMATCH,
                assertThrows(CardException.class, () -> TextApParser.checkBasic4(altered, parsed)).error());
        assertEquals(CardError.INTEGRITY_MISMATCH, assertThrows(CardException.class,
                () -> TextApParser.checkNumber(numberFile("000000000000"), parsed)).error());
    }

    @Test
    void malformedIntegrityRecordIsRejected() {
        byte[] shortHash = Tlv.encodeConstructed(MyNumberSpec.TAG_INTEGRITY, Tlv.encode(0xDF31, new byte[20]),
                Tlv.encode(0xDF32, new byte[32]), Tlv.encode(0xDF33, new byte[256]));
        assertEquals(CardError.MALFORMED_DATA,
                assertThrows(CardException.class, () -> TextApParser.parseIntegrity(shortHash)).error());
        byte[] missing = Tlv.encodeConstructed(MyNumberSpec.TAG_INTEGRITY, Tlv.encode(0xDF31, new byte[32]));
        assertEquals(CardError.MALFORMED_DATA,
                assertThrows(CardException.class, () -> TextApParser.parseIntegrity(missing)).error());
    }

    static byte[] integrityRecord(byte[] numberHash, byte[] basic4Hash) {
        return Tlv.encodeConstructed(MyNumberSpec.TAG_INTEGRITY, Tlv.encode(0xDF31, numberHash),
                Tlv.encode(0xDF32, basic4Hash), Tlv.encode(0xDF33, new byte[256]));
    }
}
