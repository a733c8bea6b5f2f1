package jp.madoguchi.card.pcsc;

import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.smartcardio.TerminalFactory;
import jnasmartcardio.Smartcardio;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;

/**
 * The card readers of this machine: list them, watch them, connect to a card.
 *
 * <p>Production uses {@link #pcsc()}: jnasmartcardio over libpcsclite, <em>not</em> the JDK's
 * provider, because the JDK keeps one PC/SC context for the life of the JVM and never recovers
 * when pcscd restarts, while jnasmartcardio establishes a new context for every
 * {@link TerminalFactory#terminals()}. Every call here takes a fresh context, so nothing goes
 * stale. Tests pass the in-process emulator's factory
 * ({@code jp.madoguchi.card.emulator.inprocess.EmulatedTerminals}) instead.
 *
 * <p>Thread-safe: it holds only the factory; each call opens and releases its own context.
 */
public final class Readers {
    private final TerminalFactory factory;

    public Readers(TerminalFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * The machine's PC/SC readers through jnasmartcardio. Does not need pcscd to be running yet
     * (each call finds out); fails only when libpcsclite itself cannot be loaded.
     *
     * @throws CardException {@link CardError#NO_PCSC_SERVICE} when the PC/SC library is missing
     */
    public static Readers pcsc() throws CardException {
        try {
            return new Readers(TerminalFactory.getInstance("PC/SC", null, new Smartcardio()));
        } catch (NoSuchAlgorithmException | RuntimeException | LinkageError e) {
            throw new CardException(CardError.NO_PCSC_SERVICE,
                    "cannot load the PC/SC library (libpcsclite.so.1; Debian package libpcsclite1): " + e, e);
        }
    }

    /**
     * The readers now, each with whether a card is in it.
     *
     * @throws CardException {@link CardError#NO_PCSC_SERVICE} when pcscd is not running
     */
    public List<ReaderInfo> list() throws CardException {
        try (PcscContext context = PcscContext.open(factory)) {
            return context.list();
        } catch (javax.smartcardio.CardException | RuntimeException e) {
            throw PcscContext.readerFailure("listing readers failed", e);
        }
    }

    /**
     * Connects to the card in {@code readerName} (shared mode, any protocol) on a new
     * single-thread executor dedicated to that reader. Blocks until connected.
     *
     * @throws CardException {@link CardError#READER_NOT_FOUND}, {@link CardError#NO_CARD},
     *     {@link CardError#NO_PCSC_SERVICE} or {@link CardError#COMMUNICATION}
     */
    public CardConnection connect(String readerName) throws CardException {
        return CardConnection.open(factory, readerName);
    }

    /**
     * Starts watching the readers on a daemon thread; events go to {@code listener} on that
     * thread, in order (keep the listener short, or hand the event to another executor). The
     * first events describe the readers present now, or report that the service is unavailable.
     */
    public ReaderWatcher watch(Consumer<ReaderEvent> listener) {
        ReaderWatcher watcher = new ReaderWatcher(factory, listener);
        watcher.start();
        return watcher;
    }

    /** The factory these readers come from. */
    public TerminalFactory factory() {
        return factory;
    }
}
