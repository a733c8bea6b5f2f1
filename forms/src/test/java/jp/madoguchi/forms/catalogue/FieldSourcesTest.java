package jp.madoguchi.forms.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import jp.madoguchi.forms.model.FieldSource;

class FieldSourcesTest {

    @Test
    void everyFixedNotationParsesAndPrintsBackTheSame() {
        List<String> notations = List.of("card.name", "card.address", "card.birthDate", "card.sex", "booth.municipality",
                "booth.location", "booth.id", "computed.today", "computed.feeTotal", "computed.reference");
        for (String notation : notations) {
            assertEquals(notation, FieldSources.print(FieldSources.parse(notation)));
        }
    }

    @Test
    void answerAndTextCarryTheirArgument() {
        assertEquals(new FieldSource.Answer("copies"), FieldSources.parse("answer.copies"));
        assertEquals(new FieldSource.Card(FieldSource.CardField.BIRTH_DATE), FieldSources.parse("card.birthDate"));
        // Fixed text is kept exactly, colons and spaces included.
        assertEquals(new FieldSource.Text("見本市長　様: 宛"), FieldSources.parse("text:見本市長　様: 宛"));
        assertEquals("text: a ", FieldSources.print(FieldSources.parse("text: a ")));
    }

    @Test
    void anUnknownSourceListsEveryValidFormAndSuggestsTheNearest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FieldSources.parse("computed.feeTotl"));
        assertTrue(e.getMessage().startsWith("unknown source 'computed.feeTotl' (did you mean 'computed.feeTotal'?); sources are: "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(FieldSources.VALID_FORMS));
        assertEquals("card.name, card.address, card.birthDate, card.sex, answer.<question id>, booth.municipality, "
                + "booth.location, booth.id, computed.today, computed.feeTotal, computed.reference, text:<fixed text>",
                FieldSources.VALID_FORMS);
    }

    @Test
    void incompleteNotationsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> FieldSources.parse("answer."));
        assertThrows(IllegalArgumentException.class, () -> FieldSources.parse("text:"));
        assertThrows(IllegalArgumentException.class, () -> FieldSources.parse(" "));
        assertThrows(IllegalArgumentException.class, () -> FieldSources.parse("card"));
    }
}
