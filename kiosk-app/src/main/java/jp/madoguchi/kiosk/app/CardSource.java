package jp.madoguchi.kiosk.app;

import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.card.emulator.inprocess.EmulatedTerminals;

/**
 * Where the booth's card reader is: the machine's PC/SC readers, or (demo mode) the in-process emulated
 * reader the demo panel puts cards into. Only {@code jp.madoguchi.kiosk.card} may turn this into
 * card-reader's {@code Readers} (architecture rule): {@code new Readers(emulated.factory())} or
 * {@code Readers.pcsc()}.
 *
 * @param emulated the in-process readers (demo mode); empty: PC/SC
 * @param readerName the reader to follow; empty: the first one attached
 */
public record CardSource(Optional<EmulatedTerminals> emulated, Optional<String> readerName) {
    public CardSource {
        Objects.requireNonNull(emulated, "emulated");
        Objects.requireNonNull(readerName, "readerName");
    }

    /** The machine's readers through pcscd. */
    public static CardSource pcsc(Optional<String> readerName) {
        return new CardSource(Optional.empty(), readerName);
    }

    /** The demo's in-process reader. */
    public static CardSource emulated(EmulatedTerminals terminals, String readerName) {
        return new CardSource(Optional.of(terminals), Optional.of(readerName));
    }

    public boolean isEmulated() {
        return emulated.isPresent();
    }
}
