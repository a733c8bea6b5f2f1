package jp.madoguchi.forms.render;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import jp.madoguchi.forms.model.FilledApplication;
import jp.madoguchi.forms.model.FilledApplication.ClerkCheck;
import jp.madoguchi.forms.model.FormDefinition;
import jp.madoguchi.forms.model.Section;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PdfRendererTest {
    private static PdfRenderer renderer;
    private static byte[] withClerkCheck;
    private static byte[] withoutClerkCheck;

    @BeforeAll
    static void renderSamples() throws IOException {
        renderer = new PdfRenderer(JapaneseFonts.fromSystem());
        withClerkCheck = renderer.render(SampleApplications.withClerkCheck());
        withoutClerkCheck = renderer.render(SampleApplications.withoutClerkCheck());
    }

    @Test
    void isOneA4PortraitPage() throws IOException {
        try (PDDocument document = Loader.loadPDF(withClerkCheck)) {
            assertEquals(1, document.getNumberOfPages());
            PDPage page = document.getPage(0);
            // A4 is 210 × 297 mm = 595.28 × 841.89 pt
            assertEquals(595.28, page.getMediaBox().getWidth(), 0.5);
            assertEquals(841.89, page.getMediaBox().getHeight(), 0.5);
        }
    }

    @Test
    void showsTitleNameFullAddressDateAndReference() throws IOException {
        String text = withoutWhitespace(textOf(withClerkCheck));
        assertAll(
                () -> assertTrue(text.contains(SampleApplications.PAPER_TITLE), "paper title"),
                () -> assertTrue(text.contains(withoutWhitespace(SampleApplications.NAME)), "name"),
                () -> assertTrue(text.contains(withoutWhitespace(SampleApplications.LONG_ADDRESS)), "the whole long address"),
                () -> assertTrue(text.contains(SampleApplications.APPLICATION_DATE_WAREKI), "application date in 和暦"),
                () -> assertTrue(text.contains(SampleApplications.BIRTH_DATE), "birth date"),
                () -> assertTrue(text.contains(SampleApplications.REFERENCE), "reference number"),
                () -> assertTrue(text.contains("（宛先）見本市長"), "addressee"),
                () -> assertTrue(text.contains(SampleApplications.BOOTH.location().replace(" ", "")), "booth location"),
                () -> assertTrue(text.contains("600円"), "fee"));
    }

    @Test
    void longAddressWrapsOntoMoreThanOneLineInsteadOfRunningOut() throws IOException {
        List<String> lines = textOf(withClerkCheck).lines().map(String::strip).toList();
        String address = SampleApplications.LONG_ADDRESS;
        assertFalse(lines.contains(address), "the long address is wrapped, not on one line");
        assertTrue(lines.stream().anyMatch(line -> !line.isEmpty() && address.startsWith(line)), "its first line");
    }

    @Test
    void everyGlyphIsInsideThePrintableArea() throws IOException {
        float left = 15 * 72 / 25.4f - 0.5f;
        float right = 595.28f - 15 * 72 / 25.4f + 0.5f;
        for (TextPosition glyph : glyphsOf(withClerkCheck)) {
            assertTrue(glyph.getXDirAdj() >= left && glyph.getXDirAdj() + glyph.getWidthDirAdj() <= right,
                    () -> "'" + glyph.getUnicode() + "' at x=" + glyph.getXDirAdj() + " is outside the form's frame");
        }
    }

    @Test
    void everyFontIsAnEmbeddedSubset() throws IOException {
        try (PDDocument document = Loader.loadPDF(withClerkCheck)) {
            List<PDFont> fonts = new ArrayList<>();
            for (COSName name : document.getPage(0).getResources().getFontNames()) {
                fonts.add(document.getPage(0).getResources().getFont(name));
            }
            assertEquals(2, fonts.size(), "Mincho and Gothic");
            for (PDFont font : fonts) {
                assertTrue(font instanceof PDType0Font, font.getName() + " is a CID font");
                assertTrue(font.isEmbedded(), font.getName() + " is embedded");
                assertTrue(((PDType0Font) font).getDescendantFont().isEmbedded(), font.getName() + " outlines are embedded");
                assertTrue(font.getName().matches("[A-Z]{6}\\+.+"), font.getName() + " is named as a subset");
            }
        }
        assertTrue(withClerkCheck.length < 200_000, "subsets, not the 6–8 MB fonts: " + withClerkCheck.length + " bytes");
    }

    @Test
    void metadataNamesTheFormAndReferenceButNoPersonalData() throws IOException {
        try (PDDocument document = Loader.loadPDF(withClerkCheck)) {
            PDDocumentInformation info = document.getDocumentInformation();
            assertEquals(SampleApplications.PAPER_TITLE + " " + SampleApplications.REFERENCE, info.getTitle());
            assertEquals("Madoguchi", info.getProducer());
            assertNull(info.getAuthor());
            assertNull(info.getSubject());
            assertNull(info.getKeywords());
            assertNull(document.getDocumentCatalog().getMetadata(), "no XMP packet");
            String allMetadata = info.getCOSObject().toString();
            for (String personal : List.of("渡邉", "花子", "緑ヶ丘", "昭和33年")) {
                for (String key : info.getMetadataKeys()) {
                    String value = info.getCustomMetadataValue(key);
                    assertFalse(value != null && value.contains(personal), key + " holds personal data");
                }
                assertFalse(allMetadata.contains(personal), "document information holds personal data");
            }
        }
    }

    @Test
    void qrCodeCarriesTheReference() throws Exception {
        BufferedImage page = new PngPreview().renderImage(withClerkCheck);
        LuminanceSource source = new BufferedImageLuminance(page);
        Result result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE, DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE)));
        assertEquals(SampleApplications.REFERENCE, result.getText());
        assertEquals("M", result.getResultMetadata().get(com.google.zxing.ResultMetadataType.ERROR_CORRECTION_LEVEL));
    }

    @Test
    void clerkCheckNoteNamesTheFieldOnlyWhenNeeded() throws IOException {
        String checked = withoutWhitespace(textOf(withClerkCheck));
        String unchecked = withoutWhitespace(textOf(withoutClerkCheck));
        assertTrue(checked.contains("外字確認が必要です（職員確認）"));
        assertTrue(checked.contains("対象の欄：氏名"));
        assertTrue(checked.contains("※要確認"), "the flagged cell is tagged");
        assertFalse(unchecked.contains("外字確認"));
        assertFalse(unchecked.contains("要確認"));
    }

    @Test
    void aValueTooLongForTwoLinesShrinksAndWrapsButIsNeverCutOff() throws IOException {
        String veryLong = SampleApplications.LONG_ADDRESS.repeat(3);
        FilledApplication app = SampleApplications.filled(SampleApplications.juminhyoForm(), veryLong, List.of());
        byte[] pdf = renderer.render(app);
        assertTrue(withoutWhitespace(textOf(pdf)).contains(withoutWhitespace(veryLong)));
        float smallestSize = Float.MAX_VALUE;
        for (TextPosition glyph : glyphsOf(pdf)) {
            if ("緑".equals(glyph.getUnicode())) {
                smallestSize = Math.min(smallestSize, glyph.getFontSizeInPt());
            }
        }
        assertTrue(smallestSize < 11, "shrunk from the regular size: " + smallestSize);
    }

    @Test
    void characterMissingFromTheFontPrintsAsGetaNotAnError() throws IOException {
        // U+1F600 (an emoji) is in no IPAex font: it must not fail the resident's form.
        FilledApplication app = SampleApplications.filled(SampleApplications.juminhyoForm(), "見本市北区1-2-3 \uD83D\uDE00",
                List.of(new ClerkCheck("applicant.address", List.of(11))));
        String text = textOf(renderer.render(app));
        assertTrue(text.contains("見本市北区1-2-3 〓"), text);
    }

    @Test
    void rendersConcurrentlyWithSharedFonts() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> renderer.render(SampleApplications.withClerkCheck())));
            }
            for (Future<byte[]> result : results) {
                assertTrue(withoutWhitespace(textOf(result.get())).contains(withoutWhitespace(SampleApplications.LONG_ADDRESS)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sectionWithoutTitleSpansTheWholeWidth() throws IOException {
        FormDefinition form = SampleApplications.juminhyoForm();
        List<Section> sections = new ArrayList<>(form.sections());
        sections.set(2, new Section("", sections.get(2).rows()));
        FormDefinition untitled = new FormDefinition(form.id(), form.version(), form.title(), form.paperTitle(),
                form.department(), form.routing(), form.feePerCopy(), form.identityCheck(), form.individualNumber(),
                form.questions(), sections, form.origin());
        byte[] pdf = renderer.render(SampleApplications.filled(untitled, SampleApplications.LONG_ADDRESS, List.of()));
        String text = withoutWhitespace(textOf(pdf));
        assertTrue(text.contains("勤務先への提出（扶養手当の申請）"));
        assertFalse(text.contains("使いみち"));
    }

    @Test
    void formTooTallForOnePageFailsLoudlyInsteadOfCuttingOff() {
        FormDefinition form = SampleApplications.juminhyoForm();
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sections.addAll(form.sections());
        }
        FormDefinition tooTall = new FormDefinition("too-tall", 1, form.title(), form.paperTitle(), form.department(),
                form.routing(), form.feePerCopy(), form.identityCheck(), form.individualNumber(), form.questions(),
                sections, form.origin());
        IllegalStateException tooLong = assertThrows(IllegalStateException.class,
                () -> renderer.render(SampleApplications.filled(tooTall, SampleApplications.LONG_ADDRESS, List.of())));
        assertTrue(tooLong.getMessage().contains("too-tall"), tooLong.getMessage());
    }

    @Test
    void aLongerFormIsSetTighterToStayOnOnePage() throws IOException {
        FormDefinition form = SampleApplications.juminhyoForm();
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sections.addAll(form.sections());
        }
        sections.addAll(form.sections().subList(0, 3)); // 11 boxes: too tall for the spacious layout
        FormDefinition longer = new FormDefinition("longer", 1, form.title(), form.paperTitle(), form.department(),
                form.routing(), form.feePerCopy(), form.identityCheck(), form.individualNumber(), form.questions(),
                sections, form.origin());
        byte[] pdf = renderer.render(SampleApplications.filled(longer, SampleApplications.LONG_ADDRESS, List.of()));
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "render-samples"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "render-samples", "longer-form.png"), new PngPreview().render(pdf));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertEquals(1, document.getNumberOfPages());
        }
        String text = withoutWhitespace(textOf(pdf));
        assertTrue(text.indexOf(withoutWhitespace(SampleApplications.LONG_ADDRESS))
                != text.lastIndexOf(withoutWhitespace(SampleApplications.LONG_ADDRESS)), "every copy of the section is there");
        float shortFormSize = sizeOf("緑", glyphsOf(withoutClerkCheck));
        assertTrue(sizeOf("緑", glyphsOf(pdf)) < shortFormSize, "smaller than the short form's " + shortFormSize);
    }

    private static float sizeOf(String character, List<TextPosition> glyphs) {
        return glyphs.stream().filter(glyph -> character.equals(glyph.getUnicode())).map(TextPosition::getFontSizeInPt)
                .findFirst().orElseThrow();
    }

    static String textOf(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static List<TextPosition> glyphsOf(byte[] pdf) throws IOException {
        List<TextPosition> glyphs = new ArrayList<>();
        PDFTextStripper collector = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> textPositions) {
                glyphs.addAll(textPositions);
            }
        };
        try (PDDocument document = Loader.loadPDF(pdf)) {
            collector.getText(document);
        }
        assertFalse(glyphs.isEmpty());
        return glyphs;
    }

    private static String withoutWhitespace(String text) {
        return text.replaceAll("[\\s\u3000]", "");
    }
}
