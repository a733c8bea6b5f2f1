package jp.madoguchi.card.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import jp.madoguchi.card.CardException;

/** Output in the person's language: results to stdout, problems to stderr. */
final class Cli {
    private final Locale locale;
    private final ResourceBundle bundle;
    private final PrintWriter out;
    private final PrintWriter err;

    private Cli(Locale locale, PrintStream out, PrintStream err) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("jp.madoguchi.card.cli.messages", locale);
        this.out = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        this.err = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    }

    static Cli forLocale(Locale locale) {
        return new Cli(locale, System.out, System.err);
    }

    /** {@code ja}, {@code en}, or null for the system's language. */
    static Cli forLanguage(String language) {
        Locale locale = language == null ? Locale.getDefault() : Locale.forLanguageTag(language);
        return forLocale(locale);
    }

    Locale locale() {
        return locale;
    }

    String text(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    void say(String key, Object... args) {
        out.println(text(key, args));
    }

    void print(String raw) {
        out.println(raw);
    }

    void error(String key, Object... args) {
        err.println(text(key, args));
    }

    /** A file problem, said plainly: a missing file is "not found", not a stack of exception names. */
    int ioError(java.nio.file.Path path, java.io.IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            error("error.not_found", path);
        } else if (e instanceof java.nio.file.AccessDeniedException) {
            error("error.access_denied", path);
        } else if (e instanceof java.nio.file.NotDirectoryException) {
            error("error.not_a_directory", path);
        } else {
            // a FileSystemException's message repeats the path; its reason alone is what went wrong
            String reason = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
            error("error.io", path, reason);
        }
        return CardTool.EXIT_FAILURE;
    }

    /**
     * A file problem met somewhere inside a command (the test authority's folder, an output file):
     * the file it concerns is taken from the exception when the file system named it.
     */
    int ioError(java.io.IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getFile() != null) {
            return ioError(java.nio.file.Path.of(fs.getFile()), e);
        }
        error("error.io_unnamed", e.getMessage());
        return CardTool.EXIT_FAILURE;
    }

    /** A card problem, in the person's language, with the technical detail for IT staff after it. */
    int cardError(CardException e) {
        err.println(e.localizedMessage(locale));
        if (!(e instanceof ReaderOptions.ChoiceException)) { // that text already names the readers
            err.println("  (" + e.getMessage() + ")");
        }
        return e.error() == jp.madoguchi.card.CardError.PIN_BLOCKED ? CardTool.EXIT_PIN_BLOCKED : CardTool.EXIT_FAILURE;
    }

    PrintWriter out() {
        return out;
    }
}
