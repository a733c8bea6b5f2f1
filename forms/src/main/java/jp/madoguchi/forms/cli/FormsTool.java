package jp.madoguchi.forms.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code forms.jar}: the procedures a booth offers, a check of a municipality's definitions, and
 * filling a form from card data into PDF, PNG preview, canonical JSON and receipt. Exit codes:
 * 0 done, 1 a problem with the definitions, the inputs or the files, 2 usage.
 */
@Command(name = "forms", mixinStandardHelpOptions = true, version = "Madoguchi forms 0.1.0",
        description = "The 書かない窓口 form engine: list procedures, check definitions, fill forms.",
        subcommands = {ListCommand.class, CheckCommand.class, FillCommand.class, BenchCommand.class})
public final class FormsTool {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private FormsTool() {
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // fontbox warns once per parsed font about a cmap table IPAex has and PDFBox does not need
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.fontbox", "error");
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code (the tests call this). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(FormsTool.class);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("Unexpected error: " + e);
            return EXIT_FAILURE;
        });
        return cli.execute(args);
    }
}
