package jp.madoguchi.kiosk.app;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.kiosk.card.BoothCardReader;
import jp.madoguchi.kiosk.maintenance.BoothTlsProbe;
import jp.madoguchi.kiosk.maintenance.BrowserCheck;
import jp.madoguchi.kiosk.maintenance.Check;
import jp.madoguchi.kiosk.maintenance.CheckOutcome;
import jp.madoguchi.kiosk.maintenance.CheckResult;
import jp.madoguchi.kiosk.maintenance.CheckStatus;
import jp.madoguchi.kiosk.maintenance.Diagnostics;
import jp.madoguchi.kiosk.maintenance.DiskCheck;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;
import jp.madoguchi.kiosk.maintenance.MediaDeviceCheck;
import jp.madoguchi.kiosk.maintenance.ReaderCheck;
import jp.madoguchi.kiosk.store.BoothKey;
import jp.madoguchi.kiosk.store.BoothStore;
import jp.madoguchi.kiosk.store.SettingKey;
import jp.madoguchi.kiosk.store.SqliteNativeLibrary;
import jp.madoguchi.video.chromium.ChromiumOptions;

/**
 * {@code kiosk-app.jar --self-test [--data-dir DIR] [--hq-url URL] [--booth-dir DIR]}: the booth's checks without a
 * window (no JavaFX toolkit, no display needed), the first thing an installer runs. The maintenance screen's
 * {@link Check}s and {@link Diagnostics}, each limited to {@link #CHECK_LIMIT}: card reader service and readers, the
 * video call's browser, camera, microphone, headquarters with the enrolled credentials (a real mutual-TLS request),
 * disk space of the data directory, and the clock (against headquarters' {@code Date}, else a local sanity check).
 *
 * <p>Prints an aligned table (check, OK/WARN/FAIL, what was found and what to do) to standard output; exit status
 * 0 when nothing failed, 1 otherwise.
 */
final class SelfTestCommand {
    static final Duration CHECK_LIMIT = Duration.ofSeconds(10);
    static final int EXIT_PASSED = 0;
    static final int EXIT_FAILED = 1;

    /** What IT staff do about a result, by its message key (English: the command line's language). */
    private static final Map<String, String> WHAT_TO_DO = Map.ofEntries(
            Map.entry("maint.check.pcsc.no_service", "pcscd is not running: sudo systemctl start pcscd "
                    + "(sudo apt install pcscd if it is missing)"),
            Map.entry("maint.check.pcsc.error", "restart it: sudo systemctl restart pcscd; see journalctl -u pcscd"),
            Map.entry("maint.check.pcsc.no_reader", "connect the card reader (USB); lsusb should list it, and "
                    + "pcsc_scan (pcsc-tools) should show it"),
            Map.entry("maint.check.browser.missing", "install Chromium: sudo apt install chromium, or set "
                    + "MADOGUCHI_BROWSER to the browser's path"),
            Map.entry("maint.check.camera.none", "connect the camera (USB); it shows as /dev/video0; the booth's "
                    + "user must be in the video group"),
            Map.entry("maint.check.microphone.none", "connect the microphone or headset; arecord -l should list it; "
                    + "the booth's user must be in the audio group"),
            Map.entry("maint.check.hq.not_enrolled", "enrol the booth: madoguchi-booth enroll --server URL --code "
                    + "CODE --hq-ca FILE"),
            Map.entry("maint.check.hq.unreachable", "check --hq-url / the hq.url setting, the network and the "
                    + "firewall (port 8443 by default)"),
            Map.entry("maint.check.hq.tls", "the booth's hq-ca.pem must be headquarters' CA, and the clock right; "
                    + "if headquarters changed its CA, enrol again (enroll --force)"),
            Map.entry("maint.check.hq.refused", "the certificate is not headquarters': enrol again (enroll --force)"),
            Map.entry("maint.check.hq.revoked", "headquarters revoked this booth: ask headquarters for a new code "
                    + "and enrol again (enroll --force)"),
            Map.entry("maint.check.hq.status", "headquarters has a problem of its own: tell headquarters' IT staff"),
            Map.entry("maint.check.disk.low", "free some space on the data directory's disk"),
            Map.entry("maint.check.disk.full", "free space now: the booth may stop storing applications"),
            Map.entry("maint.check.disk.error", "check that the data directory exists and the booth's user owns it"),
            Map.entry("maint.check.clock.off", "set the time: sudo timedatectl set-ntp true (check "
                    + "timedatectl status)"),
            Map.entry("maint.check.clock.implausible", "set the time: sudo timedatectl set-ntp true"),
            Map.entry("maint.check.clock.local_only", "compared with headquarters once it can be reached"),
            Map.entry("maint.check.timeout", "the check hung: run it again; if it hangs again, see the booth log"));

    private SelfTestCommand() {
    }

    /** The production checks for this machine. */
    static List<Check> productionChecks(Path dataDirectory, Path credentialsDirectory, URI hqUrl, Clock clock) {
        BoothTlsProbe headquarters = new BoothTlsProbe(credentialsDirectory, hqUrl);
        List<Check> checks = new ArrayList<>();
        checks.add(readerCheck());
        checks.add(new BrowserCheck(() -> ChromiumOptions.production().resolveExecutable()));
        checks.add(new MediaDeviceCheck(MediaDeviceCheck.Kind.CAMERA));
        checks.add(new MediaDeviceCheck(MediaDeviceCheck.Kind.MICROPHONE));
        checks.add(headquarters.headquartersCheck());
        checks.add(new DiskCheck(dataDirectory));
        checks.add(headquarters.clockCheck(clock));
        return checks;
    }

    private static Check readerCheck() {
        return new Check() {
            @Override
            public String titleKey() {
                return "maint.check.pcsc.title";
            }

            @Override
            public CheckResult run() throws Exception {
                try {
                    return new ReaderCheck(BoothCardReader.of(Optional.empty(), Optional.empty()).probe()).run();
                } catch (jp.madoguchi.card.CardException e) {
                    return CheckResult.fail("maint.check.pcsc.no_service", e.getMessage());
                }
            }
        };
    }

    /**
     * {@code hq.url} for the self-test: {@code --hq-url}, else the store's setting (the store is opened only to
     * read it, and only if it exists), else the setting's default.
     */
    static URI headquartersUrl(BoothOptions options, BoothDataDirectory directory, PrintWriter err) {
        if (options.headquartersUrl().isPresent()) {
            return options.headquartersUrl().get();
        }
        if (java.nio.file.Files.exists(directory.storeFile()) && java.nio.file.Files.exists(directory.keyFile())) {
            try (BoothKey key = BoothKey.load(directory.keyFile())) {
                SqliteNativeLibrary.useCopyIn(directory.nativeDirectory());
                try (BoothStore store = BoothStore.open(directory.storeFile(), key)) {
                    return URI.create(store.settings().get(SettingKey.HQ_URL));
                }
            } catch (RuntimeException e) {
                err.println("kiosk-app --self-test: the booth's store could not be read (" + e.getMessage()
                        + "); using the default headquarters URL");
            }
        }
        return URI.create(SettingKey.HQ_URL.defaultValue());
    }

    /** Runs the checks, prints the table; the exit code. */
    static int run(List<Check> checks, PrintWriter out, Duration limit) {
        MaintenanceText text = MaintenanceText.english();
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "self-test");
            thread.setDaemon(true); // a check that hangs past its limit must not keep the process
            return thread;
        });
        List<CheckOutcome> outcomes;
        try {
            outcomes = new Diagnostics(checks, executor, limit).runAll(outcome -> { })
                    .get(limit.toSeconds() * 2 + 5, TimeUnit.SECONDS);
        } catch (Exception e) {
            out.println("self-test: the checks did not finish: " + e);
            return EXIT_FAILED;
        } finally {
            executor.shutdownNow();
        }
        out.print(table(outcomes, text));
        long warnings = outcomes.stream().filter(o -> o.result().status() == CheckStatus.WARN).count();
        long failures = outcomes.stream().filter(o -> o.result().status() == CheckStatus.FAIL).count();
        out.println();
        out.println(String.format(Locale.ROOT, "self-test: %d checks, %d warning(s), %d failure(s): %s",
                outcomes.size(), warnings, failures, failures == 0 ? "PASSED" : "FAILED"));
        out.flush();
        return failures == 0 ? EXIT_PASSED : EXIT_FAILED;
    }

    /** The aligned table: CHECK, RESULT, DETAIL; what to do on an indented line of its own below the detail. */
    static String table(List<CheckOutcome> outcomes, MaintenanceText text) {
        int nameWidth = "CHECK".length();
        for (CheckOutcome outcome : outcomes) {
            nameWidth = Math.max(nameWidth, text.text(outcome.check().titleKey()).length());
        }
        int resultWidth = "RESULT".length();
        String indent = " ".repeat(nameWidth + 2 + resultWidth + 2);
        StringBuilder table = new StringBuilder();
        table.append(pad("CHECK", nameWidth)).append("  ").append(pad("RESULT", resultWidth)).append("  DETAIL\n");
        for (CheckOutcome outcome : outcomes) {
            CheckResult result = outcome.result();
            String message = text.text(result.messageKey(), result.args());
            String detail = result.detail().isBlank() ? message : message + " (" + result.detail().strip() + ")";
            table.append(pad(text.text(outcome.check().titleKey()), nameWidth)).append("  ")
                    .append(pad(result.status().name(), resultWidth)).append("  ")
                    .append(detail.replace('\n', ' ')).append('\n');
            String todo = WHAT_TO_DO.get(result.messageKey());
            if (todo != null && result.status() != CheckStatus.OK) {
                table.append(indent).append("-> ").append(todo).append('\n');
            }
        }
        return table.toString();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
