package jp.madoguchi.card.emulator;

import static jp.madoguchi.card.emulator.Apdus.dataOf;
import static jp.madoguchi.card.emulator.Apdus.hex;
import static jp.madoguchi.card.emulator.Apdus.swOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.CommandApdu;
import jp.madoguchi.card.apdu.ResponseApdu;
import jp.madoguchi.card.mynumber.MyNumberSpec;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.TextApEncoder;
import jp.madoguchi.card.tlv.Tlv;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmulatedMyNumberCardTest {
    static final String SELECT_JPKI = "00A4040C0AD392F000260100000001";
    static final String SELECT_TEXT = "00A4040C0AD3921000310001010408";
    static final String SELECT_SURFACE = "00A4040C0AD3921000310001010402";
    static final String SELECT_JUKI = "00A4040C0AD3921000310001010401";
    static final String VERIFY_CURRENT = "00200080";
    /** PIN "1234" as ASCII with its Lc. */
    static final String PIN_1234 = "0431323334";
    static final String PIN_9999 = "0439393939";
    /** "ABC123" with its Lc. */
    static final String PASSWORD_ABC123 = "06414243313233";
    static final String PASSWORD_WRONG = "06414243313234";

    private EmulatedMyNumberCard card;

    @BeforeEach
    void insertDefaultCard() {
        card = TestCredentials.card("default");
    }

    private byte[] send(String command) throws CardException {
        return card.transmit(hex(command));
    }

    private String sw(String command) throws CardException {
        return swOf(send(command));
    }

    private static String selectEf(int fileId) {
        return String.format("00A4020C02%04X", fileId);
    }

    /** Reads a whole EF with one extended READ BINARY (Le 00 00 00 = up to 65536 bytes). */
    private byte[] readWholeCurrentEf() throws CardException {
        byte[] response = send("00B00000000000");
        assertEquals("9000", swOf(response));
        return dataOf(response);
    }

    private static byte[] der(java.security.cert.X509Certificate certificate) throws Exception {
        return certificate.getEncoded();
    }

    private static byte[] sha256DigestInfo(byte[] message) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(message);
        byte[] digestInfo = Arrays.copyOf(MyNumberSpec.DIGEST_INFO_SHA256, MyNumberSpec.DIGEST_INFO_SHA256.length + 32);
        System.arraycopy(hash, 0, digestInfo, MyNumberSpec.DIGEST_INFO_SHA256.length, 32);
        return digestInfo;
    }

    private static String signCommand(byte[] data) {
        return "802A0080" + String.format("%02X", data.length) + hex(data) + "00";
    }

    @Test
    void answersTheContactAtr() {
        assertEquals("3BDA13FF8131FB468012392F31C173C601C03B", hex(card.atr()));
    }

    @Nested
    class Selection {
        @ParameterizedTest
        @ValueSource(strings = {SELECT_JPKI, SELECT_TEXT, SELECT_SURFACE, SELECT_JUKI,
            "00A404000AD392F000260100000001", "00A4040C0AD392F00026010000000100"})
        void knownApplicationsAreSelectable(String select) throws Exception {
            byte[] response = send(select);
            assertEquals("9000", hex(response), "no FCI is returned");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "00A4040C07A0000003080000",        // a 7-byte AID
            "00A4040C09A00000030800001000",    // PIV
            "00A4040C06D27600012401",          // OpenPGP
            "00A4040C0AD392F000260100000002",  // JPKI AID with a different last byte
            "00A4040C05D392F00026"})           // a prefix of the JPKI AID
        void foreignApplicationsAreNotFound(String select) throws Exception {
            assertEquals("6A82", sw(select));
        }

        @Test
        void efSelectionNeedsAnApplicationAndAFileThatExistsInIt() throws Exception {
            assertEquals("6A82", sw(selectEf(0x000A)), "no AP selected");
            assertEquals("9000", sw(SELECT_JPKI));
            assertEquals("6A82", sw(selectEf(0x0011)), "the text PIN is not in the JPKI-AP");
            assertEquals("6A82", sw(selectEf(0x0003)));
            assertEquals("6A82", sw(selectEf(0x2F00)));
            assertEquals("9000", sw(selectEf(0x000A)));
            assertEquals("9000", sw("00A4020002000A"), "P2 00 is accepted too");
            assertEquals("9000", sw(SELECT_SURFACE));
            assertEquals("6A82", sw(selectEf(0x0001)), "the card-surface AP has no files the booth uses");
            assertEquals("9000", sw(SELECT_JUKI));
            assertEquals("6A82", sw(selectEf(0x0001)));
        }

        @Test
        void wrongSelectParametersAndLengths() throws Exception {
            assertEquals("6A86", sw("00A4000C023F00"), "select by FID from MF is not supported");
            assertEquals("6A86", sw("00A404040AD392F000260100000001"), "P2 04 is not a SELECT option");
            assertEquals("9000", sw(SELECT_JPKI));
            assertEquals("6700", sw("00A4020C01 0A"), "a file id is two bytes");
            assertEquals("6700", sw("00A4020C03 000A00"));
            assertEquals("6700", sw("00A4040C"), "SELECT by AID without an AID");
        }

        @Test
        void failedSelectionKeepsTheCurrentStateAndVerifiedPins() throws Exception {
            sw(SELECT_JPKI);
            sw(selectEf(MyNumberSpec.EF_JPKI_SIGN_PIN));
            assertEquals("9000", sw(VERIFY_CURRENT + PASSWORD_ABC123));
            assertEquals("6A82", sw("00A4040C06D27600012401"));
            assertEquals("6A82", sw(selectEf(0x1234)));
            assertEquals("9000", sw(selectEf(MyNumberSpec.EF_JPKI_SIGN_CERT)));
            assertEquals("9000", swOf(send("00B0000004")));
        }
    }

    @Nested
    class ClassAndInstruction {
        @ParameterizedTest
        @ValueSource(strings = {"01A4040C0AD392F000260100000001", "03B0000004", "0220008004 31323334", "812A008002 0102 00"})
        void logicalChannelsOtherThanZeroAreRefused(String command) throws Exception {
            assertEquals("6881", sw(command));
        }

        @ParameterizedTest
        @ValueSource(strings = {"A0A4040C0AD392F000260100000001", "0CB0000004", "FFCA000000", "90B0000004", "84B0000004"})
        void unknownClassesAreRefused(String command) throws Exception {
            assertEquals("6E00", sw(command));
        }

        @ParameterizedTest
        @ValueSource(strings = {"00CA010000", "00CA9F7F00", "00CB3FFF055C035FC10200", "0084000008", "00C0000000",
            "002A9E9A03010203", "80A4040C0AD392F000260100000001", "80B0000004"})
        void unknownInstructionsAndGetDataProbesAreRefused(String command) throws Exception {
            sw(SELECT_JPKI);
            assertEquals("6D00", sw(command));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "00", "00A4", "00A404", "00A4040C0BD392F000260100000001",
            "00A4040C08D392F000260100000001", "00B000000000", "0020008005313233", "00B0000000000000AA"})
        void malformedLengthsAnswer6700(String command) throws Exception {
            assertEquals("6700", sw(command));
        }

        @Test
        void aCommandToAnUnpoweredCardFails() throws Exception {
            card.powerOff();
            assertFalse(card.isPowered());
            CardException e = assertThrows(CardException.class, () -> send(SELECT_JPKI));
            assertEquals(CardError.COMMUNICATION, e.error());
            card.powerOn();
            assertEquals("9000", sw(SELECT_JPKI));
        }
    }

    @Nested
    class JpkiFiles {
        @BeforeEach
        void selectJpki() throws Exception {
            assertEquals("9000", sw(SELECT_JPKI));
        }

        @Test
        void freeCertificatesAreReadWithOneExtendedReadBinary() throws Exception {
            IssuedCredentials issued = TestCredentials.issued();
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_CERT));
            assertArrayEquals(der(issued.authenticationCertificate()), readWholeCurrentEf());
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_CA_CERT));
            assertArrayEquals(der(issued.authenticationCaCertificate()), readWholeCurrentEf());
            sw(selectEf(MyNumberSpec.EF_JPKI_SIGN_CA_CERT));
            assertArrayEquals(der(issued.signatureCaCertificate()), readWholeCurrentEf());
        }

        @Test
        void tokenInfoIsTheSpacePaddedLabelThenZeros() throws Exception {
            sw(selectEf(MyNumberSpec.EF_JPKI_TOKEN_INFO));
            byte[] response = send("00B0000000");
            assertEquals("9000", swOf(response));
            byte[] info = dataOf(response);
            assertEquals(160, info.length, "Le 00 asks for 256; the file has 160");
            assertEquals("JPKIAPICCTOKEN2                 ", new String(info, 0, 32, StandardCharsets.US_ASCII));
            for (int i = 32; i < 160; i++) {
                assertEquals(0, info[i], "byte " + i);
            }
        }

        @Test
        void certificatePresenceFlags() throws Exception {
            sw(selectEf(MyNumberSpec.EF_JPKI_CERT_PRESENCE));
            assertEquals("8F8F009000", hex(send("00B0000000")));
        }

        @Test
        void readsByOffsetStopAtTheEndOfTheFile() throws Exception {
            byte[] certificate = der(TestCredentials.issued().authenticationCertificate());
            int length = certificate.length;
            assertTrue(length > 300, "needs a 15-bit offset above 255");
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_CERT));

            byte[] head = send("00B0000004");
            assertEquals(hex(Arrays.copyOf(certificate, 4)) + "9000", hex(head));
            assertEquals("3082", hex(head).substring(0, 4), "a DER certificate header");

            byte[] at256 = send("00B0010010");
            assertEquals(hex(Arrays.copyOfRange(certificate, 256, 272)) + "9000", hex(at256));

            String lastThreeOffset = String.format("%04X", length - 3);
            byte[] overlap = send("00B0" + lastThreeOffset + "10");
            assertEquals(hex(Arrays.copyOfRange(certificate, length - 3, length)) + "9000", hex(overlap));

            assertEquals("6B00", sw("00B0" + String.format("%04X", length) + "01"), "at the end");
            assertEquals("6B00", sw("00B07FFF01"), "past the end");
        }

        @Test
        void extendedLeBelowTheFileLengthReadsExactlyThatMuch() throws Exception {
            byte[] certificate = der(TestCredentials.issued().authenticationCertificate());
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_CERT));
            byte[] response = send("00B00000000120");
            assertEquals("9000", swOf(response));
            assertArrayEquals(Arrays.copyOf(certificate, 0x120), dataOf(response));

            ResponseApdu viaBuilder = card.transmit(CommandApdu.of(0x00, 0xB0, 0x00, 0x00, null, 65536));
            assertArrayEquals(certificate, viaBuilder.data());
        }

        @Test
        void shortEfReadSelectsTheFile() throws Exception {
            byte[] certificate = der(TestCredentials.issued().authenticationCertificate());
            byte[] first = send("00B08A0004");
            assertEquals(hex(Arrays.copyOf(certificate, 4)) + "9000", hex(first));
            byte[] next = send("00B0000404");
            assertEquals(hex(Arrays.copyOfRange(certificate, 4, 8)) + "9000", hex(next), "EF 000A is now current");
            assertEquals("8F8F009000", hex(send("00B0880000")));
            assertEquals("6A82", sw("00B0850000"), "no EF with short id 05 in the JPKI-AP");
            assertEquals("6A86", sw("00B0800000"), "short id 0 is not a file");
            assertEquals("6A86", sw("00B0A80000"), "bits 7-6 of P1 must be 0");
        }

        @Test
        void readBinaryNeedsACurrentEfAndAnLe() throws Exception {
            assertEquals("6986", sw("00B0000004"));
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_CERT));
            assertEquals("6700", sw("00B00000"), "no Le");
            assertEquals("6700", sw("00B0000001AA"), "data where none belongs");
        }

        @ParameterizedTest
        @ValueSource(ints = {MyNumberSpec.EF_JPKI_AUTH_KEY, MyNumberSpec.EF_JPKI_SIGN_KEY,
            MyNumberSpec.EF_JPKI_AUTH_PIN, MyNumberSpec.EF_JPKI_SIGN_PIN})
        void keysAndPinsAreNeverReadable(int fileId) throws Exception {
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_PIN));
            sw(VERIFY_CURRENT + PIN_1234);
            sw(selectEf(MyNumberSpec.EF_JPKI_SIGN_PIN));
            sw(VERIFY_CURRENT + PASSWORD_ABC123);
            assertEquals("9000", sw(selectEf(fileId)));
            assertEquals("6982", sw("00B0000000"));
            assertEquals("6982", sw(String.format("00B0%02X0000", 0x80 | (fileId & 0x1F))));
        }

        @Test
        void signatureCertificateNeedsTheSignaturePassword() throws Exception {
            sw(selectEf(MyNumberSpec.EF_JPKI_SIGN_CERT));
            assertEquals("6982", sw("00B0000004"));
            assertEquals("6982", sw("00B0810004"));
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_PIN));
            assertEquals("9000", sw(VERIFY_CURRENT + PIN_1234));
            sw(selectEf(MyNumberSpec.EF_JPKI_SIGN_CERT));
            assertEquals("6982", sw("00B0000004"), "the auth PIN does not open the signature certificate");
            sw(selectEf(MyNumberSpec.EF_JPKI_SIGN_PIN));
            assertEquals("9000", sw(VERIFY_CURRENT + PASSWORD_ABC123));
            sw(selectEf(MyNumberSpec.EF_JPKI_SIGN_CERT));
            assertArrayEquals(der(TestCredentials.issued().signatureCertificate()), readWholeCurrentEf());
        }

        @Test
        void reselectingAnApplicationDropsEveryVerifiedPin() throws Exception {
            sw(selectEf(MyNumberSpec.EF_JPKI_SIGN_PIN));
            assertEquals("9000", sw(VERIFY_CURRENT + PASSWORD_ABC123));
            assertTrue(card.isVerified(PinKind.SIGNATURE));
            assertEquals("9000", sw(SELECT_JPKI));
            assertFalse(card.isVerified(PinKind.SIGNATURE));
            sw(selectEf(MyNumberSpec.EF_JPKI_SIGN_CERT));
            assertEquals("6982", sw("00B0000004"));

            sw(selectEf(MyNumberSpec.EF_JPKI_SIGN_PIN));
            assertEquals("9000", sw(VERIFY_CURRENT + PASSWORD_ABC123));
            assertEquals("9000", sw(SELECT_TEXT));
            assertEquals("9000", sw(SELECT_JPKI));
            assertEquals("6982", sw("00B0810004"));
        }

        @Test
        void readBinaryWithoutACurrentEfAfterReselection() throws Exception {
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_CERT));
            assertEquals("9000", sw("00B0000001"));
            sw(SELECT_JPKI);
            assertEquals("6986", sw("00B0000001"), "selecting an AP clears the current EF");
        }
    }

    @Nested
    class Pins {
        @BeforeEach
        void selectJpki() throws Exception {
            sw(SELECT_JPKI);
        }

        @Test
        void wrongAuthPinsCountDownTo63C0ThenBlockForever() throws Exception {
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_PIN));
            assertEquals("63C2", sw(VERIFY_CURRENT + PIN_9999));
            assertEquals("63C1", sw(VERIFY_CURRENT + PIN_9999));
            assertEquals("63C0", sw(VERIFY_CURRENT + PIN_9999));
            assertEquals(0, card.triesLeft(PinKind.AUTHENTICATION));
            for (int i = 0; i < 3; i++) {
                assertEquals("6984", sw(VERIFY_CURRENT + PIN_9999));
                assertEquals("6984", sw(VERIFY_CURRENT + PIN_1234), "even the right PIN");
                assertEquals("6984", sw(VERIFY_CURRENT), "the query too");
            }
            card.powerOff();
            card.powerOn();
            sw(SELECT_JPKI);
            assertEquals("6984", sw("0020009804" + "31323334"));
        }

        @Test
        void wrongSignaturePasswordsHaveFiveTries() throws Exception {
            sw(selectEf(MyNumberSpec.EF_JPKI_SIGN_PIN));
            assertEquals("63C5", sw(VERIFY_CURRENT));
            for (int left = 4; left >= 0; left--) {
                assertEquals("63C" + left, sw(VERIFY_CURRENT + PASSWORD_WRONG));
            }
            assertEquals("6984", sw(VERIFY_CURRENT + PASSWORD_ABC123));
            assertEquals("6984", sw(VERIFY_CURRENT));
            assertEquals(3, card.triesLeft(PinKind.AUTHENTICATION), "other PINs are untouched");
        }

        @Test
        void signaturePasswordIsComparedExactlyAsSent() throws Exception {
            sw(selectEf(MyNumberSpec.EF_JPKI_SIGN_PIN));
            assertEquals("63C4", sw(VERIFY_CURRENT + "06616263313233"), "lower case is not upper-cased by the card");
            assertEquals("63C3", sw(VERIFY_CURRENT + "0741424331323300"), "no padding");
            assertEquals("9000", sw(VERIFY_CURRENT + PASSWORD_ABC123));
        }

        @Test
        void triesLeftQueryDoesNotSpendATry() throws Exception {
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_PIN));
            for (int i = 0; i < 5; i++) {
                assertEquals("63C3", sw(VERIFY_CURRENT));
            }
            assertEquals(3, card.triesLeft(PinKind.AUTHENTICATION));
            assertEquals("63C2", sw(VERIFY_CURRENT + PIN_9999));
            assertEquals("63C2", sw(VERIFY_CURRENT));
            assertEquals("63C2", sw(VERIFY_CURRENT));
            assertEquals(2, card.triesLeft(PinKind.AUTHENTICATION));
        }

        @Test
        void correctPinResetsTheCounterAndTheQueryThenAnswers9000() throws Exception {
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_PIN));
            assertEquals("63C2", sw(VERIFY_CURRENT + PIN_9999));
            assertEquals("63C1", sw(VERIFY_CURRENT + PIN_9999));
            assertEquals("9000", sw(VERIFY_CURRENT + PIN_1234));
            assertEquals(3, card.triesLeft(PinKind.AUTHENTICATION));
            assertEquals("9000", sw(VERIFY_CURRENT), "already verified in this selection");
            sw(SELECT_JPKI);
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_PIN));
            assertEquals("63C3", sw(VERIFY_CURRENT), "a new selection forgets the PIN");
        }

        @Test
        void aWrongPinEndsAnEarlierVerification() throws Exception {
            sw(selectEf(MyNumberSpec.EF_JPKI_SIGN_PIN));
            assertEquals("9000", sw(VERIFY_CURRENT + PASSWORD_ABC123));
            assertEquals("63C4", sw(VERIFY_CURRENT + PASSWORD_WRONG));
            assertFalse(card.isVerified(PinKind.SIGNATURE));
            assertEquals("6982", sw("00B0810004"));
        }

        @Test
        void countersSurvivePowerOffAndResetButVerificationDoesNot() throws Exception {
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_PIN));
            assertEquals("63C2", sw(VERIFY_CURRENT + PIN_9999));
            sw(selectEf(MyNumberSpec.EF_JPKI_SIGN_PIN));
            assertEquals("9000", sw(VERIFY_CURRENT + PASSWORD_ABC123));

            card.powerOff();
            card.powerOn();
            assertEquals("6986", sw("00B0000001"), "no selection after power-on");
            assertEquals("9000", sw(SELECT_JPKI));
            assertEquals("63C2", sw("00200098"));
            assertEquals("63C5", sw("0020009B"), "the signature password is no longer verified");

            assertEquals("63C1", sw("0020009804 39393939"));
            card.reset();
            sw(SELECT_JPKI);
            assertEquals("63C1", sw("00200098"));
            assertEquals(1, card.triesLeft(PinKind.AUTHENTICATION));
        }

        @Test
        void shortFormVerifyNeedsNoEfSelection() throws Exception {
            assertEquals("63C3", sw("00200098"));
            assertEquals("9000", sw("0020009804 31323334"));
            assertTrue(card.isVerified(PinKind.AUTHENTICATION));
            assertEquals("63C5", sw("0020009B"));
            assertEquals("6986", sw("00B0000001"), "short-form VERIFY does not make the PIN EF current");
            sw(SELECT_TEXT);
            assertEquals("63C3", sw("00200091"));
            assertEquals("9000", sw("0020009104 31323334"));
            assertTrue(card.isVerified(PinKind.TEXT));
        }

        @Test
        void verifyNeedsAPinReference() throws Exception {
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_CERT));
            assertEquals("6A88", sw(VERIFY_CURRENT + PIN_1234), "the current EF is not a PIN");
            assertEquals("6A88", sw("00200091" + PIN_1234), "the text PIN is not in the JPKI-AP");
            assertEquals("6A88", sw("0020008A" + PIN_1234), "EF 000A is not a PIN");
            card.reset();
            assertEquals("6A88", sw(VERIFY_CURRENT + PIN_1234), "no AP selected");
            assertEquals("6A88", sw("00200098"), "no AP selected");
            assertEquals(3, card.triesLeft(PinKind.AUTHENTICATION));
        }

        @Test
        void verifyParametersAndLengths() throws Exception {
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_PIN));
            assertEquals("6A86", sw("00200180" + PIN_1234));
            assertEquals("6A86", sw("00200000" + PIN_1234));
            assertEquals("6A86", sw("002000A0" + PIN_1234));
            assertEquals("6700", sw("00200080" + PIN_1234 + "00"), "VERIFY has no Le");
            assertEquals("6700", sw("0020008000"), "a lone Le is not a query");
            assertEquals(3, card.triesLeft(PinKind.AUTHENTICATION));
        }

        @Test
        void blockedPersonaAnswers6984ToEverything() throws Exception {
            card = TestCredentials.card("pin-blocked");
            sw(SELECT_JPKI);
            assertEquals("6984", sw("00200098"));
            assertEquals("6984", sw("0020009804 31323334"));
            assertEquals("63C5", sw("0020009B"), "the signature password is not blocked");
            sw(SELECT_TEXT);
            assertEquals("6984", sw("00200091"));
            assertEquals("6984", sw("0020009104 31323334"));
        }

        @Test
        void signatureBlockedPersonaStillHasItsPins() throws Exception {
            card = TestCredentials.card("signature-blocked");
            sw(SELECT_JPKI);
            assertEquals("6984", sw("0020009B"));
            assertEquals("6984", sw("0020009B" + PASSWORD_ABC123));
            assertEquals("9000", sw("00200098" + PIN_1234));
        }

        @Test
        void oneTryLeftPersonaBlocksOnTheNextWrongPin() throws Exception {
            card = TestCredentials.card("pin-one-try");
            sw(SELECT_JPKI);
            assertEquals("63C1", sw("00200098"));
            assertEquals("63C0", sw("00200098" + PIN_9999));
            assertEquals("6984", sw("00200098" + PIN_1234));
            sw(SELECT_TEXT);
            assertEquals("63C1", sw("00200091"));
            assertEquals("9000", sw("00200091" + PIN_1234));
            assertEquals(3, card.triesLeft(PinKind.TEXT), "a correct PIN restores the full count");
        }
    }

    @Nested
    class TextAp {
        @BeforeEach
        void selectText() throws Exception {
            assertEquals("9000", sw(SELECT_TEXT));
        }

        @ParameterizedTest
        @ValueSource(ints = {MyNumberSpec.EF_TEXT_NUMBER, MyNumberSpec.EF_TEXT_BASIC4, MyNumberSpec.EF_TEXT_INTEGRITY})
        void filesNeedTheTextPin(int fileId) throws Exception {
            assertEquals("9000", sw(selectEf(fileId)));
            assertEquals("6982", sw("00B0000000"));
            assertEquals("6982", sw(String.format("00B0%02X0000", 0x80 | fileId)));
        }

        @Test
        void theJpkiPinsDoNotOpenTheTextAp() throws Exception {
            sw(SELECT_JPKI);
            sw("00200098" + PIN_1234);
            sw(SELECT_TEXT);
            assertEquals("6982", sw("00B0820000"));
        }

        @Test
        void afterThePinTheFilesHoldTheSpecEncoding() throws Exception {
            sw(selectEf(MyNumberSpec.EF_TEXT_PIN));
            assertEquals("9000", sw(VERIFY_CURRENT + PIN_1234));

            assertEquals("FF100C313233343536373839303138FFFF9000", hex(send("00B0810000")));
            byte[] basic4 = send("00B0820000");
            assertEquals("FF205CDF2108000E00200050005B", hex(basic4).substring(0, 28));
            assertEquals(95 + 2, basic4.length);
            assertEquals("9000", swOf(basic4));
            assertArrayEquals(TextApEncoder.basic4(Personas.builtIn("default").basic4()), dataOf(basic4));

            byte[] integrity = send("00B0830000");
            assertEquals("9000", swOf(integrity));
            assertEquals(256, dataOf(integrity).length, "Le 00 gives 256 of the 336 bytes");
            byte[] rest = send("00B0010000");
            byte[] record = new byte[336];
            System.arraycopy(dataOf(integrity), 0, record, 0, 256);
            System.arraycopy(dataOf(rest), 0, record, 256, 80);
            assertEquals(80, dataOf(rest).length);

            List<Tlv> children = Tlv.parseExact(record).children();
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            assertArrayEquals(sha256.digest(TextApEncoder.individualNumber("123456789018")), children.get(0).value());
            assertArrayEquals(sha256.digest(Arrays.copyOfRange(dataOf(basic4), 14, 95)), children.get(1).value());
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(TestCredentials.integrityIssuer().getPublic());
            verifier.update(Arrays.copyOfRange(record, 5, 75));
            assertTrue(verifier.verify(children.get(2).value()));
        }

        @Test
        void longAddressPersonaServesAnFf20WithALongLength() throws Exception {
            card = TestCredentials.card("long-address");
            sw(SELECT_TEXT);
            sw("00200091" + "0432343638");
            byte[] response = send("00B08200" + "00");
            assertEquals("9000", swOf(response));
            byte[] head = dataOf(response);
            assertEquals("FF2081", hex(Arrays.copyOf(head, 3)));
            int total = Tlv.totalLengthFromHeader(head, head.length);
            byte[] file = Arrays.copyOf(head, total);
            Tlv outer = Tlv.parseExact(file);
            Tlv address = outer.child(MyNumberSpec.TAG_ADDRESS).orElseThrow();
            assertEquals(Personas.builtIn("long-address").address(),
                    new String(address.value(), StandardCharsets.UTF_8));
        }

        @Test
        void textApHasNoKeysToSignWith() throws Exception {
            sw("00200091" + PIN_1234);
            sw(selectEf(MyNumberSpec.EF_TEXT_BASIC4));
            assertEquals("6985", sw(signCommand(sha256DigestInfo(new byte[] {1}))));
        }
    }

    @Nested
    class Signing {
        @BeforeEach
        void selectJpki() throws Exception {
            sw(SELECT_JPKI);
        }

        private void verifySignature(PublicKey key, byte[] message, byte[] signature) throws Exception {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(message);
            assertTrue(verifier.verify(signature), "the card's signature verifies as SHA256withRSA");
        }

        @Test
        void authenticationKeySignsADigestInfo() throws Exception {
            byte[] message = "ログイン challenge".getBytes(StandardCharsets.UTF_8);
            assertEquals("9000", sw("00200098" + PIN_1234));
            assertEquals("9000", sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_KEY)));
            byte[] response = send(signCommand(sha256DigestInfo(message)));
            assertEquals("9000", swOf(response));
            assertEquals(256, dataOf(response).length);
            verifySignature(TestCredentials.issued().authenticationCertificate().getPublicKey(), message,
                    dataOf(response));
        }

        @Test
        void signatureKeySignsADigestInfo() throws Exception {
            byte[] message = "申請書 PDF".getBytes(StandardCharsets.UTF_8);
            assertEquals("9000", sw("0020009B" + PASSWORD_ABC123));
            assertEquals("9000", sw(selectEf(MyNumberSpec.EF_JPKI_SIGN_KEY)));
            byte[] response = send(signCommand(sha256DigestInfo(message)));
            assertEquals("9000", swOf(response));
            verifySignature(TestCredentials.issued().signatureCertificate().getPublicKey(), message, dataOf(response));
        }

        @Test
        void eachKeyNeedsItsOwnPin() throws Exception {
            byte[] digestInfo = sha256DigestInfo(new byte[] {42});
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_KEY));
            assertEquals("6982", sw(signCommand(digestInfo)), "no PIN at all");
            sw("0020009B" + PASSWORD_ABC123);
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_KEY));
            assertEquals("6982", sw(signCommand(digestInfo)), "the signature password does not unlock the auth key");

            sw(SELECT_JPKI);
            sw("00200098" + PIN_1234);
            sw(selectEf(MyNumberSpec.EF_JPKI_SIGN_KEY));
            assertEquals("6982", sw(signCommand(digestInfo)), "the auth PIN does not unlock the signature key");
        }

        @Test
        void aKeyEfMustBeCurrent() throws Exception {
            sw("00200098" + PIN_1234);
            byte[] digestInfo = sha256DigestInfo(new byte[] {42});
            assertEquals("6985", sw(signCommand(digestInfo)), "no current EF");
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_CERT));
            assertEquals("6985", sw(signCommand(digestInfo)), "a certificate is not a key");
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_PIN));
            assertEquals("6985", sw(signCommand(digestInfo)), "a PIN is not a key");
        }

        @Test
        void inputLongerThan245BytesIsAWrongLength() throws Exception {
            sw("00200098" + PIN_1234);
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_KEY));
            byte[] longest = new byte[245];
            Arrays.fill(longest, (byte) 0x5A);
            byte[] response = send(signCommand(longest));
            assertEquals("9000", swOf(response));
            assertEquals(256, dataOf(response).length);
            assertEquals("6700", sw(signCommand(new byte[246])));
            assertEquals("6700", sw("802A008000"), "no data");
            assertEquals("6700", sw("802A008003 0102"), "Lc says 3, two bytes follow");
        }

        @Test
        void signingWithoutLeIsAcceptedAndWrongParametersAreNot() throws Exception {
            sw("00200098" + PIN_1234);
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_KEY));
            byte[] digestInfo = sha256DigestInfo(new byte[] {7});
            String withoutLe = signCommand(digestInfo);
            withoutLe = withoutLe.substring(0, withoutLe.length() - 2);
            assertEquals("9000", sw(withoutLe));
            assertEquals("6A86", sw(signCommand(digestInfo).replaceFirst("^802A0080", "802A0081")));
            assertEquals("6A86", sw(signCommand(digestInfo).replaceFirst("^802A0080", "802A9E9A")));
        }

        @Test
        void theRawInputIsPaddedAsPkcs1Type1() throws Exception {
            sw("00200098" + PIN_1234);
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_KEY));
            byte[] input = {1, 2, 3, 4, 5};
            byte[] signature = dataOf(send(signCommand(input)));
            javax.crypto.Cipher rsa = javax.crypto.Cipher.getInstance("RSA/ECB/NoPadding");
            rsa.init(javax.crypto.Cipher.DECRYPT_MODE,
                    TestCredentials.issued().authenticationCertificate().getPublicKey());
            byte[] block = rsa.doFinal(signature);
            assertEquals(256, block.length);
            assertEquals(0x00, block[0]);
            assertEquals(0x01, block[1]);
            for (int i = 2; i < 256 - 6; i++) {
                assertEquals((byte) 0xFF, block[i], "padding byte " + i);
            }
            assertEquals("000102030405", hex(Arrays.copyOfRange(block, 250, 256)));
        }
    }

    @Nested
    class Statistics {
        @Test
        void countsApdusAndTheTimeSpentOnThem() throws Exception {
            assertEquals(new ProcessingStatistics(0, 0), card.processingStatistics());
            sw(SELECT_JPKI);
            sw("00200098" + PIN_1234);
            sw(selectEf(MyNumberSpec.EF_JPKI_AUTH_KEY));
            sw(signCommand(sha256DigestInfo(new byte[] {1})));
            ProcessingStatistics statistics = card.processingStatistics();
            assertEquals(4, statistics.apduCount());
            assertTrue(statistics.totalNanos() > 0);
            assertEquals(statistics.totalNanos() / 4.0, statistics.averageNanos(), 0.001);
            card.resetProcessingStatistics();
            assertEquals(0, card.processingStatistics().apduCount());
            assertEquals(0.0, card.processingStatistics().averageNanos());
        }

        @Test
        void isSafeToShareBetweenThreads() throws Exception {
            byte[] tokenInfo = new byte[160];
            Arrays.fill(tokenInfo, 0, 32, (byte) ' ');
            System.arraycopy(MyNumberSpec.TOKEN_LABEL_MYNUMBER.getBytes(StandardCharsets.US_ASCII), 0, tokenInfo, 0, 15);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int thread = 0; thread < 4; thread++) {
                    results.add(pool.submit(() -> {
                        int good = 0;
                        for (int i = 0; i < 500; i++) {
                            // every thread selects the same AP, and the short-EF read needs no current EF
                            card.transmit(hex(SELECT_JPKI));
                            byte[] response = card.transmit(hex("00B0860000"));
                            if (Arrays.equals(dataOf(response), tokenInfo) && swOf(response).equals("9000")) {
                                good++;
                            }
                        }
                        return good;
                    }));
                }
                for (Future<Integer> result : results) {
                    assertEquals(500, result.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(4 * 500 * 2, card.processingStatistics().apduCount(), "no update was lost");
        }
    }
}
