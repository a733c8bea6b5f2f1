package jp.madoguchi.forms.fill;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.madoguchi.forms.model.Booth;
import jp.madoguchi.forms.model.CardData;
import jp.madoguchi.forms.model.FieldSource;
import jp.madoguchi.forms.model.FillContext;
import jp.madoguchi.forms.model.FilledApplication;
import jp.madoguchi.forms.model.FormDefinition;
import jp.madoguchi.forms.model.Format;
import jp.madoguchi.forms.model.Question;
import jp.madoguchi.forms.model.Section;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final FormFiller filler = new FormFiller();

    @Test
    void goldenApplication() {
        Question copies = new Question("copies", JuminhyoFixture.text("何通？"), Question.Type.NUMBER, List.of(), "1",
                null, 1, 10);
        Question purpose = new Question("purpose", JuminhyoFixture.text("使いみち"), Question.Type.CHOICE,
                List.of(new Question.Choice("work", JuminhyoFixture.text("勤務先"), "勤務先へ提出")), null, null, null, null);
        FormDefinition form = new FormDefinition("golden", 2, JuminhyoFixture.text("見本"), "見本請求書",
                JuminhyoFixture.text("市民課"), "citizens", 200, FormDefinition.IdentityCheck.JPKI_SIGNATURE,
                FormDefinition.IndividualNumberPolicy.FORBIDDEN, List.of(copies, purpose),
                List.of(new Section("請求者", List.of(new Section.Row(List.of(
                        new Section.Cell("applicant.name", "氏名", new FieldSource.Card(FieldSource.CardField.NAME),
                                Format.PLAIN, 8),
                        new Section.Cell("office.fee", "手数料",
                                new FieldSource.Computed(FieldSource.ComputedField.FEE_TOTAL), Format.YEN, 4)))))),
                "test");
        CardData card = new CardData("見本\u3000𠮷子", "東京都見本市本町1-2-3", LocalDate.of(1989, 1, 7), "2",
                List.of(3), List.of());
        FillContext context = new FillContext(LocalDate.of(2025, 11, 23), "MDG-2025-000123",
                new Booth("見本市", "見本市役所 北部出張所", "booth-017"));

        byte[] json = CanonicalJson.of(filler.fill(form, card, Map.of("purpose", "work", "copies", "2"), context));

        String expected = "{\"answers\":{\"copies\":\"2\",\"purpose\":\"work\"},"
                + "\"applicant\":{\"address\":\"東京都見本市本町1-2-3\",\"addressSubstituted\":[],"
                + "\"birthDate\":\"1989-01-07\",\"name\":\"見本\u3000𠮷子\",\"nameSubstituted\":[3],\"sex\":\"2\"},"
                + "\"booth\":{\"id\":\"booth-017\",\"location\":\"見本市役所 北部出張所\",\"municipality\":\"見本市\"},"
                + "\"clerkChecks\":[{\"field\":\"applicant.name\",\"positions\":[3]}],"
                + "\"copies\":2,\"date\":\"2025-11-23\",\"feeTotal\":400,"
                + "\"fields\":[{\"id\":\"applicant.name\",\"label\":\"氏名\",\"section\":\"請求者\",\"value\":\"見本\u3000𠮷子\"},"
                + "{\"id\":\"office.fee\",\"label\":\"手数料\",\"section\":\"請求者\",\"value\":\"400円\"}],"
                + "\"form\":{\"id\":\"golden\",\"version\":2},"
                + "\"reference\":\"MDG-2025-000123\",\"schema\":\"madoguchi.application/1\"}";
        assertEquals(expected, new String(json, UTF_8));
        assertArrayEquals(expected.getBytes(UTF_8), json);
    }

    @Test
    void theSameInputGivesTheSameBytesWhateverTheAnswersMapsOrder() {
        List<String[]> entries = List.of(new String[] {"purpose", "work"}, new String[] {"copies", "3"},
                new String[] {"whose", "household"}, new String[] {"relation", "include"});
        byte[] reference = CanonicalJson.of(fill(answersInOrder(entries)));
        List<String[]> shuffled = new ArrayList<>(entries);
        for (int seed = 0; seed < 24; seed++) {
            Collections.shuffle(shuffled, new java.util.Random(seed));
            assertArrayEquals(reference, CanonicalJson.of(fill(answersInOrder(shuffled))));
        }
        assertArrayEquals(reference, CanonicalJson.of(fill(new HashMap<>(answersInOrder(entries)))));
        assertArrayEquals(reference, CanonicalJson.of(fill(Map.of("relation", "include", "whose", "household",
                "copies", "3", "purpose", "work"))));
    }

    @Test
    void theSameApplicationGivesTheSameBytesEveryTime() {
        FilledApplication application = fill(Map.of("purpose", "work"));
        byte[] first = CanonicalJson.of(application);
        for (int run = 0; run < 10; run++) {
            assertArrayEquals(first, CanonicalJson.of(fill(Map.of("purpose", "work"))));
            assertArrayEquals(first, CanonicalJson.of(application));
        }
    }

    @Test
    void headquartersReCanonicalisesReceivedJsonToTheSameBytes() throws Exception {
        byte[] signed = CanonicalJson.of(fill(Map.of("purpose", "work", "copies", "2")));
        JsonNode received = MAPPER.readTree(signed);
        assertArrayEquals(signed, CanonicalJson.canonicalize(received));
        // Pretty-printed and re-ordered in transit: still the same canonical bytes.
        String pretty = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(reversed(received));
        assertTrue(pretty.contains("\n  "));
        assertArrayEquals(signed, CanonicalJson.canonicalize(MAPPER.readTree(pretty)));
    }

    @Test
    void receivedBytesAreParsedStrictly() {
        byte[] signed = CanonicalJson.of(fill(Map.of("purpose", "work")));
        assertArrayEquals(signed, CanonicalJson.canonicalize(signed));
        assertEquals("{\"a\":1,\"b\":2}", new String(CanonicalJson.canonicalize(" {\"b\":2, \"a\":1}\n".getBytes(UTF_8)), UTF_8));
        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.canonicalize("{\"name\":\"見本\",\"name\":\"別人\"}".getBytes(UTF_8)));
        assertTrue(!duplicate.getMessage().contains("見本") && !duplicate.getMessage().contains("別人"),
                duplicate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.canonicalize("{} {}".getBytes(UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.canonicalize("{\"a\":".getBytes(UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.canonicalize(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.canonicalize("[NaN]".getBytes(UTF_8)));
    }

    @Test
    void topLevelKeysAreSortedAndNothingIsMissing() throws Exception {
        JsonNode tree = MAPPER.readTree(CanonicalJson.of(fill(Map.of("purpose", "work"))));
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("answers", "applicant", "booth", "clerkChecks", "copies", "date", "feeTotal", "fields",
                "form", "reference", "schema"), names);
    }

    @Test
    void noInsignificantWhitespace() throws Exception {
        JsonNode spaced = MAPPER.readTree("{ \"b\" : [ 1 , 2 ,\n 3 ] ,\t\"a\" : { \"c\" : true , \"d\" : null } }");
        assertEquals("{\"a\":{\"c\":true,\"d\":null},\"b\":[1,2,3]}", canonical(spaced));
    }

    @Test
    void stringsAreEscapedMinimallyAsJcsDoes() {
        ObjectNode node = NODES.objectNode();
        node.put("s", "\"quoted\" back\\slash \b\f\n\r\t \u0000\u0001\u001f\u007f 日本語 \u2028\u2029 /");
        assertEquals("{\"s\":\"\\\"quoted\\\" back\\\\slash \\b\\f\\n\\r\\t \\u0000\\u0001\\u001f\u007f 日本語 "
                + "\u2028\u2029 /\"}", canonical(node));
    }

    @Test
    void japaneseAndNonBmpCharactersAreRawUtf8() {
        ObjectNode node = NODES.objectNode();
        node.put("n", "𠮷");
        byte[] bytes = CanonicalJson.canonicalize(node);
        byte[] expected = {'{', '"', 'n', '"', ':', '"', (byte) 0xF0, (byte) 0xA0, (byte) 0xAE, (byte) 0xB7, '"', '}'};
        assertArrayEquals(expected, bytes);
    }

    @Test
    void keysAreSortedByUtf16CodeUnitsNotCodePoints() {
        ObjectNode node = NODES.objectNode();
        node.put("ｱ", 1); // U+FF71
        node.put("\uE000", 2); // private use
        node.put("𠮷", 3); // U+20BB7 = D842 DFB7: after 'a', before U+E000 in UTF-16 order
        node.put("a", 4);
        node.put("", 5);
        node.put("aa", 6);
        node.put("B", 7);
        assertEquals("{\"\":5,\"B\":7,\"a\":4,\"aa\":6,\"𠮷\":3,\"\uE000\":2,\"ｱ\":1}", canonical(node));
    }

    @Test
    void arraysKeepTheirOrder() {
        ObjectNode node = NODES.objectNode();
        node.putArray("x").add(3).add(1).add("b").add("a");
        assertEquals("{\"x\":[3,1,\"b\",\"a\"]}", canonical(node));
    }

    @Test
    void integersOnly() throws Exception {
        assertEquals("[-5,0,9007199254740991,-9007199254740991]",
                canonical(MAPPER.readTree("[-5,0,9007199254740991,-9007199254740991]")));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.canonicalize(MAPPER.readTree("[1.5]")));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.canonicalize(MAPPER.readTree("[1.0]")));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.canonicalize(MAPPER.readTree("[1e3]")));
        assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.canonicalize(NODES.arrayNode().add(BigInteger.ONE.shiftLeft(53))));
    }

    @Test
    void loneSurrogatesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.canonicalize(NODES.textNode("\uD842")));
        assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.canonicalize(NODES.textNode("\uDFB7x")));
        ObjectNode badKey = NODES.objectNode();
        badKey.put("\uD842", 1);
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.canonicalize(badKey));
    }

    @Test
    void theSchemaAndFormVersionAreSigned() throws Exception {
        JsonNode tree = MAPPER.readTree(CanonicalJson.of(fill(Map.of("purpose", "work"))));
        assertEquals("madoguchi.application/1", tree.get("schema").asText());
        assertEquals(3, tree.get("form").get("version").asInt());
        assertEquals("juminhyo", tree.get("form").get("id").asText());
    }

    @Test
    void anApplicationWithoutCardDataLeavesTheApplicantOut() throws Exception {
        FilledApplication full = fill(Map.of("purpose", "work"));
        FilledApplication legacy = new FilledApplication(full.form(), full.context(), full.answers(), full.fields(),
                full.copies(), full.feeTotal(), full.clerkChecks());
        assertTrue(MAPPER.readTree(CanonicalJson.of(legacy)).path("applicant").isMissingNode());
    }

    private FilledApplication fill(Map<String, String> answers) {
        return filler.fill(JuminhyoFixture.FORM, JuminhyoFixture.CARD_WITH_GAIJI, answers, JuminhyoFixture.CONTEXT);
    }

    private static Map<String, String> answersInOrder(List<String[]> entries) {
        Map<String, String> answers = new LinkedHashMap<>();
        entries.forEach(entry -> answers.put(entry[0], entry[1]));
        return answers;
    }

    private static JsonNode reversed(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        Collections.reverse(names);
        ObjectNode copy = NODES.objectNode();
        names.forEach(name -> copy.set(name, reversed(node.get(name))));
        return copy;
    }

    private static String canonical(JsonNode node) {
        return new String(CanonicalJson.canonicalize(node), UTF_8);
    }
}
