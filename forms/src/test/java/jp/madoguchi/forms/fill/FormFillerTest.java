package jp.madoguchi.forms.fill;

import static jp.madoguchi.forms.fill.JuminhyoFixture.CARD_WITH_GAIJI;
import static jp.madoguchi.forms.fill.JuminhyoFixture.CONTEXT;
import static jp.madoguchi.forms.fill.JuminhyoFixture.FORM;
import static jp.madoguchi.forms.fill.JuminhyoFixture.PLAIN_CARD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.madoguchi.forms.fill.ValidationResult.Reason;
import jp.madoguchi.forms.model.CardData;
import jp.madoguchi.forms.model.FieldSource;
import jp.madoguchi.forms.model.FilledApplication;
import jp.madoguchi.forms.model.FilledApplication.ClerkCheck;
import jp.madoguchi.forms.model.FilledApplication.FilledField;
import jp.madoguchi.forms.model.FormDefinition;
import jp.madoguchi.forms.model.Format;
import jp.madoguchi.forms.model.Section;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormFillerTest {

    private final FormFiller filler = new FormFiller();

    @Test
    void everyCellIsWrittenInPlaceFromItsSourceAndFormat() {
        FilledApplication application = filler.fill(FORM, PLAIN_CARD,
                Map.of("purpose", "work", "copies", "2", "whose", "household", "relation", "include"), CONTEXT);

        Map<String, String> values = values(application);
        assertEquals("見本\u3000花子", values.get("applicant.name"));
        assertEquals("平成元年1月8日", values.get("applicant.birthDate"));
        assertEquals("女", values.get("applicant.sex"));
        assertEquals("東京都見本市本町１－２－３", values.get("applicant.address"));
        assertEquals("世帯全員", values.get("request.whose"));
        assertEquals("続柄を記載する", values.get("request.relation"));
        assertEquals("2", values.get("request.copies"));
        assertEquals("勤務先へ提出", values.get("request.purpose"));
        assertEquals("令和7年11月23日", values.get("office.date"));
        assertEquals("2025年11月23日", values.get("office.dateGregorian"));
        assertEquals("600円", values.get("office.fee"));
        assertEquals("見本市", values.get("office.municipality"));
        assertEquals("見本市役所 北部出張所", values.get("office.location"));
        assertEquals("booth-017", values.get("office.booth"));
        assertEquals("MDG-2025-000123", values.get("office.reference"));
        assertEquals("書かない窓口", values.get("office.note"));
        assertFalse(application.needsClerkCheck());
        assertSame(PLAIN_CARD, application.applicant());
    }

    @Test
    void fieldsFollowTheLayoutWithTheirSectionAndLabel() {
        FilledApplication application = filler.fill(FORM, PLAIN_CARD, Map.of("purpose", "work"), CONTEXT);
        assertEquals(List.of("applicant.name", "applicant.birthDate", "applicant.sex", "applicant.address",
                "request.whose", "request.relation", "request.copies", "request.purpose", "office.date",
                "office.dateGregorian", "office.fee", "office.municipality", "office.location", "office.booth",
                "office.reference", "office.note"),
                application.fields().stream().map(FilledField::id).toList());
        FilledField first = application.fields().get(0);
        assertEquals("請求者（窓口に来た方）", first.section());
        assertEquals("氏名", first.label());
    }

    @Test
    void defaultsAreAppliedAndAnUnaskedQuestionsCellIsBlank() {
        FilledApplication application = filler.fill(FORM, PLAIN_CARD, Map.of("purpose", "procedure"), CONTEXT);
        assertEquals(Map.of("purpose", "procedure", "copies", "1", "whose", "self"), application.answers());
        assertEquals(1, application.copies());
        assertEquals(300, application.feeTotal());
        Map<String, String> values = values(application);
        assertEquals("本人のみ", values.get("request.whose"));
        assertEquals("", values.get("request.relation"));
        assertEquals("300円", values.get("office.fee"));
    }

    @Test
    void aMissingAnswerWithoutDefaultIsNamed() {
        MissingAnswerException missing = assertThrows(MissingAnswerException.class,
                () -> filler.fill(FORM, PLAIN_CARD, Map.of("copies", "2"), CONTEXT));
        assertEquals(List.of("purpose"), missing.questionIds());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "11", "abc"})
    void invalidCopiesAreRefused(String copies) {
        InvalidAnswerException invalid = assertThrows(InvalidAnswerException.class,
                () -> filler.fill(FORM, PLAIN_CARD, Map.of("purpose", "work", "copies", copies), CONTEXT));
        assertEquals("copies", invalid.questionId());
        assertEquals(copies, invalid.value());
        Reason expected = switch (copies) {
            case "0" -> Reason.BELOW_MIN;
            case "11" -> Reason.ABOVE_MAX;
            default -> Reason.NOT_A_NUMBER;
        };
        assertEquals(expected, invalid.reason());
    }

    @Test
    void theRelationAnswerIsDroppedWhenWhoseGoesBackToSelf() {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("purpose", "work");
        answers.put("whose", "household");
        answers.put("relation", "include");
        assertEquals("include", filler.fill(FORM, PLAIN_CARD, answers, CONTEXT).answers().get("relation"));

        answers.put("whose", "self");
        FilledApplication changed = filler.fill(FORM, PLAIN_CARD, answers, CONTEXT);
        assertFalse(changed.answers().containsKey("relation"));
        assertEquals("", values(changed).get("request.relation"));
    }

    @Test
    void feeTotalIsFeePerCopyTimesCopies() {
        for (int copies = 1; copies <= 10; copies++) {
            FilledApplication application = filler.fill(FORM, PLAIN_CARD,
                    Map.of("purpose", "work", "copies", Integer.toString(copies)), CONTEXT);
            assertEquals(copies, application.copies());
            assertEquals(JuminhyoFixture.FEE_PER_COPY * copies, application.feeTotal());
        }
        FilledApplication ten = filler.fill(FORM, PLAIN_CARD, Map.of("purpose", "work", "copies", "10"), CONTEXT);
        assertEquals("3,000円", values(ten).get("office.fee"));
    }

    @Test
    void aFormWithoutACopiesQuestionChargesOneCopy() {
        FormDefinition noCopies = new FormDefinition("inkan", 1, JuminhyoFixture.text("印鑑登録証明書"), "印鑑登録証明書交付申請書",
                JuminhyoFixture.text("市民課"), "citizens", 300, FormDefinition.IdentityCheck.JPKI_SIGNATURE,
                FormDefinition.IndividualNumberPolicy.FORBIDDEN, List.of(), List.of(), "test");
        FilledApplication application = filler.fill(noCopies, PLAIN_CARD, Map.of(), CONTEXT);
        assertEquals(1, application.copies());
        assertEquals(300, application.feeTotal());
    }

    @Test
    void substitutedCharactersAreMarkedForTheClerkAtTheirPositionsInTheWrittenValue() {
        FilledApplication application = filler.fill(FORM, CARD_WITH_GAIJI, Map.of("purpose", "work"), CONTEXT);

        assertTrue(application.needsClerkCheck());
        assertEquals(List.of(new ClerkCheck("applicant.name", List.of(3)), new ClerkCheck("applicant.address", List.of(6))),
                application.clerkChecks());
        Map<String, String> values = values(application);
        // The card's characters are kept: 𠮷 (outside the BMP) and 﨑 are not replaced by look-alikes.
        assertEquals("見本\u3000𠮷子", values.get("applicant.name"));
        assertEquals("𠮷", codePointAt(values.get("applicant.name"), 3));
        // The address is widened, one code point for one, so position 6 is still 﨑.
        assertEquals("東京都見本市﨑町１－２－３", values.get("applicant.address"));
        assertEquals("﨑", codePointAt(values.get("applicant.address"), 6));
    }

    @Test
    void aSubstitutedCharacterInAFieldNoCellShowsIsStillMarked() {
        FormDefinition nameOnly = new FormDefinition("nameonly", 1, JuminhyoFixture.text("氏名だけ"), "氏名だけ",
                JuminhyoFixture.text("市民課"), "citizens", 0, FormDefinition.IdentityCheck.JPKI_SIGNATURE,
                FormDefinition.IndividualNumberPolicy.FORBIDDEN, List.of(), List.of(new Section("", List.of(
                        new Section.Row(List.of(new Section.Cell("applicant.name", "氏名",
                                new FieldSource.Card(FieldSource.CardField.NAME), Format.PLAIN, 12)))))),
                "test");
        FilledApplication application = filler.fill(nameOnly, CARD_WITH_GAIJI, Map.of(), CONTEXT);
        assertEquals(List.of(new ClerkCheck("applicant.name", List.of(3)), new ClerkCheck("card.address", List.of(6))),
                application.clerkChecks());
    }

    @Test
    void aSubstitutedPositionOutsideTheValueIsACardDataErrorNotAWrongMark() {
        CardData broken = new CardData("見本\u3000花子", "東京都", LocalDate.of(1980, 1, 1), "1", List.of(9), List.of());
        assertThrows(IllegalArgumentException.class,
                () -> filler.fill(FORM, broken, Map.of("purpose", "work"), CONTEXT));
    }

    @Test
    void aCellForAQuestionTheFormDoesNotAskIsADefinitionError() {
        FormDefinition broken = new FormDefinition("broken", 1, JuminhyoFixture.text("壊れた"), "壊れた",
                JuminhyoFixture.text("市民課"), "citizens", 0, FormDefinition.IdentityCheck.JPKI_SIGNATURE,
                FormDefinition.IndividualNumberPolicy.FORBIDDEN, List.of(), List.of(new Section("", List.of(
                        new Section.Row(List.of(new Section.Cell("request.x", "x", new FieldSource.Answer("x"),
                                Format.ANSWER, 12)))))),
                "test");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> filler.fill(broken, PLAIN_CARD, Map.of(), CONTEXT));
        assertTrue(refused.getMessage().contains("request.x"), refused.getMessage());
    }

    @Test
    void aFormatErrorNamesTheCellButNotThePersonalValue() {
        FormDefinition broken = new FormDefinition("broken", 1, JuminhyoFixture.text("壊れた"), "壊れた",
                JuminhyoFixture.text("市民課"), "citizens", 0, FormDefinition.IdentityCheck.JPKI_SIGNATURE,
                FormDefinition.IndividualNumberPolicy.FORBIDDEN, List.of(), List.of(new Section("", List.of(
                        new Section.Row(List.of(new Section.Cell("applicant.name", "氏名",
                                new FieldSource.Card(FieldSource.CardField.NAME), Format.WAREKI, 12)))))),
                "test");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> filler.fill(broken, PLAIN_CARD, Map.of(), CONTEXT));
        assertTrue(refused.getMessage().contains("applicant.name"), refused.getMessage());
        assertFalse(refused.getMessage().contains("花子"), refused.getMessage());
    }

    private static Map<String, String> values(FilledApplication application) {
        Map<String, String> values = new LinkedHashMap<>();
        application.fields().forEach(field -> values.put(field.id(), field.value()));
        return values;
    }

    private static String codePointAt(String text, int codePointIndex) {
        int offset = text.offsetByCodePoints(0, codePointIndex);
        return new String(Character.toChars(text.codePointAt(offset)));
    }
}
