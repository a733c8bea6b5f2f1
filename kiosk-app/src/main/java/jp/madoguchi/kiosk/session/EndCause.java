package jp.madoguchi.kiosk.session;

/** Why a resident's session ended. Every cause wipes the session the same way. */
public enum EndCause {
    /** Nobody touched the booth until the countdown reached zero. */
    INACTIVITY,
    /** The card left the reader in the middle of the journey. */
    CARD_REMOVED,
    /** The resident pressed "cancel". */
    CANCELLED,
    /** The journey reached its end: receipt given, card taken. */
    COMPLETED,
    /** IT staff opened the maintenance screens. */
    MAINTENANCE
}
