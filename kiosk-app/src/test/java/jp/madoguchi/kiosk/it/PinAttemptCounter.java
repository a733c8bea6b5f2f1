package jp.madoguchi.kiosk.it;

import java.util.concurrent.atomic.AtomicInteger;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.emulator.VirtualCard;

/**
 * A card in the reader that counts the PIN attempts it receives: VERIFY commands (INS 0x20) carrying data. A VERIFY
 * without data only asks for the tries left and spends none, so it is not counted. Everything else is passed on.
 */
final class PinAttemptCounter implements VirtualCard {
    private static final int INS_VERIFY = 0x20;
    private final VirtualCard card;
    private final AtomicInteger attempts = new AtomicInteger();

    PinAttemptCounter(VirtualCard card) {
        this.card = card;
    }

    /** PIN or password attempts sent to the card so far. */
    int attempts() {
        return attempts.get();
    }

    @Override
    public byte[] transmit(byte[] command) throws CardException {
        // a short APDU: CLA INS P1 P2 [Lc data...]; with data when it is longer than its 4-byte header plus Le
        if (command.length > 5 && (command[1] & 0xFF) == INS_VERIFY) {
            attempts.incrementAndGet();
        }
        return card.transmit(command);
    }

    @Override
    public byte[] atr() {
        return card.atr();
    }

    @Override
    public void powerOn() {
        card.powerOn();
    }

    @Override
    public void powerOff() {
        card.powerOff();
    }

    @Override
    public void reset() {
        card.reset();
    }
}
