package jp.madoguchi.forms.render;

/**
 * Japanese line-breaking rules (禁則) the form and the receipt share: which characters may not
 * begin or end a line. Dates and amounts are written by {@code jp.madoguchi.forms.fill}'s
 * {@code Wareki} and {@code ValueFormats}, the same code that fills the form.
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

}
