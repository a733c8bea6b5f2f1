package jp.madoguchi.video.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jp.madoguchi.video.DeviceReport;
import jp.madoguchi.video.DeviceReport.DeviceStatus;
import jp.madoguchi.video.chromium.ChromiumOptions;
import jp.madoguchi.video.chromium.ChromiumVideoSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What an installer runs at a booth: the managed browser opens the camera and the microphone (the same check a call
 * starts with) and says plainly which works. The browser runs headless; the devices are the real ones unless
 * {@code --fake-devices}.
 */
@Command(name = "check-devices", mixinStandardHelpOptions = true,
        description = "Checks that the booth's camera and microphone exist and open (exit 0 when both work).")
final class CheckDevicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--browser", paramLabel = "PATH",
            description = "the Chromium, Chrome or Edge to use (default: MADOGUCHI_BROWSER or the usual places)")
    Path browser;

    @Option(names = "--fake-devices", description = "the browser's synthetic camera and microphone (to test the tool)")
    boolean fakeDevices;

    @Option(names = {"-v", "--verbose"}, description = "log what the browser does")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ChromiumOptions options = new ChromiumOptions(Optional.ofNullable(browser), true, fakeDevices, false,
                Duration.ofSeconds(20), Duration.ofSeconds(2), List.of());
        Path executable = options.resolveExecutable();
        out.println("Checking the camera and the microphone with " + executable
                + (fakeDevices ? " (synthetic devices)" : "") + " …");
        DeviceReport report;
        try (ChromiumVideoSession session = new ChromiumVideoSession(options)) {
            report = session.checkDevices().get(40, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            spec.commandLine().getErr().println("The check could not run: " + cause.getMessage());
            return VideoTool.EXIT_FAILURE;
        } catch (TimeoutException e) {
            spec.commandLine().getErr().println("The check did not finish within 40 seconds.");
            return VideoTool.EXIT_FAILURE;
        }
        print(out, report);
        return report.ready() ? VideoTool.EXIT_OK : VideoTool.EXIT_FAILURE;
    }

    static void print(PrintWriter out, DeviceReport report) {
        out.printf("%-11s %-12s %s%n", "DEVICE", "STATUS", "FOUND");
        out.printf("%-11s %-12s %s%n", "camera", word(report.camera()), labels(report.cameras()));
        out.printf("%-11s %-12s %s%n", "microphone", word(report.microphone()), labels(report.microphones()));
        if (!report.detail().isEmpty()) {
            out.println("detail: " + report.detail());
        }
        out.println(verdict(report));
    }

    static String verdict(DeviceReport report) {
        if (report.ready()) {
            return "OK: the camera and the microphone work; this booth can make video calls.";
        }
        StringBuilder text = new StringBuilder("NOT READY:");
        problem(text, "camera", report.camera());
        problem(text, "microphone", report.microphone());
        return text.toString();
    }

    /** One sentence per device that does not work, each starting with a capital letter. */
    private static void problem(StringBuilder text, String device, DeviceStatus status) {
        if (status == DeviceStatus.NOT_FOUND) {
            text.append(" No ").append(device).append(" found (is it plugged in?).");
        } else if (status != DeviceStatus.WORKS) {
            text.append(" The ").append(device)
                    .append(" is there but could not be opened (in use by another program, or not permitted).");
        }
    }

    private static String word(DeviceStatus status) {
        return switch (status) {
            case WORKS -> "works";
            case NOT_FOUND -> "not found";
            case UNAVAILABLE -> "unavailable";
            case UNKNOWN -> "not checked";
        };
    }

    private static String labels(List<String> labels) {
        if (labels.isEmpty()) {
            return "(none)";
        }
        return String.join(", ", labels.stream().map(l -> l.isBlank() ? "(no label)" : l).toList());
    }
}
