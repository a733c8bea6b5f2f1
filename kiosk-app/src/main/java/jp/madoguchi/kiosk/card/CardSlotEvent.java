package jp.madoguchi.kiosk.card;

import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.card.mynumber.PinStatus;

/**
 * What {@link CardSlot} tells its listener, with the message keys for the resident and for IT staff.
 * Immutable.
 *
 * @param kind what happened
 * @param readerName the booth's reader, when known
 * @param pinStatus for {@link Kind#PIN_TRIES_READ}: the authentication PIN's tries left, read without spending one
 * @param readError for {@link Kind#CARD_UNREADABLE}: why the card could not be read
 * @param detail a technical detail for IT staff (never shown to the resident), or empty
 */
public record CardSlotEvent(Kind kind, Optional<String> readerName, Optional<PinStatus> pinStatus,
        Optional<CardReadError> readError, String detail) {

    /** The kinds of event, each with its default message keys. */
    public enum Kind {
        /** No reader (the configured one, or any) is attached: the booth cannot take cards. */
        READER_MISSING("card.reader_missing", "card.staff.reader_missing"),
        /** The reader is attached and waits for a card. */
        READER_READY("card.place", "card.staff.reader_ready"),
        /** A card was placed; its tries left are being read. */
        CARD_INSERTED("card.reading", "card.staff.card_inserted"),
        /** The authentication PIN's tries left were read (see {@link CardSlotEvent#pinStatus()}). */
        PIN_TRIES_READ("card.read", "card.staff.tries_read"),
        /** The card could not be read (see {@link CardSlotEvent#readError()}). */
        CARD_UNREADABLE("card.unreadable", "card.staff.unreadable"),
        /** The card left the reader. */
        CARD_REMOVED("card.removed", "card.staff.card_removed"),
        /** The PC/SC service (pcscd) is down: no reader can be used until it is back. */
        PCSC_UNAVAILABLE("card.service_down", "card.staff.pcscd_down"),
        /** The PC/SC service answers again. */
        PCSC_BACK("card.place", "card.staff.pcscd_back");

        private final String residentKey;
        private final String staffKey;

        Kind(String residentKey, String staffKey) {
            this.residentKey = residentKey;
            this.staffKey = staffKey;
        }
    }

    public CardSlotEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(readerName, "readerName");
        Objects.requireNonNull(pinStatus, "pinStatus");
        Objects.requireNonNull(readError, "readError");
        Objects.requireNonNull(detail, "detail");
    }

    static CardSlotEvent of(Kind kind, String readerName) {
        return new CardSlotEvent(kind, Optional.ofNullable(readerName), Optional.empty(), Optional.empty(), "");
    }

    static CardSlotEvent serviceDown(String reason) {
        return new CardSlotEvent(Kind.PCSC_UNAVAILABLE, Optional.empty(), Optional.empty(), Optional.empty(),
                reason);
    }

    static CardSlotEvent triesRead(String readerName, PinStatus status) {
        return new CardSlotEvent(Kind.PIN_TRIES_READ, Optional.of(readerName), Optional.of(status),
                Optional.empty(), "");
    }

    static CardSlotEvent unreadable(String readerName, CardReadError error, String detail) {
        return new CardSlotEvent(Kind.CARD_UNREADABLE, Optional.of(readerName), Optional.empty(),
                Optional.of(error), detail);
    }

    /** The message key for the resident; for an unreadable card, the key of its {@link CardReadError}. */
    public String residentKey() {
        return readError.map(CardReadError::residentKey).orElse(kind.residentKey);
    }

    /** The message key for IT staff. */
    public String staffKey() {
        return readError.map(CardReadError::staffKey).orElse(kind.staffKey);
    }
}
