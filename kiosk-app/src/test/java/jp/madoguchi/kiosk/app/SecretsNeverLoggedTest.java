package jp.madoguchi.kiosk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import jp.madoguchi.kiosk.hq.BoothCredentials;
import jp.madoguchi.kiosk.hq.DemoHeadquarters;
import jp.madoguchi.kiosk.maintenance.MaintenancePin;
import jp.madoguchi.kiosk.store.BoothKey;
import jp.madoguchi.kiosk.store.BoothStore;
import jp.madoguchi.kiosk.store.SettingKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security review (issue 9): the booth's secrets never reach its log. Runs the real code paths — setting the
 * maintenance PIN from the command line, checking a right and a wrong PIN, enrolling against a real headquarters
 * (demo mode, in this JVM) and queueing an encrypted application in the outbox — then scans the log those paths
 * wrote (slf4j-simple's test log file, {@code target/kiosk-app-test.log}; see simplelogger.properties) and
 * everything they printed for the PIN, its stored hash, the enrolment code, the booth's TLS private key and the
 * outbox key.
 */
class SecretsNeverLoggedTest {
    private static final String PIN = "73920518";
    private static final Path LOG = Path.of("target/kiosk-app-test.log");

    @TempDir
    Path temp;

    @Test
    void thePinTheEnrolmentCodeTheTlsKeyAndTheOutboxKeyAreInNoLogLineAndNoOutput() throws Exception {
        Path data = temp.resolve("data");
        StringBuilder printed = new StringBuilder();
        List<Path> logFiles = new ArrayList<>();

        // 1. the maintenance PIN, set the way IT staff set it
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SetMaintenancePinCommand.run(new String[] {"--data-dir", data.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true), (file, verbose) -> logFiles.add(file),
                SetMaintenancePinCommand.lines(new ByteArrayInputStream(
                        (PIN + "\n" + PIN + "\n").getBytes(StandardCharsets.UTF_8))));
        assertEquals(0, exit, out + " " + err);
        printed.append(out).append(err);

        // 2. enrolment with a one-time code
        String code;
        try (DemoHeadquarters hq = DemoHeadquarters.start()) {
            code = hq.newEnrolmentCode("南部出張所", Duration.ofMinutes(10));
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            exit = BoothMain.run(new String[] {"enroll", "--server", hq.url().toString(), "--code", code,
                "--data-dir", data.toString(), "--hq-ca", hq.caFile().toString()}, () -> {
                    throw new AssertionError("enroll starts no booth");
                }, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                    new PrintStream(stderr, true, StandardCharsets.UTF_8), (file, verbose) -> logFiles.add(file));
            printed.append(stdout.toString(StandardCharsets.UTF_8)).append(stderr.toString(StandardCharsets.UTF_8));
            assertEquals(0, exit, printed.toString());
        }

        // 3. the PIN checked (right and wrong) and an application queued in the encrypted outbox
        String hash;
        byte[] outboxKey;
        try (BoothKey key = BoothKey.load(data.resolve("booth.key"));
             BoothStore store = BoothStore.open(data.resolve("booth.db"), key)) {
            assertTrue(MaintenancePin.matches(store.settings(), PIN.toCharArray()));
            assertFalse(MaintenancePin.matches(store.settings(), "73920519".toCharArray()));
            hash = store.settings().get(SettingKey.MAINTENANCE_PIN_HASH);
            store.outbox().enqueue("MD-20261124-S3C9R7", "idem-secrets-never-logged",
                    "{\"form\":\"juminhyo\"}".getBytes(StandardCharsets.UTF_8));
        }
        outboxKey = Files.readAllBytes(data.resolve("booth.key"));
        assertEquals(32, outboxKey.length, "AES-256");

        Path credentials = data.resolve("credentials");
        List<String> tlsKeyLines = Files.readString(credentials.resolve(BoothCredentials.KEY_FILE)).lines()
                .filter(l -> !l.startsWith("-----") && l.length() >= 16).toList();
        assertFalse(tlsKeyLines.isEmpty());

        List<String> secrets = new ArrayList<>(List.of(PIN, code, hash, hash.substring(hash.lastIndexOf('$') + 1),
                Base64.getEncoder().encodeToString(outboxKey), HexFormat.of().formatHex(outboxKey),
                HexFormat.of().withUpperCase().formatHex(outboxKey)));
        secrets.addAll(tlsKeyLines);

        assertTrue(Files.exists(LOG), "slf4j-simple logs to " + LOG.toAbsolutePath());
        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        // the scan sees these paths' lines: the log is the one they wrote to
        assertTrue(log.contains("maintenance PIN set from the command line"), "scanner sanity check");
        assertTrue(log.contains("enrolled as booth"), "scanner sanity check");
        assertTrue(log.contains("outbox enqueued: id="), "scanner sanity check");
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "a secret is in the log: " + secret.length() + " characters");
            assertFalse(printed.toString().contains(secret), "a secret was printed: " + secret.length() + " characters");
        }
        assertEquals(List.of(data.resolve("logs/booth.log"), data.resolve("logs/booth.log")), logFiles,
                "both commands log to the booth's owner-only log folder");
    }
}
