package jp.madoguchi.card.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Data that must never leak", checked on the real tool: {@code card-reader.jar} runs as its own
 * JVM with {@code -v} (slf4j-simple at debug level, every APDU logged to stderr) and with HOME,
 * {@code user.home}, XDG_DATA_HOME, {@code java.io.tmpdir} and {@code --authority} all inside one
 * sandbox directory. Afterwards no PIN, password, name, address, birth date or individual number
 * may appear in the logs, in the output of commands that did not ask for personal data, or in any
 * file left in the sandbox, except the outputs the person explicitly asked for (the saved PEM
 * certificates, the .p7s, and what {@code info} prints).
 *
 * <p>PEM bodies and binary files are scanned as decoded bytes, so a name inside a DER certificate
 * is found; the test proves that on the explicit outputs, which must contain the name.
 */
@Timeout(180)
class PrivacyScanTest {
    @TempDir
    Path temp;

    /** What must never leak, each with a label that says what it is. */
    private static final Map<String, Pattern> SECRETS = secrets();

    private static Map<String, Pattern> secrets() {
        Map<String, Pattern> secrets = new LinkedHashMap<>();
        // 4-digit secrets only as a number of their own: "1234" inside "20261123171234Z" (a DER time) or a
        // hex serial is not a PIN, while "pin=1234" or "PIN 1234" is.
        for (String[] number : new String[][] {{"PIN 1234 (default)", "1234"}, {"PIN 2468 (long-address)", "2468"},
                {"the wrong PIN tried, 9876", "9876"}}) {
            secrets.put(number[0], Pattern.compile("(?<![0-9A-Fa-f])" + number[1] + "(?![0-9A-Fa-f])"));
        }
        Map<String, String> literal = new LinkedHashMap<>();
        literal.put("PIN 1234 as hex bytes", "31 32 33 34");
        literal.put("PIN 1234 as compact hex", "31323334");
        literal.put("PIN 2468 as hex bytes", "32 34 36 38");
        literal.put("PIN 2468 as compact hex", "32343638");
        literal.put("wrong PIN 9876 as hex bytes", "39 38 37 36");
        literal.put("wrong PIN 9876 as compact hex", "39383736");
        literal.put("password ABC123", "ABC123");
        literal.put("password ABC123 as hex bytes", "41 42 43 31 32 33");
        literal.put("password ABC123 as compact hex", "414243313233");
        literal.put("password MIHON2468", "MIHON2468");
        literal.put("password MIHON2468 as hex bytes", "4D 49 48 4F 4E");
        literal.put("name 見本 (family name)", "見本");
        literal.put("name 太郎 (default)", "太郎");
        literal.put("name 次郎 (long-address)", "次郎");
        literal.put("name 見本 as UTF-8 hex bytes", "E8 A6 8B E6 9C AC");
        literal.put("address 霞が関 (default)", "霞が関");
        literal.put("address 千代田区 (default)", "千代田区");
        literal.put("address 北一条西二十三丁目 (long-address)", "北一条西二十三丁目");
        literal.put("address ウエストタワー (long-address)", "ウエストタワー");
        literal.put("birth date 19800217", "19800217");
        literal.put("birth date 1980-02-17", "1980-02-17");
        literal.put("birth date 19800217 as hex bytes", "31 39 38 30 30 32 31 37");
        literal.put("birth date 19751103 (long-address)", "19751103");
        literal.put("birth date 1975-11-03 (long-address)", "1975-11-03");
        literal.put("individual number 123456789018", "123456789018");
        literal.put("individual number 987654321093 (long-address)", "987654321093");
        literal.forEach((label, text) -> secrets.put(label, Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE)));
        return secrets;
    }

    /** A logged VERIFY that carried data (a PIN), however the logger shows that data. */
    private static final Pattern VERIFY_WITH_DATA = Pattern.compile(">> 00 20 00 [0-9A-F]{2} \\S");

    /** One piece of text the tool produced, and where. */
    private record Place(String where, String text) {
    }

    @Test
    void noSecretOrPersonalDataInLogsOutputsOrLeftoverFiles() throws Exception {
        Path sandbox = Files.createDirectories(temp.resolve("sandbox"));
        Path capture = temp.resolve("capture"); // the test's own stdout/stderr files, scanned as text below
        Path authority = sandbox.resolve("authority");
        Path out = Files.createDirectories(sandbox.resolve("out"));
        Path certsDir = out.resolve("certs");
        Path document = Files.writeString(out.resolve("application.txt"), "住民票の写し 1通", StandardCharsets.UTF_8);
        Path signature = out.resolve("application.p7s");
        Map<String, String> environment = Map.of("HOME", sandbox.toString(),
                "XDG_DATA_HOME", sandbox.resolve(".local/share").toString(),
                "XDG_CONFIG_HOME", sandbox.resolve(".config").toString(),
                "XDG_CACHE_HOME", sandbox.resolve(".cache").toString());
        Files.createDirectories(sandbox.resolve("tmp"));
        List<String> jvm = List.of("-Duser.home=" + sandbox, "-Djava.io.tmpdir=" + sandbox.resolve("tmp"));
        String[] card = {"--authority", authority.toString(), "-v", "--lang", "en"};

        List<Place> scanned = new ArrayList<>();
        record Step(String label, int expectedExit, boolean stdoutIsRequestedPersonalData, boolean talksToCard, String[] args) {
        }
        List<Step> steps = List.of(
                new Step("info (default)", 0, true, true, concat(card, "info", "--reader", "emulator:default", "--pin", "1234")),
                new Step("info --json (long-address)", 0, true, true,
                        concat(card, "info", "--reader", "emulator:long-address", "--pin", "2468", "--json")),
                new Step("certs --password", 0, false, true, concat(card, "certs", "--reader", "emulator:default",
                        "--password", "ABC123", "--out", certsDir.toString())),
                new Step("sign", 0, false, true, concat(card, "sign", "--reader", "emulator:default", "--password", "ABC123",
                        "--in", document.toString(), "--out", signature.toString())),
                new Step("sign (long-address)", 0, false, true, concat(card, "sign", "--reader", "emulator:long-address",
                        "--password", "MIHON2468", "--in", document.toString(), "--out", out.resolve("long.p7s").toString())),
                new Step("verify", 0, false, false, new String[] {"verify", "--in", signature.toString(),
                        "--roots", authority.resolve("trust").toString(), "-v", "--lang", "en"}),
                new Step("info with a wrong PIN", 3, false, true, concat(card, "info", "--reader", "emulator:default", "--pin", "9876")));

        for (Step step : steps) {
            ToolProcess.Result result = ToolProcess.run(capture, environment, jvm, step.args());
            assertEquals(step.expectedExit(), result.exitCode(), () -> step.label() + " exit code; stderr:\n" + result.err());
            if (step.talksToCard()) {
                // the scan proves something only if logging was really on and saw the PIN commands
                assertTrue(result.err().contains("LoggingTransport - [emulator:") && result.err().contains(">> 00 A4 04 0C"),
                        () -> step.label() + ": no APDU log on stderr, so the scan would prove nothing:\n" + result.err());
                assertTrue(VERIFY_WITH_DATA.matcher(result.err()).find(),
                        () -> step.label() + ": the VERIFY carrying the PIN was not logged:\n" + result.err());
            }
            scanned.add(new Place("stderr (log) of `" + step.label() + "`", withoutLoggerNumbers(result.err())));
            if (!step.stdoutIsRequestedPersonalData()) {
                scanned.add(new Place("stdout of `" + step.label() + "`", result.out()));
            }
        }

        Set<Path> requestedOutputs = Set.of(certsDir.resolve("signature.pem"), certsDir.resolve("signature-ca.pem"),
                certsDir.resolve("authentication.pem"), certsDir.resolve("authentication-ca.pem"), signature,
                out.resolve("long.p7s"));
        List<Path> leftovers;
        try (Stream<Path> files = Files.walk(sandbox)) {
            leftovers = files.filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(leftovers.containsAll(requestedOutputs), "the requested outputs were written: " + leftovers);
        for (Path file : leftovers) {
            String relative = sandbox.relativize(file).toString();
            scanned.add(new Place("file name " + relative, relative));
            if (!requestedOutputs.contains(file)) {
                scanned.add(new Place("file " + relative, decoded(Files.readAllBytes(file))));
            }
        }

        // the scanner sees personal data inside DER: the requested signature outputs do hold the name
        for (Path explicit : List.of(certsDir.resolve("signature.pem"), signature)) {
            String text = decoded(Files.readAllBytes(explicit));
            assertTrue(text.contains("見本") && text.contains("霞が関"),
                    "the scanner cannot see the name inside " + explicit.getFileName() + ", so it would miss a leak");
        }

        List<String> findings = new ArrayList<>();
        for (Place place : scanned) {
            String text = place.text().replace(temp.toString(), "<temp>");
            SECRETS.forEach((label, pattern) -> {
                Matcher m = pattern.matcher(text);
                if (m.find()) {
                    int from = Math.max(0, m.start() - 40);
                    int to = Math.min(text.length(), m.end() + 40);
                    findings.add(label + " found in " + place.where() + ": …" + text.substring(from, to).replace('\n', '⏎') + "…");
                }
            });
        }
        if (!findings.isEmpty()) {
            fail("personal data or secrets leaked:\n  " + String.join("\n  ", findings));
        }
    }

    /**
     * Numbers the logger itself writes (milliseconds since start, microseconds per APDU, response
     * lengths) are not card data, but could be 1234 by chance; they are blanked before the scan.
     */
    private static String withoutLoggerNumbers(String log) {
        return log.replaceAll("(?m)^[0-9]+ \\[", "<ms> [")
                .replaceAll("\\([0-9]+ µs\\)", "(<µs>)")
                .replaceAll("<< [0-9]+ data byte\\(s\\)", "<< <n> data byte(s)");
    }

    /** Text, PEM and binary files as text a secret can be found in: PEM bodies decoded, bytes as UTF-8. */
    private static String decoded(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        Matcher pem = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----").matcher(text);
        StringBuilder result = new StringBuilder();
        while (pem.find()) {
            byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
            pem.appendReplacement(result, Matcher.quoteReplacement("[" + pem.group(1) + ": "
                    + new String(der, StandardCharsets.UTF_8) + "]"));
        }
        pem.appendTail(result);
        return result.toString();
    }

    private static String[] concat(String[] tail, String... head) {
        return Stream.concat(Stream.of(head), Stream.of(tail)).toArray(String[]::new);
    }
}
