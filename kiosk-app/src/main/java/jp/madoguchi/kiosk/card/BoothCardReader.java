package jp.madoguchi.kiosk.card;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.pcsc.Readers;

/**
 * The booth's card reader as the journey uses it, without showing it card-reader's PC/SC classes: a
 * {@link CardSlot} that watches it, and a {@link CardChannel} to talk to the card in it. Immutable and
 * thread-safe.
 */
public final class BoothCardReader {
    /**
     * How long one card operation may take before the card counts as not answering (decision 0034):
     * reading the tries left, a VERIFY, the basic 4 info, or the signature with its two certificate
     * reads. A real card does the slowest of these, the signature, in one to two seconds.
     */
    public static final Duration CARD_DEADLINE = Duration.ofSeconds(15);

    private final Readers readers;
    private final Optional<String> configuredReader;
    private final Duration cardDeadline;

    private BoothCardReader(Readers readers, Optional<String> configuredReader, Duration cardDeadline) {
        this.readers = Objects.requireNonNull(readers, "readers");
        this.configuredReader = Objects.requireNonNull(configuredReader, "configuredReader");
        this.cardDeadline = Objects.requireNonNull(cardDeadline, "cardDeadline");
        if (cardDeadline.isNegative() || cardDeadline.isZero()) {
            throw new IllegalArgumentException("the card deadline must be positive");
        }
    }

    /**
     * The booth's reader from where the launcher says it is: the demo's in-process readers, or the machine's
     * PC/SC readers ({@link Readers#pcsc()}; with no PC/SC service the card slot reports it, nothing throws here).
     */
    public static BoothCardReader of(Optional<jp.madoguchi.card.emulator.inprocess.EmulatedTerminals> emulated,
                                     Optional<String> configuredReader) throws jp.madoguchi.card.CardException {
        Readers readers = emulated.isPresent() ? new Readers(emulated.get().factory()) : Readers.pcsc();
        return of(readers, configuredReader);
    }

    /**
     * @param readers the machine's readers ({@link Readers#pcsc()}, or the in-process emulator's)
     * @param configuredReader the configured reader's name; empty to follow the first reader attached
     */
    public static BoothCardReader of(Readers readers, Optional<String> configuredReader) {
        return of(readers, configuredReader, CARD_DEADLINE);
    }

    /** As {@link #of(Readers, Optional)}, with another deadline for each card operation (tests use short ones). */
    public static BoothCardReader of(Readers readers, Optional<String> configuredReader, Duration cardDeadline) {
        return new BoothCardReader(readers, configuredReader, cardDeadline);
    }

    /** How long one card operation may take; see {@link #CARD_DEADLINE}. */
    public Duration cardDeadline() {
        return cardDeadline;
    }

    /** The maintenance screens' card test over the same readers. */
    public CardProbe probe() {
        return new CardProbe(readers);
    }

    /** Starts watching the reader; see {@link CardSlot#start}. */
    public CardSlot watch(Executor callbackExecutor, CardSlotListener listener) {
        return CardSlot.start(readers, configuredReader, cardDeadline, callbackExecutor, listener);
    }

    /**
     * Connects to the card in {@code readerName}. Blocks until connected: call it from a worker thread,
     * never the FX thread.
     */
    public CardChannel open(String readerName) throws CardException {
        return new CardChannel(readers.connect(readerName), cardDeadline);
    }
}
