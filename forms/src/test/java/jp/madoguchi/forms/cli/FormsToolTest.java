package jp.madoguchi.forms.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * forms.jar as an IT person uses it: exit codes, what lands on stdout and stderr, and the files
 * written. Runs {@link FormsTool#run} in-process with System.out/err captured, and the real main
 * once in a subprocess to see exactly what the tool prints.
 */
class FormsToolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "見本　太郎";
    private static final String ADDRESS = "東京都千代田区霞が関１－２－３";
    /** CARD.json exactly as card-reader.jar info --json prints it (Jackson's pretty printer). */
    private static final String CARD = "{\n"
            + "  \"name\" : \"" + NAME + "\",\n"
            + "  \"address\" : \"" + ADDRESS + "\",\n"
            + "  \"birthDate\" : \"1980-02-17\",\n"
            + "  \"sex\" : \"1\"\n"
            + "}\n";
    private static final List<String> SHIPPED = List.of("juminhyo", "inkan", "koseki", "shotoku", "tenkyo", "jidoteate");

    @TempDir
    Path tmp;

    private record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, UTF_8));
            System.setErr(new PrintStream(err, true, UTF_8));
            int exit = FormsTool.run(args);
            System.out.flush();
            System.err.flush();
            return new Result(exit, out.toString(UTF_8), err.toString(UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static String shipped(String id) throws IOException {
        try (InputStream in = FormsToolTest.class.getResourceAsStream("/jp/madoguchi/forms/catalogue/" + id + ".yaml")) {
            assertNotNull(in, id);
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        assertTrue(at >= 0, "fixture text not found: " + from);
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    /** 1-based line of the first occurrence of {@code needle}. */
    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        assertTrue(at >= 0, needle);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private Path write(String name, String content) throws IOException {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, UTF_8);
        return file;
    }

    private Path card() throws IOException {
        return write("card.json", CARD);
    }

    /** Display columns as a receipt printer counts them: East Asian wide characters take two. */
    private static int columns(String line) {
        return line.codePoints().map(c -> c >= 0x1100 && !(c >= 0xFF61 && c <= 0xFF9F) ? 2 : 1).sum();
    }

    // ---- list ----

    @Test
    void listPrintsEveryShippedProcedureWithItsJapaneseTitle() {
        Result r = run("list");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(6, lines.size(), r.out());
        for (int i = 0; i < SHIPPED.size(); i++) {
            assertTrue(lines.get(i).startsWith(SHIPPED.get(i) + "\t"), lines.get(i));
        }
        assertTrue(r.out().contains("住民票の写し"), r.out());
        assertTrue(r.out().contains("印鑑登録証明書"), r.out());
        assertFalse(r.out().contains("Certificate of residence"), "Japanese is the default");
    }

    @Test
    void listAsJsonIsAnArrayOfIdAndEnglishTitleInMenuOrder() throws Exception {
        Result r = run("list", "--lang", "en", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode array = JSON.readTree(r.out());
        assertTrue(array.isArray(), r.out());
        assertEquals(6, array.size());
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : array) {
            List<String> keys = new ArrayList<>();
            entry.fieldNames().forEachRemaining(keys::add);
            assertEquals(List.of("id", "title"), keys, entry.toString());
            ids.add(entry.get("id").asText());
        }
        assertEquals(SHIPPED, ids);
        assertEquals("Certificate of residence (jūminhyō)", array.get(0).get("title").asText());
        assertEquals("Seal registration certificate (inkan shōmei)", array.get(1).get("title").asText());
    }

    @Test
    void listInAnUnknownLanguageIsAUsageErrorNamingTheLanguages() {
        Result r = run("list", "--lang", "xx");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("xx"), r.err());
        assertTrue(r.err().contains("ja, ja-easy, en, zh, ko, vi, pt"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void listWithAMunicipalityFolderShowsItsOverrideInPlaceAndItsAdditionLast() throws Exception {
        write("forms/juminhyo.yaml", replaceOnce(shipped("juminhyo"), "  ja: 住民票の写し\n", "  ja: 住民票（見本市）\n"));
        write("forms/kosodate-shotoku.yaml", replaceOnce(replaceOnce(shipped("shotoku"), "id: shotoku", "id: kosodate-shotoku"),
                "  ja: 所得・課税証明書\n", "  ja: 子育て用の所得証明書\n"));
        Result r = run("list", "--dir", tmp.resolve("forms").toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(7, lines.size(), r.out());
        assertEquals("juminhyo\t住民票（見本市）", lines.get(0));
        assertEquals("kosodate-shotoku\t子育て用の所得証明書", lines.get(6));
    }

    // ---- check ----

    @Test
    void checkOfAValidChangedCopySaysNoProblems() throws Exception {
        write("forms/shotoku.yaml", replaceOnce(shipped("shotoku"), "  ja: 所得・課税証明書\n", "  ja: 所得証明書・課税証明書\n"));
        Result r = run("check", tmp.resolve("forms").toString(), "--lang", "en");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("1 definition(s), no problems"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void checkReportsEveryProblemOfEveryFileWithFileLineAndColumn() throws Exception {
        String shotoku = shipped("shotoku");
        shotoku = replaceOnce(shotoku, "        paperText: 最新年度", "        paperTxt: 最新年度");
        shotoku = replaceOnce(shotoku, "      vi: Bạn cần giấy chứng nhận năm nào?\n", "");
        String inkan = replaceOnce(shipped("inkan"), "source: card.name,", "source: card.nmae,");
        Path folder = tmp.resolve("forms");
        Path shotokuFile = write("forms/shotoku.yaml", shotoku);
        Path inkanFile = write("forms/inkan.yaml", inkan);

        Result r = run("check", folder.toString(), "--lang", "en");
        assertEquals(1, r.exit(), r.all());
        List<String> lines = r.err().lines().toList();
        String typo = shotokuFile + ":" + lineOf(shotoku, "paperTxt") + ":9: ";
        String source = inkanFile + ":" + lineOf(inkan, "card.nmae") + ":";
        String language = shotokuFile + ":" + lineOf(shotoku, "    prompt:") + ":5: ";
        assertAll(r.err(),
                () -> assertTrue(lines.stream().anyMatch(l -> l.startsWith(typo) && l.contains("paperTxt")
                        && l.matches(".*:\\d+:\\d+: .*")), "typo'd key at its line"),
                () -> assertTrue(lines.stream().anyMatch(l -> l.startsWith(source) && l.contains("card.nmae")),
                        "bad source at its line"),
                () -> assertTrue(lines.stream().anyMatch(l -> l.startsWith(language) && l.contains("'vi'")
                        && l.contains("year")), "missing language at the prompt that lacks it"),
                () -> assertTrue(lines.get(0).contains("problem(s)"), "a count first"),
                () -> assertTrue(lines.stream().skip(1).allMatch(l -> l.matches(".+\\.yaml:\\d+:\\d+: .+")),
                        "every problem is file:line:column: message"));
        assertEquals("", r.out());
    }

    @Test
    void checkOfAMissingFolderSaysItDoesNotExist() {
        Path missing = tmp.resolve("no-such-folder");
        Result r = run("check", missing.toString(), "--lang", "en");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains(missing + " does not exist"), r.err());
    }

    // ---- fill ----

    @Test
    void fillFromTheCardReadersJsonWritesPdfPngCanonicalJsonAndReceipt() throws Exception {
        Path answers = write("answers.json", "{\"copies\": 2, \"purpose\": \"work\"}");
        Path pdf = tmp.resolve("out.pdf");
        Path png = tmp.resolve("out.png");
        Path json = tmp.resolve("out.json");
        Path receipt = tmp.resolve("receipt.txt");
        Result r = run("fill", "--form", "juminhyo", "--card", card().toString(), "--answers", answers.toString(),
                "--pdf", pdf.toString(), "--png", png.toString(), "--json", json.toString(), "--receipt",
                receipt.toString(), "--date", "2026-11-23", "--reference", "MD-20261123-TEST01", "--lang", "en");
        assertEquals(0, r.exit(), r.all());
        for (Path p : List.of(pdf, png, json, receipt)) {
            assertTrue(r.out().contains("Wrote " + p), r.out());
        }
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            assertTrue(text.contains("見本"), text);
            assertTrue(text.contains("昭和55年2月17日"), text);
        }
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "ImageIO reads the preview");
        assertTrue(image.getHeight() > image.getWidth(), "a portrait page");

        JsonNode application = JSON.readTree(json.toFile());
        assertEquals("madoguchi.application/1", application.get("schema").asText());
        assertTrue(application.toString().contains("MD-20261123-TEST01"), application.toString());
        assertTrue(application.toString().contains("600"), "fee for two copies: " + application);

        String slip = Files.readString(receipt, UTF_8);
        assertTrue(slip.contains("MD-20261123-TEST01"), slip);
        slip.lines().forEach(line -> assertTrue(columns(line) <= 32, "58 mm: '" + line + "' is " + columns(line)));

        String personal = r.err() + r.out();
        assertFalse(personal.contains("見本") || personal.contains("霞が関") || personal.contains("1980"), personal);
    }

    @Test
    void theSameFillTwiceGivesTheSameCanonicalJsonBytes() throws Exception {
        Path card = card();
        Path first = tmp.resolve("first.json");
        Path second = tmp.resolve("second.json");
        for (Path out : List.of(first, second)) {
            assertEquals(0, run("fill", "--form", "shotoku", "--card", card.toString(), "--json", out.toString(),
                    "--date", "2026-11-23", "--reference", "MD-20261123-SAME01").exit());
        }
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void anEightyMillimetreReceiptUsesUpTo48Columns() throws Exception {
        Path receipt = tmp.resolve("receipt.txt");
        Result r = run("fill", "--form", "juminhyo", "--card", card().toString(), "--receipt", receipt.toString(),
                "--receipt-width", "80", "--reference", "MD-20261123-WIDE01");
        assertEquals(0, r.exit(), r.all());
        String slip = Files.readString(receipt, UTF_8);
        assertTrue(slip.contains("MD-20261123-WIDE01"), slip);
        slip.lines().forEach(line -> assertTrue(columns(line) <= 48, "80 mm: '" + line + "' is " + columns(line)));
        assertTrue(slip.lines().anyMatch(line -> columns(line) > 32), "80 mm paper is used wider than 58 mm:\n" + slip);
    }

    @Test
    void aQuestionWithoutDefaultLeftUnansweredIsNamed() throws Exception {
        Path json = tmp.resolve("out.json");
        Result r = run("fill", "--form", "jidoteate", "--card", card().toString(), "--json", json.toString(),
                "--lang", "en");
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.err().contains("\"pension\""), r.err());
        assertTrue(r.err().contains("no default"), r.err());
        assertFalse(Files.exists(json));
    }

    @Test
    void anInvalidAnswerSaysWhatIsAllowed() throws Exception {
        Path json = tmp.resolve("out.json");
        Result copies = run("fill", "--form", "juminhyo", "--card", card().toString(), "--json", json.toString(),
                "--answers", write("copies.json", "{\"copies\": 11}").toString(), "--lang", "en");
        assertEquals(1, copies.exit());
        assertTrue(copies.err().contains("copies") && copies.err().contains("from 1 to 10"), copies.err());

        Result choice = run("fill", "--form", "juminhyo", "--card", card().toString(), "--json", json.toString(),
                "--answers", write("purpose.json", "{\"purpose\": \"holiday\"}").toString(), "--lang", "en");
        assertEquals(1, choice.exit());
        assertTrue(choice.err().contains("holiday") && choice.err().contains("work, pension, vehicle, bank, other"),
                choice.err());
        assertFalse(Files.exists(json));
    }

    @Test
    void aRefusedKanaAnswerIsNotEchoedBecauseItMayBeAName() throws Exception {
        String kana = "  - id: furigana\n    type: kana\n    default: ミホン\n    prompt:\n"
                + "      ja: ふりがな\n      ja-easy: ふりがな\n      en: Reading\n      zh: 读音\n"
                + "      ko: 읽는 법\n      vi: Cách đọc\n      pt: Leitura\n";
        Path folder = tmp.resolve("forms");
        write("forms/inkan.yaml", replaceOnce(shipped("inkan"), "questions:\n", "questions:\n" + kana));
        Result r = run("fill", "--dir", folder.toString(), "--form", "inkan", "--card", card().toString(), "--json",
                tmp.resolve("out.json").toString(), "--answers",
                write("answers.json", "{\"furigana\": \"Mihon Taro\"}").toString(), "--lang", "en");
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.err().contains("\"furigana\"") && r.err().contains("kana (hiragana or katakana) only"), r.err());
        assertFalse(r.all().contains("Mihon"), r.all());
    }

    @Test
    void anAnswerToAQuestionTheFormDoesNotAskIsSaidPlainly() throws Exception {
        Path answers = write("answers.json", "{\"copeis\": 2}");
        Result r = run("fill", "--form", "juminhyo", "--card", card().toString(), "--json",
                tmp.resolve("out.json").toString(), "--answers", answers.toString(), "--lang", "en");
        assertEquals(1, r.exit());
        assertFalse(r.err().contains("Unexpected"), r.err());
        assertTrue(r.err().contains(answers.toString()) && r.err().contains("\"copeis\""), r.err());
        assertTrue(r.err().contains("scope, contents, purpose, copies"), "lists the questions: " + r.err());
    }

    @Test
    void aBadCardFileNamesTheKeyAndNeverEchoesPersonalData() throws Exception {
        String[][] cases = {
            {CARD.replace("1980-02-17", "1980/02/17"), "birthDate"},
            {CARD.replace("\"sex\"", "\"gender\""), "gender"},
            {CARD.replace("\"sex\" : \"1\"", "\"sex\" : \"0\""), "sex"},
            {"{\"name\" : \"" + NAME + "\", \"address\" : " + ADDRESS + "}", "JSON"},
            {"{\"name\" : " + NAME + "}", "JSON"},
        };
        for (String[] c : cases) {
            Path card = write("bad-card.json", c[0]);
            Path json = tmp.resolve("out.json");
            Result r = run("fill", "--form", "juminhyo", "--card", card.toString(), "--json", json.toString(),
                    "--lang", "en");
            assertEquals(1, r.exit(), c[1] + ": " + r.all());
            assertTrue(r.err().contains(c[1]) && r.err().contains(card.toString()), c[1] + ": " + r.err());
            for (String personal : List.of("見本", "太郎", "東京都", "霞が関", "1980/02/17")) {
                assertFalse(r.all().contains(personal), c[1] + " echoes personal data: " + r.all());
            }
            assertFalse(Files.exists(json));
        }
    }

    @Test
    void aCardWithSubstitutedCharactersFillsButAsksForAClerk() throws Exception {
        Path card = write("gaiji.json", CARD.replace("\"sex\" : \"1\"", "\"sex\" : \"1\",\n  \"nameSubstituted\" : [ 0 ]"));
        Result r = run("fill", "--form", "juminhyo", "--card", card.toString(), "--json",
                tmp.resolve("out.json").toString(), "--lang", "en");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.err().contains("clerk must check") && r.err().contains("applicant.name"), r.err());
        assertTrue(Files.exists(tmp.resolve("out.json")));
    }

    @Test
    void usageMistakesExitWithTwo() throws Exception {
        Path card = card();
        Result noOutput = run("fill", "--form", "juminhyo", "--card", card.toString(), "--lang", "en");
        assertEquals(2, noOutput.exit());
        assertTrue(noOutput.err().contains("--pdf, --png, --json and/or --receipt"), noOutput.err());

        Result width = run("fill", "--form", "juminhyo", "--card", card.toString(), "--receipt",
                tmp.resolve("r.txt").toString(), "--receipt-width", "70", "--lang", "en");
        assertEquals(2, width.exit());
        assertTrue(width.err().contains("58 or 80"), width.err());
        assertFalse(Files.exists(tmp.resolve("r.txt")));

        Result form = run("fill", "--form", "jumihyo", "--card", card.toString(), "--json",
                tmp.resolve("o.json").toString(), "--lang", "en");
        assertEquals(2, form.exit());
        assertTrue(form.err().contains("\"jumihyo\"") && form.err().contains(String.join(", ", SHIPPED)), form.err());
    }

    @Test
    void aMissingCardFileDoesNotExist() {
        Path missing = tmp.resolve("no-card.json");
        Result r = run("fill", "--form", "juminhyo", "--card", missing.toString(), "--json",
                tmp.resolve("o.json").toString(), "--lang", "en");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains(missing + " does not exist"), r.err());
    }

    @Test
    void outputIntoAMissingFolderNamesTheFileAndLeavesNothingBehind() throws Exception {
        Path json = tmp.resolve("out.json");
        Path receipt = tmp.resolve("out.txt");
        Path pdf = tmp.resolve("no-such-folder/out.pdf");
        Result r = run("fill", "--form", "inkan", "--card", card().toString(), "--json", json.toString(),
                "--receipt", receipt.toString(), "--pdf", pdf.toString(), "--lang", "en");
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.err().contains(pdf.toString()), r.err());
        assertFalse(r.out().contains("Wrote"), r.out());
        try (var files = Files.list(tmp)) {
            List<String> left = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("card.json")).toList();
            assertEquals(List.of(), left, "no output of a failed fill is left to be taken for a result");
        }
    }

    @Test
    void japaneseMessagesWithLangJa() throws Exception {
        Result noOutput = run("fill", "--form", "juminhyo", "--card", card().toString(), "--lang", "ja");
        assertEquals(2, noOutput.exit());
        assertTrue(noOutput.err().contains("出力先を指定してください"), noOutput.err());

        Result missing = run("check", tmp.resolve("nai").toString(), "--lang", "ja");
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("が見つかりません"), missing.err());
    }

    /** The real tool in its own JVM: what an IT person's terminal (or a CI log) shows. */
    @Test
    void theRealToolPrintsNoPersonalDataAndNoLibraryNoise() throws Exception {
        Path pdf = tmp.resolve("out.pdf");
        Path png = tmp.resolve("out.png");
        Path gaiji = write("gaiji.json", CARD.replace("\"sex\" : \"1\"", "\"sex\" : \"1\",\n  \"nameSubstituted\" : [ 0 ]"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "jp.madoguchi.forms.cli.FormsTool", "fill", "--form", "juminhyo", "--card", gaiji.toString(),
                "--pdf", pdf.toString(), "--png", png.toString(), "--lang", "en")
                .redirectOutput(tmp.resolve("stdout.txt").toFile())
                .redirectError(tmp.resolve("stderr.txt").toFile())
                .start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the tool finishes");
        String out = Files.readString(tmp.resolve("stdout.txt"), UTF_8);
        String err = Files.readString(tmp.resolve("stderr.txt"), UTF_8);
        assertEquals(0, process.exitValue(), out + err);
        assertTrue(Files.size(pdf) > 0 && Files.size(png) > 0);
        assertTrue(err.contains("clerk must check"), "the one warning meant for the IT person: " + err);
        List<String> noise = err.lines().filter(l -> !l.contains("clerk must check")).toList();
        assertEquals(List.of(), noise, "stderr holds nothing but the clerk-check warning");
        for (String personal : List.of("見本", "太郎", "霞が関", "1980", "昭和55")) {
            assertFalse((out + err).contains(personal), personal + " printed: " + out + err);
        }
    }

    @Test
    void theApplicationDateIsTodayInJapanWhateverTheMachinesZoneAndABadZoneIsSaid() throws Exception {
        Path json = tmp.resolve("today.json");
        java.time.ZoneId japan = java.time.ZoneId.of("Asia/Tokyo");
        String before = java.time.LocalDate.now(japan).toString();
        Result r = run("fill", "--form", "inkan", "--card", card().toString(), "--json", json.toString(), "--reference", "MD-T");
        String after = java.time.LocalDate.now(japan).toString();
        assertEquals(0, r.exit(), r.all());
        String date = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile()).get("date").asText();
        assertTrue(date.equals(before) || date.equals(after), date + " is today in Japan (" + before + ")");
        Result bad = run("fill", "--form", "inkan", "--card", card().toString(), "--json", json.toString(), "--zone", "Mars/Olympus");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("Mars/Olympus"), bad.all());
    }
}