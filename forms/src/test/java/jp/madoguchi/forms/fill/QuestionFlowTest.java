package jp.madoguchi.forms.fill;

import static jp.madoguchi.forms.fill.JuminhyoFixture.COPIES;
import static jp.madoguchi.forms.fill.JuminhyoFixture.FORM;
import static jp.madoguchi.forms.fill.JuminhyoFixture.PURPOSE;
import static jp.madoguchi.forms.fill.JuminhyoFixture.RELATION;
import static jp.madoguchi.forms.fill.JuminhyoFixture.WHOSE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.madoguchi.forms.fill.ValidationResult.Reason;
import jp.madoguchi.forms.model.FormDefinition;
import jp.madoguchi.forms.model.Question;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuestionFlowTest {

    private static final Question READING = new Question("reading", JuminhyoFixture.text("ふりがな"),
            Question.Type.KANA, List.of(), null, null, null, null);
    private static final Question POSTAL = new Question("postal", JuminhyoFixture.text("郵便番号"),
            Question.Type.POSTAL_CODE, List.of(), null, null, null, null);

    private final QuestionFlow flow = new QuestionFlow(FORM);

    @Test
    void asksInOrderAndAsksWhoseRelationOnlyForAHouseholdRecord() {
        assertEquals(Optional.of(PURPOSE), flow.next(Map.of()));
        assertEquals(Optional.of(COPIES), flow.next(Map.of("purpose", "work")));
        assertEquals(Optional.of(WHOSE), flow.next(Map.of("purpose", "work", "copies", "2")));
        assertEquals(Optional.empty(), flow.next(Map.of("purpose", "work", "copies", "2", "whose", "self")));
        assertEquals(Optional.of(RELATION),
                flow.next(Map.of("purpose", "work", "copies", "2", "whose", "household")));
        assertEquals(Optional.empty(),
                flow.next(Map.of("purpose", "work", "copies", "2", "whose", "household", "relation", "omit")));
    }

    @Test
    void anInvalidStoredAnswerIsAskedAgain() {
        assertEquals(Optional.of(COPIES), flow.next(Map.of("purpose", "work", "copies", "11")));
    }

    @Test
    void applicableCountsUnansweredQuestionsWithTheirDefaults() {
        assertEquals(List.of(PURPOSE, COPIES, WHOSE), flow.applicable(Map.of()));
        assertEquals(List.of(PURPOSE, COPIES, WHOSE, RELATION), flow.applicable(Map.of("whose", "household")));
    }

    @Test
    void completeTakesDefaultsAndNormalisesNumbers() {
        assertEquals(Map.of("purpose", "work", "copies", "1", "whose", "self"),
                flow.complete(Map.of("purpose", "work")));
        assertEquals("3", flow.complete(Map.of("purpose", "work", "copies", "03")).get("copies"));
    }

    @Test
    void completeKeepsTheFormsQuestionOrder() {
        assertEquals(List.of("purpose", "copies", "whose", "relation"), List.copyOf(flow.complete(
                Map.of("relation", "include", "whose", "household", "copies", "2", "purpose", "other")).keySet()));
    }

    @Test
    void anAnswerToAQuestionThatNoLongerAppliesIsDropped() {
        // The resident chose a household record, answered the relation, then went back to "self".
        Map<String, String> completed = flow.complete(
                Map.of("purpose", "work", "whose", "self", "relation", "include"));
        assertFalse(completed.containsKey("relation"));
    }

    @Test
    void missingAnswersWithoutDefaultsAreNamed() {
        MissingAnswerException missing = assertThrows(MissingAnswerException.class,
                () -> flow.complete(Map.of("whose", "household")));
        assertEquals(List.of("purpose", "relation"), missing.questionIds());
        assertTrue(missing.getMessage().contains("purpose, relation"), missing.getMessage());
    }

    @Test
    void anInvalidAnswerIsNamedWithItsValueAndReason() {
        InvalidAnswerException invalid = assertThrows(InvalidAnswerException.class,
                () -> flow.complete(Map.of("purpose", "work", "copies", "11")));
        assertEquals("copies", invalid.questionId());
        assertEquals("11", invalid.value());
        assertEquals(Reason.ABOVE_MAX, invalid.reason());
        assertTrue(invalid.getMessage().contains("copies") && invalid.getMessage().contains("11"));
    }

    @Test
    void anAnswerToNoQuestionOfTheFormIsAnErrorNotSilentlyDropped() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> flow.complete(Map.of("purpose", "work", "copise", "2")));
        assertTrue(unknown.getMessage().contains("copise"));
    }

    @Test
    void numbers() {
        assertEquals(ValidationResult.valid("1"), QuestionFlow.validate(COPIES, "1"));
        assertEquals(ValidationResult.valid("10"), QuestionFlow.validate(COPIES, "10"));
        assertEquals(Optional.of(Reason.BELOW_MIN), QuestionFlow.validate(COPIES, "0").reason());
        assertEquals(Optional.of(Reason.ABOVE_MAX), QuestionFlow.validate(COPIES, "11").reason());
        for (String notANumber : List.of("", "abc", "-1", "+2", "1.5", " 2", "２", "99999999999")) {
            assertEquals(Optional.of(Reason.NOT_A_NUMBER), QuestionFlow.validate(COPIES, notANumber).reason(),
                    notANumber);
        }
    }

    @Test
    void choices() {
        assertTrue(QuestionFlow.validate(PURPOSE, "work").isValid());
        assertEquals(Optional.of(Reason.NOT_A_CHOICE), QuestionFlow.validate(PURPOSE, "勤務先へ提出").reason());
        assertEquals(Optional.of(Reason.NOT_A_CHOICE), QuestionFlow.validate(PURPOSE, "WORK").reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"みほん\u3000はなこ", "ミホン\u3000ハナコ", "スミス　ジョーン", "ヴァレリー", "みすゞ", "ぁゖァヺ"})
    void kanaAccepted(String kana) {
        assertEquals(ValidationResult.valid(kana), QuestionFlow.validate(READING, kana));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\u3000", "ー", "見本", "ﾐﾎﾝ", "mihon", "みほん はなこ", "ジョン・スミス", "みほん1"})
    void kanaRefused(String notKana) {
        ValidationResult result = QuestionFlow.validate(READING, notKana);
        assertEquals(Optional.of(Reason.NOT_KANA), result.reason());
        assertEquals(Optional.of("answer.invalid.not_kana"), result.messageKey());
    }

    @Test
    void postalCodesAreStoredAsNnnHyphenNnnn() {
        assertEquals(ValidationResult.valid("100-0001"), QuestionFlow.validate(POSTAL, "100-0001"));
        assertEquals(ValidationResult.valid("100-0001"), QuestionFlow.validate(POSTAL, "1000001"));
        for (String notPostal : List.of("", "100-001", "10-00001", "100 0001", "１００－０００１", "100-00011", "〒100-0001")) {
            assertEquals(Optional.of(Reason.NOT_POSTAL_CODE), QuestionFlow.validate(POSTAL, notPostal).reason(),
                    notPostal);
        }
    }

    @Test
    void aKanaAnswerIsNotQuotedInTheMessage() {
        FormDefinition form = formWith(List.of(READING));
        InvalidAnswerException invalid = assertThrows(InvalidAnswerException.class,
                () -> new QuestionFlow(form).complete(Map.of("reading", "見本花子")));
        assertFalse(invalid.getMessage().contains("見本花子"));
        assertEquals("見本花子", invalid.value());
    }

    @Test
    void everyReasonHasADottedMessageKey() {
        for (Reason reason : Reason.values()) {
            assertTrue(reason.messageKey().matches("answer\\.invalid\\.[a-z_]+"), reason.messageKey());
        }
    }

    @Test
    void definitionsThatCannotFlowAreRefusedWhenTheFlowIsBuilt() {
        Question forwardCondition = new Question("relation", JuminhyoFixture.text("続柄"), Question.Type.CHOICE,
                RELATION.choices(), null, new Question.Condition("whose", List.of("household")), null, null);
        assertThrows(IllegalArgumentException.class,
                () -> new QuestionFlow(formWith(List.of(forwardCondition, WHOSE))));
        Question badDefault = new Question("copies", JuminhyoFixture.text("通数"), Question.Type.NUMBER, List.of(),
                "0", null, 1, 10);
        assertThrows(IllegalArgumentException.class, () -> new QuestionFlow(formWith(List.of(badDefault))));
        assertThrows(IllegalArgumentException.class, () -> new QuestionFlow(formWith(List.of(COPIES, COPIES))));
    }

    static FormDefinition formWith(List<Question> questions) {
        return new FormDefinition("test", 1, JuminhyoFixture.text("テスト"), "テスト", JuminhyoFixture.text("テスト課"),
                "test", 0, FormDefinition.IdentityCheck.JPKI_SIGNATURE, FormDefinition.IndividualNumberPolicy.FORBIDDEN,
                questions, List.of(), "test");
    }
}
