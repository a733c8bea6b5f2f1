package jp.madoguchi.card.emulator.inprocess;

import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;

/** One emulated reader as seen from one context. Thread-safe. */
final class EmulatedCardTerminal extends CardTerminal {
    private final EmulatedTerminals owner;
    private final EmulatedCardTerminals context;
    private final String name;

    EmulatedCardTerminal(EmulatedTerminals owner, EmulatedCardTerminals context, String name) {
        this.owner = owner;
        this.context = context;
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    /** Connects in "shared mode" to the card; every protocol request gets T=1. */
    @Override
    public Card connect(String protocol) throws CardException {
        if (!"*".equals(protocol) && !"T=1".equals(protocol) && !"T=0".equals(protocol) && !"T=CL".equals(protocol)) {
            throw new IllegalArgumentException("unsupported protocol " + protocol);
        }
        synchronized (owner.lock) {
            owner.checkContextLocked(context.epoch());
            EmulatedTerminals.Slot slot = owner.slotLocked(name);
            if (slot == null) {
                throw new CardException("SCARD_E_UNKNOWN_READER: no emulated reader named " + name);
            }
            if (slot.card == null) {
                throw new CardNotPresentException("SCARD_E_NO_SMARTCARD: no card in " + name);
            }
            return new EmulatedCard(owner, context, slot, slot.card, slot.insertion);
        }
    }

    @Override
    public boolean isCardPresent() throws CardException {
        synchronized (owner.lock) {
            owner.checkContextLocked(context.epoch());
            EmulatedTerminals.Slot slot = owner.slotLocked(name);
            return slot != null && slot.card != null;
        }
    }

    @Override
    public boolean waitForCardPresent(long timeout) throws CardException {
        return waitFor(true, timeout);
    }

    @Override
    public boolean waitForCardAbsent(long timeout) throws CardException {
        return waitFor(false, timeout);
    }

    private boolean waitFor(boolean present, long timeout) throws CardException {
        return owner.await(() -> isCardPresent() == present, timeout, "the card");
    }

    @Override
    public String toString() {
        return "EmulatedCardTerminal[" + name + "]";
    }
}
