package jp.madoguchi.card.jpki;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The era digit that JPKI puts in front of the birth date in the signature certificate
 * ({@code EYYYYMMDD}). The date itself stays Gregorian; the digit only tells which Japanese era
 * the registry files the birth under, which is what forms print (昭和55年).
 *
 * <p>Written out rather than taken from {@link java.time.chrono.JapaneseDate} because that
 * calendar rejects dates before 明治6年 (1873), while the card has to say something for them.
 */
public final class BirthDateEra {
    public static final int UNKNOWN = 0;
    public static final int MEIJI = 1;
    public static final int TAISHO = 2;
    public static final int SHOWA = 3;
    public static final int HEISEI = 4;
    public static final int REIWA = 5;

    private static final LocalDate TAISHO_START = LocalDate.of(1912, 7, 30);
    private static final LocalDate SHOWA_START = LocalDate.of(1926, 12, 25);
    private static final LocalDate HEISEI_START = LocalDate.of(1989, 1, 8);
    private static final LocalDate REIWA_START = LocalDate.of(2019, 5, 1);

    private BirthDateEra() {
    }

    /** The era digit for a Gregorian date; everything before 大正 counts as 明治. */
    public static int of(LocalDate date) {
        Objects.requireNonNull(date, "date");
        if (date.isBefore(TAISHO_START)) {
            return MEIJI;
        }
        if (date.isBefore(SHOWA_START)) {
            return TAISHO;
        }
        if (date.isBefore(HEISEI_START)) {
            return SHOWA;
        }
        if (date.isBefore(REIWA_START)) {
            return HEISEI;
        }
        return REIWA;
    }

    /** Whether {@code digit} is one the certificate may carry (0 unknown, 1 明治 … 5 令和). */
    public static boolean isValid(int digit) {
        return digit >= UNKNOWN && digit <= REIWA;
    }
}
