package jp.madoguchi.card.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import jp.madoguchi.card.emulator.Personas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code card-reader.jar} as IT staff use it: each test runs one command line through
 * {@link CardTool#run} against the in-process emulated card and checks what a person sees: the
 * exit code and the words on stdout / stderr.
 *
 * <p>Every {@code emulator:} run makes a fresh card from its persona, so PIN counters do not carry
 * from one run to the next; where a test must prove that nothing reached the card, it reads the
 * APDU log of a separate JVM ({@link ToolProcess}).
 */
@Timeout(60)
class CardToolTest {
    /** One test authority for the whole class: its RSA keys are generated once. */
    @TempDir
    static Path authority;

    @TempDir
    Path work;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exitCode = CardTool.run(args);
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** stdout and stderr into one stream, in the order a person at the terminal sees them. */
    private static Run runInterleaved(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        int exitCode;
        try {
            PrintStream stream = new PrintStream(both, true, StandardCharsets.UTF_8);
            System.setOut(stream);
            System.setErr(stream);
            exitCode = CardTool.run(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String text = both.toString(StandardCharsets.UTF_8);
        return new Run(exitCode, text, text);
    }

    private static String[] onCard(String persona, String... args) {
        return Stream.concat(Stream.of(args), Stream.of("--reader", "emulator:" + persona, "--authority", authority.toString()))
                .toArray(String[]::new);
    }

    private static void assertExit(int expected, Run run) {
        assertEquals(expected, run.exitCode(), () -> "exit code; stdout:\n" + run.out() + "\nstderr:\n" + run.err());
    }

    private static void assertContains(String haystack, String needle, String where) {
        assertTrue(haystack.contains(needle), () -> where + " should contain \"" + needle + "\" but was:\n" + haystack);
    }

    // ---- info ----

    @Test
    void infoJsonHasExactlyNameAddressBirthDateAndSex() throws Exception {
        Run run = run(onCard("default", "info", "--pin", "1234", "--json"));

        assertExit(0, run);
        JsonNode json = new ObjectMapper().readTree(run.out());
        Set<String> keys = new TreeSet<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(new TreeSet<>(Set.of("name", "address", "birthDate", "sex")), keys);
        assertEquals("見本　太郎", json.get("name").asText());
        assertEquals("東京都千代田区霞が関１－２－３", json.get("address").asText());
        assertEquals("1980-02-17", json.get("birthDate").asText());
        assertTrue(json.get("birthDate").asText().matches("[0-9]{4}-[0-9]{2}-[0-9]{2}"));
        assertEquals("1", json.get("sex").asText());
        assertEquals("", run.err());
    }

    @Test
    void infoTextHasJapaneseLabelsWithLangJa() {
        Run run = run(onCard("default", "info", "--pin", "1234", "--lang", "ja"));

        assertExit(0, run);
        assertEquals(List.of("氏名: 見本　太郎", "住所: 東京都千代田区霞が関１－２－３", "生年月日: 1980-02-17", "性別: 男"),
                run.out().lines().toList());
    }

    @Test
    void infoTextHasEnglishLabelsWithLangEn() {
        Run run = run(onCard("default", "info", "--pin", "1234", "--lang", "en"));

        assertExit(0, run);
        assertEquals(List.of("Name: 見本　太郎", "Address: 東京都千代田区霞が関１－２－３", "Birth date: 1980-02-17", "Sex: male"),
                run.out().lines().toList());
    }

    @Test
    void infoReadsTheLongAddressWhole() {
        Run run = run(onCard("long-address", "info", "--pin", "2468", "--lang", "en"));

        assertExit(0, run);
        assertContains(run.out(), "Address: 北海道札幌市中央区北一条西二十三丁目４５６番地７８　見本レジデンス札幌北一条ウエストタワー棟１２０３号室\n",
                "stdout");
    }

    @Test
    void wrongPinSaysTheTriesLeftInEnglish() {
        Run run = run(onCard("default", "info", "--pin", "9999", "--lang", "en"));

        assertExit(3, run);
        assertContains(run.err(), "Wrong PIN. 2 tries left.", "stderr");
        assertFalse(run.out().contains("見本"), "no card data after a wrong PIN:\n" + run.out());
    }

    @Test
    void wrongPinSaysTheTriesLeftInJapanese() {
        Run run = run(onCard("default", "info", "--pin", "9999", "--lang", "ja"));

        assertExit(3, run);
        assertContains(run.err(), "暗証番号が違います。あと2回入力できます。", "stderr");
    }

    @Test
    void wrongSignaturePasswordSaysTheTriesLeft() {
        Path document = write("doc.txt", "申請書");
        Run run = run(onCard("default", "sign", "--password", "WRONG1", "--in", document.toString(),
                "--out", work.resolve("doc.p7s").toString(), "--lang", "en"));

        assertExit(3, run);
        assertContains(run.err(), "Wrong signature password. 4 tries left.", "stderr");
        assertFalse(Files.exists(work.resolve("doc.p7s")), "no signature file after a wrong password");
    }

    @Test
    void blockedPinSendsThePersonToAMunicipalWindow() {
        Run english = run(onCard("pin-blocked", "info", "--pin", "1234", "--lang", "en"));
        Run japanese = run(onCard("pin-blocked", "info", "--pin", "1234", "--lang", "ja"));

        assertExit(4, english);
        assertContains(english.err(), "It can only be unlocked at a municipal office window.", "stderr");
        assertEquals("", english.out());
        assertExit(4, japanese);
        assertContains(japanese.err(), "ロックの解除は市区町村の窓口でのみできます。", "stderr");
    }

    @Test
    void blockedSignaturePasswordStopsSigning() {
        Path document = write("doc.txt", "申請書");
        Run run = run(onCard("signature-blocked", "sign", "--password", "ABC123", "--in", document.toString(),
                "--out", work.resolve("doc.p7s").toString(), "--lang", "en"));

        assertExit(4, run);
        assertContains(run.err(), "municipal office window", "stderr");
        assertFalse(Files.exists(work.resolve("doc.p7s")));
    }

    @Test
    void badPinFormatIsRefusedBeforeTheCardSeesIt() {
        Run run = run(onCard("default", "info", "--pin", "12a", "--lang", "en"));

        assertExit(2, run);
        assertContains(run.err(), "The PIN must be exactly 4 digits. Nothing was sent to the card.", "stderr");
        assertEquals("", run.out());
        // and the right PIN still works afterwards
        assertExit(0, run(onCard("default", "info", "--pin", "1234", "--lang", "en")));
    }

    @Test
    void badPinFormatOnTheLastTryDoesNotLockTheCard() throws Exception {
        // In its own JVM with -v: the APDU log shows every command the card received. The status
        // check (VERIFY without data) is allowed; a VERIFY carrying a PIN is not.
        ToolProcess.Result result = ToolProcess.run(work.resolve("process"), Map.of("HOME", work.toString()),
                onCard("pin-one-try", "info", "--pin", "12a", "--lang", "en", "-v"));

        assertEquals(2, result.exitCode(), result.err());
        assertContains(result.err(), "Nothing was sent to the card.", "stderr");
        assertContains(result.err(), ">> 00 20 00 91\n", "the APDU log (tries-left check)");
        assertContains(result.err(), "SW 63C1", "the APDU log (one try left)");
        assertFalse(result.err().contains("masked]"), "a VERIFY with PIN data reached the card:\n" + result.err());
    }

    @Test
    void withoutPinAndWithoutTerminalItSaysToUseThePinOption() {
        assumeTrue(System.console() == null, "this JVM has a terminal");
        Run run = run(onCard("default", "info", "--lang", "en"));

        assertExit(2, run);
        assertContains(run.err(), "There is no terminal to ask for the PIN on. Pass it with --pin.", "stderr");
    }

    @Test
    void withoutPasswordAndWithoutTerminalSignSaysToUseThePasswordOption() {
        assumeTrue(System.console() == null, "this JVM has a terminal");
        Path document = write("doc.txt", "申請書");
        Run run = run(onCard("default", "sign", "--in", document.toString(), "--out", work.resolve("doc.p7s").toString(),
                "--lang", "en"));

        assertExit(2, run);
        assertContains(run.err(), "Pass it with --password.", "stderr");
    }

    @Test
    void lastTryWarningComesBeforeTheWrongPinLocksTheCard() {
        Run run = runInterleaved(onCard("pin-one-try", "info", "--pin", "9999", "--lang", "en"));

        assertExit(4, run);
        String warning = "Warning: only one try left. A wrong PIN now locks the card.";
        String locked = "It can only be unlocked at a municipal office window.";
        assertContains(run.out(), warning, "output");
        assertContains(run.out(), locked, "output");
        assertTrue(run.out().indexOf(warning) < run.out().indexOf(locked), "the warning must come first:\n" + run.out());
    }

    @Test
    void lastTryWarningComesBeforeTheCardDataWithTheRightPin() {
        Run run = runInterleaved(onCard("pin-one-try", "info", "--pin", "1234", "--lang", "ja"));

        assertExit(0, run);
        String warning = "注意：残りは1回です。ここで間違えるとロックされます。";
        assertContains(run.out(), warning, "output");
        assertTrue(run.out().indexOf(warning) < run.out().indexOf("氏名: 見本　三郎"), "the warning must come first:\n" + run.out());
    }

    @Test
    void unknownEmulatorPersonaIsAUsageErrorListingTheBuiltInOnes() {
        Run run = run(onCard("nosuch", "info", "--pin", "1234", "--lang", "en"));

        assertExit(2, run);
        assertContains(run.err(), "No persona file or built-in persona \"nosuch\".", "stderr");
        for (String id : Personas.builtInIds()) {
            assertContains(run.err(), id, "stderr");
        }
        assertFalse(run.err().contains("Unexpected error"), run.err());
    }

    @Test
    void personaFileWorksAsAnEmulatorReader() throws Exception {
        Path persona = write("yamada.json", """
                {"id": "yamada", "name": "山田　一郎", "address": "京都府京都市左京区見本町９", "birthDate": "2000-04-01",
                 "sex": "1", "individualNumber": "123456789018", "authPin": "5678", "textPin": "5678",
                 "signaturePassword": "YAMADA1"}
                """);
        Run run = run(onCard(persona.toString(), "info", "--pin", "5678", "--json"));

        assertExit(0, run);
        assertEquals("山田　一郎", new ObjectMapper().readTree(run.out()).get("name").asText());
    }

    @Test
    void theExampleInPersonasGuideWorksAsDocumented() throws Exception {
        // PERSONAS.md is what IT staff copy from: its example must load and behave as the guide says
        String guide = Files.readString(Path.of("PERSONAS.md"), StandardCharsets.UTF_8);
        java.util.regex.Matcher block = java.util.regex.Pattern.compile("```json\n(.*?)```", java.util.regex.Pattern.DOTALL)
                .matcher(guide);
        assertTrue(block.find(), "PERSONAS.md has a JSON example");
        Path persona = write("example.json", block.group(1));

        Run info = runInterleaved(onCard(persona.toString(), "info", "--pin", "5678", "--lang", "en"));
        assertExit(0, info);
        assertContains(info.out(), "Warning: only one try left.", "output (textPinTriesLeft 1)");
        assertContains(info.out(), "Name: 𠮷田　一郎", "output");

        Path document = write("doc.txt", "申請書");
        Path signature = work.resolve("example.p7s");
        assertExit(0, run(onCard(persona.toString(), "sign", "--password", "YAMADA2000", "--in", document.toString(),
                "--out", signature.toString())));
        Run verify = run("verify", "--in", signature.toString(), "--roots", authority.resolve("trust").toString(), "--lang", "en");
        assertExit(0, verify);
        assertContains(verify.out(), "Some characters were substituted (外字)", "stdout (nameSubstituted [0])");
    }

    @Test
    void brokenPersonaFileIsAUsageErrorNamingTheField() {
        Path persona = write("broken.json", """
                {"id": "broken", "name": "山田　一郎", "address": "京都府", "birthDate": "2000-04-01", "sex": "1",
                 "individualNumber": "123456789012", "authPin": "5678", "textPin": "5678", "signaturePassword": "YAMADA1"}
                """);
        Run run = run(onCard(persona.toString(), "info", "--pin", "5678", "--lang", "en"));

        assertExit(2, run);
        assertContains(run.err(), "individualNumber", "stderr");
        assertFalse(run.err().contains("123456789012"), "the value must not be echoed:\n" + run.err());
    }

    // ---- certs ----

    @Test
    void certsWithoutPasswordListsThreeCertificatesAndSaysHowToGetTheFourth() {
        Run run = run(onCard("default", "certs", "--lang", "en"));

        assertExit(0, run);
        assertEquals(3, count(run.out(), "  SHA-256: "), run.out());
        assertContains(run.out(), "Token label: JPKIAPICCTOKEN2", "stdout");
        assertContains(run.out(), "Signature certificate: needs the signature password (--password) to be read.", "stdout");
        assertContains(run.out(), "\nSignature CA certificate\n", "stdout");
        assertContains(run.out(), "\nAuthentication certificate\n", "stdout");
        assertContains(run.out(), "\nAuthentication CA certificate\n", "stdout");
    }

    @Test
    void certsWithPasswordListsFourAndSavesThemAsPem() throws Exception {
        Path outDir = work.resolve("certs");
        Run run = run(onCard("default", "certs", "--password", "ABC123", "--out", outDir.toString(), "--lang", "en"));

        assertExit(0, run);
        assertEquals(4, count(run.out(), "  SHA-256: "), run.out());
        assertFalse(run.out().contains("needs the signature password"), run.out());
        List<Path> files;
        try (Stream<Path> list = Files.list(outDir)) {
            files = list.sorted().toList();
        }
        assertEquals(List.of("authentication-ca.pem", "authentication.pem", "signature-ca.pem", "signature.pem"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        for (Path file : files) {
            X509Certificate cert;
            try (InputStream in = Files.newInputStream(file)) {
                cert = (X509Certificate) x509.generateCertificate(in);
            }
            String fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
            assertContains(run.out(), "SHA-256: " + fingerprint, "stdout (the fingerprint of " + file.getFileName() + ")");
            assertContains(run.out(), "Saved to " + file, "stdout");
        }
    }

    // ---- sign and verify ----

    private static final List<String> CHECKS = List.of("Signature", "Signing certificate attribute",
            "Chain to a trusted root", "Key usage", "Validity", "Revocation");

    @Test
    void signedFileVerifiesWithEveryCheckPassed() {
        Path document = write("application.txt", "住民票の写し 1通");
        Path signature = work.resolve("application.p7s");
        Run sign = run(onCard("default", "sign", "--password", "ABC123", "--in", document.toString(),
                "--out", signature.toString(), "--lang", "en"));
        assertExit(0, sign);
        assertContains(sign.out(), "is in " + signature, "stdout");

        Run verify = run("verify", "--in", signature.toString(), "--roots", authority.resolve("trust").toString(), "--lang", "en");

        assertExit(0, verify);
        for (String check : CHECKS) {
            assertTrue(verify.out().lines().anyMatch(line -> line.matches("passed +" + check + " — .+")),
                    "no passed line for " + check + ":\n" + verify.out());
        }
        assertContains(verify.out(), "Signing time: ", "stdout");
        assertTrue(verify.out().strip().endsWith("The signature is valid."), verify.out());
        assertFalse(verify.out().contains("見本"), "the signer's name only with --show-signer:\n" + verify.out());
    }

    @Test
    void verifyShowsTheSignerOnlyWhenAsked() {
        Path signature = signed("default", "ABC123", false);

        Run verify = run("verify", "--in", signature.toString(), "--roots", authority.resolve("trust").toString(),
                "--show-signer", "--lang", "ja");

        assertExit(0, verify);
        assertContains(verify.out(), "署名者: 見本　太郎 (1980-02-17)", "stdout");
        assertContains(verify.out(), "署名は有効です。", "stdout");
    }

    @Test
    void verifyFlagsSubstitutedCharacters() {
        Path signature = signed("gaiji", "HANAKO2024", false);

        Run verify = run("verify", "--in", signature.toString(), "--roots", authority.resolve("trust").toString(), "--lang", "en");

        assertExit(0, verify);
        assertContains(verify.out(), "Some characters were substituted (外字) on the card: a clerk must check them.", "stdout");
    }

    @Test
    void tamperedSignatureIsNotValid() throws Exception {
        Path signature = signed("default", "ABC123", false);
        byte[] bytes = Files.readAllBytes(signature);
        bytes[bytes.length / 2] ^= (byte) 0xFF;
        Files.write(signature, bytes);

        Run verify = run("verify", "--in", signature.toString(), "--roots", authority.resolve("trust").toString(), "--lang", "en");

        assertExit(5, verify);
        assertTrue(verify.out().lines().anyMatch(line -> line.startsWith("FAILED ")), verify.out());
        assertContains(verify.out(), "The signature is NOT valid.", "stdout");
    }

    @Test
    void detachedSignatureVerifiesOnlyWithItsContent() {
        Path document = write("application.txt", "印鑑登録証明書 2通");
        Path signature = work.resolve("detached.p7s");
        assertExit(0, run(onCard("default", "sign", "--password", "ABC123", "--in", document.toString(),
                "--out", signature.toString(), "--detached")));
        String roots = authority.resolve("trust").toString();

        Run without = run("verify", "--in", signature.toString(), "--roots", roots, "--lang", "en");
        Run with = run("verify", "--in", signature.toString(), "--roots", roots, "--content", document.toString(), "--lang", "en");
        Run otherContent = run("verify", "--in", signature.toString(), "--roots", roots,
                "--content", write("other.txt", "印鑑登録証明書 3通").toString(), "--lang", "en");

        assertExit(5, without);
        assertContains(without.out(), "The signature is NOT valid.", "stdout");
        assertExit(0, with);
        assertContains(with.out(), "The signature is valid.", "stdout");
        assertExit(5, otherContent);
    }

    @Test
    void verifyWithMissingRootsDirectorySaysItDoesNotExist() {
        Path signature = signed("default", "ABC123", false);
        Path missing = work.resolve("no-such-roots");

        Run verify = run("verify", "--in", signature.toString(), "--roots", missing.toString(), "--lang", "en");

        assertExit(1, verify);
        assertContains(verify.err(), missing + " does not exist.", "stderr");
    }

    @Test
    void verifyWithMissingSignatureFileNamesThatFile() {
        Path missing = work.resolve("nothing.p7s");

        Run verify = run("verify", "--in", missing.toString(), "--roots", authority.resolve("trust").toString(), "--lang", "en");

        assertExit(1, verify);
        assertContains(verify.err(), missing + " does not exist.", "stderr");
    }

    @Test
    void verifyWithMissingContentFileNamesThatFile() {
        Path signature = signed("default", "ABC123", true);
        Path missing = work.resolve("no-content.txt");

        Run verify = run("verify", "--in", signature.toString(), "--roots", authority.resolve("trust").toString(),
                "--content", missing.toString(), "--lang", "en");

        assertExit(1, verify);
        assertContains(verify.err(), missing + " does not exist.", "stderr");
    }

    @Test
    void verifyWithRootsThatIsAFileSaysItIsNotAFolder() {
        Path signature = signed("default", "ABC123", false);
        Path file = write("roots.txt", "not a folder");

        Run verify = run("verify", "--in", signature.toString(), "--roots", file.toString(), "--lang", "en");

        assertExit(1, verify);
        assertContains(verify.err(), file + " is not a folder.", "stderr");
    }

    @Test
    void unusableAuthorityFolderIsAFileProblemNotAnUnexpectedError() {
        Path notAFolder = write("authority-file", "a file where the authority folder should be");
        Path authorityInside = notAFolder.resolve("authority");

        Run run = run("info", "--reader", "emulator:default", "--authority", authorityInside.toString(), "--pin", "1234",
                "--lang", "en");

        assertExit(1, run);
        assertFalse(run.err().contains("Unexpected error"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertContains(run.err(), "Could not read or write " + authorityInside + ": ", "stderr");
        assertFalse(run.err().contains(authorityInside + ": " + authorityInside), "the path said once:\n" + run.err());
        assertEquals("", run.out());
    }

    @Test
    void signIntoAMissingFolderSaysSoBeforeThePasswordIsTried() {
        Path document = write("doc.txt", "申請書");
        Path missingFolder = work.resolve("no-such-folder");

        // a wrong password on purpose: had the card been asked, the answer would be "wrong password", exit 3
        Run run = run(onCard("default", "sign", "--password", "WRONG1", "--in", document.toString(),
                "--out", missingFolder.resolve("doc.p7s").toString(), "--lang", "en"));

        assertExit(1, run);
        assertEquals(missingFolder + " does not exist.\n", run.err());
    }

    @Test
    void signOntoAFolderSaysToGiveAFileName() {
        Path document = write("doc.txt", "申請書");

        Run run = run(onCard("default", "sign", "--password", "WRONG1", "--in", document.toString(),
                "--out", work.toString(), "--lang", "ja"));

        assertExit(1, run);
        assertEquals(work + " はフォルダです。ファイル名を指定してください。\n", run.err());
    }

    @Test
    void certsOutThatIsAFileSaysItIsNotAFolderBeforeThePasswordIsTried() {
        Path file = write("certs.txt", "a file, not a folder");

        Run run = run(onCard("default", "certs", "--password", "WRONG1", "--out", file.toString(), "--lang", "en"));

        assertExit(1, run);
        assertEquals(file + " is not a folder.\n", run.err());
        assertEquals("", run.out());
    }

    // ---- emulate, usage, readers ----

    @Test
    void listPersonasNamesEveryBuiltInPersona() {
        Run run = run("emulate", "--list-personas", "--lang", "en");

        assertExit(0, run);
        List<String> expected = List.of("default", "long-address", "gaiji", "pin-one-try", "pin-blocked", "signature-blocked");
        assertEquals(expected, Personas.builtInIds());
        for (String id : expected) {
            assertTrue(run.out().lines().anyMatch(line -> line.startsWith("  " + id + " ")), "no line for " + id + ":\n" + run.out());
        }
        assertTrue(run.out().lines().anyMatch(line -> line.matches(" +gaiji +PIN 4321 / 4321, password HANAKO2024")), run.out());
    }

    @Test
    void emulateUnknownPersonaListsTheBuiltInOnes() {
        Run run = run("emulate", "--persona", "nosuch", "--lang", "en");

        assertExit(2, run);
        assertContains(run.err(), "No persona file or built-in persona \"nosuch\". Built-in: "
                + String.join(", ", Personas.builtInIds()), "stderr");
    }

    @Test
    void emulateRejectsAVpcdAddressThatIsNotHostPort() {
        Run run = run("emulate", "--vpcd", "nonsense", "--lang", "en", "--authority", work.resolve("unused").toString());

        assertExit(2, run);
        assertContains(run.err(), "Give vpcd as HOST:PORT, e.g. localhost:35963.", "stderr");
        assertFalse(Files.exists(work.resolve("unused")), "nothing is created before the arguments are checked");
    }

    @Test
    void emulateRejectsAFaultOutsideTheNotationAndItsHelpExplainsTheNotation() {
        Run run = run("emulate", "--fault", "hang-forever", "--lang", "en", "--authority", work.resolve("unused").toString());
        assertExit(2, run);
        assertContains(run.err(), "Unknown fault \"hang-forever\". See --help for the notation", "stderr");
        assertFalse(Files.exists(work.resolve("unused")), "nothing is created before the arguments are checked");

        Run help = run("emulate", "--help");
        assertContains(help.out(), "--fault=SPEC", "help");
        assertContains(help.out(), "hang@INS[#N]", "help");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run run = run("info", "--no-such-option");

        assertExit(2, run);
        assertContains(run.err(), "Unknown option: '--no-such-option'", "stderr");
        assertContains(run.err(), "Usage: card-reader info", "stderr");
    }

    @Test
    void readersWithoutPcscdSaysPlainlyThatItIsNotRunning() throws Exception {
        // its own JVM, pointed at a socket nobody listens on: libpcsclite reads the variable once per process
        Map<String, String> noPcscd = Map.of("PCSCLITE_CSOCK_NAME", work.resolve("no-pcscd.comm").toString(),
                "HOME", work.toString());

        ToolProcess.Result english = ToolProcess.run(work.resolve("process"), noPcscd, "readers", "--lang", "en");
        ToolProcess.Result japanese = ToolProcess.run(work.resolve("process"), noPcscd, "readers", "--lang", "ja");

        assertEquals(1, english.exitCode(), english.err());
        assertTrue(english.err().startsWith(
                "The smart card service (pcscd) is not running on this machine. Ask IT staff to start it.\n"), english.err());
        assertEquals("", english.out());
        assertEquals(1, japanese.exitCode(), japanese.err());
        assertTrue(japanese.err().startsWith("この端末でスマートカードサービス（pcscd）が動いていません。"), japanese.err());
    }

    // ---- helpers ----

    private Path write(String name, String content) {
        try {
            return Files.writeString(work.resolve(name), content, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path signed(String persona, String password, boolean detached) {
        Path document = write(persona + ".txt", "申請書 " + persona);
        Path signature = work.resolve(persona + (detached ? "-detached" : "") + ".p7s");
        List<String> args = new ArrayList<>(List.of("sign", "--password", password, "--in", document.toString(),
                "--out", signature.toString()));
        if (detached) {
            args.add("--detached");
        }
        Run sign = run(onCard(persona, args.toArray(String[]::new)));
        assertExit(0, sign);
        return signature;
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
