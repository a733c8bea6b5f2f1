package jp.madoguchi.kiosk.session;

import java.util.Arrays;

/**
 * A PIN or signature password as it is typed: a {@code char[]} that grows by one key at a time, is handed
 * to the card layer as a copy the caller wipes, and is zeroed by {@link #wipe()} (style.md item 7). Never
 * a {@link String}; {@link #toString()} shows only the length. Not thread-safe: one screen types into it.
 */
public final class SecretChars implements Wipeable {
    private final String kind;
    private char[] chars;
    private int length;

    public SecretChars(String kind, int capacity) {
        this.kind = kind;
        this.chars = new char[capacity];
    }

    /** Appends one typed character; refused when full. */
    public void append(char c) {
        if (length == chars.length) {
            throw new IllegalStateException(kind + " is full (" + chars.length + " characters)");
        }
        chars[length++] = c;
    }

    /** Removes the last typed character (the pad's delete key). */
    public void deleteLast() {
        if (length > 0) {
            chars[--length] = '\0';
        }
    }

    public int length() {
        return length;
    }

    /** A copy of what was typed, for the card layer; the caller wipes it after use. */
    public char[] copy() {
        return Arrays.copyOf(chars, length);
    }

    /** True if every character of the backing array is zero: for tests and diagnostics. */
    public boolean isWiped() {
        for (char c : chars) {
            if (c != '\0') {
                return false;
            }
        }
        return length == 0;
    }

    @Override
    public void wipe() {
        Arrays.fill(chars, '\0');
        length = 0;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public String toString() {
        return kind + "[" + length + " characters]";
    }
}
