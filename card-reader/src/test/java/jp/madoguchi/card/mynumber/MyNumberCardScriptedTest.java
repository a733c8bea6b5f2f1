package jp.madoguchi.card.mynumber;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.Hex;
import jp.madoguchi.card.testing.ScriptedTransport;
import org.junit.jupiter.api.Test;

/** The exact APDUs the service sends, and how it reads every answer the spec lists. */
class MyNumberCardScriptedTest {
    private static final String SELECT_TEXT = "00A4040C0A D3921000310001010408";
    private static final String SELECT_JPKI = "00A4040C0A D392F000260100000001";

    @Test
    void basic4InfoFromAFreshCardTakesFiveApdus() throws CardException {
        byte[] basic4 = SpecSamples.basic4Example();
        byte[] number = TextApParserTest.numberFile("123456789018");
        byte[] integrity = TextApParserTest.integrityRecord(TextApParser.sha256(number, 0, 17),
                TextApParser.sha256(basic4, 14, 95));
        ScriptedTransport card = new ScriptedTransport()
                .expect(SELECT_TEXT, "9000")
                .expect("00200091", "63C3")                       // tries left, short EF 0011
                .expect("00200091 04 31323334", "9000")            // VERIFY "1234"
                .expect("00B08200 001000", basic4, 0x9000)          // extended read, whole file
                .expect("00B08300 001000", integrity, 0x9000);
        MyNumberCard service = new MyNumberCard(card);
        service.selectTextAp();
        assertEquals(new PinStatus.TriesLeft(3), service.pinStatus(PinKind.TEXT));
        char[] pin = "1234".toCharArray();
        assertEquals(new PinResult.Verified(), service.verify(PinKind.TEXT, pin));
        Basic4Info info = service.readBasic4Info();
        assertEquals("見本\u3000太郎", info.name());
        card.assertDone();
        assertEquals(5, card.sent().size());
    }

    @Test
    void withoutExtendedLengthReadsFollowTheHeader() throws CardException {
        byte[] cert = new byte[4 + 600];
        cert[0] = 0x30;
        cert[1] = (byte) 0x82;
        cert[2] = 0x02;
        cert[3] = 0x58;
        ScriptedTransport card = new ScriptedTransport()
                .expect(SELECT_JPKI, "9000")
                .expect("00B08A0000", Arrays.copyOfRange(cert, 0, 256), 0x9000)
                .expect("00B0010000", Arrays.copyOfRange(cert, 256, 512), 0x9000)
                .expect("00B002005C", Arrays.copyOfRange(cert, 512, 604), 0x9000);
        MyNumberCard service = new MyNumberCard(card, false);
        CardException e = assertThrows(CardException.class, () -> service.readCertificate(CertificateSlot.AUTHENTICATION));
        assertEquals(CardError.MALFORMED_DATA, e.error(), "604 zero-filled bytes are not a certificate");
        card.assertDone();
    }

    @Test
    void aFileShorterThanItsHeaderIsMalformedNotALoop() {
        byte[] head = new byte[256];
        head[0] = 0x30;
        head[1] = (byte) 0x82;
        head[2] = 0x04;
        head[3] = 0x00;
        ScriptedTransport card = new ScriptedTransport()
                .expect(SELECT_JPKI, "9000")
                .expect("00B08B0000", head, 0x9000)
                .expect("00B0010000", "6B00");
        MyNumberCard service = new MyNumberCard(card, false);
        CardException e = assertThrows(CardException.class, () -> service.readCertificate(CertificateSlot.AUTHENTICATION_CA));
        assertEquals(CardError.MALFORMED_DATA, e.error());
        assertTrue(e.getMessage().contains("ended after 256 bytes"), e.getMessage());
    }

    @Test
    void pinAnswersMapToOutcomes() throws CardException {
        ScriptedTransport card = new ScriptedTransport()
                .expect(SELECT_JPKI, "9000")
                .expect("00200098 04 30303030", "63C2")
                .expect("00200098 04 30303030", "63C1")
                .expect("00200098 04 30303030", "63C0")
                .expect("00200098 04 30303030", "6984")
                .expect("00200098", "6984")
                .expect("0020009B", "63C5")
                .expect("0020009B", "9000");
        MyNumberCard service = new MyNumberCard(card);
        char[] wrong = "0000".toCharArray();
        assertEquals(new PinResult.Wrong(2), service.verify(PinKind.AUTHENTICATION, wrong));
        assertEquals(new PinResult.Wrong(1), service.verify(PinKind.AUTHENTICATION, wrong));
        assertEquals(new PinResult.Blocked(), service.verify(PinKind.AUTHENTICATION, wrong), "63C0 used the last try");
        assertEquals(new PinResult.Blocked(), service.verify(PinKind.AUTHENTICATION, wrong));
        assertEquals(new PinStatus.Blocked(), service.pinStatus(PinKind.AUTHENTICATION));
        assertEquals(new PinStatus.TriesLeft(5), service.pinStatus(PinKind.SIGNATURE));
        assertEquals(new PinStatus.AlreadyVerified(), service.pinStatus(PinKind.SIGNATURE));
        assertTrue(service.isVerified(PinKind.SIGNATURE));
        card.assertDone();
    }

    @Test
    void signaturePasswordIsUpperCasedAndBadFormatsCostNoTry() throws CardException {
        ScriptedTransport card = new ScriptedTransport()
                .expect(SELECT_JPKI, "9000")
                .expect("0020009B 06 414243313233", "9000");
        MyNumberCard service = new MyNumberCard(card);
        assertEquals(new PinResult.Verified(), service.verify(PinKind.SIGNATURE, "abc123".toCharArray()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> service.verify(PinKind.SIGNATURE, "ab-12".toCharArray()));
        assertFalse(e.getMessage().contains("ab-12"));
        assertThrows(IllegalArgumentException.class, () -> service.verify(PinKind.TEXT, "12a4".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> service.verify(PinKind.TEXT, "12345".toCharArray()));
        card.assertDone();
    }

    @Test
    void signingSelectsTheKeyAndSendsTheDigestInfo() throws CardException {
        byte[] hash = new byte[32];
        Arrays.fill(hash, (byte) 0xAB);
        String digestInfo = "3031300D060960864801650304020105000420" + Hex.encode(hash);
        ScriptedTransport card = new ScriptedTransport()
                .expect(SELECT_JPKI, "9000")
                .expect("0020009B 06 414243313233", "9000")
                .expect("00A4020C02001A", "9000")
                .expect("802A0080 33 " + digestInfo + " 00", new byte[256], 0x9000);
        MyNumberCard service = new MyNumberCard(card);
        service.verify(PinKind.SIGNATURE, "ABC123".toCharArray());
        assertEquals(256, service.signSha256(KeyKind.SIGNATURE, hash).length);
        card.assertDone();
    }

    @Test
    void everyErrorStatusIsTyped() {
        int[][] cases = {
            {0x6982, CardError.SECURITY_STATUS_NOT_SATISFIED.ordinal()},
            {0x6984, CardError.PIN_BLOCKED.ordinal()},
            {0x6A82, CardError.FILE_NOT_FOUND.ordinal()},
            {0x6B00, CardError.END_OF_FILE.ordinal()},
            {0x6700, CardError.WRONG_LENGTH.ordinal()},
            {0x6A86, CardError.WRONG_PARAMETERS.ordinal()},
            {0x6985, CardError.WRONG_PARAMETERS.ordinal()},
            {0x6D00, CardError.INS_NOT_SUPPORTED.ordinal()},
            {0x6E00, CardError.CLA_NOT_SUPPORTED.ordinal()},
            {0x6881, CardError.LOGICAL_CHANNEL_NOT_SUPPORTED.ordinal()},
            {0x6F00, CardError.UNEXPECTED_STATUS.ordinal()},
        };
        for (int[] c : cases) {
            CardException e = MyNumberCard.statusError(c[0], "READ BINARY");
            assertEquals(CardError.values()[c[1]], e.error(), Integer.toHexString(c[0]));
            assertEquals(c[0], e.statusWord().orElseThrow());
            assertFalse(e.localizedMessage(java.util.Locale.JAPANESE).startsWith("card."), "a Japanese text exists");
            assertFalse(e.localizedMessage(java.util.Locale.ENGLISH).startsWith("card."), "an English text exists");
        }
    }

    @Test
    void readingBeforeThePinIsSecurityStatusNotSatisfied() {
        ScriptedTransport card = new ScriptedTransport()
                .expect(SELECT_TEXT, "9000")
                .expect("00B08200 001000", "6982");
        MyNumberCard service = new MyNumberCard(card);
        assertEquals(CardError.SECURITY_STATUS_NOT_SATISFIED,
                assertThrows(CardException.class, service::readBasic4Info).error());
    }

    @Test
    void aCardWithoutJpkiIsNotAMyNumberCard() {
        ScriptedTransport card = new ScriptedTransport().expect(SELECT_JPKI, "6A82");
        CardException e = assertThrows(CardException.class, () -> new MyNumberCard(card).selectJpki());
        assertEquals(CardError.NOT_A_MY_NUMBER_CARD, e.error());
    }

    @Test
    void removalMidReadSurfacesAsCardRemovedAndForgetsTheSelection() throws CardException {
        ScriptedTransport card = new ScriptedTransport()
                .expect(SELECT_TEXT, "9000")
                .expect("00200091 04 31323334", "9000")
                .expectFailure("00B08200 001000", new CardException(CardError.CARD_REMOVED, "card pulled"))
                .expect(SELECT_TEXT, "9000")
                .expect("00B08200 001000", "6982");
        MyNumberCard service = new MyNumberCard(card);
        service.verify(PinKind.TEXT, "1234".toCharArray());
        assertEquals(CardError.CARD_REMOVED, assertThrows(CardException.class, service::readBasic4Info).error());
        assertFalse(service.isVerified(PinKind.TEXT), "a pulled card has lost its verified PIN");
        CardException again = assertThrows(CardException.class, service::readBasic4Info);
        assertEquals(CardError.SECURITY_STATUS_NOT_SATISFIED, again.error(), "the next read selects afresh");
        card.assertDone();
    }

    @Test
    void tokenLabelIsTrimmed() throws CardException {
        byte[] info = new byte[160];
        Arrays.fill(info, 0, 32, (byte) ' ');
        System.arraycopy("JPKIAPICCTOKEN2".getBytes(), 0, info, 0, 15);
        ScriptedTransport card = new ScriptedTransport()
                .expect(SELECT_JPKI, "9000")
                .expect("00B08600A0", info, 0x9000);
        assertEquals("JPKIAPICCTOKEN2", new MyNumberCard(card).readTokenLabel());
    }
}
