package jp.madoguchi.forms.fill;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.chrono.JapaneseDate;
import java.time.chrono.JapaneseEra;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Objects;

/**
 * Dates as Japanese forms write them: 和暦 ({@code 令和7年11月23日}, {@code 平成元年1月8日}) and the
 * Gregorian calendar with Japanese units ({@code 2025年11月23日}).
 *
 * <p>The era of a date comes from {@link JapaneseDate}, so the boundaries are the JDK's, which are the
 * official ones: 明治→大正 on 1912-07-30, 大正→昭和 on 1926-12-25, 昭和→平成 on 1989-01-08 and
 * 平成→令和 on 2019-05-01. The first year of an era is written 元年, as every municipal form does.
 *
 * <p>Digits are half-width ({@code 令和7年}, not {@code 令和７年}): that is what municipal forms
 * and certificates printed by their systems commonly use, and a form that wants full-width digits
 * can ask for them with {@code FULLWIDTH} on a text cell. Months and days are not zero-padded.
 *
 * <p>Era names are spelled here rather than taken from the JDK's locale data: a booth runtime built
 * with jlink may leave out {@code jdk.localedata}, and the printed era must not depend on that. An era
 * newer than 令和 that a future JDK knows (or that is configured with
 * {@code jdk.calendar.japanese.supplemental.era}) is named with the JDK's own display name.
 *
 * <p>Dates before 1873-01-01 (明治6年1月1日) are rejected with an {@link IllegalArgumentException}:
 * Japan used a lunisolar calendar before then, so a Gregorian date has no faithful 和暦 equivalent
 * and the JDK does not express one. Error messages never contain the date itself, because the date
 * being written is usually a birth date.
 *
 * <p>Stateless and thread-safe.
 */
public final class Wareki {

    /** The first date {@link JapaneseDate} supports: Japan adopted the Gregorian calendar on 明治6年1月1日. */
    public static final LocalDate EARLIEST = LocalDate.of(1873, 1, 1);

    private Wareki() {
    }

    /** {@code 令和7年11月23日}; the first year of an era is {@code 元年}. */
    public static String format(LocalDate date) {
        JapaneseDate japanese = toJapanese(date);
        int year = japanese.get(ChronoField.YEAR_OF_ERA);
        return eraName(japanese.getEra()) + yearText(year) + "年" + date.getMonthValue() + "月"
                + date.getDayOfMonth() + "日";
    }

    /** The era's name in kanji: 明治, 大正, 昭和, 平成 or 令和. */
    public static String eraName(LocalDate date) {
        return eraName(toJapanese(date).getEra());
    }

    /** The year within its era, 1 for the first year (written 元年 by {@link #format}). */
    public static int eraYear(LocalDate date) {
        return toJapanese(date).get(ChronoField.YEAR_OF_ERA);
    }

    /** {@code 2025年11月23日}: the Gregorian calendar as Japanese forms write it. */
    public static String gregorian(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    private static String yearText(int yearOfEra) {
        return yearOfEra == 1 ? "元" : Integer.toString(yearOfEra);
    }

    private static JapaneseDate toJapanese(LocalDate date) {
        Objects.requireNonNull(date, "date");
        if (date.isBefore(EARLIEST)) {
            throw new IllegalArgumentException("a date before 1873-01-01 (明治6年1月1日) has no 和暦 that can be "
                    + "written: Japan used a lunisolar calendar until then");
        }
        try {
            return JapaneseDate.from(date);
        } catch (DateTimeException e) {
            // Not expected for dates from 1873 on; kept so the contract (IllegalArgumentException) holds.
            throw new IllegalArgumentException("the JDK cannot express this date in 和暦", e);
        }
    }

    private static String eraName(JapaneseEra era) {
        if (era.equals(JapaneseEra.MEIJI)) {
            return "明治";
        } else if (era.equals(JapaneseEra.TAISHO)) {
            return "大正";
        } else if (era.equals(JapaneseEra.SHOWA)) {
            return "昭和";
        } else if (era.equals(JapaneseEra.HEISEI)) {
            return "平成";
        } else if (era.equals(JapaneseEra.REIWA)) {
            return "令和";
        }
        return era.getDisplayName(TextStyle.FULL, Locale.JAPANESE);
    }
}
