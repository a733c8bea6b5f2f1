package jp.madoguchi.card.mynumber;

import java.util.Arrays;

/**
 * The 12-digit individual number (個人番号). Personal data of the strictest kind: most procedures
 * must not even ask for it. {@link #toString()} never shows it; {@link #wipe()} clears the copy.
 */
public final class IndividualNumber {
    private final char[] digits;

    private IndividualNumber(char[] digits) {
        this.digits = digits;
    }

    /**
     * @throws IllegalArgumentException when it is not 12 ASCII digits with a correct check digit
     *     (the message never contains the digits)
     */
    public static IndividualNumber of(CharSequence value) {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a 12-digit individual number with a valid check digit");
        }
        char[] d = new char[12];
        for (int i = 0; i < 12; i++) {
            d[i] = value.charAt(i);
        }
        return new IndividualNumber(d);
    }

    /**
     * Whether {@code value} is 12 digits whose last is the check digit: with P(n) the n-th of the
     * first eleven digits counted from the right and Q(n) = n + 1 for n ≤ 6, n − 5 for n ≥ 7,
     * r = Σ P(n)·Q(n) mod 11, and the check digit is 0 when r ≤ 1, else 11 − r.
     */
    public static boolean isValid(CharSequence value) {
        if (value == null || value.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return value.charAt(11) - '0' == checkDigit(value.subSequence(0, 11));
    }

    /**
     * The check digit for the first eleven digits of an individual number.
     *
     * @throws IllegalArgumentException unless {@code firstEleven} is 11 ASCII digits
     */
    public static int checkDigit(CharSequence firstEleven) {
        if (firstEleven == null || firstEleven.length() != 11
                || !firstEleven.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("expected 11 ASCII digits");
        }
        CharSequence value = firstEleven;
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            int p = value.charAt(11 - n) - '0';
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        int r = sum % 11;
        return r <= 1 ? 0 : 11 - r;
    }

    /** The digits as a new String; the caller owns that copy. */
    public String digits() {
        return new String(digits);
    }

    public void wipe() {
        Arrays.fill(digits, '\0');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndividualNumber other && Arrays.equals(other.digits, digits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digits);
    }

    @Override
    public String toString() {
        return "IndividualNumber[redacted]";
    }
}
