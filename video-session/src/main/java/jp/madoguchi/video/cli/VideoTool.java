package jp.madoguchi.video.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code video-session.jar}: the IT staff's check of a booth's camera and microphone ({@code check-devices}), and
 * the demo's meeting server ({@code meet}) and whole call on one machine ({@code demo-call}). Exit codes: 0 done,
 * 1 a device or call problem, 2 usage.
 */
@Command(name = "video-session", mixinStandardHelpOptions = true, version = "Madoguchi video-session 0.1.0",
        description = "Checks a booth's camera and microphone, and runs the video call on one machine for the demo.",
        subcommands = {CheckDevicesCommand.class, MeetCommand.class, DemoCallCommand.class})
public final class VideoTool {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    private VideoTool() {
    }

    public static void main(String[] args) {
        configureLogging(args);
        System.exit(run(System.out, System.err, args));
    }

    /** Runs one command line, results to {@code out}, problems to {@code err}; returns the exit code (tests call this). */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(VideoTool.class);
        cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("video-session: " + e.getMessage());
            return EXIT_FAILURE;
        });
        return cli.execute(args);
    }

    /** slf4j-simple reads its level once, at first use: set it before anything logs. */
    private static void configureLogging(String[] args) {
        boolean verbose = false;
        for (String a : args) {
            if (a.equals("-v") || a.equals("--verbose")) {
                verbose = true;
            }
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    }
}
