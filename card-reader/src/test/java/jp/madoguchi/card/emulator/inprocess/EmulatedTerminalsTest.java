package jp.madoguchi.card.emulator.inprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import javax.smartcardio.TerminalFactory;
import jp.madoguchi.card.testcards.EchoCard;
import org.junit.jupiter.api.Test;

/** The emulated readers behave like javax.smartcardio over pcscd where callers rely on it. */
class EmulatedTerminalsTest {
    private final EmulatedTerminals emulated = new EmulatedTerminals();
    private final TerminalFactory factory = emulated.factory();

    @Test
    void factoryListsReadersAndConnects() throws Exception {
        EchoCard card = new EchoCard();
        emulated.attachReader("A");
        emulated.insert("B", card);
        assertEquals(EmulatedTerminals.TYPE, factory.getType());
        CardTerminals terminals = factory.terminals();
        assertEquals(List.of("A", "B"), terminals.list().stream().map(CardTerminal::getName).toList());
        assertEquals(List.of("B"), terminals.list(CardTerminals.State.CARD_PRESENT).stream().map(CardTerminal::getName).toList());
        assertThrows(CardNotPresentException.class, () -> terminals.getTerminal("A").connect("*"));
        assertTrue(card.isPowered(), "inserting powers the card");

        Card connected = terminals.getTerminal("B").connect("*");
        assertArrayEquals(EchoCard.ATR, connected.getATR().getBytes());
        ResponseAPDU response = connected.getBasicChannel().transmit(new CommandAPDU(0x80, 0xEE, 0, 0, new byte[] {7}, 256));
        assertEquals(0x9000, response.getSW());
        assertArrayEquals(new byte[] {7}, response.getData());
    }

    @Test
    void waitForChangeWakesOnInsertAndRemove() throws Exception {
        emulated.attachReader("A");
        CardTerminals terminals = factory.terminals();
        CompletableFuture<Boolean> woke = CompletableFuture.supplyAsync(() -> {
            try {
                return terminals.waitForChange(5000);
            } catch (CardException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertFalse(woke.isDone());
        emulated.insert("A", new EchoCard());
        assertTrue(woke.get(1, TimeUnit.SECONDS));
        assertEquals(List.of("A"), terminals.list(CardTerminals.State.CARD_INSERTION).stream().map(CardTerminal::getName).toList());

        emulated.remove("A");
        assertTrue(terminals.waitForChange(1000));
        assertEquals(List.of("A"), terminals.list(CardTerminals.State.CARD_REMOVAL).stream().map(CardTerminal::getName).toList());
        assertFalse(terminals.waitForChange(50), "nothing changed since");
        assertTrue(terminals.getTerminal("A").waitForCardAbsent(10));
    }

    @Test
    void removalInvalidatesTheCardAndPowersItOff() throws Exception {
        EchoCard card = new EchoCard();
        emulated.insert("A", card);
        Card connected = factory.terminals().getTerminal("A").connect("T=1");
        emulated.remove("A");
        assertFalse(card.isPowered());
        CardException e = assertThrows(CardException.class,
                () -> connected.getBasicChannel().transmit(new CommandAPDU(0, 0xA4, 4, 0)));
        assertTrue(e.getMessage().startsWith("SCARD_W_REMOVED_CARD"), e.getMessage());
    }

    @Test
    void serviceRestartKillsOldContexts() throws Exception {
        emulated.insert("A", new EchoCard());
        CardTerminals old = factory.terminals();
        Card connected = old.getTerminal("A").connect("*");
        emulated.stopService();
        assertThrows(IllegalStateException.class, factory::terminals);
        emulated.startService();
        assertTrue(assertThrows(CardException.class, old::list).getMessage().startsWith("SCARD_E_NO_SERVICE"));
        assertThrows(CardException.class, () -> connected.getBasicChannel().transmit(new CommandAPDU(0, 0xA4, 4, 0)));
        assertEquals(1, factory.terminals().list().size());
    }

    @Test
    void disconnectWithResetResetsTheCard() throws Exception {
        EchoCard card = new EchoCard();
        emulated.insert("A", card);
        Card connected = factory.terminals().getTerminal("A").connect("*");
        connected.disconnect(true);
        assertEquals(1, card.resetCount());
        assertThrows(IllegalStateException.class, connected::getBasicChannel);
    }
}
