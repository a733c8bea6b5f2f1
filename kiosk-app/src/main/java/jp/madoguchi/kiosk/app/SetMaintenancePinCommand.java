package jp.madoguchi.kiosk.app;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import jp.madoguchi.kiosk.maintenance.MaintenancePin;
import jp.madoguchi.kiosk.store.BoothKey;
import jp.madoguchi.kiosk.store.BoothStore;
import jp.madoguchi.kiosk.store.SqliteNativeLibrary;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kiosk-app.jar set-maintenance-pin [--data-dir DIR]} (installed as {@code madoguchi-booth
 * set-maintenance-pin}): sets the IT staff maintenance PIN in the booth's store ({@link MaintenancePin}: PBKDF2, the
 * change audited by the settings), so that a fresh booth, which has none, can open maintenance. Reads the PIN twice
 * without echo from the console, or, without a console (a script), two lines from standard input. The PIN is a
 * {@code char[]} only, wiped once stored or refused, and never printed or logged. Replacing a PIN that is set is
 * allowed (whoever runs this owns the machine's account) and said. No window. Answers in English on the console.
 *
 * <p>Exit codes: {@value #EXIT_SET} set, {@value #EXIT_FAILED} refused (malformed, the two differ, none given) or
 * failed (the store), {@value #EXIT_USAGE} a bad command line.
 */
final class SetMaintenancePinCommand {
    static final String NAME = "set-maintenance-pin";
    static final int EXIT_SET = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    private static final String PROGRAM = "kiosk-app " + NAME;
    /** More than any PIN; a longer line is read to its end and refused as malformed. */
    private static final int MAX_LINE = 64;
    private static final Logger log = LoggerFactory.getLogger(SetMaintenancePinCommand.class);

    private static final Option DATA_DIR = Option.builder().longOpt("data-dir").hasArg().argName("DIR")
            .desc("the booth's data directory, whose store gets the PIN (default $XDG_DATA_HOME/madoguchi-booth, or "
                    + "~/.local/share/madoguchi-booth)").build();
    private static final Option VERBOSE = Option.builder("v").longOpt("verbose").desc("log at debug level").build();
    private static final Option HELP = Option.builder("h").longOpt("help").desc("Show this help message and exit.")
            .build();

    private SetMaintenancePinCommand() {
    }

    static Options options() {
        return new Options().addOption(DATA_DIR).addOption(VERBOSE).addOption(HELP);
    }

    /** Where the two PINs come from; a read returns null when there is nothing more (end of input). */
    @FunctionalInterface
    interface PinSource {
        char[] read(String prompt) throws IOException;
    }

    /** The console without echo if there is one, else standard input, one line per PIN. */
    static PinSource systemPins() {
        Console console = System.console();
        if (console != null) {
            return console::readPassword;
        }
        return lines(System.in);
    }

    /** One line of {@code in} per read (without its line end), for scripts; prompts are not shown. */
    static PinSource lines(InputStream in) {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        return prompt -> readLine(reader);
    }

    private static char[] readLine(Reader reader) throws IOException {
        char[] line = new char[MAX_LINE];
        int length = 0;
        boolean any = false;
        boolean tooLong = false;
        int c;
        while ((c = reader.read()) != -1) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (length < line.length) {
                line[length++] = (char) c;
            } else {
                tooLong = true;
            }
        }
        if (!any) {
            return null;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        char[] pin = tooLong ? new char[MAX_LINE + 1] : Arrays.copyOf(line, length);
        Arrays.fill(line, '\0');
        return pin;
    }

    /** Runs {@code args} (what follows {@code set-maintenance-pin}); returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err, BoothMain.LoggingSetup logging, PinSource pins) {
        Path dataDir;
        boolean verbose;
        try {
            CommandLine line = DefaultParser.builder().setAllowPartialMatching(false).build().parse(options(), args);
            if (line.hasOption(HELP)) {
                usage(out);
                return EXIT_SET;
            }
            dataDir = check(line);
            verbose = line.hasOption(VERBOSE);
        } catch (EnrolCommand.UsageException e) {
            return CommandLines.usageError(err, PROGRAM, e.getMessage());
        } catch (ParseException e) {
            return CommandLines.usageError(err, PROGRAM, CommandLines.describe(e));
        }
        BoothDataDirectory directory;
        try {
            directory = BoothDataDirectory.prepare(dataDir);
        } catch (IOException e) {
            err.println(PROGRAM + ": cannot prepare the data directory " + dataDir + ": " + e.getMessage());
            return EXIT_FAILED;
        }
        logging.configure(directory.logFile(), verbose);
        try (BoothKey key = BoothKey.loadOrCreate(directory.keyFile())) {
            SqliteNativeLibrary.useCopyIn(directory.nativeDirectory());
            try (BoothStore store = BoothStore.open(directory.storeFile(), key)) {
                boolean replacing = MaintenancePin.isSet(store.settings());
                if (replacing) {
                    out.println("A maintenance PIN is already set on this booth; the one entered now replaces it.");
                }
                return setFrom(pins, store, replacing, out, err);
            }
        } catch (RuntimeException e) {
            log.warn("the maintenance PIN was not set: the booth's store failed: {}", e.toString());
            err.println(PROGRAM + ": the booth's store in " + directory.root() + " cannot be used: " + e.getMessage()
                    + "; the PIN was not set");
            return EXIT_FAILED;
        }
    }

    private static int setFrom(PinSource pins, BoothStore store, boolean replacing, PrintWriter out,
                               PrintWriter err) {
        out.flush();
        char[] first = null;
        char[] second = null;
        try {
            first = pins.read("New maintenance PIN (" + MaintenancePin.MIN_DIGITS + " to " + MaintenancePin.MAX_DIGITS
                    + " digits): ");
            if (first == null) {
                err.println(PROGRAM + ": no PIN was given; the PIN was not set");
                return EXIT_FAILED;
            }
            if (!MaintenancePin.wellFormed(first)) {
                err.println(PROGRAM + ": a maintenance PIN is " + MaintenancePin.MIN_DIGITS + " to "
                        + MaintenancePin.MAX_DIGITS + " digits (0-9) and nothing else; the PIN was not set");
                return EXIT_FAILED;
            }
            second = pins.read("The same PIN again: ");
            if (second == null) {
                err.println(PROGRAM + ": the PIN was not given a second time; the PIN was not set");
                return EXIT_FAILED;
            }
            if (!Arrays.equals(first, second)) {
                err.println(PROGRAM + ": the two PINs differ; the PIN was not set");
                return EXIT_FAILED;
            }
            MaintenancePin.set(store.settings(), first);
            log.info("maintenance PIN {} from the command line", replacing ? "replaced" : "set");
            out.println(replacing ? "Maintenance PIN replaced." : "Maintenance PIN set.");
            out.println("IT staff open maintenance on the booth's screen with it (the hidden gesture, then the PIN).");
            return EXIT_SET;
        } catch (IOException e) {
            err.println(PROGRAM + ": cannot read the PIN: " + e.getMessage() + "; the PIN was not set");
            return EXIT_FAILED;
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }

    static Path check(CommandLine line) {
        if (line.getArgs().length > 0) {
            throw new EnrolCommand.UsageException("Unmatched argument: '" + line.getArgs()[0] + "' (the PIN is "
                    + "asked for, never given on the command line)");
        }
        Set<String> given = new HashSet<>();
        for (Option option : line.getOptions()) {
            if (!given.add(option.getLongOpt())) {
                throw new EnrolCommand.UsageException("option '--" + option.getLongOpt()
                        + "' should be specified only once");
            }
        }
        if (!line.hasOption(DATA_DIR)) {
            return BoothDataDirectory.defaultLocation(System.getenv(), System.getProperty("user.home"));
        }
        String value = line.getOptionValue(DATA_DIR);
        Path dataDir;
        try {
            dataDir = Path.of(value);
        } catch (InvalidPathException e) {
            throw new EnrolCommand.UsageException("Invalid value for option '--data-dir': '" + value
                    + "' is not a path");
        }
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new EnrolCommand.UsageException("Invalid value for option '--data-dir': " + dataDir
                    + " exists and is not a directory");
        }
        return dataDir;
    }

    private static void usage(PrintWriter out) {
        CommandLines.help(out, PROGRAM + " [--data-dir DIR]",
                "Sets the IT staff maintenance PIN (" + MaintenancePin.MIN_DIGITS + " to " + MaintenancePin.MAX_DIGITS
                        + " digits) of this booth, replacing one that is set. Asks for it twice without echo; "
                        + "without a console, reads two lines from standard input. Exit status 0 set, 1 refused or "
                        + "failed, 2 a bad command line.", options(), "");
    }
}
