package jp.madoguchi.card.pcsc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import javax.smartcardio.Card;
import javax.smartcardio.CardTerminal;
import jnasmartcardio.Smartcardio;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.CommandApdu;
import jp.madoguchi.card.apdu.ResponseApdu;
import jp.madoguchi.card.emulator.inprocess.EmulatedTerminals;
import jp.madoguchi.card.testcards.EchoCard;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport over the in-process emulated reader, and the mapping of PC/SC failures. */
class PcscTransportTest {
    private static final String READER = "Emulated Reader 0";

    private final EmulatedTerminals emulated = new EmulatedTerminals();
    private final EchoCard card = new EchoCard();
    private Card connected;
    private PcscTransport transport;

    @BeforeEach
    void connect() throws Exception {
        emulated.insert(READER, card);
        CardTerminal terminal = emulated.factory().terminals().getTerminal(READER);
        connected = terminal.connect("*");
        transport = new PcscTransport(connected.getBasicChannel(), terminal);
    }

    @Test
    void roundTrip() throws Exception {
        ResponseApdu response = transport.transmit(CommandApdu.of(0x80, EchoCard.INS_ECHO, 0, 0, new byte[] {1, 2, 3}, 256));
        assertEquals(0x9000, response.sw());
        assertArrayEquals(new byte[] {1, 2, 3}, response.data());
    }

    @Test
    void extendedReadOfSeveralKilobytesInOneApdu() throws Exception {
        ResponseApdu response = transport.transmit(CommandApdu.of(0x00, 0xB0, 0x00, 0x10, null, 5000));
        assertEquals(0x9000, response.sw());
        byte[] data = response.data();
        assertEquals(5000, data.length);
        for (int i = 0; i < data.length; i++) {
            assertEquals((byte) (0x10 + i), data[i], "byte " + i);
        }
        assertEquals(1, card.commandCount());
    }

    @Test
    void removedCardIsCardRemoved() {
        emulated.remove(READER);
        CardException e = assertThrows(CardException.class, () -> transport.transmit(new byte[] {0, (byte) 0xA4, 4, 0}));
        assertEquals(CardError.CARD_REMOVED, e.error());
        assertTrue(e.getCause() instanceof javax.smartcardio.CardException, "cause kept");
    }

    @Test
    void cardPulledDuringTheCommandIsCardRemoved() {
        card.pullOnNextCommand();
        CardException e = assertThrows(CardException.class, () -> transport.transmit(new byte[] {0, (byte) 0xA4, 4, 0}));
        assertEquals(CardError.CARD_REMOVED, e.error());
        assertFalse(emulated.isCardPresent(READER), "the reader saw the card go");
        assertFalse(card.isPowered());
    }

    @Test
    void reinsertedCardNeedsANewConnection() {
        emulated.remove(READER);
        emulated.insert(READER, card);
        CardException e = assertThrows(CardException.class, () -> transport.transmit(new byte[] {0, (byte) 0xA4, 4, 0}));
        assertEquals(CardError.CARD_REMOVED, e.error());
    }

    @Test
    void stoppedServiceIsNoPcscService() {
        emulated.stopService();
        CardException e = assertThrows(CardException.class, () -> transport.transmit(new byte[] {0, (byte) 0xA4, 4, 0}));
        assertEquals(CardError.NO_PCSC_SERVICE, e.error());
    }

    @Test
    void disconnectedCardIsCommunication() throws Exception {
        connected.disconnect(true);
        assertEquals(1, card.resetCount());
        CardException e = assertThrows(CardException.class, () -> transport.transmit(new byte[] {0, (byte) 0xA4, 4, 0}));
        assertEquals(CardError.COMMUNICATION, e.error());
    }

    @Test
    void failuresAreClassifiedByJnaCodeAndByName() {
        assertEquals(CardError.CARD_REMOVED, PcscFailures.classifyTransmit(
                new Smartcardio.JnaPCSCException(PcscFailures.SCARD_W_REMOVED_CARD, "SCardTransmit got response")));
        assertEquals(CardError.CARD_REMOVED, PcscFailures.classifyTransmit(
                new Smartcardio.JnaPCSCException(0x80100068L, "SCardTransmit got response")));
        assertEquals(CardError.NO_PCSC_SERVICE, PcscFailures.classifyTransmit(
                new Smartcardio.JnaPCSCException(PcscFailures.SCARD_E_NO_SERVICE, "x")));
        assertEquals(CardError.COMMUNICATION, PcscFailures.classifyTransmit(
                new Smartcardio.JnaPCSCException(0x80100016L, "SCardTransmit got response 0x80100016 (SCARD_E_NOT_TRANSACTED)")));
        // the JDK's provider: CardException whose cause's message is the constant's name
        assertEquals(CardError.CARD_REMOVED, PcscFailures.classifyTransmit(new javax.smartcardio.CardException(
                "sun.security.smartcardio.PCSCException: SCARD_W_REMOVED_CARD", new IOException("SCARD_W_REMOVED_CARD"))));
        assertEquals(CardError.COMMUNICATION, PcscFailures.classifyTransmit(new IllegalArgumentException("newPosition < 0")));
        assertTrue(PcscFailures.isServiceFailure(new Smartcardio.EstablishContextException(
                new Smartcardio.JnaPCSCException(PcscFailures.SCARD_E_NO_SERVICE, "SCardEstablishContext"))));
        assertTrue(PcscFailures.isServiceFailure(new Smartcardio.JnaPCSCException(PcscFailures.SCARD_F_COMM_ERROR, "x")));
        assertFalse(PcscFailures.isServiceFailure(new Smartcardio.JnaPCSCException(PcscFailures.SCARD_W_REMOVED_CARD, "x")));
    }
}
