package jp.madoguchi.kiosk.pin;

import java.util.Arrays;
import jp.madoguchi.card.mynumber.PinKind;

/**
 * A secret the resident just typed, on its way to the card: what {@link PinSession#submit} hands
 * out for exactly one VERIFY. The owner passes {@link #pin()} to the card (e.g. from the card
 * reader's executor) and closes this afterwards, which zeroes the array, in a {@code finally} or a
 * try-with-resources. {@code toString} never shows the secret.
 */
public final class PinSubmission implements AutoCloseable {
    private final PinKind kind;
    private final char[] pin;

    PinSubmission(PinKind kind, char[] pin) {
        this.kind = kind;
        this.pin = pin;
    }

    public PinKind kind() {
        return kind;
    }

    /** The secret itself, for {@code MyNumberCard.verify(kind(), pin())}; all zero once closed. */
    public char[] pin() {
        return pin;
    }

    /** Zeroes the secret. */
    @Override
    public void close() {
        Arrays.fill(pin, '\0');
    }

    @Override
    public String toString() {
        return "PinSubmission[" + kind + "]";
    }
}
