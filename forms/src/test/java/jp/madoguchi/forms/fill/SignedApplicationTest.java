package jp.madoguchi.forms.fill;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import jp.madoguchi.forms.catalogue.FormCatalogue;
import jp.madoguchi.forms.fill.SignedApplication.FieldView;
import jp.madoguchi.forms.fill.SignedApplication.SourceKind;
import jp.madoguchi.forms.model.FilledApplication;
import jp.madoguchi.forms.model.FilledApplication.ClerkCheck;
import jp.madoguchi.forms.render.JapaneseFonts;
import jp.madoguchi.forms.render.PdfRenderer;
import jp.madoguchi.forms.render.PngPreview;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a signed application back as the clerk sees it: the shipped 住民票 filled by the real
 * {@link FormFiller} for a resident whose card substituted 𠮷 in the name and 﨑 in the address.
 */
class SignedApplicationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Pieces of the resident's data that no message or toString may carry. */
    private static final List<String> PERSONAL = List.of("見本", "𠮷", "﨑", "1989", "1-2-3");

    private static FormCatalogue shipped;
    private static FilledApplication signedApplication;
    private static byte[] signed;

    @BeforeAll
    static void fillAndSign() throws Exception {
        shipped = FormCatalogue.load(null);
        signedApplication = new FormFiller().fill(shipped.form("juminhyo").orElseThrow(),
                JuminhyoFixture.CARD_WITH_GAIJI, Map.of("purpose", "work", "copies", "2", "scope", "household"),
                JuminhyoFixture.CONTEXT);
        signed = CanonicalJson.of(signedApplication);
    }

    // ---------------------------------------------------------------- read back exactly

    @Test
    void rebuildsTheApplicationExactlyAsSigned() throws Exception {
        SignedApplication read = SignedApplication.read(signed, shipped);
        FilledApplication rebuilt = read.application();
        assertAll(
                () -> assertTrue(read.exactRebuild(), () -> read.differences().toString()),
                () -> assertEquals(List.of(), read.differences()),
                () -> assertArrayEquals(signed, CanonicalJson.of(rebuilt)),
                () -> assertSame(shipped.form("juminhyo").orElseThrow(), rebuilt.form(), "the catalogue's definition"),
                () -> assertSame(rebuilt.form(), read.catalogueForm()),
                () -> assertEquals(1, read.signedFormVersion()),
                () -> assertEquals(signedApplication.fields(), rebuilt.fields()),
                () -> assertEquals(signedApplication.answers(), rebuilt.answers()),
                () -> assertEquals(2, rebuilt.copies()),
                () -> assertEquals(600, rebuilt.feeTotal()),
                () -> assertEquals(signedApplication.clerkChecks(), rebuilt.clerkChecks()),
                () -> assertEquals(JuminhyoFixture.CARD_WITH_GAIJI, rebuilt.applicant()),
                () -> assertEquals(JuminhyoFixture.CONTEXT, rebuilt.context()),
                () -> assertArrayEquals(signed, read.signedBytes()));
    }

    @Test
    void everyFieldShowsItsSourceAndItsClerkChecks() throws Exception {
        Map<String, FieldView> fields = byId(SignedApplication.read(signed, shipped).fields());
        assertEquals(signedApplication.fields().stream().map(FilledApplication.FilledField::id).toList(),
                List.copyOf(fields.keySet()), "every field, in layout order");
        assertField(fields.get("applicant.name"), SourceKind.CARD, "card.name", List.of(3));
        assertField(fields.get("applicant.address"), SourceKind.CARD, "card.address", List.of(6));
        assertField(fields.get("applicant.birthDate"), SourceKind.CARD, "card.birthDate", List.of());
        assertField(fields.get("request.kind"), SourceKind.TEXT, "text:住民票の写し", List.of());
        assertField(fields.get("request.scope"), SourceKind.ANSWER, "answer.scope", List.of());
        assertField(fields.get("request.purpose"), SourceKind.ANSWER, "answer.purpose", List.of());
        assertField(fields.get("fee.total"), SourceKind.COMPUTED, "computed.feeTotal", List.of());
        assertField(fields.get("booth.id"), SourceKind.BOOTH, "booth.id", List.of());
        FieldView name = fields.get("applicant.name");
        assertEquals("見本\u3000𠮷子", name.value());
        assertEquals("氏名", name.label());
        assertEquals("請求者（窓口に来た方）", name.section());
        assertTrue(name.needsClerkCheck());
        assertEquals("600円", fields.get("fee.total").value());
        assertEquals("世帯全員", fields.get("request.scope").value());
    }

    @Test
    void aSubstitutedFieldTheFormDoesNotPrintKeepsItsClerkCheck(@TempDir Path municipality) throws Exception {
        Files.writeString(municipality.resolve("mihon.yaml"), NAME_ONLY_FORM, UTF_8);
        FormCatalogue catalogue = FormCatalogue.load(municipality);
        byte[] json = CanonicalJson.of(new FormFiller().fill(catalogue.form("mihon").orElseThrow(),
                JuminhyoFixture.CARD_WITH_GAIJI, Map.of(), JuminhyoFixture.CONTEXT));

        SignedApplication read = SignedApplication.read(json, catalogue);

        assertTrue(read.exactRebuild(), () -> read.differences().toString());
        assertEquals(List.of(new ClerkCheck("applicant.name", List.of(3)), new ClerkCheck("card.address", List.of(6))),
                read.clerkChecks());
        assertEquals(List.of(3), byId(read.fields()).get("applicant.name").clerkCheckPositions());
        assertEquals("東京都見本市﨑町1-2-3", read.application().applicant().address());
    }

    @Test
    void anApplicationWithoutCardDataReadsBack() throws Exception {
        byte[] json = edited(tree -> tree.remove("applicant"));
        SignedApplication read = SignedApplication.read(json, shipped);
        assertNull(read.application().applicant());
        assertTrue(read.exactRebuild(), () -> read.differences().toString());
        assertArrayEquals(json, CanonicalJson.of(read.application()));
    }

    // ---------------------------------------------------------------- rendering

    @Test
    void rendersAsTheBoothPrintedIt() throws Exception {
        PdfRenderer renderer = new PdfRenderer(JapaneseFonts.fromSystem());
        SignedApplication read = SignedApplication.read(signed, shipped);
        byte[] printed = renderer.render(signedApplication);
        byte[] rebuilt = renderer.render(read.application());
        assertEquals(textOf(printed), textOf(rebuilt));
        assertTrue(textOf(rebuilt).contains("MDG-2025-000123"));
        // PDF bytes differ run to run (font subset tags); the drawn page must not.
        BufferedImage asPrinted = new PngPreview().renderImage(printed);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(new PngPreview().render(rebuilt)));
        assertNotNull(png);
        assertEquals(992, png.getWidth());
        assertEquals(1403, png.getHeight());
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                if (png.getRGB(x, y) != asPrinted.getRGB(x, y)) {
                    throw new AssertionError("the preview differs from the printed form at " + x + "," + y);
                }
            }
        }
    }

    // ---------------------------------------------------------------- a catalogue that differs

    @Test
    void aNewerVersionInTheCatalogueIsADifferenceNotAFailure(@TempDir Path municipality) throws Exception {
        Files.writeString(municipality.resolve("juminhyo.yaml"),
                shippedJuminhyo().replace("\nversion: 1\n", "\nversion: 2\n"), UTF_8);
        FormCatalogue catalogue = FormCatalogue.load(municipality);

        SignedApplication read = SignedApplication.read(signed, catalogue);

        assertFalse(read.exactRebuild());
        assertEquals(1, read.differences().size(), () -> read.differences().toString());
        assertTrue(read.differences().get(0).contains("signed as version 1 but the catalogue has version 2"),
                read.differences().get(0));
        assertEquals(1, read.signedFormVersion());
        assertEquals(2, read.catalogueForm().version());
        assertEquals(1, read.application().form().version(), "the rebuilt application says what was signed");
        assertArrayEquals(signed, CanonicalJson.of(read.application()));
        assertEquals(signedApplication.fields(), read.application().fields());
        assertEquals(SourceKind.CARD, byId(read.fields()).get("applicant.name").kind());
    }

    @Test
    void fieldsTheCatalogueDoesNotHaveAreShownWithTheSignedValues(@TempDir Path municipality) throws Exception {
        String changed = shippedJuminhyo()
                .replace("{id: request.kind, label: 種類,", "{id: request.type, label: 種類,")
                .replace("{id: applicant.address, label: 住所,", "{id: applicant.address, label: 住所・方書,");
        Files.writeString(municipality.resolve("juminhyo.yaml"), changed, UTF_8);
        FormCatalogue catalogue = FormCatalogue.load(municipality);

        SignedApplication read = SignedApplication.read(signed, catalogue);

        assertFalse(read.exactRebuild());
        String differences = String.join("\n", read.differences());
        assertAll(differences,
                () -> assertTrue(differences.contains("field 'request.kind' is not in the catalogue's form")),
                () -> assertTrue(differences.contains("the catalogue's form has field 'request.type'")),
                () -> assertTrue(differences.contains("field 'applicant.address' is signed with another label")),
                () -> assertEquals(3, read.differences().size()));
        FieldView kind = byId(read.fields()).get("request.kind");
        assertEquals(SourceKind.UNKNOWN, kind.kind());
        assertEquals("", kind.sourceNotation());
        assertEquals("住民票の写し", kind.value());
        assertEquals("住所", byId(read.fields()).get("applicant.address").label(), "the signed label");
        assertEquals(signedApplication.fields(), read.application().fields());
        assertArrayEquals(signed, CanonicalJson.of(read.application()));

        // Drawn from the signed fields: the unknown field and the signed label are on the page.
        String text = textOf(new PdfRenderer(JapaneseFonts.fromSystem()).render(read.application()));
        assertTrue(text.contains("種類住民票の写し必要な方世帯全員"), "the unknown field is drawn with its signed value");
        assertTrue(text.contains("住所※要確認東京都見本市﨑町1-2-3"), "the signed label and value");
        assertFalse(text.contains("住所・方書"), "the catalogue's label is not what was signed");
    }

    // ---------------------------------------------------------------- refused

    @Test
    void refusesWhatIsNotJson() {
        assertUnreadable("hello".getBytes(UTF_8), "not one JSON value");
        assertUnreadable(new byte[0], "no JSON value");
        assertUnreadable("{} {}".getBytes(UTF_8), "not one JSON value");
        assertUnreadable("[]".getBytes(UTF_8), "not an object");
        assertUnreadable(new String(signed, UTF_8).replace("\"copies\":2,", "\"copies\":2,\"copies\":2,").getBytes(UTF_8),
                "two members of the same name");
    }

    @Test
    void refusesJsonThatIsNotCanonical() throws Exception {
        byte[] pretty = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(MAPPER.readTree(signed));
        assertUnreadable(pretty, "not canonical JSON");
        assertUnreadable(new String(signed, UTF_8).replace("\"copies\":2,", "\"copies\":2.0,").getBytes(UTF_8),
                "integers only");
        assertUnreadable(new String(signed, UTF_8).replace("\"feeTotal\":600", "\"feeTotal\":9007199254740993")
                .getBytes(UTF_8), "up to ±(2^53−1)");
    }

    @Test
    void refusesAnotherSchema() {
        assertUnreadable(edited(tree -> tree.put("schema", "madoguchi.application/2")),
                "schema is not madoguchi.application/1 but madoguchi.application/2");
        assertUnreadable(edited(tree -> tree.put("schema", "見本\u3000𠮷子")), "schema is not madoguchi.application/1");
        assertUnreadable(edited(tree -> tree.remove("schema")), "schema is missing");
    }

    @Test
    void refusesAFormTheCatalogueDoesNotHave() {
        assertUnreadable(edited(tree -> ((ObjectNode) tree.get("form")).put("id", "nosuch")),
                "the catalogue has no form 'nosuch'");
        assertUnreadable(edited(tree -> ((ObjectNode) tree.get("form")).put("id", "見本市")),
                "the catalogue has no form (name withheld)");
    }

    @Test
    void refusesMissingMembers() {
        assertUnreadable(edited(tree -> tree.remove("reference")), "reference is missing");
        assertUnreadable(edited(tree -> tree.remove("form")), "form is missing");
        assertUnreadable(edited(tree -> ((ObjectNode) tree.get("form")).remove("version")), "form.version is missing");
        assertUnreadable(edited(tree -> ((ObjectNode) tree.get("booth")).remove("id")), "booth.id is missing");
        assertUnreadable(edited(tree -> ((ObjectNode) tree.get("applicant")).remove("birthDate")),
                "applicant.birthDate is missing");
        assertUnreadable(edited(tree -> ((ObjectNode) tree.get("fields").get(0)).remove("value")),
                "fields[0].value is missing");
        assertUnreadable(edited(tree -> ((ObjectNode) tree.get("clerkChecks").get(0)).remove("positions")),
                "clerkChecks[0].positions is missing");
    }

    @Test
    void refusesMembersOfTheWrongType() {
        assertUnreadable(edited(tree -> tree.put("copies", "2")), "copies is not a whole number");
        assertUnreadable(edited(tree -> tree.putObject("fields")), "fields is not an array");
        assertUnreadable(edited(tree -> tree.putArray("answers")), "answers is not an object");
        assertUnreadable(edited(tree -> ((ObjectNode) tree.get("answers")).put("purpose", 3)),
                "answers.purpose is not a string");
        assertUnreadable(edited(tree -> ((ArrayNode) tree.get("fields")).set(0, "見本\u3000𠮷子")),
                "fields[0] is not an object");
        assertUnreadable(edited(tree -> ((ObjectNode) tree.get("applicant")).putNull("name")),
                "applicant.name is not a string");
        assertUnreadable(edited(tree -> tree.put("date", "23/11/2025")), "date is not an ISO date");
        assertUnreadable(edited(tree -> ((ObjectNode) tree.get("applicant")).put("birthDate", "1989-1-7")),
                "applicant.birthDate is not an ISO date");
        assertUnreadable(edited(tree -> ((ObjectNode) tree.get("applicant")).putArray("nameSubstituted").add(-1)),
                "applicant.nameSubstituted[0] is not a code-point position");
        assertUnreadable(edited(tree -> ((ObjectNode) tree.get("applicant")).putArray("nameSubstituted").add("3")),
                "applicant.nameSubstituted[0] is not a whole number");
    }

    @Test
    void refusesNumbersOutOfRange() {
        assertUnreadable(edited(tree -> tree.put("feeTotal", 4_294_967_296L)), "feeTotal is out of range");
        assertUnreadable(edited(tree -> tree.put("copies", 0)), "copies is out of range (1 to");
        assertUnreadable(edited(tree -> tree.put("feeTotal", -300)), "feeTotal is out of range (0 to");
        assertUnreadable(edited(tree -> ((ObjectNode) tree.get("form")).put("version", 0)), "form.version is out of range");
    }

    @Test
    void refusesMembersItDoesNotKnow() {
        assertUnreadable(edited(tree -> tree.put("signature", "x")), "the application has an unexpected member 'signature'");
        assertUnreadable(edited(tree -> ((ObjectNode) tree.get("applicant")).put("見本\u3000𠮷子", "x")),
                "applicant has an unexpected member (name withheld)");
        assertUnreadable(edited(tree -> ((ObjectNode) tree.get("fields").get(2)).put("format", "plain")),
                "fields[2] has an unexpected member 'format'");
    }

    // ---------------------------------------------------------------- no personal data in toString

    @Test
    void toStringShowsNoPersonalValue() throws Exception {
        SignedApplication read = SignedApplication.read(signed, shipped);
        String all = read + " " + read.fields();
        assertTrue(all.contains("juminhyo v1") && all.contains("MDG-2025-000123") && all.contains("exact"), all);
        assertTrue(all.contains("FieldView[applicant.name, CARD card.name, clerk check at [3], value redacted]"), all);
        PERSONAL.forEach(personal -> assertFalse(all.contains(personal), () -> "toString shows " + personal));
    }

    // ---------------------------------------------------------------- helpers

    private static void assertUnreadable(byte[] json, String expected) {
        UnreadableApplicationException e = assertThrows(UnreadableApplicationException.class,
                () -> SignedApplication.read(json, shipped));
        assertTrue(e.getMessage().startsWith("not a signed application: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
        PERSONAL.forEach(personal -> assertFalse(e.getMessage().contains(personal),
                () -> "the message quotes personal data: " + e.getMessage()));
    }

    /** The signed application edited, then written canonically again (so only the edit is wrong). */
    private static byte[] edited(Consumer<ObjectNode> edit) {
        try {
            ObjectNode tree = (ObjectNode) MAPPER.readTree(signed);
            edit.accept(tree);
            return CanonicalJson.canonicalize(tree);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertField(FieldView field, SourceKind kind, String notation, List<Integer> positions) {
        assertNotNull(field);
        assertEquals(kind, field.kind(), field.id());
        assertEquals(notation, field.sourceNotation(), field.id());
        assertEquals(positions, field.clerkCheckPositions(), field.id());
    }

    private static Map<String, FieldView> byId(List<FieldView> fields) {
        return fields.stream().collect(Collectors.toMap(FieldView::id, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    private static String textOf(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", "");
        }
    }

    private static String shippedJuminhyo() throws IOException {
        try (InputStream in = FormCatalogue.class.getResourceAsStream(FormCatalogue.SHIPPED_FOLDER + "juminhyo.yaml")) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    private static final String ALL = "{ja: 見本, ja-easy: みほん, en: Sample, zh: 样本, ko: 견본, vi: Mẫu, pt: Amostra}";

    /** A form that prints the name but not the address. */
    private static final String NAME_ONLY_FORM = """
            id: mihon
            version: 1
            title: %s
            paperTitle: 見本申請書
            department: %s
            routing: citizens
            feePerCopy: 0
            identityCheck: jpki-signature
            individualNumber: forbidden
            questions: []
            sections:
              - title: 申請者
                rows:
                  - cells:
                      - {id: applicant.name, label: 氏名, source: card.name, span: 12}
            """.formatted(ALL, ALL);
}
