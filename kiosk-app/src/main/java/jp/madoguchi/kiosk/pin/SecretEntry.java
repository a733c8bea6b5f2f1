package jp.madoguchi.kiosk.pin;

import java.util.Arrays;
import java.util.Objects;
import jp.madoguchi.card.mynumber.PinFormat;
import jp.madoguchi.card.mynumber.PinKind;

/**
 * What the on-screen PIN pad or password keyboard types into: a fixed-capacity {@code char[]}, never
 * a {@code String} (docs/decisions/0005-pin-policy.md, style.md item 7).
 *
 * <p>The alphabet is enforced as the resident types: the 4-digit PINs ({@link PinKind#AUTHENTICATION},
 * {@link PinKind#TEXT}) take digits only, up to 4; the signature password takes {@code A-Z 0-9}, up to
 * 16, lower case being upper-cased as the card expects. {@link #isComplete()} is {@link PinFormat}'s
 * verdict, so an entry that the pad lets through can never spend a try on a format slip.
 *
 * <p>{@link #take()} hands the secret over exactly once, as a copy the caller wipes after the card
 * call, and wipes this entry. {@link #clear()} and {@link #close()} zero the array; {@code toString}
 * never shows the content. Not thread-safe: confined to the thread of the screen that owns it.
 */
public final class SecretEntry implements AutoCloseable {
    /** The masking character of {@link #masked()}. */
    public static final char MASK = '\u25CF';

    private final PinKind kind;
    private final char[] buffer;
    private int length;
    private boolean taken;
    private boolean closed;

    public SecretEntry(PinKind kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.buffer = new char[maxLength(kind)];
    }

    /** The longest secret of {@code kind}: 16 for the signature password, 4 for the PINs. */
    public static int maxLength(PinKind kind) {
        return kind == PinKind.SIGNATURE ? 16 : 4;
    }

    /** The shortest secret of {@code kind}: 6 for the signature password, 4 for the PINs. */
    public static int minLength(PinKind kind) {
        return kind == PinKind.SIGNATURE ? 6 : 4;
    }

    /** Whether {@code c} may be typed for {@code kind} (lower-case letters count for the password). */
    public static boolean accepts(PinKind kind, char c) {
        if (c >= '0' && c <= '9') {
            return true;
        }
        return kind == PinKind.SIGNATURE && (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z');
    }

    public PinKind kind() {
        return kind;
    }

    /**
     * Types one character.
     *
     * @return false (and nothing changes) for a character outside the alphabet, beyond the maximum
     *     length, or once the entry was taken or closed
     */
    public boolean append(char c) {
        if (!isOpen() || length == buffer.length || !accepts(kind, c)) {
            return false;
        }
        buffer[length++] = c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c;
        return true;
    }

    /** Removes the last character, wiping its slot. @return false when there was none */
    public boolean backspace() {
        if (!isOpen() || length == 0) {
            return false;
        }
        buffer[--length] = '\0';
        return true;
    }

    /** Zeroes the whole array; the entry can be typed into again (unless taken or closed). */
    public void clear() {
        Arrays.fill(buffer, '\0');
        length = 0;
    }

    /** How many characters are typed (0 once taken or closed). */
    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** Whether what is typed has the card's format for {@link #kind()} (checked by {@link PinFormat}). */
    public boolean isComplete() {
        if (!isOpen() || length < minLength(kind)) {
            return false;
        }
        char[] candidate = Arrays.copyOf(buffer, length);
        try {
            return PinFormat.isValid(kind, candidate);
        } finally {
            Arrays.fill(candidate, '\0');
        }
    }

    /** One {@link #MASK} per typed character, for the display: {@code ●●●●}. */
    public String masked() {
        return String.valueOf(MASK).repeat(length);
    }

    /** Whether {@link #take()} already handed the secret over. */
    public boolean isTaken() {
        return taken;
    }

    public boolean isClosed() {
        return closed;
    }

    private boolean isOpen() {
        return !taken && !closed;
    }

    /**
     * Hands the typed secret over, exactly once, and wipes this entry. The caller owns the copy and
     * wipes it (e.g. {@code Arrays.fill(pin, '\0')} in a {@code finally}) after the card call.
     *
     * @throws IllegalStateException when already taken or closed, or when the entry is not complete
     *     (an incomplete secret is never handed to the card: it would spend a try for nothing)
     */
    public char[] take() {
        if (taken) {
            throw new IllegalStateException("this entry was already handed over; the resident must type again");
        }
        if (closed) {
            throw new IllegalStateException("this entry is closed");
        }
        if (!isComplete()) {
            throw new IllegalStateException("the entry is not complete for the " + kind + " secret");
        }
        char[] copy = Arrays.copyOf(buffer, length);
        clear();
        taken = true;
        return copy;
    }

    /** Wipes the entry for good: the screen hid, the card was removed, or the session ended. */
    @Override
    public void close() {
        clear();
        closed = true;
    }

    @Override
    public String toString() {
        return "SecretEntry[" + kind + (taken ? ", taken" : closed ? ", closed" : "") + "]";
    }
}
