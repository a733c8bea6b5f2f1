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
}
