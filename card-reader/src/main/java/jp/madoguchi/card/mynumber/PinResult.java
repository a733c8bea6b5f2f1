package jp.madoguchi.card.mynumber;

/** What VERIFY with a PIN answered. A wrong PIN is an outcome, not an error. */
public sealed interface PinResult {
    /** {@code 9000}. */
    record Verified() implements PinResult {
    }

    /** {@code 63Cx} with x &gt; 0: wrong, {@code triesLeft} tries remain. */
    record Wrong(int triesLeft) implements PinResult {
    }

    /** {@code 63C0} (this attempt used the last try) or {@code 6984} (already blocked). */
    record Blocked() implements PinResult {
    }
}
