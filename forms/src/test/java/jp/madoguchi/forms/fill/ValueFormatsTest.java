package jp.madoguchi.forms.fill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import jp.madoguchi.forms.model.Format;
import jp.madoguchi.forms.model.LocalizedText;
import jp.madoguchi.forms.model.Question;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ValueFormatsTest {

    private static final Question PURPOSE = new Question("purpose", LocalizedText.same("目的"), Question.Type.CHOICE,
            List.of(new Question.Choice("work", LocalizedText.same("勤務先"), "勤務先へ提出")), null, null, null, null);
    private static final Question COPIES = new Question("copies", LocalizedText.same("通数"), Question.Type.NUMBER,
            List.of(), "1", null, 1, 10);

    @Test
    void plainKeepsTheCardsCharactersExactly() {
        String cardName = "髙橋\u3000𠮷太郎ABC-1";
        assertEquals(cardName, ValueFormats.apply(Format.PLAIN, cardName, null));
    }

    @Test
    void fullWidthWidensAsciiLettersDigitsSpaceAndHyphenOnly() {
        assertEquals("東京都見本市本町１－２－３", ValueFormats.apply(Format.FULLWIDTH, "東京都見本市本町1-2-3", null));
        assertEquals("ＳＭＩＴＨ\u3000Ｊｏｈｎ", ValueFormats.apply(Format.FULLWIDTH, "SMITH John", null));
        // Other punctuation and half-width katakana stay, so code point positions never move.
        assertEquals("Ａ.ｶﾞ", ValueFormats.apply(Format.FULLWIDTH, "A.ｶﾞ", null));
        assertEquals("ｶﾞ".codePointCount(0, 2), ValueFormats.fullWidth("ｶﾞ").codePointCount(0, 2));
    }

    @Test
    void yenGroupsThousands() {
        assertEquals("0円", ValueFormats.apply(Format.YEN, "0", null));
        assertEquals("300円", ValueFormats.apply(Format.YEN, "300", null));
        assertEquals("1,200円", ValueFormats.apply(Format.YEN, "1200", null));
        assertEquals("120,000円", ValueFormats.apply(Format.YEN, "120000", null));
        assertEquals("1,234,567円", ValueFormats.yen(1_234_567));
        assertThrows(IllegalArgumentException.class, () -> ValueFormats.apply(Format.YEN, "12.5", null));
    }

    @Test
    void sexFromIso5218() {
        assertEquals("男", ValueFormats.apply(Format.SEX, "1", null));
        assertEquals("女", ValueFormats.apply(Format.SEX, "2", null));
        assertEquals("適用不能", ValueFormats.apply(Format.SEX, "9", null));
        assertThrows(IllegalArgumentException.class, () -> ValueFormats.apply(Format.SEX, "0", null));
        assertThrows(IllegalArgumentException.class, () -> ValueFormats.apply(Format.SEX, "M", null));
    }

    @Test
    void datesFromIsoDates() {
        assertEquals("平成元年1月8日", ValueFormats.apply(Format.WAREKI, "1989-01-08", null));
        assertEquals("1989年1月8日", ValueFormats.apply(Format.GREGORIAN, "1989-01-08", null));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ValueFormats.apply(Format.WAREKI, "1989/01/08", null));
        assertFalse(refused.getMessage().contains("1989"), "the message must not carry a (birth) date");
    }

    @Test
    void answerPrintsTheChoicesPaperTextOrTheNumbersDigits() {
        assertEquals("勤務先へ提出", ValueFormats.apply(Format.ANSWER, "work", PURPOSE));
        assertEquals("3", ValueFormats.apply(Format.ANSWER, "3", COPIES));
        assertEquals("as is", ValueFormats.apply(Format.ANSWER, "as is", null));
        assertThrows(IllegalArgumentException.class, () -> ValueFormats.apply(Format.ANSWER, "play", PURPOSE));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aBlankValueStaysBlankInEveryFormat(Format format) {
        assertEquals("", ValueFormats.apply(format, "", PURPOSE));
    }
}
