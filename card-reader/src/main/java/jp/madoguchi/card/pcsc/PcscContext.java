package jp.madoguchi.card.pcsc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;
import jnasmartcardio.Smartcardio;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link CardTerminals} obtained from a factory, and its release. With jnasmartcardio each
 * {@link TerminalFactory#terminals()} establishes a new PC/SC context (and {@code close()}
 * releases it), which is what lets the watcher recover after pcscd restarts: a context does not
 * survive its daemon. Not thread-safe: one owner thread.
 */
final class PcscContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PcscContext.class);

    private final CardTerminals terminals;

    private PcscContext(CardTerminals terminals) {
        this.terminals = terminals;
    }

    /** Establishes a context; no pcscd is {@link CardError#NO_PCSC_SERVICE}. */
    static PcscContext open(TerminalFactory factory) throws CardException {
        try {
            return new PcscContext(factory.terminals());
        } catch (RuntimeException e) {
            // jnasmartcardio: EstablishContextException(SCARD_E_NO_SERVICE); emulator: IllegalStateException
            if (PcscFailures.isServiceFailure(e)) {
                throw new CardException(CardError.NO_PCSC_SERVICE, "PC/SC service not available: "
                        + PcscFailures.describe(e), e);
            }
            throw new CardException(CardError.COMMUNICATION, "cannot open PC/SC: " + PcscFailures.describe(e), e);
        }
    }

    CardTerminals terminals() {
        return terminals;
    }

    /** Reader name → card present, in the order PC/SC lists them. */
    Map<String, Boolean> snapshot() throws javax.smartcardio.CardException {
        List<CardTerminal> all = terminals.list();
        if (all.isEmpty()) {
            return Map.of();
        }
        Set<String> withCard = new HashSet<>();
        for (CardTerminal terminal : terminals.list(CardTerminals.State.CARD_PRESENT)) {
            withCard.add(terminal.getName());
        }
        Map<String, Boolean> state = new LinkedHashMap<>();
        for (CardTerminal terminal : all) {
            state.put(terminal.getName(), withCard.contains(terminal.getName()));
        }
        return state;
    }

    List<ReaderInfo> list() throws javax.smartcardio.CardException {
        List<ReaderInfo> readers = new ArrayList<>();
        snapshot().forEach((name, present) -> readers.add(new ReaderInfo(name, present)));
        return readers;
    }

    /** The reader of that name, or null when PC/SC does not list it. */
    CardTerminal find(String readerName) throws javax.smartcardio.CardException {
        for (CardTerminal terminal : terminals.list()) {
            if (terminal.getName().equals(readerName)) {
                return terminal;
            }
        }
        return null;
    }

    /** Releases the context (jnasmartcardio); other providers have nothing to release. */
    @Override
    public void close() {
        if (terminals instanceof Smartcardio.JnaCardTerminals jna) {
            try {
                jna.close();
            } catch (javax.smartcardio.CardException | RuntimeException e) {
                // a context of a daemon that is gone cannot be released; nothing is leaked locally
                LOG.debug("releasing PC/SC context: {}", e.getMessage());
            }
        }
    }

    /** Maps a failure of a reader-level call to the typed exception. */
    static CardException readerFailure(String what, Exception e) {
        CardError error = PcscFailures.isServiceFailure(e) ? CardError.NO_PCSC_SERVICE : CardError.COMMUNICATION;
        return new CardException(error, what + ": " + PcscFailures.describe(e), e);
    }
}
