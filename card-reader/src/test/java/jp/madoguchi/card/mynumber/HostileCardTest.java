package jp.madoguchi.card.mynumber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.Hex;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.FaultPlan;
import jp.madoguchi.card.emulator.FaultPlan.Trigger;
import jp.madoguchi.card.emulator.FaultyCard;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.emulator.inprocess.EmulatedTerminals;
import jp.madoguchi.card.pcsc.CardConnection;
import jp.madoguchi.card.pcsc.Readers;
import org.junit.jupiter.api.Test;

/**
 * The card service against a hostile card (issue 9): files whose headers lie, files of absurd size, reads that
 * never end or answer more than asked, wrong status words, endless 61xx and a card that stops answering. Every
 * case ends in a typed {@link CardException} after a bounded number of commands, never a hang or an
 * out-of-memory.
 */
class HostileCardTest {
    private static final byte[] JPKI = MyNumberSpec.AID_JPKI;
    private static final byte[] TEXT = MyNumberSpec.AID_TEXT;

    private static EmulatedMyNumberCard card() {
        return EmulatedCards.create(Personas.builtIn("default"), TestAuthority.shared());
    }

    private static FaultyCard hostile(FaultPlan plan) {
        return new FaultyCard(card(), plan);
    }

    private static CardException readAuthCertificate(FaultyCard card) {
        return assertThrows(CardException.class,
                () -> new MyNumberCard(card).readCertificate(CertificateSlot.AUTHENTICATION));
    }

    private static CardException readBasic4(FaultyCard card) {
        return assertThrows(CardException.class, () -> {
            MyNumberCard service = new MyNumberCard(card);
            assertEquals(new PinResult.Verified(), service.verify(PinKind.TEXT, "1234".toCharArray()));
            service.readBasic4Info();
        });
    }

    @Test
    void aHeaderClaimingMoreThanTheFileHoldsEndsAtTheFilesEnd() {
        byte[] lying = Arrays.copyOf(Hex.decode("FF20820200 DF2108"), 60); // says 512 bytes, holds 60
        FaultyCard card = hostile(FaultPlan.builder().serveFile(TEXT, 0x0002, lying).build());
        CardException e = readBasic4(card);
        assertEquals(CardError.MALFORMED_DATA, e.error());
        assertTrue(e.getMessage().contains("ended after 60 bytes, but its header announces 517"), e.getMessage());
    }

    @Test
    void aCertificateAnnouncedAsAMegabyteIsRefusedAfterItsFirstRead() {
        byte[] megabyte = Hex.decode("308310000030"); // a 3-byte length: 1 MB
        FaultyCard card = hostile(FaultPlan.builder().endlessFile(JPKI, 0x000A, megabyte).build());
        CardException e = readAuthCertificate(card);
        assertEquals(CardError.MALFORMED_DATA, e.error());
        assertEquals(2, card.apduCount(), "SELECT and one READ BINARY");
    }

    @Test
    void theLargestFileIsReadAndOneByteMoreIsNotEvenAsked() {
        int largest = MyNumberCard.MAX_FILE_LENGTH;
        byte[] atTheLimit = new byte[largest];
        atTheLimit[0] = 0x30;
        atTheLimit[1] = (byte) 0x82;
        atTheLimit[2] = (byte) ((largest - 4) >> 8);
        atTheLimit[3] = (byte) (largest - 4);
        FaultyCard card = hostile(FaultPlan.builder().serveFile(JPKI, 0x000A, atTheLimit).build());
        long start = System.nanoTime();
        CardException read = readAuthCertificate(card);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(read.getMessage().contains("not a valid X.509 certificate"), "read in full, then parsed: " + read);
        assertEquals(3, card.apduCount(), "SELECT, the first 4096 bytes, the rest in one extended read");
        System.out.printf("largest file read: %d bytes in %d ms%n", largest, millis);

        byte[] over = Arrays.copyOf(atTheLimit, largest + 1);
        over[3] = (byte) (largest - 3);
        FaultyCard tooBig = hostile(FaultPlan.builder().serveFile(JPKI, 0x000A, over).build());
        CardException refused = readAuthCertificate(tooBig);
        assertEquals(CardError.MALFORMED_DATA, refused.error());
        assertTrue(refused.getMessage().contains("announces 16385 bytes"), refused.getMessage());
        assertEquals(2, tooBig.apduCount(), "the rest is never asked for");
    }

    @Test
    void aFileThatNeverEndsIsReadOnlyAsFarAsItsHeaderSays() throws Exception {
        EmulatedMyNumberCard emulated = card();
        X509Certificate expected = new MyNumberCard(emulated).readCertificate(CertificateSlot.AUTHENTICATION);
        FaultyCard card = new FaultyCard(emulated, FaultPlan.builder()
                .endlessFile(JPKI, 0x000A, expected.getEncoded()).build());
        X509Certificate read = new MyNumberCard(card, false).readCertificate(CertificateSlot.AUTHENTICATION);
        assertEquals(expected, read);
    }

    @Test
    void aReadAnsweringMoreBytesThanAskedIsRefused() {
        FaultyCard card = hostile(FaultPlan.builder().readBinaryLengthOffBy(1).build());
        CardException e = assertThrows(CardException.class,
                () -> new MyNumberCard(card, false).readCertificate(CertificateSlot.AUTHENTICATION));
        assertEquals(CardError.MALFORMED_DATA, e.error());
        assertTrue(e.getMessage().contains("answered 257 bytes, 256 asked"), e.getMessage());
    }

    @Test
    void aCardTricklingOutAByteAtATimeIsRefusedAfterTheReadBudget() {
        FaultyCard card = hostile(FaultPlan.builder().readBinaryLengthOffBy(-250).build());
        CardException e = assertThrows(CardException.class,
                () -> new MyNumberCard(card, false).readCertificate(CertificateSlot.AUTHENTICATION));
        assertEquals(CardError.MALFORMED_DATA, e.error());
        assertTrue(e.getMessage().contains("more than " + MyNumberCard.MAX_READS_PER_FILE + " READ BINARY"),
                e.getMessage());
        assertEquals(1 + MyNumberCard.MAX_READS_PER_FILE, card.apduCount(), "SELECT and the budget, no more");
    }

    @Test
    void wrongStatusWordsAreTypedErrors() {
        assertEquals(CardError.UNEXPECTED_STATUS, readAuthCertificate(
                hostile(FaultPlan.builder().answerStatus(Trigger.onIns(0xA4), 0x63C2).build())).error(), "63Cx to SELECT");
        assertEquals(CardError.UNEXPECTED_STATUS, readAuthCertificate(
                hostile(FaultPlan.builder().answerStatus(Trigger.onIns(0xB0), 0x6F00).build())).error());
        assertEquals(CardError.WRONG_LENGTH, readAuthCertificate(
                hostile(FaultPlan.builder().answerStatus(Trigger.onIns(0xB0), 0x6700).build())).error());
        assertEquals(CardError.MALFORMED_DATA, readAuthCertificate(
                hostile(FaultPlan.builder().answerStatus(Trigger.onIns(0xB0), 0x9000).build())).error(),
                "9000 with no data");
    }

    @Test
    void aCardSaying9000ToAWrongPinStillKeepsItsDataLocked() throws CardException {
        FaultyCard card = hostile(FaultPlan.builder().answerStatus(Trigger.onIns(0x20, 2), 0x9000).build());
        MyNumberCard service = new MyNumberCard(card);
        assertInstanceOf(PinStatus.TriesLeft.class, service.pinStatus(PinKind.TEXT));
        assertEquals(new PinResult.Verified(), service.verify(PinKind.TEXT, "9999".toCharArray()), "the card lied");
        assertEquals(CardError.SECURITY_STATUS_NOT_SATISFIED,
                assertThrows(CardException.class, service::readBasic4Info).error());
    }

    @Test
    void endless61xxEndsAfterEightRoundsThroughTheReaderAsWithJnasmartcardio() throws Exception {
        EmulatedTerminals terminals = new EmulatedTerminals();
        FaultyCard card = hostile(FaultPlan.builder().moreDataForever(Trigger.onIns(0xB0)).build());
        terminals.insert("Reader", card);
        try (CardConnection connection = new Readers(terminals.factory()).connect("Reader")) {
            CardException e = assertThrows(ExecutionException.class, () -> connection.submit(
                    transport -> new MyNumberCard(transport).readCertificate(CertificateSlot.AUTHENTICATION))
                    .get(10, TimeUnit.SECONDS)).getCause() instanceof CardException c ? c : null;
            assertEquals(CardError.UNEXPECTED_STATUS, e.error(), String.valueOf(e));
            assertEquals(1 + 8, card.apduCount(), "SELECT, the READ BINARY and 7 GET RESPONSEs");
        }
    }

    @Test
    void aCardThatStopsAnsweringIsATypedErrorAtTheDeadlineAndTheConnectionIsOfNoMoreUse() throws Exception {
        EmulatedTerminals terminals = new EmulatedTerminals();
        FaultyCard card = hostile(FaultPlan.builder().hang(Trigger.onIns(0xB0)).build());
        terminals.insert("Reader", card);
        CardConnection connection = new Readers(terminals.factory()).connect("Reader");
        Duration deadline = Duration.ofMillis(300);
        long start = System.nanoTime();
        Throwable failure = assertThrows(ExecutionException.class, () -> connection.submit(
                transport -> new MyNumberCard(transport).readCertificate(CertificateSlot.AUTHENTICATION), deadline)
                .get(10, TimeUnit.SECONDS)).getCause();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(CardError.NO_ANSWER, assertInstanceOf(CardException.class, failure).error());
        assertTrue(millis >= 300 && millis < 5000, millis + " ms");
        System.out.printf("a hanging card: typed error (NO_ANSWER) after %d ms with a %d ms deadline%n", millis,
                deadline.toMillis());
        assertTrue(connection.isStuck());
        assertEquals(CardError.NO_ANSWER, assertInstanceOf(CardException.class, assertThrows(ExecutionException.class,
                () -> connection.submit(transport -> "anything", deadline).get(1, TimeUnit.SECONDS)).getCause()).error(),
                "at once: the reader's thread is still waiting");

        terminals.remove("Reader"); // the resident takes the card: the stuck command ends, the close returns
        long closing = System.nanoTime();
        connection.close();
        assertTrue((System.nanoTime() - closing) / 1_000_000 < 5000, "closed without waiting for the close timeout");
        assertFalse(card.isHanging());
    }
}
