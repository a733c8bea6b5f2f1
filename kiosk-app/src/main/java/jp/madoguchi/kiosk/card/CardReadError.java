package jp.madoguchi.kiosk.card;

import jp.madoguchi.card.CardError;

/** Why the tries left could not be read from an inserted card, in words a resident can act on. */
public enum CardReadError {
    /** The card has no JPKI application: another kind of card (a bank card, a transit card). */
    NOT_A_MY_NUMBER_CARD("card.not_my_number", "card.staff.not_my_number"),
    /** The card did not answer as a My Number card should (dirty, damaged, placed badly). */
    UNREADABLE("card.unreadable", "card.staff.unreadable");

    private final String residentKey;
    private final String staffKey;

    CardReadError(String residentKey, String staffKey) {
        this.residentKey = residentKey;
        this.staffKey = staffKey;
    }

    /** The message key shown to the resident. */
    public String residentKey() {
        return residentKey;
    }

    /** The message key for IT staff (maintenance screen, log). */
    public String staffKey() {
        return staffKey;
    }

    /** The plain reading of card-reader's typed error. */
    static CardReadError of(CardError error) {
        return error == CardError.NOT_A_MY_NUMBER_CARD ? NOT_A_MY_NUMBER_CARD : UNREADABLE;
    }
}
