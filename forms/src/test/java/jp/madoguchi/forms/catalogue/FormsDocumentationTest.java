package jp.madoguchi.forms.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.madoguchi.forms.model.Format;
import jp.madoguchi.forms.model.Language;
import jp.madoguchi.forms.model.Question;

/** FORMS.md is what IT staff copy from: its example must load, and its tables must name every value the loader knows. */
class FormsDocumentationTest {

    private static final Path FORMS_MD = Path.of("FORMS.md"); // surefire runs in the module folder

    @Test
    void theCompleteExampleLoadsAsAnAddedProcedure(@TempDir Path dir) throws Exception {
        String doc = Files.readString(FORMS_MD, StandardCharsets.UTF_8);
        String afterHeading = doc.substring(doc.indexOf("## A complete example"));
        int start = afterHeading.indexOf("```yaml\n") + "```yaml\n".length();
        String example = afterHeading.substring(start, afterHeading.indexOf("```\n", start));
        Fixtures.write(dir, "churin.yaml", example);

        FormCatalogue catalogue = FormCatalogue.load(dir);

        assertEquals(200, catalogue.form("churin").orElseThrow().feePerCopy());
    }

    @Test
    void everyKeywordIsDocumented() throws IOException {
        String doc = Files.readString(FORMS_MD, StandardCharsets.UTF_8);
        List<String> keywords = new java.util.ArrayList<>();
        Arrays.stream(Format.values()).map(DefinitionReader::yamlName).forEach(keywords::add);
        Arrays.stream(Question.Type.values()).map(DefinitionReader::yamlName).forEach(keywords::add);
        Arrays.stream(Language.values()).map(Language::code).forEach(keywords::add);
        for (String notation : FieldSources.VALID_FORMS.split(", ")) {
            keywords.add(notation);
        }
        keywords.addAll(DefinitionReader.FORM_KEYS);
        keywords.addAll(DefinitionReader.QUESTION_KEYS);
        keywords.addAll(DefinitionReader.CELL_KEYS);
        for (String keyword : keywords) {
            assertTrue(doc.contains("`" + keyword + "`") || doc.contains("`" + keyword + " ") || doc.contains(" `" + keyword),
                    "FORMS.md does not mention `" + keyword + "`");
        }
    }
}
