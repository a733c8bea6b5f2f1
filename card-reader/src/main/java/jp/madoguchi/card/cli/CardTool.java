package jp.madoguchi.card.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code card-reader.jar}: the IT staff's tool for readers and My Number cards, and the way to
 * serve the emulated card to a virtual reader. Exit codes: 0 done, 1 a card or system problem,
 * 2 usage, 3 wrong PIN, 4 PIN blocked, 5 signature not valid.
 */
@Command(name = "card-reader", mixinStandardHelpOptions = true, version = "Madoguchi card-reader 0.1.0",
        description = "Reads, signs and emulates My Number cards for Madoguchi booths.",
        subcommands = {ReadersCommand.class, InfoCommand.class, CertsCommand.class, SignCommand.class,
            VerifyCommand.class, EmulateCommand.class, BenchCommand.class})
public final class CardTool {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_WRONG_PIN = 3;
    public static final int EXIT_PIN_BLOCKED = 4;
    public static final int EXIT_NOT_VALID = 5;

    private CardTool() {
    }

    public static void main(String[] args) {
        configureLogging(args);
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code (the tests call this). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(CardTool.class);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // in the language the person chose for this command, not always the system's
            Cli out = Cli.forLanguage(commandLine.getParseResult().matchedOptionValue("--lang", null));
            if (e instanceof UsageException usage) {
                out.error(usage.key(), usage.args());
                return EXIT_USAGE;
            }
            out.error("error.unexpected", e.toString());
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
