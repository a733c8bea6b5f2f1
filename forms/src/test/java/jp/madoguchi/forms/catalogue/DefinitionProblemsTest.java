package jp.madoguchi.forms.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of mistake in a definition file gives the promised message at the right line. The
 * fixtures are {@link Fixtures#valid} with one line changed, so the line numbers are those listed
 * there.
 */
class DefinitionProblemsTest {

    @TempDir
    Path dir;

    @Test
    void aValidDefinitionHasNoProblems() {
        assertEquals(List.of(), problems("sample", Fixtures.valid("sample")));
    }

    @Test
    void yamlSyntaxErrorGivesTheParsersLineAndColumn() {
        List<Problem> problems = problems("broken", "id: broken\n  version: 1\n");
        assertOnly(problems, "broken.yaml:2:10: YAML syntax error: mapping values are not allowed here");
    }

    @Test
    void tabIndentationIsNamedPlainly() {
        List<Problem> problems = problems("tabbed", "id: tabbed\n\tversion: 1\n");
        assertOnly(problems, "tabbed.yaml:1:11: YAML syntax error: a tab character here; indent with spaces, not tabs");
    }

    @Test
    void unknownKeyIsAnErrorWithASuggestion() {
        String text = Fixtures.valid("sample").replace("label: 氏名", "lable: 氏名");
        assertOnly(problems("sample", text), "sample.yaml:" + at(text, 22, "lable") + ": unknown key 'lable' in cell 'applicant.name' (did you mean 'label'?)");
    }

    @Test
    void unknownKeyFarFromAnyListsTheKeys() {
        List<Problem> problems = problems("sample", Fixtures.valid("sample").replace("routing: citizens",
                "colour: red\nrouting: citizens"));
        assertOnly(problems, "sample.yaml:6:1: unknown key 'colour' in form 'sample' (keys of form 'sample' are: id, version,");
    }

    @Test
    void missingRequiredKeyPointsAtTheMappingThatLacksIt() {
        List<Problem> problems = problems("sample", Fixtures.valid("sample").replace("routing: citizens\n", ""));
        assertOnly(problems, "sample.yaml:1:1: missing required key 'routing' in form 'sample'");
    }

    @Test
    void everyMissingLanguageIsNamed() {
        String text = Fixtures.valid("sample").replace("    prompt: " + Fixtures.ALL,
                "    prompt: {ja: 見本, ja-easy: みほん, en: Sample, zh: 样本, ko: 견본, pt: Amostra}");
        assertOnly(problems("sample", text), "sample.yaml:" + at(text, 13, "prompt") + ": question 'purpose' has no 'vi' prompt");
    }

    @Test
    void aChoiceLabelMissingALanguageIsNamedWithItsChoice() {
        String text = Fixtures.valid("sample").replace("{value: work, paperText: 勤務先に提出, label: " + Fixtures.ALL,
                "{value: work, paperText: 勤務先に提出, label: {ja: 勤務先, ja-easy: かいしゃ, en: Work, zh: 工作, ko: 직장, vi: Công việc}");
        assertOnly(problems("sample", text), "sample.yaml:" + at(text, 15, "label") + ": choice 'work' of question 'purpose' has no 'pt' label");
    }

    @Test
    void unknownAndBlankLanguagesAreErrors() {
        String text = Fixtures.valid("sample").replace("title: " + Fixtures.ALL,
                "title: {ja: 見本, jp: 見本, ja-easy: ' ', en: Sample, zh: 样本, ko: 견본, vi: Mẫu, pt: Amostra}");
        List<Problem> problems = problems("sample", text);
        assertEquals(2, problems.size(), problems.toString());
        assertProblem(problems.get(0), "sample.yaml:" + at(text, 3, "jp:") + ":", "unknown language 'jp' in the title of form 'sample' (did you mean 'ja'?)");
        assertProblem(problems.get(1), "sample.yaml:" + at(text, 3, "' '") + ":", "form 'sample' has a blank 'ja-easy' title");
    }

    @Test
    void aSingleTextWhereEveryLanguageIsExpected() {
        String text = Fixtures.valid("sample").replace("title: " + Fixtures.ALL, "title: 見本");
        assertOnly(problems("sample", text), "sample.yaml:" + at(text, 3, "見本") + ": 'title' of form 'sample' must give a text for each language");
    }

    @Test
    void wrongTypesSayWhatWasExpected() {
        String text = Fixtures.valid("sample")
                .replace("feePerCopy: 300", "feePerCopy: \"300\"")
                .replace("span: 8}", "span: eight}")
                .replace("    rows:", "    rows: none");
        text = text.replace("    rows: none\n      - cells:", "    rows:\n      - cells:");
        List<Problem> problems = problems("sample", text);
        assertEquals(2, problems.size(), problems.toString());
        assertProblem(problems.get(0), "sample.yaml:" + at(text, 7, "\"300\"") + ":", "'feePerCopy' of form 'sample' must be a whole number, not the text '300' (write it without quotes)");
        assertProblem(problems.get(1), "sample.yaml:" + at(text, 22, "eight") + ":", "'span' of cell 'applicant.name' must be a whole number, not the text 'eight'");

        String listWhereTextBelongs = Fixtures.valid("sample").replace("paperTitle: 見本申請書", "paperTitle: [見本, 申請書]");
        assertOnly(problems("sample", listWhereTextBelongs), "sample.yaml:" + at(listWhereTextBelongs, 4, "[") + ": 'paperTitle' of form 'sample' must be text, not a list");
    }

    @Test
    void badSourceNotationListsTheValidForms() {
        String text = Fixtures.valid("sample").replace("source: card.name", "source: card.nmae");
        List<Problem> problems = problems("sample", text);
        assertOnly(problems, "sample.yaml:" + at(text, 22, "card.nmae") + ": unknown source 'card.nmae' (did you mean 'card.name'?); sources are: card.name,");
        assertTrue(problems.get(0).message().contains("answer.<question id>") && problems.get(0).message().contains("text:<fixed text>"));
    }

    @Test
    void answerSourceMustNameAQuestion() {
        String text = Fixtures.valid("sample").replace("source: answer.copies", "source: answer.copys");
        assertOnly(problems("sample", text),
                "sample.yaml:" + at(text, 23, "answer.copys") + ": source 'answer.copys' names no question (did you mean 'copies'?); questions are: copies, purpose");
    }

    @Test
    void spanMustBeOneToTwelveAndARowAtMostTwelveWide() {
        String tooWideCell = Fixtures.valid("sample").replace("span: 4}", "span: 13}");
        assertOnly(problems("sample", tooWideCell), "sample.yaml:" + at(tooWideCell, 23, "13}") + ": span 13 is outside 1..12 (cell 'request.copies')");
        String tooWideRow = Fixtures.valid("sample").replace("span: 4}", "span: 5}");
        assertOnly(problems("sample", tooWideRow), "sample.yaml:" + at(tooWideRow, 22, "- {") + ": the cells of this row span 13 in total; a row is 12 wide");
    }

    @Test
    void duplicateIdsAreReportedWithTheFirstOccurrence() {
        String cells = Fixtures.valid("sample").replace("id: request.copies", "id: applicant.name");
        assertOnly(problems("sample", cells), "sample.yaml:" + at(cells, 23, "applicant.name") + ": duplicate cell id 'applicant.name' (first on line 22)");

        String questions = Fixtures.valid("sample").replace("{id: copies,", "{id: purpose,")
                .replace("answer.copies", "answer.purpose");
        assertOnly(problems("sample", questions), "sample.yaml:" + at(questions, 17, "purpose") + ": duplicate question id 'purpose' (first on line 11)");

        String choices = Fixtures.valid("sample").replace("{value: other,", "{value: work,");
        assertOnly(problems("sample", choices), "sample.yaml:" + at(choices, 16, "work") + ": choice value 'work' repeated in question 'purpose' (first on line 15)");
    }

    @Test
    void conditionMustReferToAnEarlierQuestionAndItsChoices() {
        String later = Fixtures.valid("sample").replace("    type: choice\n",
                "    type: choice\n    when: {question: copies, anyOf: [1]}\n");
        assertOnly(problems("sample", later),
                "sample.yaml:" + at(later, 13, "copies") + ": condition of question 'purpose' refers to question 'copies' which is asked later");

        String unknown = Fixtures.valid("sample").replace("{id: copies,", "{id: copies, when: {question: purpos, anyOf: [work]},");
        assertOnly(problems("sample", unknown),
                "sample.yaml:" + at(unknown, 17, "purpos,") + ": condition of question 'copies' refers to question 'purpos', which does not exist (did you mean 'purpose'?)");

        String notAChoice = Fixtures.valid("sample").replace("{id: copies,", "{id: copies, when: {question: purpose, anyOf: [wrok]},");
        assertOnly(problems("sample", notAChoice),
                "sample.yaml:" + at(notAChoice, 17, "wrok") + ": condition of question 'copies': 'wrok' is not a choice of question 'purpose' (did you mean 'work'?); its choices are: work, other");

        String itself = Fixtures.valid("sample").replace("{id: copies,", "{id: copies, when: {question: copies, anyOf: [1]},");
        assertOnly(problems("sample", itself), "sample.yaml:" + at(itself, 17, "copies, anyOf") + ": condition of question 'copies' refers to the question itself");
    }

    @Test
    void aBrokenQuestionIsReportedOnceNotAgainByWhatNamesIt() {
        // copies lacks its 'pt' prompt; the cell answer.copies and a condition on it must not add problems.
        String text = Fixtures.valid("sample")
                .replace("{id: copies, type: number, min: 1, max: 10, default: 1, prompt: " + Fixtures.ALL + "}",
                        "{id: copies, type: number, min: 1, max: 10, default: 1, prompt: {ja: 見本, ja-easy: みほん, en: Sample, zh: 样本, ko: 견본, vi: Mẫu}}\n"
                                + "  - {id: reason, type: kana, when: {question: copies, anyOf: [1]}, prompt: " + Fixtures.ALL + "}");
        assertOnly(problems("sample", text), "sample.yaml:17:");
        assertTrue(problems("sample", text).get(0).message().equals("question 'copies' has no 'pt' prompt"));
    }

    @Test
    void defaultMustBeAllowedAnswer() {
        String outside = Fixtures.valid("sample").replace("default: 1,", "default: 11,");
        assertOnly(problems("sample", outside), "sample.yaml:" + at(outside, 17, "11,") + ": default '11' of question 'copies' is outside 1..10");
        String notAChoice = Fixtures.valid("sample").replace("    type: choice\n", "    type: choice\n    default: school\n");
        assertOnly(problems("sample", notAChoice),
                "sample.yaml:" + at(notAChoice, 13, "school") + ": default 'school' of question 'purpose' is not one of its choices: work, other");
    }

    @Test
    void copiesMustBeANumberFromOneToTen() {
        String tooMany = Fixtures.valid("sample").replace("min: 1, max: 10", "min: 0, max: 11");
        List<Problem> problems = problems("sample", tooMany);
        assertEquals(2, problems.size(), problems.toString());
        assertProblem(problems.get(0), "sample.yaml:" + at(tooMany, 17, "0,") + ":", "question 'copies': min 0 is below 1");
        assertProblem(problems.get(1), "sample.yaml:" + at(tooMany, 17, "11,") + ":", "question 'copies': max 11 is above 10");

        String kana = Fixtures.valid("sample").replace("type: number, min: 1, max: 10, default: 1,", "type: kana,")
                .replace("source: answer.copies", "source: answer.copies, format: plain");
        assertOnly(problems("sample", kana), "sample.yaml:" + at(kana, 17, "kana") + ": question 'copies' must be of type number");
    }

    @Test
    void fileNameMustMatchTheId() {
        assertOnly(problems("juminhyo2", Fixtures.valid("juminhyo")),
                "juminhyo2.yaml:1:5: file name juminhyo2.yaml does not match id 'juminhyo'");
    }

    @Test
    void formatMustSuitTheSource() {
        String text = Fixtures.valid("sample").replace("source: card.name,", "source: card.name, format: wareki,");
        assertOnly(problems("sample", text),
                "sample.yaml:" + at(text, 22, "wareki") + ": cell 'applicant.name': format wareki needs a date source (card.birthDate or computed.today)");
    }

    @Test
    void aFormThatMayNotAskForTheIndividualNumberMustNotPrintIt() {
        String text = Fixtures.valid("sample").replace("id: applicant.name, label: 氏名", "id: applicant.individualNumber, label: 個人番号");
        assertOnly(problems("sample", text),
                "sample.yaml:" + at(text, 22, "{id") + ": cell 'applicant.individualNumber' is about the individual number");
    }

    @Test
    void enumValuesListTheAllowedOnes() {
        String text = Fixtures.valid("sample").replace("identityCheck: jpki-signature", "identityCheck: jpki-signatur");
        assertOnly(problems("sample", text),
                "sample.yaml:" + at(text, 8, "jpki") + ": identityCheck 'jpki-signatur' is not one of: jpki-signature, jpki-signature-and-clerk-video (did you mean 'jpki-signature'?)");
    }

    @Test
    void aSecondDocumentInOneFileIsAnError() {
        String text = Fixtures.valid("sample") + "---\nid: other\n";
        assertOnly(problems("sample", text), "sample.yaml:25:1: a second YAML document starts here");
    }

    @Test
    void aKeyWithNothingAfterItIsNotAList() {
        String valid = Fixtures.valid("sample");
        // Keep "questions:" (line 10) but drop the questions under it, and the cell that printed one.
        String noQuestions = valid.substring(0, valid.indexOf("  - id: purpose")) + valid.substring(valid.indexOf("sections:"))
                .replace("source: answer.copies", "source: computed.feeTotal");
        assertOnly(problems("sample", noQuestions), "sample.yaml:10:11: 'questions' must be a list (lines starting with '- '), not nothing");
    }

    @Test
    void keyGivenTwiceIsAnError() {
        String text = Fixtures.valid("sample").replace("version: 1\n", "version: 1\nversion: 2\n");
        assertOnly(problems("sample", text), "sample.yaml:3:1: key 'version' is given twice (first on line 2)");
    }

    /**
     * "LINE:COLUMN" of {@code fragment} on 1-based {@code line} of {@code yaml}: the line is
     * what the test asserts, the column is counted rather than hand-typed.
     */
    private static String at(String yaml, int line, String fragment) {
        String text = yaml.split("\n", -1)[line - 1];
        int index = text.indexOf(fragment);
        assertTrue(index >= 0, "line " + line + " «" + text + "» has no «" + fragment + "»");
        return line + ":" + (index + 1);
    }

    private List<Problem> problems(String stem, String yaml) {
        Path file = Fixtures.write(dir, stem + ".yaml", yaml);
        try {
            return FormCatalogue.check(dir);
        } finally {
            try {
                Files.delete(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Exactly one problem, whose {@code file:line:column: message} ends with the expected text's start. */
    private void assertOnly(List<Problem> problems, String expected) {
        assertEquals(1, problems.size(), problems.toString());
        String actual = problems.get(0).toString();
        String relative = actual.substring(dir.toString().length() + 1);
        assertTrue(relative.startsWith(expected), "expected «" + expected + "» but was «" + relative + "»");
    }

    private void assertProblem(Problem problem, String location, String messageStart) {
        String relative = problem.toString().substring(dir.toString().length() + 1);
        assertTrue(relative.startsWith(location), "expected at " + location + " but was " + relative);
        assertTrue(problem.message().startsWith(messageStart), "expected «" + messageStart + "» but was «" + problem.message() + "»");
    }
}
