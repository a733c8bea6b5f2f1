package jp.madoguchi.card.emulator.inprocess;

import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactorySpi;

/** The factory SPI: each {@link #engineTerminals()} is a new "context", as with jnasmartcardio. */
final class EmulatedTerminalFactorySpi extends TerminalFactorySpi {
    private final EmulatedTerminals owner;

    EmulatedTerminalFactorySpi(EmulatedTerminals owner) {
        this.owner = owner;
    }

    @Override
    protected CardTerminals engineTerminals() {
        return owner.newContext();
    }
}
