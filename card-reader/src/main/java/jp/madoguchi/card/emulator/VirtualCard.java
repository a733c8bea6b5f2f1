package jp.madoguchi.card.emulator;

import jp.madoguchi.card.apdu.ApduTransport;

/**
 * A card that can be powered, reset and asked for its ATR as well as sent APDUs: what a virtual
 * reader (vpcd, or the in-process terminal) needs. Powering off ends every verified PIN but keeps
 * the PIN counters, like a real card.
 */
public interface VirtualCard extends ApduTransport {
    byte[] atr();

    void powerOn();

    void powerOff();

    /** Warm reset: same effect on the card's state as power off + on. */
    void reset();

    /**
     * The reader says the card was pulled out; called before {@link #powerOff()}, possibly while a
     * command is still in {@link #transmit} on another thread (a card that stopped answering gives up
     * then, as a real one does when it loses contact). Does nothing by default.
     */
    default void pulledOut() {
    }
}
