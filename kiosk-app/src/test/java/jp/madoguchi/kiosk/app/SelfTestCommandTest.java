package jp.madoguchi.kiosk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jp.madoguchi.kiosk.hq.DemoHeadquarters;
import jp.madoguchi.kiosk.maintenance.Check;
import jp.madoguchi.kiosk.maintenance.CheckResult;
import jp.madoguchi.kiosk.maintenance.MediaDeviceCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiosk-app --self-test}: the table and the exit codes with faked checks, then the real checks of this machine
 * (no camera, no microphone, no pcscd here) against a real demo headquarters with its enrolled demo booth. No JavaFX
 * toolkit is started (the run goes through {@link BoothMain#run} without parts).
 */
class SelfTestCommandTest {
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

    private static Check check(String titleKey, CheckResult result) {
        return new Check() {
            @Override
            public String titleKey() {
                return titleKey;
            }

            @Override
            public CheckResult run() {
                return result;
            }
        };
    }

    private static String run(List<Check> checks, Duration limit, int expectedExit) {
        StringWriter out = new StringWriter();
        int exit = SelfTestCommand.run(checks, new PrintWriter(out, true), limit);
        assertEquals(expectedExit, exit, out.toString());
        return out.toString();
    }

    @Test
    void anAlignedTableAndExitZeroWhenNothingFailsWarningsIncluded() {
        String out = run(List.of(
                check("maint.check.disk.title", CheckResult.ok("maint.check.disk.ok", "/data: 9,000 MB free", "9,000")),
                check("maint.check.clock.title", CheckResult.warn("maint.check.clock.off", "booth …", 75L))),
                Duration.ofSeconds(10), 0);
        List<String> lines = out.lines().toList();
        assertEquals("CHECK       RESULT  DETAIL", lines.get(0));
        assertEquals("Disk space  OK      9,000 MB free. (/data: 9,000 MB free)", lines.get(1));
        assertEquals("Clock       WARN    75 s off headquarters: signatures and certificates may fail. (booth …)",
                lines.get(2));
        assertEquals("                    -> set the time: sudo timedatectl set-ntp true (check timedatectl status)",
                lines.get(3));
        assertTrue(out.endsWith("self-test: 2 checks, 1 warning(s), 0 failure(s): PASSED\n"), out);
    }

    @Test
    void aFailureExitsOneAndSaysWhatToDo() {
        String out = run(List.of(check("maint.check.pcsc.title",
                CheckResult.fail("maint.check.pcsc.no_service", "SCARD_E_NO_SERVICE"))), Duration.ofSeconds(10), 1);
        assertTrue(out.contains("Card reader service  FAIL    The PC/SC service (pcscd) is not running. "
                + "(SCARD_E_NO_SERVICE)"), out);
        assertTrue(out.contains("-> pcscd is not running: sudo systemctl start pcscd"), out);
        assertTrue(out.contains("FAILED"), out);
    }

    @Test
    void aCheckThatHangsFailsAtItsLimitAndTheRestStillReport() {
        Check hangs = new Check() {
            @Override
            public String titleKey() {
                return "maint.check.hq.title";
            }

            @Override
            public CheckResult run() throws InterruptedException {
                Thread.sleep(60_000);
                return CheckResult.ok("maint.check.hq.ok", "");
            }
        };
        long started = System.nanoTime();
        String out = run(List.of(hangs, check("maint.check.disk.title", CheckResult.ok("maint.check.disk.ok", "",
                "1"))), Duration.ofSeconds(1), 1);
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10, "bounded by the limit");
        assertTrue(out.contains("Headquarters  FAIL    The check did not finish in time. (no answer within 1 s)"), out);
        assertTrue(out.contains("Disk space    OK"), out);
    }

    @Test
    void cameraAndMicrophoneAreFoundWhereLinuxListsThem() throws Exception {
        Path dev = Files.createDirectories(temp.resolve("dev"));
        Path pcm = temp.resolve("pcm");
        Files.writeString(pcm, "00-00: ALC887-VD Analog : ALC887-VD Analog : playback 1 : capture 1\n"
                + "00-01: ALC887-VD Digital : ALC887-VD Digital : playback 1\n");
        assertEquals("maint.check.camera.none", new MediaDeviceCheck(MediaDeviceCheck.Kind.CAMERA, dev, pcm).run()
                .messageKey());
        Files.createFile(dev.resolve("video0"));
        Files.createFile(dev.resolve("video1"));
        CheckResult camera = new MediaDeviceCheck(MediaDeviceCheck.Kind.CAMERA, dev, pcm).run();
        assertEquals(List.of(2), camera.args());
        CheckResult microphone = new MediaDeviceCheck(MediaDeviceCheck.Kind.MICROPHONE, dev, pcm).run();
        assertEquals("maint.check.microphone.ok", microphone.messageKey());
        assertEquals("00-00 ALC887-VD Analog", microphone.detail());
    }

    private record Run(int exit, String out, String err) {
    }

    private Run selfTest(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] line = new String[args.length + 1];
        line[0] = "--self-test";
        System.arraycopy(args, 0, line, 1, args.length);
        int exit = BoothMain.run(line, () -> {
            throw new AssertionError("the self-test starts no booth");
        }, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                (file, verbose) -> { });
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theRealChecksOfThisMachineAgainstARealHeadquarters() {
        Run run = selfTest("--data-dir", temp.resolve("data").toString(), "--hq-url", hq.url().toString(),
                "--booth-dir", hq.boothDir().toString());
        System.out.println(run.out());
        String boothId = hq.boothCredentials().boothId();
        assertTrue(run.out().contains("Headquarters         OK      Headquarters accepts this booth (" + boothId + ")."),
                run.out());
        assertTrue(run.out().contains("Clock                OK      The clock agrees with headquarters"), run.out());
        assertTrue(run.out().contains("Disk space           OK"), run.out());
        // no camera on this machine: a booth without one cannot serve, so it is a failure, and the exit status says so
        assertTrue(run.out().contains("Camera               FAIL    No camera attached: the clerk cannot see the "
                + "resident."), run.out());
        assertTrue(run.out().contains("-> connect the camera (USB)"), run.out());
        assertEquals(1, run.exit());
    }

    @Test
    void aBoothNotEnrolledIsToldHowToEnrol() {
        Run run = selfTest("--data-dir", temp.resolve("data").toString(), "--hq-url", hq.url().toString());
        assertTrue(run.out().contains("Headquarters         FAIL    This booth is not enrolled."), run.out());
        assertTrue(run.out().contains("-> enrol the booth: madoguchi-booth enroll --server URL --code CODE --hq-ca FILE"),
                run.out());
        assertEquals(1, run.exit());
    }

    @Test
    void optionsOfTheBoothsWindowAreRefused() {
        Run run = selfTest("--demo");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--demo is not for --self-test"), run.err());
    }

    @Test
    void aRevokedBoothIsToldSo() throws Exception {
        hq.setBoothRevoked(true);
        try {
            Run run = selfTest("--data-dir", temp.resolve("data").toString(), "--hq-url", hq.url().toString(),
                    "--booth-dir", hq.boothDir().toString());
            assertTrue(run.out().contains("Headquarters         FAIL    Headquarters has revoked this booth’s "
                    + "certificate."), run.out());
            assertTrue(run.out().contains("ask headquarters for a new code"), run.out());
        } finally {
            hq.setBoothRevoked(false);
        }
    }
}
