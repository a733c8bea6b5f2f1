package jp.madoguchi.card.emulator;

import static jp.madoguchi.card.emulator.Apdus.dataOf;
import static jp.madoguchi.card.emulator.Apdus.hex;
import static jp.madoguchi.card.emulator.Apdus.swOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.ResponseApdu;
import jp.madoguchi.card.emulator.FaultPlan.Trigger;
import jp.madoguchi.card.mynumber.PinKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultyCardTest {
    private static final String SELECT_JPKI = EmulatedMyNumberCardTest.SELECT_JPKI;
    private static final String SELECT_AUTH_CERT = "00A4020C02000A";
    private static final String READ_16 = "00B0000010";

    private EmulatedMyNumberCard inner;
    private byte[] authCertificate;

    @BeforeEach
    void makeCard() throws Exception {
        inner = TestCredentials.card("default");
        authCertificate = TestCredentials.issued().authenticationCertificate().getEncoded();
    }

    private static byte[] send(FaultyCard card, String command) throws CardException {
        return card.transmit(hex(command));
    }

    private static CardError failure(FaultyCard card, String command) {
        return assertThrows(CardException.class, () -> send(card, command)).error();
    }

    @Test
    void withoutFaultsEveryResponseIsPassedThrough() throws Exception {
        FaultyCard card = new FaultyCard(inner, FaultPlan.none());
        assertEquals("9000", hex(send(card, SELECT_JPKI)));
        assertEquals("9000", hex(send(card, SELECT_AUTH_CERT)));
        assertEquals(hex(Arrays.copyOf(authCertificate, 16)) + "9000", hex(send(card, READ_16)));
        assertArrayEquals(inner.atr(), card.atr());
        assertEquals(3, card.apduCount());
        assertTrue(card.isPresent());
    }

    @Test
    void removalOnTheNthApduKeepsTheCardOutUntilReinserted() throws Exception {
        FaultyCard card = new FaultyCard(inner, FaultPlan.builder().removeCard(Trigger.atApdu(3)).build());
        send(card, SELECT_JPKI);
        assertEquals("9000", swOf(send(card, "0020009804 31323334")));
        assertTrue(inner.isVerified(PinKind.AUTHENTICATION));

        assertEquals(CardError.CARD_REMOVED, failure(card, SELECT_AUTH_CERT));
        assertFalse(card.isPresent());
        assertEquals(2, inner.processingStatistics().apduCount(), "the removed APDU never reached the card");
        for (int i = 0; i < 3; i++) {
            assertEquals(CardError.CARD_REMOVED, failure(card, SELECT_JPKI));
        }
        card.powerOn();
        assertEquals(CardError.CARD_REMOVED, failure(card, SELECT_JPKI), "power does not bring a card back");

        card.reinsert();
        assertTrue(card.isPresent());
        assertFalse(inner.isVerified(PinKind.AUTHENTICATION), "removal ends the session");
        assertEquals("9000", swOf(send(card, SELECT_JPKI)));
        assertEquals(8, card.apduCount(), "failed APDUs are counted too");
    }

    @Test
    void removalDuringTheSecondReadBinaryInterruptsAChunkedRead() throws Exception {
        FaultyCard card = new FaultyCard(inner, FaultPlan.builder().removeCard(Trigger.onIns(0xB0, 2)).build());
        send(card, SELECT_JPKI);
        send(card, SELECT_AUTH_CERT);
        assertEquals("9000", swOf(send(card, READ_16)));
        assertEquals(CardError.CARD_REMOVED, failure(card, "00B0001010"));
        assertFalse(card.isPresent());
    }

    @Test
    void removalDuringSigningKeepsTheCountersButNotThePin() throws Exception {
        FaultyCard card = new FaultyCard(inner, FaultPlan.builder().removeCard(Trigger.onIns(0x2A)).build());
        send(card, SELECT_JPKI);
        send(card, "0020009804 39393939");
        assertEquals("9000", swOf(send(card, "0020009804 31323334")));
        send(card, "00A4020C020017");
        String sign = "802A0080" + "05" + "0102030405" + "00";
        assertEquals(CardError.CARD_REMOVED, failure(card, sign));

        card.reinsert();
        send(card, SELECT_JPKI);
        send(card, "00A4020C020017");
        assertEquals("6982", swOf(send(card, sign)), "the PIN must be verified again");
        assertEquals("63C3", swOf(send(card, "00200098")));
        assertEquals(0, card.pendingFaults().size());
    }

    @Test
    void removeNowTakesTheCardOutBetweenApdus() throws Exception {
        FaultyCard card = new FaultyCard(inner, FaultPlan.none());
        send(card, SELECT_JPKI);
        card.removeNow();
        assertFalse(card.isPresent());
        assertFalse(inner.isPowered());
        assertEquals(CardError.CARD_REMOVED, failure(card, SELECT_JPKI));
        card.reinsert();
        assertTrue(inner.isPowered());
        assertEquals("9000", swOf(send(card, SELECT_JPKI)));
    }

    @Test
    void truncatedResponseWithoutAStatusWordCannotBeParsed() throws Exception {
        FaultyCard card = new FaultyCard(inner, FaultPlan.builder().truncateResponse(Trigger.atApdu(3), 1).build());
        send(card, SELECT_JPKI);
        send(card, SELECT_AUTH_CERT);
        byte[] cut = send(card, READ_16);
        assertEquals(hex(Arrays.copyOf(authCertificate, 1)), hex(cut));
        CardException e = assertThrows(CardException.class, () -> ResponseApdu.parse(cut));
        assertEquals(CardError.COMMUNICATION, e.error());
        assertEquals(hex(Arrays.copyOf(authCertificate, 16)) + "9000", hex(send(card, READ_16)), "only once");
    }

    @Test
    void truncatedResponseCanCutTheDataAndTheStatusWord() throws Exception {
        FaultyCard card = new FaultyCard(inner, FaultPlan.builder().truncateResponse(Trigger.onIns(0xB0), 10).build());
        send(card, SELECT_JPKI);
        send(card, SELECT_AUTH_CERT);
        byte[] cut = send(card, READ_16);
        assertArrayEquals(Arrays.copyOf(authCertificate, 10), cut);
    }

    @Test
    void truncatedDataKeepsTheStatusWord() throws Exception {
        FaultyCard card = new FaultyCard(inner, FaultPlan.builder().truncateData(Trigger.onIns(0xB0), 5).build());
        send(card, SELECT_JPKI);
        send(card, SELECT_AUTH_CERT);
        assertEquals(hex(Arrays.copyOf(authCertificate, 5)) + "9000", hex(send(card, READ_16)));
    }

    @Test
    void garbledDataFlipsOneByteAndKeepsTheStatusWord() throws Exception {
        FaultyCard card = new FaultyCard(inner, FaultPlan.builder().garbleData(Trigger.onIns(0xB0), 3).build());
        send(card, SELECT_JPKI);
        send(card, SELECT_AUTH_CERT);
        byte[] response = send(card, READ_16);
        byte[] expected = Arrays.copyOf(authCertificate, 16);
        expected[3] ^= (byte) 0xFF;
        assertArrayEquals(expected, dataOf(response));
        assertEquals("9000", swOf(response));
    }

    @Test
    void garblingAResponseWithoutDataChangesNothing() throws Exception {
        FaultyCard card = new FaultyCard(inner, FaultPlan.builder().garbleData(Trigger.atApdu(1), 0).build());
        assertEquals("9000", hex(send(card, SELECT_JPKI)));
    }

    @Test
    void slowCardWaitsBeforeEveryApdu() throws Exception {
        FaultyCard card = new FaultyCard(inner, FaultPlan.builder().delayEachApdu(Duration.ofMillis(40)).build());
        long start = System.nanoTime();
        send(card, SELECT_JPKI);
        send(card, SELECT_AUTH_CERT);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis >= 80, "took " + elapsedMillis + " ms");
        assertTrue(inner.processingStatistics().totalNanos() < 80_000_000L,
                "the delay is not counted as the emulator's own time");
    }

    @Test
    void faultsFireOnceEachInOrder() throws Exception {
        FaultPlan plan = FaultPlan.builder()
                .garbleData(Trigger.onIns(0xB0, 1), 0)
                .truncateData(Trigger.onIns(0xB0, 2), 0)
                .build();
        FaultyCard card = new FaultyCard(inner, plan);
        assertEquals(2, card.pendingFaults().size());
        send(card, SELECT_JPKI);
        send(card, SELECT_AUTH_CERT);
        byte[] first = send(card, "00B0000001");
        assertEquals(String.format("%02X", (authCertificate[0] ^ 0xFF) & 0xFF) + "9000", hex(first));
        assertEquals(1, card.pendingFaults().size());
        assertEquals("9000", hex(send(card, "00B0000001")));
        assertEquals(hex(Arrays.copyOf(authCertificate, 1)) + "9000", hex(send(card, "00B0000001")));
        assertEquals(0, card.pendingFaults().size());
    }

    @Test
    void triggersAndFaultsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Trigger.atApdu(0));
        assertThrows(IllegalArgumentException.class, () -> Trigger.onIns(0x100));
        assertThrows(IllegalArgumentException.class, () -> Trigger.onIns(0xB0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> FaultPlan.builder().truncateResponse(Trigger.atApdu(1), -1));
        assertThrows(IllegalArgumentException.class,
                () -> FaultPlan.builder().delayEachApdu(Duration.ofMillis(-1)));
    }

    // ---------------------------------------------------------------- hostile modes (issue 9)

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 10 s");
            Thread.sleep(5);
        }
    }

    private static final String SELECT_TEXT = "00A4040C0A D3921000310001010408";
    private static final String VERIFY_TEXT_1234 = "0020009104 31323334";

    @Test
    void aHangingCardBlocksUntilItIsPulledOut() throws Exception {
        FaultyCard card = new FaultyCard(inner, FaultPlan.builder().hang(Trigger.onIns(0xB0)).build());
        send(card, SELECT_JPKI);
        send(card, SELECT_AUTH_CERT);
        java.util.concurrent.CompletableFuture<CardError> stuck = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> assertThrows(CardException.class, () -> send(card, READ_16)).error());
        waitUntil(card::isHanging);
        Thread.sleep(100);
        assertFalse(stuck.isDone(), "a card that stopped answering does not answer");
        card.pulledOut(); // what the reader does when the card is taken out
        assertEquals(CardError.CARD_REMOVED, stuck.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertFalse(card.isHanging());
        assertEquals("9000", swOf(send(card, SELECT_JPKI)), "only that command hung; the card is back");
    }

    @Test
    void anInterruptedWaitForAHangingCardIsACommunicationFailure() throws Exception {
        FaultyCard card = new FaultyCard(inner, FaultPlan.builder().hang(Trigger.atApdu(1)).build());
        java.util.concurrent.atomic.AtomicReference<CardError> error = new java.util.concurrent.atomic.AtomicReference<>();
        Thread thread = new Thread(() -> error.set(assertThrows(CardException.class, () -> send(card, SELECT_JPKI)).error()));
        thread.start();
        waitUntil(card::isHanging);
        thread.interrupt();
        thread.join(10_000);
        assertEquals(CardError.COMMUNICATION, error.get());
    }

    @Test
    void removalAfterTheCardActedSpendsTheTryOfAWrongPinAndKeepsAGoodOneFromCounting() throws Exception {
        FaultyCard card = new FaultyCard(inner, FaultPlan.builder().removeCardAfter(Trigger.onIns(0x20, 1)).build());
        send(card, SELECT_TEXT);
        assertEquals(CardError.CARD_REMOVED, failure(card, "0020009104 39393939"));
        assertFalse(card.isPresent());
        card.reinsert();
        send(card, SELECT_TEXT);
        assertEquals("63C2", swOf(send(card, "00200091")), "the wrong PIN reached the card: one try spent");
        FaultyCard again = new FaultyCard(inner, FaultPlan.builder().removeCardAfter(Trigger.onIns(0x20, 1)).build());
        send(again, SELECT_TEXT);
        assertEquals(CardError.CARD_REMOVED, failure(again, VERIFY_TEXT_1234));
        again.reinsert();
        send(again, SELECT_TEXT);
        assertEquals("63C3", swOf(send(again, "00200091")), "the good PIN reset the counter before the card left");
    }

    @Test
    void aWrongStatusWordReplacesTheAnswerAfterTheCardActed() throws Exception {
        FaultyCard card = new FaultyCard(inner, FaultPlan.builder()
                .answerStatus(Trigger.atApdu(1), 0x63C2)
                .answerStatus(Trigger.onIns(0x20, 1), 0x9000)
                .answerStatus(Trigger.onIns(0xB0, 1), 0x6F00)
                .build());
        assertEquals("63C2", hex(send(card, SELECT_TEXT)), "63Cx to a SELECT");
        assertEquals("9000", hex(send(card, "0020009104 39393939")), "9000 to a wrong PIN");
        assertEquals("63C2", swOf(send(card, "00200091")), "the card still counted it");
        assertEquals("6F00", hex(send(card, "00B0820000")));
    }

    @Test
    void aServedFileReplacesTheCardsOwnButItsAccessRulesStay() throws Exception {
        byte[] content = hex("FF2082FFFF 0102030405");
        FaultyCard card = new FaultyCard(inner, FaultPlan.builder()
                .serveFile(hex("D3921000310001010408"), 0x0002, content).build());
        send(card, SELECT_TEXT);
        assertEquals("6982", hex(send(card, "00B0820000")), "before the PIN the card refuses, as always");
        assertEquals("9000", swOf(send(card, VERIFY_TEXT_1234)));
        assertEquals(hex(content) + "9000", hex(send(card, "00B0820000")), "short EF read, Le 256");
        assertEquals("FFFF01" + "9000", hex(send(card, "00B0000303")), "then by offset from the selected EF");
        assertEquals("6B00", hex(send(card, "00B000140A")), "past its end");
        send(card, SELECT_JPKI);
        send(card, SELECT_AUTH_CERT);
        assertEquals(hex(Arrays.copyOf(authCertificate, 16)) + "9000", hex(send(card, READ_16)), "other files are the card's");
    }

    @Test
    void anEndlessFileAnswersEveryOffsetInFull() throws Exception {
        FaultyCard card = new FaultyCard(inner, FaultPlan.builder()
                .endlessFile(hex("D392F000260100000001"), 0x000A, hex("3082")).build());
        send(card, SELECT_JPKI);
        assertEquals("3082" + "00".repeat(254) + "9000", hex(send(card, "00B08A0000")));
        byte[] far = send(card, "00B07FFF000000"); // extended Le 65536 at the last offset
        assertEquals(65536, dataOf(far).length);
        assertEquals("9000", swOf(far));
    }

    @Test
    void readBinaryCanAnswerMoreOrFewerBytesThanAsked() throws Exception {
        FaultyCard more = new FaultyCard(inner, FaultPlan.builder().readBinaryLengthOffBy(5).build());
        send(more, SELECT_JPKI);
        send(more, SELECT_AUTH_CERT);
        byte[] answer = send(more, READ_16);
        assertEquals(21, dataOf(answer).length);
        assertEquals(hex(Arrays.copyOf(authCertificate, 16)) + "0000000000" + "9000", hex(answer));
        FaultyCard fewer = new FaultyCard(TestCredentials.card("default"), FaultPlan.builder().readBinaryLengthOffBy(-1000).build());
        send(fewer, SELECT_JPKI);
        send(fewer, SELECT_AUTH_CERT);
        assertEquals(hex(Arrays.copyOf(authCertificate, 1)) + "9000", hex(send(fewer, READ_16)), "never below one byte");
        assertEquals("6982", swOf(send(fewer, "00B0810000")), "errors are left alone");
    }

    @Test
    void moreDataForeverAnswers61xxToEveryGetResponseUntilTheCardIsOut() throws Exception {
        FaultyCard card = new FaultyCard(inner, FaultPlan.builder().moreDataForever(Trigger.onIns(0xB0)).build());
        send(card, SELECT_JPKI);
        send(card, SELECT_AUTH_CERT);
        assertEquals("00".repeat(16) + "6110", hex(send(card, READ_16)));
        for (int i = 0; i < 50; i++) {
            assertEquals("00".repeat(16) + "6110", hex(send(card, "00C0000010")));
        }
        card.removeNow();
        card.reinsert();
        send(card, SELECT_JPKI);
        send(card, SELECT_AUTH_CERT);
        assertEquals(hex(Arrays.copyOf(authCertificate, 16)) + "9000", hex(send(card, READ_16)));
    }
}
