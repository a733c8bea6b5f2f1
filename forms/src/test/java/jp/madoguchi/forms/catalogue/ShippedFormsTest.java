package jp.madoguchi.forms.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.madoguchi.forms.model.FieldSource;
import jp.madoguchi.forms.model.FormDefinition;
import jp.madoguchi.forms.model.FormDefinition.IdentityCheck;
import jp.madoguchi.forms.model.FormDefinition.IndividualNumberPolicy;
import jp.madoguchi.forms.model.Language;
import jp.madoguchi.forms.model.LocalizedText;
import jp.madoguchi.forms.model.Question;
import jp.madoguchi.forms.model.Section;

/** The definitions shipped in the jar: they load, and every text a resident sees exists in every language. */
class ShippedFormsTest {

    private static FormCatalogue catalogue;

    @BeforeAll
    static void load() throws CatalogueException {
        catalogue = FormCatalogue.load(null);
    }

    @Test
    void allSixProceduresLoadInMenuOrder() {
        assertEquals(List.of("juminhyo", "inkan", "koseki", "shotoku", "tenkyo", "jidoteate"),
                catalogue.forms().stream().map(FormDefinition::id).toList());
    }

    @Test
    void eachNamesItsFeeIdentityCheckAndIndividualNumberPolicy() {
        assertForm("juminhyo", 300, IdentityCheck.JPKI_SIGNATURE, IndividualNumberPolicy.OPTIONAL, "citizens");
        assertForm("inkan", 300, IdentityCheck.JPKI_SIGNATURE, IndividualNumberPolicy.FORBIDDEN, "citizens");
        assertForm("koseki", 450, IdentityCheck.JPKI_SIGNATURE, IndividualNumberPolicy.FORBIDDEN, "family-register");
        assertForm("shotoku", 300, IdentityCheck.JPKI_SIGNATURE, IndividualNumberPolicy.FORBIDDEN, "tax");
        assertForm("tenkyo", 0, IdentityCheck.JPKI_SIGNATURE_AND_CLERK_VIDEO, IndividualNumberPolicy.FORBIDDEN, "citizens");
        assertForm("jidoteate", 0, IdentityCheck.JPKI_SIGNATURE_AND_CLERK_VIDEO, IndividualNumberPolicy.REQUIRED,
                "child-support");
    }

    @Test
    void everyResidentFacingTextExistsAndIsNonBlankInEveryLanguage() {
        List<String> missing = new ArrayList<>();
        for (FormDefinition form : catalogue.forms()) {
            collectMissing(form.id() + " title", form.title(), missing);
            collectMissing(form.id() + " department", form.department(), missing);
            for (Question question : form.questions()) {
                collectMissing(form.id() + "/" + question.id() + " prompt", question.prompt(), missing);
                for (Question.Choice choice : question.choices()) {
                    collectMissing(form.id() + "/" + question.id() + "/" + choice.value() + " label", choice.label(), missing);
                    assertFalse(choice.paperText().isBlank(), form.id() + "/" + choice.value() + " paper text");
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyAnswerSourceNamesAQuestionOfItsForm() {
        for (FormDefinition form : catalogue.forms()) {
            for (Section.Cell cell : cells(form)) {
                if (cell.source() instanceof FieldSource.Answer answer) {
                    assertTrue(form.question(answer.questionId()).isPresent(),
                            form.id() + " cell " + cell.id() + " names " + answer.questionId());
                }
            }
        }
    }

    @Test
    void everyQuestionIsPrintedSomewhereOnItsForm() {
        for (FormDefinition form : catalogue.forms()) {
            Set<String> printed = new HashSet<>();
            cells(form).forEach(c -> {
                if (c.source() instanceof FieldSource.Answer a) {
                    printed.add(a.questionId());
                }
            });
            for (Question question : form.questions()) {
                assertTrue(printed.contains(question.id()), form.id() + " asks " + question.id() + " but never prints it");
            }
        }
    }

    @Test
    void everyFormHasTheCommonCellsOfAPaperForm() {
        for (FormDefinition form : catalogue.forms()) {
            Set<String> ids = new HashSet<>();
            cells(form).forEach(c -> ids.add(c.id()));
            for (String expected : List.of("applicant.name", "applicant.birthDate")) {
                assertTrue(ids.contains(expected), form.id() + " lacks " + expected);
            }
            assertTrue(cells(form).stream().anyMatch(c -> c.source().equals(new FieldSource.Card(FieldSource.CardField.ADDRESS))),
                    form.id() + " prints no address from the card (転居届 prints it as the old address)");
            // the page frame (title, addressee, date, booth, reference and its QR code) is drawn by
            // the renderer on every form: a definition that repeats it prints it twice
            for (String frame : List.of("form.title", "form.addressee", "application.date", "application.reference",
                    "booth.location")) {
                assertFalse(ids.contains(frame), form.id() + " repeats the page frame's " + frame);
            }
            if (form.feePerCopy() > 0) {
                assertTrue(ids.contains("fee.total"), form.id() + " charges but prints no fee");
                assertTrue(form.question("copies").isPresent(), form.id() + " charges per copy but asks no copies");
            }
        }
    }

    @Test
    void mostProceduresNeedAtMostThreeQuestions() {
        long short_ = catalogue.forms().stream().filter(f -> f.questions().size() <= 3).count();
        assertTrue(short_ > catalogue.forms().size() / 2, "most forms ask at most three questions");
        catalogue.forms().forEach(f -> assertTrue(f.questions().size() <= 4, f.id() + " asks too much"));
    }

    @Test
    void copiesAreOneToTenEverywhere() {
        for (FormDefinition form : catalogue.forms()) {
            form.question("copies").ifPresent(q -> {
                assertEquals(Question.Type.NUMBER, q.type());
                assertEquals(1, q.min());
                assertEquals(10, q.max());
                assertEquals("1", q.defaultValue());
            });
        }
    }

    @Test
    void whoseRecordIsAskedOnlyForAnExtract() {
        Question whose = catalogue.form("koseki").flatMap(f -> f.question("whose")).orElseThrow();
        assertEquals(new Question.Condition("certificate", List.of("individual")), whose.when());
    }

    @Test
    void theOriginSaysWhereADefinitionCameFrom() {
        assertEquals("classpath:/jp/madoguchi/forms/catalogue/juminhyo.yaml", catalogue.form("juminhyo").orElseThrow().origin());
    }

    private static void assertForm(String id, int fee, IdentityCheck check, IndividualNumberPolicy policy, String routing) {
        FormDefinition form = catalogue.form(id).orElseThrow();
        assertEquals(fee, form.feePerCopy(), id);
        assertEquals(check, form.identityCheck(), id);
        assertEquals(policy, form.individualNumber(), id);
        assertEquals(routing, form.routing(), id);
        assertNotNull(form.paperTitle());
    }

    private static void collectMissing(String what, LocalizedText text, List<String> missing) {
        for (Language language : Language.values()) {
            String value = text.texts().get(language);
            if (value == null || value.isBlank()) {
                missing.add(what + " [" + language.code() + "]");
            }
        }
    }

    static List<Section.Cell> cells(FormDefinition form) {
        return form.sections().stream().flatMap(s -> s.rows().stream()).flatMap(r -> r.cells().stream()).toList();
    }
}
