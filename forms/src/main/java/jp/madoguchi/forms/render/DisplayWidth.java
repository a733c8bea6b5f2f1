package jp.madoguchi.forms.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Widths in display columns, as a Japanese receipt printer counts them: printable ASCII and
 * half-width katakana take one column, every other character two. A receipt printer in kanji mode
 * prints every JIS X 0208 character at full width, including those Unicode calls "ambiguous"
 * (○, ※, ×, Greek, Cyrillic), so they are counted as two here too.
 */
final class DisplayWidth {
    private DisplayWidth() {
    }

    static int of(int codePoint) {
        if (codePoint >= 0x20 && codePoint <= 0x7E) {
            return 1;
        }
        if (codePoint >= 0xFF61 && codePoint <= 0xFF9F) {
            return 1; // half-width katakana and punctuation
        }
        if (Character.getType(codePoint) == Character.NON_SPACING_MARK || codePoint == 0x200B) {
            return 0; // combining marks (e.g. a decomposed dakuten) and zero-width space print on the previous column
        }
        return 2;
    }

    static int of(String text) {
        return text.codePoints().map(DisplayWidth::of).sum();
    }

    /**
     * {@code text} in lines of at most {@code columns} display columns. Breaks where a Japanese
     * line may break (between any two characters but not before 、。」 or after 「), keeps runs of
     * ASCII letters and digits (a reference number, a building name) together when they fit on a
     * line, and drops the spaces a break falls on.
     */
    static List<String> wrap(String text, int columns) {
        if (columns < 2) {
            throw new IllegalArgumentException("columns must be at least 2 (one full-width character): " + columns);
        }
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            for (LineBreaker.Line line : LineBreaker.breakLines(paragraph, columns, DisplayWidth::of)) {
                lines.add(line.text());
            }
        }
        return lines;
    }
}
