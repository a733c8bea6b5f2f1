package jp.madoguchi.forms.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.madoguchi.forms.model.FormDefinition;

/** A municipality's own folder: replacing and adding procedures, and a checked folder reporting every problem. */
class MunicipalityFolderTest {

    @TempDir
    Path dir;

    @Test
    void aFileWithAShippedIdReplacesItInPlace() throws Exception {
        String ownJuminhyo = shipped("juminhyo.yaml").replace("feePerCopy: 300", "feePerCopy: 200");
        Path file = Fixtures.write(dir, "juminhyo.yaml", ownJuminhyo);

        FormCatalogue catalogue = FormCatalogue.load(dir);

        FormDefinition juminhyo = catalogue.form("juminhyo").orElseThrow();
        assertEquals(200, juminhyo.feePerCopy());
        assertEquals(file.toString(), juminhyo.origin());
        assertEquals("juminhyo", catalogue.forms().get(0).id(), "a replacement keeps the shipped menu position");
        assertEquals(6, catalogue.forms().size());
    }

    @Test
    void aFileWithANewIdAddsAProcedureAfterTheShippedOnesOrderedById() throws Exception {
        Fixtures.write(dir, "zairyu.yaml", Fixtures.valid("zairyu"));
        Fixtures.write(dir, "bicycle.yaml", Fixtures.valid("bicycle"));
        Fixtures.write(dir, "README.txt", "notes for the next person; not a definition");

        FormCatalogue catalogue = FormCatalogue.load(dir);

        assertEquals(List.of("juminhyo", "inkan", "koseki", "shotoku", "tenkyo", "jidoteate", "bicycle", "zairyu"),
                catalogue.forms().stream().map(FormDefinition::id).toList());
    }

    @Test
    void aBrokenFileInTheFolderStopsTheBoothWithFileAndLine() {
        Fixtures.write(dir, "bicycle.yaml", Fixtures.valid("bicycle"));
        Fixtures.write(dir, "zairyu.yaml", Fixtures.valid("zairyu").replace("feePerCopy: 300", "feePerCopy: free"));

        CatalogueException thrown = assertThrows(CatalogueException.class, () -> FormCatalogue.load(dir));

        assertEquals(1, thrown.problems().size(), thrown.problems().toString());
        Problem problem = thrown.problems().get(0);
        assertEquals(dir.resolve("zairyu.yaml").toString(), problem.file());
        assertEquals(7, problem.line());
        assertTrue(thrown.getMessage().contains("zairyu.yaml:7:13: 'feePerCopy' of form 'zairyu' must be a whole number"),
                thrown.getMessage());
    }

    @Test
    void checkReportsEveryProblemInEveryFileEachAtItsLine() {
        Fixtures.write(dir, "a-ok.yaml", Fixtures.valid("a-ok"));
        Fixtures.write(dir, "b-typos.yaml", Fixtures.valid("b-typos")
                .replace("label: 氏名", "lable: 氏名")
                .replace("source: answer.copies", "source: answer.copys"));
        Fixtures.write(dir, "c-syntax.yaml", "id: c-syntax\nversion: 1\ntitle: [unclosed\n");
        Fixtures.write(dir, "d-language.yaml", Fixtures.valid("d-language").replace("department: " + Fixtures.ALL,
                "department: {ja: 市民課, ja-easy: しみんか, en: Citizens, zh: 市民科, ko: 시민과}"));
        Fixtures.write(dir, "e-name.yaml", Fixtures.valid("e"));
        Fixtures.write(dir, "f.yml", Fixtures.valid("f"));

        List<String> problems = FormCatalogue.check(dir).stream()
                .map(p -> p.toString().substring(dir.toString().length() + 1))
                .toList();

        List<String> expectedStarts = List.of(
                "b-typos.yaml:22:",
                "b-typos.yaml:23:",
                "c-syntax.yaml:3:17: YAML syntax error: while parsing a flow sequence; expected ',' or ']'",
                "d-language.yaml:5:1: form 'd-language' has no 'vi' department",
                "d-language.yaml:5:1: form 'd-language' has no 'pt' department",
                "e-name.yaml:1:5: file name e-name.yaml does not match id 'e'",
                "f.yml: is not read: definition files are named ID.yaml");
        assertEquals(expectedStarts.size(), problems.size(), String.join("\n", problems));
        for (int i = 0; i < expectedStarts.size(); i++) {
            assertTrue(problems.get(i).startsWith(expectedStarts.get(i)),
                    "problem " + i + ": expected «" + expectedStarts.get(i) + "…» but was «" + problems.get(i) + "»");
        }
        assertTrue(problems.get(0).contains("unknown key 'lable'"));
        assertTrue(problems.get(1).contains("source 'answer.copys' names no question"));
    }

    @Test
    void aFolderWithOnlyGoodFilesChecksClean() {
        Fixtures.write(dir, "juminhyo.yaml", shipped("juminhyo.yaml"));
        Fixtures.write(dir, "bicycle.yaml", Fixtures.valid("bicycle"));
        assertEquals(List.of(), FormCatalogue.check(dir));
    }

    @Test
    void aMissingFolderIsAProblemNotAnEmptyCatalogue() {
        List<Problem> problems = FormCatalogue.check(dir.resolve("no-such-folder"));
        assertEquals(1, problems.size());
        assertEquals(dir.resolve("no-such-folder") + ": folder does not exist", problems.get(0).toString());
    }

    @Test
    void aFileThatIsNotUtf8IsNamed() throws IOException {
        Files.write(dir.resolve("sjis.yaml"), Fixtures.valid("sjis").getBytes("Shift_JIS"));
        List<Problem> problems = FormCatalogue.check(dir);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).toString().endsWith("sjis.yaml: is not UTF-8 text; save it as UTF-8"));
    }

    @Test
    void noFolderMeansTheShippedFormsOnly() throws Exception {
        assertEquals(6, FormCatalogue.load(null).forms().size());
    }

    @Test
    void anEmptyFileIsReported() {
        Fixtures.write(dir, "empty.yaml", "# nothing yet\n");
        assertEquals(List.of("empty.yaml:1:1: the file holds no definition (it is empty or only comments)"),
                FormCatalogue.check(dir).stream().map(p -> p.toString().substring(dir.toString().length() + 1)).toList());
    }

    private static String shipped(String name) {
        try (InputStream in = FormCatalogue.class.getResourceAsStream(FormCatalogue.SHIPPED_FOLDER + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
