package jp.madoguchi.forms.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Line breaking measured in display columns, where the expected lines are easy to write down. */
class LineBreakerTest {
    private static List<String> wrap(String text, int columns) {
        return LineBreaker.breakLines(text, columns, DisplayWidth::of).stream().map(LineBreaker.Line::text).toList();
    }

    @Test
    void breaksJapaneseBetweenAnyTwoCharacters() {
        assertEquals(List.of("東京都見", "本市北区"), wrap("東京都見本市北区", 8));
    }

    @Test
    void closingPunctuationNeverBeginsALine() {
        // 「です。」 would leave 。 at the start of the second line: す moves down with it.
        assertEquals(List.of("これで", "す。"), wrap("これです。", 8));
    }

    @Test
    void openingBracketNeverEndsALine() {
        assertEquals(List.of("南棟", "（管理"), wrap("南棟（管理", 6));
    }

    @Test
    void asciiRunsStayWholeWhenTheyFit() {
        assertEquals(List.of("番地1205", "号室"), wrap("番地1205号室", 9));
        assertEquals(List.of("番地", "1205号", "室"), wrap("番地1205号室", 7), "1205 moves down whole");
    }

    @Test
    void asciiRunLongerThanALineIsSplit() {
        List<String> lines = wrap("ABCDEFGHIJ", 4);
        assertEquals(List.of("ABCD", "EFGH", "IJ"), lines);
    }

    @Test
    void spacesAtABreakAreDropped() {
        assertEquals(List.of("ABC", "DEF"), wrap("ABC DEF", 4));
    }

    @Test
    void linesKnowTheirCodePointRange() {
        List<LineBreaker.Line> lines = LineBreaker.breakLines("\uD842\uDFB7野家の店", 4, DisplayWidth::of);
        assertEquals(0, lines.get(0).start());
        assertEquals(2, lines.get(0).end());
        assertEquals(2, lines.get(1).start(), "code points, not chars: 𠮷 is one");
    }

    @Test
    void neverWiderThanTheLimit() {
        String text = "東京都見本市北区緑ヶ丘三丁目12番地の4　見本ハイツ・グリーンヒルズ南棟1205号室（管理事務所気付）。";
        for (int columns = 2; columns <= 40; columns++) {
            for (String line : wrap(text, columns)) {
                assertTrue(DisplayWidth.of(line) <= columns, line + " wider than " + columns);
            }
            assertEquals(text.replace("　", ""), String.join("", wrap(text, columns)).replace("　", ""));
        }
    }

    @Test
    void emptyTextIsOneEmptyLine() {
        assertEquals(List.of(""), wrap("", 10));
        assertFalse(wrap("   ", 10).stream().anyMatch(line -> !line.isEmpty()));
    }
}
