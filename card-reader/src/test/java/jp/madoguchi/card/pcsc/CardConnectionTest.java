package jp.madoguchi.card.pcsc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.CommandApdu;
import jp.madoguchi.card.emulator.inprocess.EmulatedTerminals;
import jp.madoguchi.card.testcards.EchoCard;
import org.junit.jupiter.api.Test;

/** Readers.list / connect and CardConnection over the in-process emulated readers. */
class CardConnectionTest {
    private final EmulatedTerminals emulated = new EmulatedTerminals();
    private final Readers readers = new Readers(emulated.factory());

    @Test
    void listsReadersWithCardPresence() throws Exception {
        emulated.attachReader("Reader A");
        emulated.insert("Reader B", new EchoCard());
        assertEquals(List.of(new ReaderInfo("Reader A", false), new ReaderInfo("Reader B", true)), readers.list());
    }

    @Test
    void tasksRunOnTheReadersOwnThread() throws Exception {
        EchoCard card = new EchoCard();
        emulated.insert("Reader A", card);
        try (CardConnection connection = readers.connect("Reader A")) {
            assertArrayEquals(EchoCard.ATR, connection.atr());
            assertEquals("T=1", connection.protocol());
            String thread = connection.submit(transport -> {
                assertEquals(0x9000, transport.transmit(CommandApdu.of(0, 0xA4, 4, 0x0C, new byte[] {1})).sw());
                return Thread.currentThread().getName();
            }).get(5, TimeUnit.SECONDS);
            assertEquals("card-reader[Reader A]", thread);
        }
        assertEquals(1, card.resetCount(), "close() resets the card so verified PINs end");
    }

    @Test
    void closeCanLeaveTheCard() throws Exception {
        EchoCard card = new EchoCard();
        emulated.insert("Reader A", card);
        readers.connect("Reader A").close(CardConnection.Disposition.LEAVE);
        assertEquals(0, card.resetCount());
    }

    @Test
    void taskFailuresArriveTyped() throws Exception {
        emulated.insert("Reader A", new EchoCard());
        try (CardConnection connection = readers.connect("Reader A")) {
            emulated.remove("Reader A");
            ExecutionException e = assertThrows(ExecutionException.class, () -> connection.submit(
                    transport -> transport.transmit(CommandApdu.of(0, 0xA4, 4, 0))).get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof CardException typed && typed.error() == CardError.CARD_REMOVED,
                    String.valueOf(e.getCause()));
        }
    }

    @Test
    void typedConnectFailures() {
        emulated.attachReader("Reader A");
        assertEquals(CardError.READER_NOT_FOUND,
                assertThrows(CardException.class, () -> readers.connect("No such reader")).error());
        assertEquals(CardError.NO_CARD, assertThrows(CardException.class, () -> readers.connect("Reader A")).error());
        emulated.stopService();
        assertEquals(CardError.NO_PCSC_SERVICE, assertThrows(CardException.class, () -> readers.connect("Reader A")).error());
        assertEquals(CardError.NO_PCSC_SERVICE, assertThrows(CardException.class, readers::list).error());
    }

    @Test
    void submitAfterCloseFails() throws Exception {
        emulated.insert("Reader A", new EchoCard());
        CardConnection connection = readers.connect("Reader A");
        connection.close();
        connection.close(); // idempotent
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> connection.submit(transport -> null).get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof CardException);
    }
}
