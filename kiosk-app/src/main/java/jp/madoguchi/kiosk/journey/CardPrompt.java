package jp.madoguchi.kiosk.journey;

/** What the "place your card" screen says. */
public enum CardPrompt {
    /** Animated guidance: put the card on the reader. */
    WAITING_FOR_CARD,
    /** A card is there; reading the PIN tries left. */
    READING,
    /** The card answered, but not as a My Number card (wrong way round, another card, damaged). */
    UNREADABLE,
    /** No card reader connected: call staff. */
    READER_MISSING,
    /** The smart card service is not running: call staff. */
    PCSC_UNAVAILABLE
}
