package jp.madoguchi.kiosk.app;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.store.SettingKey;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.OptionGroup;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * {@code java -jar kiosk-app.jar [--demo] [--data-dir DIR] [--hq-url URL] [--booth-dir DIR] [--reader NAME]
 * [--windowed | --kiosk] [--lang CODE] [--test-authority DIR] [--persona ID] [-v]}: the booth;
 * {@code kiosk-app.jar --self-test [--data-dir DIR] [--hq-url URL] [--booth-dir DIR]}: its checks without a window
 * ({@link SelfTestCommand}); {@code kiosk-app.jar enroll --server URL --code CODE --hq-ca FILE …}: its enrolment
 * ({@link EnrolCommand}); {@code kiosk-app.jar set-maintenance-pin [--data-dir DIR]}: the IT staff PIN
 * ({@link SetMaintenancePinCommand}).
 *
 * <p>The jar's main class, and deliberately not a JavaFX {@code Application} (toolchain-notes.md). Parses and
 * checks the command line, prepares the data directory (0700), sends logging to {@code DATA_DIR/logs/booth.log}
 * before the first logger exists, then hands over to {@link BoothLauncher}. Exit codes: 0 stopped normally,
 * 1 the booth could not start, 2 a bad command line.
 *
 * <p>The command line is read with Apache Commons CLI, not picocli like the project's other tools: picocli's
 * Java 5 class files cannot go into the booth's class-data-sharing archive, and reading them cost the booth about
 * 100 ms of every start (decision 0026).
 */
public final class BoothMain {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    static final String VERSION = "Madoguchi booth 0.1.0";
    private static final String NAME = "kiosk-app";

    private static final Option DEMO = Option.builder().longOpt("demo")
            .desc("demo mode: the emulated card in-process (reader \"Madoguchi Demo Reader\"), a DEMO panel to insert "
                    + "and remove it, windowed unless --kiosk").build();
    private static final Option DATA_DIR = valued("data-dir", "DIR", "the booth's data: key, store, logs (default "
            + "$XDG_DATA_HOME/madoguchi-booth, or ~/.local/share/madoguchi-booth)");
    private static final Option HQ_URL = valued("hq-url", "URL",
            "headquarters, e.g. https://hq.example.lg.jp (default: the hq.url setting)");
    private static final Option BOOTH_DIR = valued("booth-dir", "DIR", "the booth's credentials from enrolment "
            + "(default DATA_DIR/credentials; in the demo, hq-server --demo's demo/booth directory)");
    private static final Option READER = valued("reader", "NAME",
            "the card reader to use (default: the first one attached; not with --demo)");
    private static final Option WINDOWED = Option.builder().longOpt("windowed")
            .desc("a normal window (the default in demo mode)").build();
    private static final Option KIOSK = Option.builder().longOpt("kiosk")
            .desc("full screen and undecorated (the default outside demo mode)").build();
    private static final Option LANG = valued("lang", "CODE", "the attract screen's language: ja, ja-easy, en, zh, "
            + "ko, vi, pt (default: the language.default setting)");
    private static final Option TEST_AUTHORITY = valued("test-authority", "DIR", "demo mode: the card emulator's "
            + "test authority, the one hq-server --demo trusts (default: the one card-reader.jar emulate uses)");
    private static final Option PERSONA = valued("persona", "ID",
            "demo mode: the persona first chosen in the demo panel (default: default)");
    private static final Option SELF_TEST = Option.builder().longOpt("self-test")
            .desc("check this booth without a window (card reader service, browser, camera, microphone, "
                    + "headquarters with the enrolled credentials, disk, clock), print a table and exit: 0 nothing "
                    + "failed, 1 something did; with --data-dir, --hq-url, --booth-dir").build();
    private static final Option VERBOSE = Option.builder("v").longOpt("verbose").desc("log at debug level").build();
    private static final Option HELP = Option.builder("h").longOpt("help")
            .desc("Show this help message and exit.").build();
    private static final Option VERSION_OPTION = Option.builder("V").longOpt("version")
            .desc("Print version information and exit.").build();

    private BoothMain() {
    }

    private static Option valued(String name, String label, String description) {
        return Option.builder().longOpt(name).hasArg().argName(label).desc(description).build();
    }

    static Options options() {
        Options options = new Options();
        options.addOption(DEMO).addOption(DATA_DIR).addOption(HQ_URL).addOption(BOOTH_DIR).addOption(READER);
        OptionGroup display = new OptionGroup();
        display.addOption(WINDOWED).addOption(KIOSK);
        options.addOptionGroup(display);
        options.addOption(LANG).addOption(TEST_AUTHORITY).addOption(PERSONA).addOption(SELF_TEST).addOption(VERBOSE)
                .addOption(HELP)
                .addOption(VERSION_OPTION);
        return options;
    }

    public static void main(String[] args) {
        // the display connection and the graphics pipeline start while the command line is read and the store opens
        EarlyToolkit.startFor(args);
        // the console by its descriptors: the booth's own messages go to its log (architecture rule), only the
        // command line's answers (usage, a bad option, why it cannot start) to the console
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(args, BoothAssembly::parts, out, err));
    }

    /**
     * Runs one command line with the given parts; returns the exit code. Tests and the benchmark's placeholder
     * booth call this.
     */
    public static int run(String[] args, Supplier<BoothParts> parts, PrintStream out, PrintStream err) {
        return run(args, parts, out, err, BoothLogging::configure);
    }

    /** Where logging is set up: {@link BoothLogging#configure} in a booth, a recorder in tests (whose JVM logs elsewhere). */
    @FunctionalInterface
    interface LoggingSetup {
        void configure(Path logFile, boolean verbose);
    }

    static int run(String[] args, Supplier<BoothParts> parts, PrintStream out, PrintStream err, LoggingSetup logging) {
        return run(args, parts, out, err, logging, null);
    }

    /** As above; {@code selfTestChecks}, when given, replaces the self-test's production checks (tests). */
    static int run(String[] args, Supplier<BoothParts> parts, PrintStream out, PrintStream err, LoggingSetup logging,
                   SelfTestChecks selfTestChecks) {
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        if (args.length > 0 && args[0].equals(EnrolCommand.NAME)) {
            return EnrolCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), outWriter, errWriter, logging,
                    java.time.Clock.systemUTC());
        }
        if (args.length > 0 && args[0].equals(SetMaintenancePinCommand.NAME)) {
            return SetMaintenancePinCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), outWriter,
                    errWriter, logging, SetMaintenancePinCommand.systemPins());
        }
        BoothOptions options;
        boolean selfTest;
        try {
            CommandLine line = parser().parse(options(), args);
            if (line.hasOption(HELP)) {
                usage(outWriter);
                return EXIT_OK;
            }
            if (line.hasOption(VERSION_OPTION)) {
                outWriter.println(VERSION);
                return EXIT_OK;
            }
            options = check(line);
            selfTest = line.hasOption(SELF_TEST);
            if (selfTest) {
                for (Option other : List.of(DEMO, READER, WINDOWED, KIOSK, LANG, TEST_AUTHORITY, PERSONA)) {
                    if (line.hasOption(other)) {
                        throw new UsageException("--" + other.getLongOpt() + " is not for --self-test (it takes "
                                + "--data-dir, --hq-url and --booth-dir)");
                    }
                }
            }
        } catch (UsageException e) {
            return CommandLines.usageError(errWriter, NAME, e.getMessage());
        } catch (ParseException e) {
            return CommandLines.usageError(errWriter, NAME, CommandLines.describe(e));
        }
        BoothDataDirectory directory;
        try {
            directory = BoothDataDirectory.prepare(options.dataDirectory());
        } catch (IOException e) {
            errWriter.println("kiosk-app: cannot prepare the data directory " + options.dataDirectory() + ": "
                    + e.getMessage());
            return EXIT_FAILURE;
        }
        logging.configure(directory.logFile(), options.verbose());
        if (selfTest) {
            java.net.URI hqUrl = SelfTestCommand.headquartersUrl(options, directory, errWriter);
            Path credentials = options.boothDirectory().orElse(EnrolCommand.credentialsDirectory(directory));
            List<jp.madoguchi.kiosk.maintenance.Check> checks = selfTestChecks != null
                    ? selfTestChecks.checks(directory.root(), credentials, hqUrl)
                    : SelfTestCommand.productionChecks(directory.root(), credentials, hqUrl, java.time.Clock.systemUTC());
            outWriter.println("Madoguchi booth self-test: data " + directory.root() + ", credentials " + credentials
                    + ", headquarters " + hqUrl);
            outWriter.println();
            return SelfTestCommand.run(checks, outWriter, SelfTestCommand.CHECK_LIMIT);
        }
        BoothParts booth;
        try {
            booth = parts.get();
        } catch (RuntimeException e) {
            errWriter.println("kiosk-app: cannot assemble the booth: " + e.getMessage());
            return EXIT_FAILURE;
        }
        return new BoothLauncher(options, directory, booth, errWriter).run();
    }

    /** The self-test's checks for a data directory, credentials directory and headquarters URL (tests fake them). */
    @FunctionalInterface
    interface SelfTestChecks {
        List<jp.madoguchi.kiosk.maintenance.Check> checks(Path dataDirectory, Path credentials, java.net.URI hqUrl);
    }

    /** Parses and checks a command line; a bad one throws {@link UsageException} with the message shown. */
    static BoothOptions parse(String... args) {
        try {
            return check(parser().parse(options(), args));
        } catch (ParseException e) {
            throw new UsageException(CommandLines.describe(e));
        }
    }

    /** Long options are written out whole: "--dem" is no abbreviation of "--demo" at a booth. */
    private static DefaultParser parser() {
        return DefaultParser.builder().setAllowPartialMatching(false).build();
    }

    /** What is wrong with the command line, in the words the booth's other tools use. */
    private static void usage(PrintWriter out) {
        CommandLines.help(out, NAME + " [OPTIONS]", "The resident's booth (Madoguchi). Full screen; "
                + "--demo runs it windowed with an emulated My Number card and a demo panel to insert and remove it.",
                options(), "\nFor IT staff, also (each with --help):\n"
                + "  " + NAME + " enroll --server URL --code CODE --hq-ca FILE [--name NAME] [--data-dir DIR] [--force]\n"
                + "      enrol this booth with headquarters\n"
                + "  " + NAME + " " + SetMaintenancePinCommand.NAME + " [--data-dir DIR]\n"
                + "      set the maintenance PIN (asked twice without echo; two lines of stdin without a console)");
    }

    /** The checked options; throws {@link UsageException} for values and combinations that make no sense. */
    static BoothOptions check(CommandLine line) {
        if (line.getArgs().length > 0) {
            throw new UsageException("Unmatched argument: '" + line.getArgs()[0] + "'");
        }
        java.util.Set<String> given = new java.util.HashSet<>();
        for (Option option : line.getOptions()) {
            if (!given.add(option.getLongOpt())) {
                throw new UsageException("option '--" + option.getLongOpt() + "' should be specified only once");
            }
        }
        boolean demo = line.hasOption(DEMO);
        Path dataDir = path(line, DATA_DIR);
        URI hqUrl = line.hasOption(HQ_URL) ? hqUrl(line.getOptionValue(HQ_URL)) : null;
        Path boothDir = path(line, BOOTH_DIR);
        String reader = line.getOptionValue(READER);
        BoothLanguage language = line.hasOption(LANG) ? language(line.getOptionValue(LANG)) : null;
        Path testAuthority = path(line, TEST_AUTHORITY);
        String persona = line.getOptionValue(PERSONA);
        if (!demo && testAuthority != null) {
            throw new UsageException("--test-authority is only for --demo");
        }
        if (!demo && persona != null) {
            throw new UsageException("--persona is only for --demo");
        }
        if (demo && reader != null) {
            throw new UsageException("--reader is not for --demo: the demo's card is in the booth's own reader "
                    + "\"Madoguchi Demo Reader\"");
        }
        if (persona != null && !Personas.builtInIds().contains(persona)) {
            throw new UsageException("Invalid value for option '--persona': '" + persona
                    + "' is not a built-in persona; known: " + String.join(", ", Personas.builtInIds()));
        }
        if (boothDir != null && !Files.isDirectory(boothDir)) {
            throw new UsageException("Invalid value for option '--booth-dir': " + boothDir + " is not a directory");
        }
        if (dataDir != null && Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new UsageException("Invalid value for option '--data-dir': " + dataDir
                    + " exists and is not a directory");
        }
        if (reader != null && reader.isBlank()) {
            throw new UsageException("Invalid value for option '--reader': the name is empty");
        }
        BoothOptions.Display shown;
        if (line.hasOption(KIOSK)) {
            shown = BoothOptions.Display.KIOSK;
        } else if (line.hasOption(WINDOWED)) {
            shown = BoothOptions.Display.WINDOWED;
        } else {
            shown = demo ? BoothOptions.Display.WINDOWED : BoothOptions.Display.KIOSK;
        }
        Path data = dataDir != null ? dataDir
                : BoothDataDirectory.defaultLocation(System.getenv(), System.getProperty("user.home"));
        return new BoothOptions(demo, data, Optional.ofNullable(hqUrl), Optional.ofNullable(boothDir),
                Optional.ofNullable(reader), shown, Optional.ofNullable(language),
                testAuthority != null ? testAuthority : EmulatedCards.defaultAuthorityDirectory(),
                persona != null ? persona : "default", line.hasOption(VERBOSE));
    }

    private static Path path(CommandLine line, Option option) {
        String value = line.getOptionValue(option);
        if (value == null) {
            return null;
        }
        try {
            return Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException("Invalid value for option '--" + option.getLongOpt() + "': '" + value
                    + "' is not a path");
        }
    }

    /** {@code --lang}: one of the booth's seven codes. */
    static BoothLanguage language(String value) {
        return LanguageCodes.of(value).orElseThrow(() -> new UsageException("Invalid value for option '--lang': '"
                + value + "' is not a booth language; use one of " + LanguageCodes.known()));
    }

    /** {@code --hq-url}: the same rule as the {@code hq.url} setting (https, or http to this machine only). */
    static URI hqUrl(String value) {
        Optional<String> problem = SettingKey.HQ_URL.validate(value);
        if (problem.isPresent()) {
            throw new UsageException("Invalid value for option '--hq-url': '" + value + "' is not usable: "
                    + problem.get());
        }
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new UsageException("Invalid value for option '--hq-url': '" + value + "' is not a URL");
        }
    }

    /** A command line that cannot be run; the message says why, for the console. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
