package jp.madoguchi.forms.fill;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import jp.madoguchi.forms.model.Format;
import jp.madoguchi.forms.model.Question;

/**
 * Writes a raw value the way a cell's {@link Format} asks.
 *
 * <p>Raw values are strings: card text as read, ISO dates ({@code 1980-04-01}), ISO 5218 sex codes,
 * answer values and whole numbers of yen. A blank raw value (an unasked question) is written blank
 * in every format, so a cell for a question that did not apply stays empty instead of failing.
 *
 * <p>{@link Format#PLAIN} and {@link Format#FULLWIDTH} map one code point to one code point, so a
 * position in the raw value is the same position in the written value; {@link FormFiller} relies on
 * that to point a clerk at substituted characters (外字).
 *
 * <p>Error messages never contain the raw value: it may be a name, an address or a birth date.
 *
 * <p>Stateless and thread-safe.
 */
public final class ValueFormats {

    private static final int FULLWIDTH_OFFSET = 0xFF01 - 0x21;
    private static final char IDEOGRAPHIC_SPACE = '\u3000';
    private static final char FULLWIDTH_HYPHEN_MINUS = '\uFF0D';

    private ValueFormats() {
    }

    /**
     * Writes {@code raw} in {@code format}.
     *
     * @param format how the cell is written
     * @param raw the value from the cell's source; "" for nothing
     * @param question the question the value answers, when the source is an answer; used by
     *     {@link Format#ANSWER} to print a choice's paper text; null otherwise
     * @throws IllegalArgumentException when the value cannot be written in that format (a date
     *     format given a non-date, yen given a non-number, an unknown sex code)
     */
    public static String apply(Format format, String raw, Question question) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(raw, "raw");
        if (raw.isEmpty()) {
            return "";
        }
        return switch (format) {
            case PLAIN -> raw;
            case FULLWIDTH -> fullWidth(raw);
            case YEN -> yen(parseYen(raw));
            case SEX -> sex(raw);
            case WAREKI -> Wareki.format(parseIsoDate(raw));
            case GREGORIAN -> Wareki.gregorian(parseIsoDate(raw));
            case ANSWER -> answer(raw, question);
        };
    }

    /**
     * Widens ASCII letters and digits to their full-width forms (A→Ａ, 1→１), the space to the
     * ideographic space U+3000 and '-' to U+FF0D, for paper forms whose boxes expect full-width
     * characters. Everything else is kept: other ASCII punctuation has no agreed full-width use on
     * forms, and half-width katakana is left alone because widening it is not one-to-one (ｶﾞ is two
     * code points, ガ one), which would move 外字 positions.
     */
    public static String fullWidth(String text) {
        StringBuilder widened = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> widened.appendCodePoint(widen(cp)));
        return widened.toString();
    }

    private static int widen(int codePoint) {
        if ((codePoint >= '0' && codePoint <= '9') || (codePoint >= 'A' && codePoint <= 'Z')
                || (codePoint >= 'a' && codePoint <= 'z')) {
            return codePoint + FULLWIDTH_OFFSET;
        }
        if (codePoint == ' ') {
            return IDEOGRAPHIC_SPACE;
        }
        if (codePoint == '-') {
            return FULLWIDTH_HYPHEN_MINUS;
        }
        return codePoint;
    }

    /** {@code 1,200円}: digits grouped by three with ',' (never locale-dependent), then 円. */
    public static String yen(long amount) {
        String digits = Long.toString(Math.abs(amount));
        StringBuilder grouped = new StringBuilder();
        int leading = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        grouped.append(digits, 0, leading);
        for (int i = leading; i < digits.length(); i += 3) {
            grouped.append(',').append(digits, i, i + 3);
        }
        return (amount < 0 ? "-" : "") + grouped + "円";
    }

    /**
     * Sex as printed on Japanese forms from the card's ISO 5218 code: "1" 男, "2" 女, "9" 適用不能.
     * "0" (not known) is rejected: the card always states one of the three, so "0" means the data
     * did not come from a card and printing anything for it would be a guess.
     */
    public static String sex(String iso5218Code) {
        return switch (iso5218Code) {
            case "1" -> "男";
            case "2" -> "女";
            case "9" -> "適用不能";
            default -> throw new IllegalArgumentException("not an ISO 5218 sex code the card uses (1, 2 or 9)");
        };
    }

    private static String answer(String value, Question question) {
        if (question == null) {
            return value;
        }
        return switch (question.type()) {
            case CHOICE -> question.choice(value)
                    .map(Question.Choice::paperText)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "question " + question.id() + " has no choice '" + value + "'"));
            case NUMBER -> Long.toString(Long.parseLong(value));
            case KANA, POSTAL_CODE -> value;
        };
    }

    private static long parseYen(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a yen amount must be a whole number", e);
        }
    }

    private static LocalDate parseIsoDate(String raw) {
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            // Not chained: DateTimeParseException's message quotes the text, which may be a birth date.
            throw new IllegalArgumentException("a date format needs an ISO date (yyyy-MM-dd)");
        }
    }
}
