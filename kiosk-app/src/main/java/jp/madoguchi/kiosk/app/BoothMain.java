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
import java.util.Optional;
import java.util.function.Supplier;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.store.SettingKey;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code java -jar kiosk-app.jar [--demo] [--data-dir DIR] [--hq-url URL] [--booth-dir DIR] [--reader NAME]
 * [--windowed | --kiosk] [--lang CODE] [--test-authority DIR] [--persona ID] [-v]}: the booth.
 *
 * <p>The jar's main class, and deliberately not a JavaFX {@code Application} (toolchain-notes.md). Parses and
 * checks the command line, prepares the data directory (0700), sends logging to {@code DATA_DIR/logs/booth.log}
 * before the first logger exists, then hands over to {@link BoothLauncher}. Exit codes: 0 stopped normally,
 * 1 the booth could not start, 2 a bad command line.
 */
@Command(name = "kiosk-app", mixinStandardHelpOptions = true, version = "Madoguchi booth 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"The resident's booth (Madoguchi). Full screen; --demo runs it windowed with an emulated "
                + "My Number card and a demo panel to insert and remove it."})
public final class BoothMain {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--demo", description = "demo mode: the emulated card in-process (reader \"Madoguchi Demo Reader\"), "
            + "a DEMO panel to insert and remove it, windowed unless --kiosk")
    boolean demo;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "the booth's data: key, store, logs (default $XDG_DATA_HOME/madoguchi-booth, "
                    + "or ~/.local/share/madoguchi-booth)")
    Path dataDir;

    @Option(names = "--hq-url", paramLabel = "URL", converter = HqUrlConverter.class,
            description = "headquarters, e.g. https://hq.example.lg.jp (default: the hq.url setting)")
    URI hqUrl;

    @Option(names = "--booth-dir", paramLabel = "DIR",
            description = "the booth's credentials from enrolment (default DATA_DIR/credentials; in the demo, "
                    + "hq-server --demo's demo/booth directory)")
    Path boothDir;

    @Option(names = "--reader", paramLabel = "NAME",
            description = "the card reader to use (default: the first one attached; not with --demo)")
    String reader;

    @ArgGroup(exclusive = true)
    DisplayChoice display;

    static final class DisplayChoice {
        @Option(names = "--windowed", description = "a normal window (the default in demo mode)")
        boolean windowed;

        @Option(names = "--kiosk", description = "full screen and undecorated (the default outside demo mode)")
        boolean kiosk;
    }

    @Option(names = "--lang", paramLabel = "CODE", converter = LanguageConverter.class,
            description = "the attract screen's language: ja, ja-easy, en, zh, ko, vi, pt "
                    + "(default: the language.default setting)")
    BoothLanguage language;

    @Option(names = "--test-authority", paramLabel = "DIR",
            description = "demo mode: the card emulator's test authority, the one hq-server --demo trusts "
                    + "(default: the one card-reader.jar emulate uses)")
    Path testAuthority;

    @Option(names = "--persona", paramLabel = "ID",
            description = "demo mode: the persona first chosen in the demo panel (default: default)")
    String persona;

    @Option(names = {"-v", "--verbose"}, description = "log at debug level")
    boolean verbose;

    public static void main(String[] args) {
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
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cli = commandLine(outWriter, errWriter);
        // picocli's help and version go to the command line's own writer
        BoothOptions options;
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (parsed.isUsageHelpRequested()) {
                cli.usage(outWriter);
                return EXIT_OK;
            }
            if (parsed.isVersionHelpRequested()) {
                cli.printVersionHelp(outWriter);
                return EXIT_OK;
            }
            if (CommandLine.printHelpIfRequested(parsed)) {
                return EXIT_OK;
            }
            options = ((BoothMain) cli.getCommand()).options();
        } catch (ParameterException e) {
            errWriter.println("kiosk-app: " + e.getMessage());
            errWriter.println("Try 'kiosk-app --help'.");
            return EXIT_USAGE;
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
        BoothParts booth;
        try {
            booth = parts.get();
        } catch (RuntimeException e) {
            errWriter.println("kiosk-app: cannot assemble the booth: " + e.getMessage());
            return EXIT_FAILURE;
        }
        return new BoothLauncher(options, directory, booth, errWriter).run();
    }

    /** Parses and checks a command line; a bad one throws {@link ParameterException} with the message shown. */
    static BoothOptions parse(String... args) {
        CommandLine cli = commandLine(new PrintWriter(OutputStreamWriter.nullWriter()),
                new PrintWriter(OutputStreamWriter.nullWriter()));
        cli.parseArgs(args);
        return ((BoothMain) cli.getCommand()).options();
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new BoothMain());
        cli.setOut(out);
        cli.setErr(err);
        return cli;
    }

    /** The checked options; throws {@link ParameterException} for combinations that make no sense. */
    BoothOptions options() {
        if (!demo && testAuthority != null) {
            throw new ParameterException(spec.commandLine(), "--test-authority is only for --demo");
        }
        if (!demo && persona != null) {
            throw new ParameterException(spec.commandLine(), "--persona is only for --demo");
        }
        if (demo && reader != null) {
            throw new ParameterException(spec.commandLine(), "--reader is not for --demo: the demo's card is in the "
                    + "booth's own reader \"Madoguchi Demo Reader\"");
        }
        if (persona != null && !Personas.builtInIds().contains(persona)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--persona': '" + persona
                    + "' is not a built-in persona; known: " + String.join(", ", Personas.builtInIds()));
        }
        if (boothDir != null && !Files.isDirectory(boothDir)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--booth-dir': " + boothDir
                    + " is not a directory");
        }
        if (dataDir != null && Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--data-dir': " + dataDir
                    + " exists and is not a directory");
        }
        if (reader != null && reader.isBlank()) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--reader': the name is empty");
        }
        BoothOptions.Display shown;
        if (display != null && display.kiosk) {
            shown = BoothOptions.Display.KIOSK;
        } else if (display != null && display.windowed) {
            shown = BoothOptions.Display.WINDOWED;
        } else {
            shown = demo ? BoothOptions.Display.WINDOWED : BoothOptions.Display.KIOSK;
        }
        Path data = dataDir != null ? dataDir
                : BoothDataDirectory.defaultLocation(System.getenv(), System.getProperty("user.home"));
        return new BoothOptions(demo, data, Optional.ofNullable(hqUrl), Optional.ofNullable(boothDir),
                Optional.ofNullable(reader), shown, Optional.ofNullable(language),
                testAuthority != null ? testAuthority : EmulatedCards.defaultAuthorityDirectory(),
                persona != null ? persona : "default", verbose);
    }

    /** {@code --lang}: one of the booth's seven codes. */
    static final class LanguageConverter implements ITypeConverter<BoothLanguage> {
        @Override
        public BoothLanguage convert(String value) {
            return LanguageCodes.of(value).orElseThrow(() -> new TypeConversionException(
                    "'" + value + "' is not a booth language; use one of " + LanguageCodes.known()));
        }
    }

    /** {@code --hq-url}: the same rule as the {@code hq.url} setting (https, or http to this machine only). */
    static final class HqUrlConverter implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            Optional<String> problem = SettingKey.HQ_URL.validate(value);
            if (problem.isPresent()) {
                throw new TypeConversionException("'" + value + "' is not usable: " + problem.get());
            }
            try {
                return new URI(value);
            } catch (URISyntaxException e) {
                throw new TypeConversionException("'" + value + "' is not a URL");
            }
        }
    }
}
