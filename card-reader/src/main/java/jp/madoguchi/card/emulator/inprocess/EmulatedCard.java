package jp.madoguchi.card.emulator.inprocess;

import java.nio.ByteBuffer;
import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.emulator.VirtualCard;

/**
 * A connection to an emulated card. It is valid while its context is and while the same
 * insertion of the card lasts; afterwards it fails with {@code SCARD_W_REMOVED_CARD} (or
 * {@code SCARD_E_NO_SERVICE}). After {@link #disconnect(boolean)} it throws
 * {@link IllegalStateException}, as the JDK's provider does. Thread-safe.
 */
final class EmulatedCard extends Card {
    private final EmulatedTerminals owner;
    private final EmulatedCardTerminals context;
    private final EmulatedTerminals.Slot slot;
    private final VirtualCard card;
    private final long insertion;
    private final ATR atr;
    private final EmulatedChannel basicChannel = new EmulatedChannel();
    private volatile boolean disconnected;

    EmulatedCard(EmulatedTerminals owner, EmulatedCardTerminals context, EmulatedTerminals.Slot slot,
            VirtualCard card, long insertion) {
        this.owner = owner;
        this.context = context;
        this.slot = slot;
        this.card = card;
        this.insertion = insertion;
        this.atr = new ATR(card.atr());
    }

    @Override
    public ATR getATR() {
        return atr;
    }

    @Override
    public String getProtocol() {
        return "T=1";
    }

    @Override
    public CardChannel getBasicChannel() {
        checkConnected();
        return basicChannel;
    }

    @Override
    public CardChannel openLogicalChannel() throws CardException {
        checkConnected();
        throw new CardException("SCARD_E_UNSUPPORTED_FEATURE: the emulated reader offers only the basic channel");
    }

    /** No other program shares emulated readers, so exclusivity only checks the card is there. */
    @Override
    public void beginExclusive() throws CardException {
        checkUsable();
    }

    @Override
    public void endExclusive() throws CardException {
        checkUsable();
    }

    @Override
    public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
        checkUsable();
        throw new CardException("SCARD_E_UNSUPPORTED_FEATURE: no control commands on the emulated reader");
    }

    @Override
    public void disconnect(boolean reset) throws CardException {
        if (disconnected) {
            return;
        }
        disconnected = true;
        if (reset && isSameInsertion()) {
            synchronized (slot.commandLock) {
                card.reset();
            }
        }
    }

    private byte[] transmitRaw(byte[] command) throws CardException {
        synchronized (slot.commandLock) {
            checkUsable();
            try {
                return card.transmit(command);
            } catch (jp.madoguchi.card.CardException e) {
                if (e.error() == CardError.CARD_REMOVED) {
                    owner.pulledOut(slot, insertion);
                    throw new CardException("SCARD_W_REMOVED_CARD: the card was pulled out during the command", e);
                }
                throw new CardException("SCARD_E_NOT_TRANSACTED: the emulated card failed: " + e.error(), e);
            } catch (RuntimeException e) {
                throw new CardException("SCARD_E_NOT_TRANSACTED: the emulated card threw " + e.getClass().getName(), e);
            }
        }
    }

    private void checkConnected() {
        if (disconnected) {
            throw new IllegalStateException("card has been disconnected");
        }
    }

    private void checkUsable() throws CardException {
        checkConnected();
        synchronized (owner.lock) {
            owner.checkContextLocked(context.epoch());
        }
        if (!isSameInsertion()) {
            throw new CardException("SCARD_W_REMOVED_CARD: the card was removed from " + slot.name);
        }
    }

    private boolean isSameInsertion() {
        synchronized (owner.lock) {
            return slot.card == card && slot.insertion == insertion && owner.slotLocked(slot.name) == slot;
        }
    }

    @Override
    public String toString() {
        return "EmulatedCard[" + slot.name + "]";
    }

    /** How many times a command is sent again for {@code 61xx} / {@code 6Cxx}, as jnasmartcardio does. */
    static final int RESPONSE_ROUNDS = 8;

    /**
     * What a PC/SC provider makes of one command (jnasmartcardio 0.2.7, which the booth uses): on
     * {@code 6Cxx} the command is sent again with Le = xx; on {@code 61xx} a GET RESPONSE
     * ({@code 00 C0 00 00 xx}) is sent and its data appended. After {@value #RESPONSE_ROUNDS}
     * rounds it gives up and returns what it has: the data so far, without a status word of its
     * own (jnasmartcardio drops each {@code 61xx} before asking again), so a card that answers
     * {@code 61xx} for ever yields data whose last two bytes are taken for the status word.
     */
    private byte[] exchange(byte[] command) throws CardException {
        byte[] next = command.clone();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int round = 0; round < RESPONSE_ROUNDS; round++) {
            byte[] answer = transmitRaw(next);
            if (answer.length < 2) {
                out.writeBytes(answer);
                return out.toByteArray();
            }
            int sw1 = answer[answer.length - 2] & 0xFF;
            byte sw2 = answer[answer.length - 1];
            if (sw1 == 0x6C && next.length >= 5) {
                next = next.clone();
                next[next.length - 1] = sw2;
                continue;
            }
            if (sw1 == 0x61) {
                out.write(answer, 0, answer.length - 2);
                next = new byte[] {(byte) (command[0] & 0xFF), (byte) 0xC0, 0x00, 0x00, sw2};
                continue;
            }
            out.writeBytes(answer);
            return out.toByteArray();
        }
        return out.toByteArray();
    }

    /** The basic channel: commands go to the card unchanged, answers come back as a PC/SC provider returns them. */
    private final class EmulatedChannel extends CardChannel {
        @Override
        public Card getCard() {
            return EmulatedCard.this;
        }

        @Override
        public int getChannelNumber() {
            checkConnected();
            return 0;
        }

        @Override
        public ResponseAPDU transmit(CommandAPDU command) throws CardException {
            return new ResponseAPDU(exchange(command.getBytes()));
        }

        @Override
        public int transmit(ByteBuffer command, ByteBuffer response) throws CardException {
            byte[] bytes = new byte[command.remaining()];
            command.get(bytes);
            byte[] answer = exchange(bytes);
            if (response.remaining() < answer.length) {
                throw new CardException("SCARD_E_INSUFFICIENT_BUFFER: response of " + answer.length
                        + " bytes does not fit " + response.remaining());
            }
            response.put(answer);
            return answer.length;
        }

        @Override
        public void close() throws CardException {
            throw new IllegalStateException("the basic channel cannot be closed");
        }

        @Override
        public String toString() {
            return "EmulatedChannel[" + slot.name + ", 0]";
        }
    }
}
