package jp.madoguchi.card;

/**
 * Every way a card operation can fail, as a type a caller can switch on. Each constant carries a
 * message key; the text for a person lives in {@code jp/madoguchi/card/messages*.properties}
 * (Japanese and English), never in the exception message alone.
 *
 * <p>Wrong PINs are not errors: they are {@link jp.madoguchi.card.mynumber.PinResult outcomes}.
 */
public enum CardError {
    /** The card was taken out (or lost power) during the operation. */
    CARD_REMOVED("card.error.removed"),
    /** The reader or the transport failed, or the card answered something unreadable. */
    COMMUNICATION("card.error.communication"),
    /**
     * The card did not answer within the caller's deadline (a card that stopped answering; the
     * reader's thread may still be waiting for it). Take it out and put it in again.
     */
    NO_ANSWER("card.error.no_answer"),
    /** No PC/SC service is running on this machine (pcscd not started). */
    NO_PCSC_SERVICE("card.error.no_service"),
    /** The named reader is not connected. */
    READER_NOT_FOUND("card.error.reader_not_found"),
    /** A reader is there but no card is in it. */
    NO_CARD("card.error.no_card"),
    /** The card does not have the JPKI application: it is not a My Number card. */
    NOT_A_MY_NUMBER_CARD("card.error.not_mynumber"),
    /** The PIN or password is blocked: 6984. It can only be reset at a municipal window. */
    PIN_BLOCKED("card.error.pin_blocked"),
    /** 6982: the operation needs a PIN that has not been verified in this selection. */
    SECURITY_STATUS_NOT_SATISFIED("card.error.security_status"),
    /** 6A82: the application or file does not exist on this card. */
    FILE_NOT_FOUND("card.error.file_not_found"),
    /** 6B00: a read at or past the end of a file. */
    END_OF_FILE("card.error.end_of_file"),
    /** 6700: the command had the wrong length. */
    WRONG_LENGTH("card.error.wrong_length"),
    /** 6A86 / 6A88 / 6986 / 6985: wrong parameters or state for the command. */
    WRONG_PARAMETERS("card.error.wrong_parameters"),
    /** 6D00: the card does not know the instruction. */
    INS_NOT_SUPPORTED("card.error.ins_not_supported"),
    /** 6E00: the card does not know the class byte. */
    CLA_NOT_SUPPORTED("card.error.cla_not_supported"),
    /** 6881: logical channels other than 0 are not supported. */
    LOGICAL_CHANNEL_NOT_SUPPORTED("card.error.channel_not_supported"),
    /** The card's data is not what the specification says (bad TLV, offsets, hashes, digits). */
    MALFORMED_DATA("card.error.malformed_data"),
    /** The integrity record's hashes do not match what was read: the data may be altered. */
    INTEGRITY_MISMATCH("card.error.integrity"),
    /** A status word the specification does not list for this command. */
    UNEXPECTED_STATUS("card.error.unexpected_status");

    private final String messageKey;

    CardError(String messageKey) {
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
