package jp.madoguchi.kiosk.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import jp.madoguchi.kiosk.maintenance.BoothEnrolment;
import jp.madoguchi.kiosk.maintenance.BoothEnrolment.EnrolmentException;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;
import jp.madoguchi.kiosk.store.BoothKey;
import jp.madoguchi.kiosk.store.BoothStore;
import jp.madoguchi.kiosk.store.SettingKey;
import jp.madoguchi.kiosk.store.SqliteNativeLibrary;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * {@code kiosk-app.jar enroll --server URL --code CODE [--name NAME] [--data-dir DIR] [--hq-ca FILE] [--force]}
 * (installed as {@code madoguchi-booth enroll …}): enrols this booth with headquarters ({@link BoothEnrolment}) and
 * writes its credentials to {@code DATA_DIR/credentials}; then sets the store's {@code hq.url} (and, when headquarters
 * names it, {@code booth.name}) so the booth's next start uses them. No window. Answers in English on the console.
 *
 * <p>Exit codes: {@value #EXIT_ENROLLED} enrolled, {@value #EXIT_FAILED} refused or failed (the message says why and
 * what to do), {@value #EXIT_USAGE} a bad command line.
 */
final class EnrolCommand {
    static final String NAME = "enroll";
    static final int EXIT_ENROLLED = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    private static final String PROGRAM = "kiosk-app enroll";

    private static final Option SERVER = valued("server", "URL", "headquarters, e.g. https://hq.example.lg.jp:8443");
    private static final Option CODE = valued("code", "CODE", "the one-time enrolment code from headquarters");
    private static final Option BOOTH_NAME = valued("name", "NAME",
            "the booth's name at headquarters (default: the name the code was made for)");
    private static final Option DATA_DIR = valued("data-dir", "DIR", "the booth's data directory; the credentials go "
            + "to DIR/credentials (default $XDG_DATA_HOME/madoguchi-booth, or ~/.local/share/madoguchi-booth)");
    private static final Option HQ_CA = valued("hq-ca", "FILE", "headquarters' CA certificate (PEM) that came with "
            + "the code: the only CA trusted for this first connection (required)");
    private static final Option FORCE = Option.builder().longOpt("force").desc("replace an existing enrolment; the old "
            + "files are kept in DIR/credentials.previous-TIME").build();
    private static final Option VERBOSE = Option.builder("v").longOpt("verbose").desc("log at debug level").build();
    private static final Option HELP = Option.builder("h").longOpt("help").desc("Show this help message and exit.")
            .build();

    private EnrolCommand() {
    }

    private static Option valued(String name, String label, String description) {
        return Option.builder().longOpt(name).hasArg().argName(label).desc(description).build();
    }

    static Options options() {
        return new Options().addOption(SERVER).addOption(CODE).addOption(BOOTH_NAME).addOption(DATA_DIR)
                .addOption(HQ_CA).addOption(FORCE).addOption(VERBOSE).addOption(HELP);
    }

    /** The checked command line. */
    record Arguments(URI server, String code, String name, Path dataDirectory, Path hqCa, boolean force,
                     boolean verbose) {
        @Override
        public String toString() {
            return "Arguments[server=" + server + ", code=***, name=" + name + ", dataDirectory=" + dataDirectory
                    + ", hqCa=" + hqCa + ", force=" + force + "]";
        }
    }

    /** Runs {@code args} (what follows {@code enroll}); returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err, BoothMain.LoggingSetup logging, Clock clock) {
        Arguments arguments;
        try {
            CommandLine line = DefaultParser.builder().setAllowPartialMatching(false).build().parse(options(), args);
            if (line.hasOption(HELP)) {
                usage(out);
                return EXIT_ENROLLED;
            }
            arguments = check(line);
        } catch (UsageException e) {
            return CommandLines.usageError(err, PROGRAM, e.getMessage());
        } catch (ParseException e) {
            return CommandLines.usageError(err, PROGRAM, CommandLines.describe(e));
        }
        BoothDataDirectory directory;
        try {
            directory = BoothDataDirectory.prepare(arguments.dataDirectory());
        } catch (IOException e) {
            err.println(PROGRAM + ": cannot prepare the data directory " + arguments.dataDirectory() + ": "
                    + e.getMessage());
            return EXIT_FAILED;
        }
        logging.configure(directory.logFile(), arguments.verbose());
        Path credentials = credentialsDirectory(directory);
        MaintenanceText text = MaintenanceText.english();
        out.println("Enrolling this booth with " + arguments.server() + " …");
        BoothEnrolment.Enrolled enrolled;
        try {
            enrolled = new BoothEnrolment(clock).enrol(new BoothEnrolment.Request(arguments.server(), arguments.code(),
                    arguments.name(), arguments.hqCa(), credentials, arguments.force()));
        } catch (EnrolmentException e) {
            err.println(PROGRAM + ": not enrolled: " + e.describe(text));
            if (e.problem() == BoothEnrolment.Problem.ALREADY_ENROLLED) {
                err.println(PROGRAM + ": to replace it, run again with --force (the old files are kept as a backup)");
            }
            return EXIT_FAILED;
        }
        out.println("Enrolled.");
        out.println("  booth id:    " + enrolled.boothId());
        out.println("  booth name:  " + (enrolled.boothName().isEmpty() ? "(as headquarters named the code)"
                : enrolled.boothName()));
        out.println("  credentials: " + enrolled.credentialsDir());
        enrolled.backup().ifPresent(backup -> out.println("  previous enrolment kept in " + backup
                + " (delete it once the booth works)"));
        rememberHeadquarters(directory, arguments.server(), enrolled.boothName(), out, err);
        out.println("Next: kiosk-app --self-test, then start the booth.");
        return EXIT_ENROLLED;
    }

    /** The credentials directory the booth reads by default (BoothOptions: {@code DATA_DIR/credentials}). */
    static Path credentialsDirectory(BoothDataDirectory directory) {
        return directory.root().resolve("credentials");
    }

    /** Sets hq.url (and booth.name) in the booth's store, so that its next start uses this headquarters. */
    private static void rememberHeadquarters(BoothDataDirectory directory, URI server, String boothName,
                                             PrintWriter out, PrintWriter err) {
        try (BoothKey key = BoothKey.loadOrCreate(directory.keyFile())) {
            SqliteNativeLibrary.useCopyIn(directory.nativeDirectory());
            try (BoothStore store = BoothStore.open(directory.storeFile(), key)) {
                store.settings().set(SettingKey.HQ_URL, server.toString());
                if (!boothName.isEmpty()) {
                    store.settings().set(SettingKey.BOOTH_NAME, boothName);
                }
            }
            out.println("  settings:    hq.url = " + server + (boothName.isEmpty() ? "" : ", booth.name = " + boothName));
        } catch (RuntimeException e) {
            err.println(PROGRAM + ": enrolled, but the booth's settings could not be updated (" + e.getMessage()
                    + "): set hq.url = " + server + " in maintenance, or start the booth with --hq-url " + server);
        }
    }

    static Arguments check(CommandLine line) {
        if (line.getArgs().length > 0) {
            throw new UsageException("Unmatched argument: '" + line.getArgs()[0] + "'");
        }
        Set<String> given = new HashSet<>();
        for (Option option : line.getOptions()) {
            if (!given.add(option.getLongOpt())) {
                throw new UsageException("option '--" + option.getLongOpt() + "' should be specified only once");
            }
        }
        if (!line.hasOption(SERVER)) {
            throw new UsageException("Missing required option: '--server=URL' (headquarters, e.g. "
                    + "https://hq.example.lg.jp:8443)");
        }
        if (!line.hasOption(CODE) || line.getOptionValue(CODE).isBlank()) {
            throw new UsageException("Missing required option: '--code=CODE' (the one-time enrolment code from "
                    + "headquarters)");
        }
        if (!line.hasOption(HQ_CA)) {
            throw new UsageException("Missing required option: '--hq-ca=FILE': headquarters' CA certificate (PEM). "
                    + "It comes with the enrolment code (hq-server's device-ca/device-ca.cert.pem, or the CA of "
                    + "headquarters' own TLS certificate). For this first connection the booth has no other way to "
                    + "know it is talking to your headquarters, so it trusts that CA and nothing else.");
        }
        URI server = server(line.getOptionValue(SERVER));
        Path hqCa = path(line, HQ_CA);
        if (!Files.isRegularFile(hqCa)) {
            throw new UsageException("Invalid value for option '--hq-ca': " + hqCa + " is not a file");
        }
        Path dataDir = line.hasOption(DATA_DIR) ? path(line, DATA_DIR)
                : BoothDataDirectory.defaultLocation(System.getenv(), System.getProperty("user.home"));
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new UsageException("Invalid value for option '--data-dir': " + dataDir
                    + " exists and is not a directory");
        }
        String name = line.getOptionValue(BOOTH_NAME, "").strip();
        return new Arguments(server, line.getOptionValue(CODE).strip(), name, dataDir, hqCa, line.hasOption(FORCE),
                line.hasOption(VERBOSE));
    }

    private static URI server(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new UsageException("Invalid value for option '--server': '" + value + "' is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
                || SettingKey.HQ_URL.validate(value).isPresent()) {
            throw new UsageException("Invalid value for option '--server': '" + value + "' is not usable: an "
                    + "https:// URL with a host, e.g. https://hq.example.lg.jp:8443");
        }
        return uri;
    }

    private static Path path(CommandLine line, Option option) {
        String value = line.getOptionValue(option);
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException("Invalid value for option '--" + option.getLongOpt() + "': '" + value
                    + "' is not a path");
        }
    }

    private static void usage(PrintWriter out) {
        CommandLines.help(out, PROGRAM + " --server URL --code CODE --hq-ca FILE [OPTIONS]",
                "Enrols this booth with headquarters: makes the booth's key (it never leaves this machine) and "
                        + "writes its certificate to DATA_DIR/credentials. Exit status 0 enrolled, 1 refused or "
                        + "failed, 2 a bad command line.", options(), "");
    }

    /** A command line that cannot be run. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
