package jp.madoguchi.forms.endtoend;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import jp.madoguchi.forms.catalogue.FormCatalogue;
import jp.madoguchi.forms.fill.CanonicalJson;
import jp.madoguchi.forms.fill.FormFiller;
import jp.madoguchi.forms.fill.QuestionFlow;
import jp.madoguchi.forms.fill.Wareki;
import jp.madoguchi.forms.model.Booth;
import jp.madoguchi.forms.model.CardData;
import jp.madoguchi.forms.model.FillContext;
import jp.madoguchi.forms.model.FilledApplication;
import jp.madoguchi.forms.model.FormDefinition;
import jp.madoguchi.forms.model.Question;
import jp.madoguchi.forms.render.JapaneseFonts;
import jp.madoguchi.forms.render.PdfRenderer;
import jp.madoguchi.forms.render.PngPreview;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped procedure, from the card's data to the paper form a clerk and a printer see. */
class ShippedFormsEndToEndTest {
    /** The emulator's default persona (card-reader's personas/default.json). */
    static final CardData SAMPLE = new CardData("見本　太郎", "東京都千代田区霞が関１－２－３", LocalDate.of(1980, 2, 17), "1");
    static final FillContext CONTEXT = new FillContext(LocalDate.of(2025, 11, 23), "MD-20251123-TEST01",
            new Booth("見本市", "見本市役所 北部出張所 窓口ブース", "booth-017"));

    private static FormCatalogue catalogue;
    private static PdfRenderer renderer;

    @BeforeAll
    static void load() throws Exception {
        catalogue = FormCatalogue.load(null);
        renderer = new PdfRenderer(JapaneseFonts.fromSystem());
    }

    static Stream<String> shippedIds() throws Exception {
        return FormCatalogue.load(null).forms().stream().map(FormDefinition::id);
    }

    /** What a resident answering each question with its default (else the first button) gives. */
    static Map<String, String> answersLikeAResident(FormDefinition form) {
        Map<String, String> answers = new LinkedHashMap<>();
        QuestionFlow flow = new QuestionFlow(form);
        for (Optional<Question> next = flow.next(answers); next.isPresent(); next = flow.next(answers)) {
            Question q = next.get();
            String value = q.defaultValue() != null ? q.defaultValue()
                    : q.type() == Question.Type.CHOICE ? q.choices().get(0).value()
                    : q.type() == Question.Type.NUMBER ? String.valueOf(q.min()) : "ミホン";
            answers.put(q.id(), value);
        }
        return answers;
    }

    @ParameterizedTest
    @MethodSource("shippedIds")
    void fillsAndPrintsTheNameAddressAndWarekiBirthDate(String id) throws Exception {
        FormDefinition form = catalogue.form(id).orElseThrow();
        FilledApplication app = new FormFiller().fill(form, SAMPLE, answersLikeAResident(form), CONTEXT);
        byte[] pdf = renderer.render(app);
        String text;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertEquals(1, document.getNumberOfPages(), id + " fits one A4 page");
            text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
        }
        assertEquals("昭和55年2月17日", Wareki.format(SAMPLE.birthDate()));
        assertAll(id,
                () -> assertTrue(text.contains("見本太郎") || text.contains("見本　太郎"), "name"),
                () -> assertTrue(text.contains("東京都千代田区霞が関１－２－３"), "address"),
                () -> assertTrue(text.contains("昭和55年2月17日"), "和暦 birth date"),
                () -> assertTrue(text.contains(form.paperTitle().replaceAll("\\s+", "")), "paper title"),
                () -> assertTrue(text.contains("MD-20251123-TEST01"), "reference"),
                () -> assertTrue(text.contains(switch (id) {
                    case "koseki", "jidoteate" -> "請求日";
                    case "tenkyo" -> "届出日";
                    default -> "申請日";
                }), "the date is named as the paper names it"));
        var png = ImageIO.read(new ByteArrayInputStream(new PngPreview().render(pdf)));
        assertTrue(png.getWidth() > 800 && png.getHeight() > png.getWidth(), id + " preview is a portrait page");
    }

    @ParameterizedTest
    @MethodSource("shippedIds")
    void canonicalJsonIsTheSameBytesEveryTime(String id) {
        FormDefinition form = catalogue.form(id).orElseThrow();
        Map<String, String> answers = answersLikeAResident(form);
        Map<String, String> reversed = new LinkedHashMap<>();
        List<String> keys = new java.util.ArrayList<>(answers.keySet());
        java.util.Collections.reverse(keys);
        keys.forEach(k -> reversed.put(k, answers.get(k)));
        byte[] first = CanonicalJson.of(new FormFiller().fill(form, SAMPLE, answers, CONTEXT));
        byte[] second = CanonicalJson.of(new FormFiller().fill(form, SAMPLE, reversed, CONTEXT));
        assertArrayEquals(first, second, "the same input gives the same bytes, whatever the order of the answers");
    }
}
