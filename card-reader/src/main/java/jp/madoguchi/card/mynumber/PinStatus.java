package jp.madoguchi.card.mynumber;

/** What the tries-left query (VERIFY without data) answered; it never spends a try. */
public sealed interface PinStatus {
    /** {@code 63Cx}, x &gt; 0. */
    record TriesLeft(int tries) implements PinStatus {
    }

    /** {@code 9000}: some cards say this when the PIN is already verified in this selection. */
    record AlreadyVerified() implements PinStatus {
    }

    /** {@code 63C0} or {@code 6984}. */
    record Blocked() implements PinStatus {
    }
}
