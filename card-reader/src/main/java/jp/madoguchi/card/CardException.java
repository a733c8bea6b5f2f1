package jp.madoguchi.card;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * A card operation that did not complete, with a typed {@link CardError}. The message is a
 * technical detail for IT staff; {@link #localizedMessage(Locale)} is what a person reads.
 * Never put PINs, card data or personal data into the detail.
 */
public class CardException extends Exception {
    private final CardError error;
    private final int statusWord;

    public CardException(CardError error, String detail) {
        this(error, detail, -1, null);
    }

    public CardException(CardError error, String detail, Throwable cause) {
        this(error, detail, -1, cause);
    }

    public CardException(CardError error, String detail, int statusWord, Throwable cause) {
        super(error + ": " + detail, cause);
        this.error = error;
        this.statusWord = statusWord;
    }

    public CardError error() {
        return error;
    }

    /** The status word that caused this, if a card answered one. */
    public OptionalInt statusWord() {
        return statusWord < 0 ? OptionalInt.empty() : OptionalInt.of(statusWord);
    }

    /** The text for a person, in their language (Japanese and English ship). */
    public String localizedMessage(Locale locale) {
        return CardMessages.get(locale, error.messageKey());
    }
}
