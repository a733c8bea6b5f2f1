package jp.madoguchi.forms.render;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.chrono.JapaneseDate;
import java.time.chrono.JapaneseEra;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * The bits of Japanese typesetting the form and the receipt share: which characters may not begin
 * or end a line (禁則), and how dates and amounts are written.
 */
final class JapaneseText {
    /** Closing brackets, punctuation, small kana and the long-vowel mark never begin a line (行頭禁則). */
    private static final String NO_LINE_START = "、。，．,.）)]｝}〕〉》」』】〙〗〟’”｠»ゝゞーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻‐゠–〜～？！?!‼⁇⁈⁉・：；:;／/";
    /** Opening brackets never end a line (行末禁則). */
    private static final String NO_LINE_END = "（([｛{〔〈《「『【〘〖〝‘“｟«";

    private JapaneseText() {
    }

    static boolean mayNotStartLine(int codePoint) {
        return NO_LINE_START.indexOf(codePoint) >= 0;
    }

    static boolean mayNotEndLine(int codePoint) {
        return NO_LINE_END.indexOf(codePoint) >= 0;
    }

    /**
     * A date in 和暦 as municipal forms write it: 令和7年11月23日, with 元年 for the first year of an era
     * (平成元年1月8日). The JDK's Japanese chronology knows the eras; it writes year 1 as "1年", so the
     * year is written here.
     */
    static String wareki(LocalDate date) {
        JapaneseDate japaneseDate = JapaneseDate.from(date);
        JapaneseEra era = japaneseDate.getEra();
        int yearOfEra = japaneseDate.get(ChronoField.YEAR_OF_ERA);
        return era.getDisplayName(TextStyle.FULL, Locale.JAPAN) + (yearOfEra == 1 ? "元" : Integer.toString(yearOfEra))
                + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    /** A Gregorian date as Japanese forms write it: 2025年11月23日. */
    static String gregorian(LocalDate date) {
        return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    /** Yen with thousands separators: 1,200円. */
    static String yen(int amount) {
        return NumberFormat.getIntegerInstance(Locale.JAPAN).format(amount) + "円";
    }
}
