package jp.madoguchi.forms.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jp.madoguchi.forms.model.Booth;
import jp.madoguchi.forms.model.FillContext;
import jp.madoguchi.forms.model.FilledApplication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReceiptTextTest {
    private final ReceiptText receipt = new ReceiptText();

    @ParameterizedTest
    @EnumSource(ReceiptWidth.class)
    void noLineIsWiderThanThePaper(ReceiptWidth width) {
        for (FilledApplication app : List.of(SampleApplications.withClerkCheck(), withLongBoothAndReference())) {
            for (String line : receipt.render(app, width).split("\n", -1)) {
                assertTrue(DisplayWidth.of(line) <= width.columns(),
                        "'" + line + "' is " + DisplayWidth.of(line) + " columns, more than " + width.columns());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ReceiptWidth.class)
    void carriesReferenceProcedureCopiesFeeDatesAndBooth(ReceiptWidth width) {
        String text = receipt.render(SampleApplications.withClerkCheck(), width);
        List<String> lines = text.lines().map(String::strip).toList();
        assertTrue(lines.contains(SampleApplications.REFERENCE), "the reference on a line of its own");
        assertTrue(text.contains("住民票の写し"));
        assertTrue(text.contains("2通"));
        assertTrue(text.contains("600円"));
        assertTrue(text.contains("令和7年11月23日"));
        assertTrue(text.contains("2025年11月23日"));
        assertTrue(text.contains("見本市役所 北部出張所"));
        assertTrue(text.contains("booth-017"));
        assertTrue(text.replace("\n", "").contains("このレシートは申請の控えです"));
    }

    @ParameterizedTest
    @EnumSource(ReceiptWidth.class)
    void carriesNoPersonalData(ReceiptWidth width) {
        String text = receipt.render(SampleApplications.withClerkCheck(), width);
        assertFalse(text.contains("渡邉"));
        assertFalse(text.contains("花子"));
        assertFalse(text.contains("緑ヶ丘"));
        assertFalse(text.contains("昭和33年"));
    }

    @ParameterizedTest
    @EnumSource(ReceiptWidth.class)
    void longValuesWrapUnderTheirColumnAndStayWhole(ReceiptWidth width) {
        String text = receipt.render(withLongBoothAndReference(), width);
        String joined = text.lines().map(String::strip).reduce("", String::concat);
        assertTrue(joined.contains("見本市役所北部出張所（みどりが丘コミュニティセンター内）第二窓口"), joined);
        assertTrue(joined.contains("MDG-20251123-BOOTH017-000000042-RETRY"), joined);
    }

    @org.junit.jupiter.api.Test
    void widthsAreTheColumnsAReceiptPrinterCounts() {
        assertEquals(32, ReceiptWidth.MM58.columns());
        assertEquals(48, ReceiptWidth.MM80.columns());
        assertEquals(5, DisplayWidth.of("R7-01"));
        assertEquals(8, DisplayWidth.of("住民票の"));
        assertEquals(3, DisplayWidth.of("ｱｲｳ"), "half-width katakana");
        assertEquals(4, DisplayWidth.of("※○"), "ambiguous-width symbols print full width in kanji mode");
        assertEquals(4, DisplayWidth.of("\uD842\uDFB7a "), "a supplementary kanji (𠮷) is two columns");
    }

    private static FilledApplication withLongBoothAndReference() {
        FilledApplication sample = SampleApplications.withClerkCheck();
        Booth booth = new Booth("見本市", "見本市役所北部出張所（みどりが丘コミュニティセンター内）第二窓口", "booth-017");
        FillContext context = new FillContext(sample.context().date(), "MDG-20251123-BOOTH017-000000042-RETRY", booth);
        return new FilledApplication(sample.form(), context, sample.answers(), sample.fields(), sample.copies(),
                sample.feeTotal(), sample.clerkChecks());
    }
}
