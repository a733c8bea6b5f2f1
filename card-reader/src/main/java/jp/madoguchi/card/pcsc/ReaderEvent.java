package jp.madoguchi.card.pcsc;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a {@link ReaderWatcher} reports. The stream describes changes of state exactly: a reader is
 * attached before a card is inserted in it, a card is removed before its reader is detached, and
 * when the PC/SC service goes away {@link ServiceUnavailable} is followed by the removal and
 * detachment of everything that was known; when it is back, {@link ServiceRestored} is followed by
 * the readers and cards present then. Immutable.
 */
public sealed interface ReaderEvent {

    /** A reader appeared (plugged in, or present when watching started or the service came back). */
    record ReaderAttached(String readerName) implements ReaderEvent {
        public ReaderAttached {
            Objects.requireNonNull(readerName, "readerName");
        }
    }

    /** A reader disappeared (unplugged, or the service went away). */
    record ReaderDetached(String readerName) implements ReaderEvent {
        public ReaderDetached {
            Objects.requireNonNull(readerName, "readerName");
        }
    }

    /**
     * A card is in the reader. {@code atr} is empty when it could not be read (the card was
     * already gone again, or another program holds it exclusively). Do not identify a My Number
     * card by its ATR: select the JPKI application.
     */
    record CardInserted(String readerName, byte[] atr) implements ReaderEvent {
        public CardInserted {
            Objects.requireNonNull(readerName, "readerName");
            atr = atr == null ? new byte[0] : atr.clone();
        }

        @Override
        public byte[] atr() {
            return atr.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof CardInserted that && that.readerName.equals(readerName)
                    && Arrays.equals(that.atr, atr);
        }

        @Override
        public int hashCode() {
            return 31 * readerName.hashCode() + Arrays.hashCode(atr);
        }

        @Override
        public String toString() {
            return "CardInserted[readerName=" + readerName + ", atr=" + HexFormat.of().formatHex(atr) + "]";
        }
    }

    /** The card left the reader (or the reader or the service went away with it). */
    record CardRemoved(String readerName) implements ReaderEvent {
        public CardRemoved {
            Objects.requireNonNull(readerName, "readerName");
        }
    }

    /**
     * The PC/SC service (pcscd) is not running or stopped answering; the watcher retries on its
     * own. {@code reason} is a technical detail for IT staff; a person should read the text for
     * {@link jp.madoguchi.card.CardError#NO_PCSC_SERVICE}.
     */
    record ServiceUnavailable(String reason) implements ReaderEvent {
        public ServiceUnavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The PC/SC service answers again after a {@link ServiceUnavailable}. */
    record ServiceRestored() implements ReaderEvent {
    }
}
