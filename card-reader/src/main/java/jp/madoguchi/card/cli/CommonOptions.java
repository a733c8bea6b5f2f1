package jp.madoguchi.card.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {
    @Option(names = "--lang", paramLabel = "LANG", description = "Language of messages: ja or en (default: the system's).")
    String language;

    @Option(names = {"-v", "--verbose"}, description = "Log APDUs (PIN data and card data masked) to stderr.")
    boolean verbose;

    Cli cli() {
        return Cli.forLanguage(language);
    }
}
