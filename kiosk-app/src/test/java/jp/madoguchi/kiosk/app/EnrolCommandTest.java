package jp.madoguchi.kiosk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jp.madoguchi.kiosk.hq.BoothCredentials;
import jp.madoguchi.kiosk.hq.DemoHeadquarters;
import jp.madoguchi.kiosk.store.BoothKey;
import jp.madoguchi.kiosk.store.BoothStore;
import jp.madoguchi.kiosk.store.SettingKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiosk-app enroll} against a real headquarters in demo mode in this JVM ({@link DemoHeadquarters}): the
 * files it writes and their permissions, every refusal and its exit code, {@code --force} and its backup.
 */
class EnrolCommandTest {
    private static DemoHeadquarters hq;

    @TempDir
    Path temp;

    @BeforeAll
    static void startHeadquarters() throws Exception {
        hq = DemoHeadquarters.start();
    }

    @AfterAll
    static void stopHeadquarters() {
        hq.close();
    }

    private record Run(int exit, String out, String err, List<Path> logFiles) {
    }

    private Run enroll(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<Path> logs = new ArrayList<>();
        String[] line = new String[args.length + 1];
        line[0] = "enroll";
        System.arraycopy(args, 0, line, 1, args.length);
        int exit = BoothMain.run(line, () -> {
            throw new AssertionError("enroll starts no booth");
        }, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                (file, verbose) -> logs.add(file));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), logs);
    }

    private Run enrollWithCode(Path data, String code, String... more) {
        List<String> args = new ArrayList<>(List.of("--server", hq.url().toString(), "--code", code,
                "--data-dir", data.toString(), "--hq-ca", hq.caFile().toString()));
        args.addAll(List.of(more));
        return enroll(args.toArray(String[]::new));
    }

    @Test
    void enrolsWritesOwnerOnlyFilesTheBoothCanUseAndRemembersHeadquarters() throws Exception {
        Path data = temp.resolve("data");
        String code = hq.newEnrolmentCode("北部出張所 2階", Duration.ofMinutes(10));
        Run run = enrollWithCode(data, code);
        assertEquals(0, run.exit(), run.out() + run.err());
        Path credentials = data.resolve("credentials");
        BoothCredentials loaded = BoothCredentials.load(credentials);
        assertTrue(run.out().contains("booth id:    " + loaded.boothId()), run.out());
        assertTrue(run.out().contains("booth name:  北部出張所 2階"), "the name headquarters gave the code: " + run.out());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)));
        for (String file : List.of(BoothCredentials.KEY_FILE, BoothCredentials.CERT_FILE, BoothCredentials.CA_FILE,
                BoothCredentials.ID_FILE)) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(credentials.resolve(file))), file);
        }
        assertFalse(loaded.keyReadableByOthers());
        // nothing left over beside it
        try (Stream<Path> siblings = Files.list(data)) {
            assertEquals(List.of(), siblings.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("credentials.")).toList());
        }
        // the code and the key are in no output and no log line
        String key = Files.readString(credentials.resolve(BoothCredentials.KEY_FILE));
        String keyBody = key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertFalse((run.out() + run.err()).contains(code));
        assertFalse((run.out() + run.err()).contains(keyBody));
        // the booth's next start uses this headquarters
        try (BoothKey boothKey = BoothKey.load(data.resolve("booth.key"));
             BoothStore store = BoothStore.open(data.resolve("booth.db"), boothKey)) {
            assertEquals(hq.url().toString(), store.settings().get(SettingKey.HQ_URL));
            assertEquals("北部出張所 2階", store.settings().get(SettingKey.BOOTH_NAME));
        }
        assertEquals(List.of(data.resolve("logs/booth.log")), run.logFiles());
    }

    @Test
    void aNameGivenIsTheNameHeadquartersKeeps() {
        Run run = enrollWithCode(temp.resolve("data"), hq.newEnrolmentCode("東部", Duration.ofMinutes(10)),
                "--name", "東部出張所 1");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("booth name:  東部出張所 1"), run.out());
    }

    @Test
    void everyRefusalOfHeadquartersIsExplainedAndExitsOne() {
        Run unknown = enrollWithCode(temp.resolve("a"), "ABCD-EFGH-JKLM");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("Headquarters does not know this code"), unknown.err());
        assertTrue(unknown.err().contains("code_unknown"), unknown.err());

        String code = hq.newEnrolmentCode("西部", Duration.ofMinutes(10));
        assertEquals(0, enrollWithCode(temp.resolve("b"), code).exit());
        Run used = enrollWithCode(temp.resolve("c"), code);
        assertEquals(1, used.exit());
        assertTrue(used.err().contains("This code was already used. Ask headquarters for a new code."), used.err());

        Run expired = enrollWithCode(temp.resolve("d"), hq.newEnrolmentCode("古い", Duration.ofSeconds(-1)));
        assertEquals(1, expired.exit());
        assertTrue(expired.err().contains("This code has expired"), expired.err());

        for (String dir : List.of("a", "c", "d")) {
            assertFalse(Files.exists(temp.resolve(dir).resolve("credentials")), "a refused enrolment writes nothing");
        }
    }

    @Test
    void aBadCertificateRequestIsExplained() throws Exception {
        // headquarters' answer to a request it cannot read, through the same mapping as the command's
        jp.madoguchi.kiosk.maintenance.BoothEnrolment.Problem problem =
                jp.madoguchi.kiosk.maintenance.BoothEnrolment.Problem.BAD_CSR;
        String text = jp.madoguchi.kiosk.maintenance.MaintenanceText.english().text(problem.messageKey());
        assertTrue(text.startsWith("Headquarters refused the booth’s certificate request"), text);
    }

    @Test
    void unreachableHeadquartersAndAForeignCaAreExplained() throws Exception {
        String code = hq.newEnrolmentCode("南部", Duration.ofMinutes(10));
        Run unreachable = enroll("--server", "https://127.0.0.1:9", "--code", code, "--data-dir",
                temp.resolve("u").toString(), "--hq-ca", hq.caFile().toString());
        assertEquals(1, unreachable.exit());
        assertTrue(unreachable.err().contains("Headquarters cannot be reached at this address"), unreachable.err());

        // a CA that is not headquarters': the TLS handshake fails, nothing is trusted silently
        Path foreign = temp.resolve("foreign-ca.pem");
        jp.madoguchi.card.emulator.TestAuthority other = jp.madoguchi.card.emulator.TestAuthority
                .loadOrCreate(temp.resolve("other-authority"));
        Files.writeString(foreign, pem(other.authenticationCaCertificate().getEncoded()));
        Run tls = enroll("--server", hq.url().toString(), "--code", code, "--data-dir", temp.resolve("t").toString(),
                "--hq-ca", foreign.toString());
        assertEquals(1, tls.exit());
        assertTrue(tls.err().contains("The secure connection failed"), tls.err());
        // the code was not spent by either
        assertEquals(0, enrollWithCode(temp.resolve("ok"), code).exit());
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void anExistingEnrolmentIsKeptUnlessForcedAndThenKeptAsABackup() throws Exception {
        Path data = temp.resolve("data");
        assertEquals(0, enrollWithCode(data, hq.newEnrolmentCode("中央", Duration.ofMinutes(10))).exit());
        String firstId = BoothCredentials.load(data.resolve("credentials")).boothId();

        String second = hq.newEnrolmentCode("中央", Duration.ofMinutes(10));
        Run refused = enrollWithCode(data, second);
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("already enrolled"), refused.err());
        assertTrue(refused.err().contains("--force"), refused.err());
        assertEquals(firstId, BoothCredentials.load(data.resolve("credentials")).boothId());

        // a forced enrolment that headquarters refuses leaves the old one in place
        Run failed = enrollWithCode(data, "ABCD-EFGH-JKLM", "--force");
        assertEquals(1, failed.exit());
        assertEquals(firstId, BoothCredentials.load(data.resolve("credentials")).boothId());

        Run forced = enrollWithCode(data, second, "--force");
        assertEquals(0, forced.exit(), forced.err());
        String secondId = BoothCredentials.load(data.resolve("credentials")).boothId();
        assertFalse(secondId.equals(firstId));
        Path backup;
        try (Stream<Path> siblings = Files.list(data)) {
            backup = siblings.filter(p -> p.getFileName().toString().startsWith("credentials.previous-"))
                    .findFirst().orElseThrow();
        }
        assertTrue(forced.out().contains(backup.toString()), forced.out());
        assertEquals(firstId, BoothCredentials.load(backup).boothId());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));
    }

    @Test
    void aBadCommandLineExitsTwoAndSaysWhy() throws Exception {
        Run noCa = enroll("--server", hq.url().toString(), "--code", "ABCD", "--data-dir", temp.toString());
        assertEquals(2, noCa.exit());
        assertTrue(noCa.err().contains("--hq-ca"), noCa.err());
        assertTrue(noCa.err().contains("trusts that CA and nothing else"), noCa.err());

        Run noCode = enroll("--server", hq.url().toString(), "--hq-ca", hq.caFile().toString());
        assertEquals(2, noCode.exit());
        assertTrue(noCode.err().contains("--code"), noCode.err());

        Run http = enroll("--server", "http://hq.example.lg.jp", "--code", "X", "--hq-ca", hq.caFile().toString());
        assertEquals(2, http.exit());
        assertTrue(http.err().contains("https://"), http.err());

        Run missingCa = enroll("--server", hq.url().toString(), "--code", "X", "--hq-ca", temp.resolve("nope.pem")
                .toString());
        assertEquals(2, missingCa.exit());

        Run unknown = enroll("--sever", "x");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("Unknown option: '--sever'"), unknown.err());

        Run help = enroll("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--hq-ca"), help.out());

        Path notCa = Files.writeString(temp.resolve("not-a-ca.pem"), "hello");
        Run badCa = enroll("--server", hq.url().toString(), "--code", "ABCD-EFGH-JKLM", "--data-dir",
                temp.resolve("x").toString(), "--hq-ca", notCa.toString());
        assertEquals(1, badCa.exit());
        assertTrue(badCa.err().contains("holds no certificate"), badCa.err());
    }
}
