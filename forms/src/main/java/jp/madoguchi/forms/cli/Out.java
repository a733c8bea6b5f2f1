package jp.madoguchi.forms.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The tool's voice: results on stdout, problems on stderr, in Japanese or English. */
final class Out {
    private final Locale locale;
    private final ResourceBundle bundle;
    final PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    final PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);

    /** @param language a booth language code; ja and ja-easy speak Japanese, the rest English */
    Out(String language) {
        boolean japanese = language == null ? Locale.getDefault().getLanguage().equals("ja") : language.startsWith("ja");
        this.locale = japanese ? Locale.JAPANESE : Locale.ENGLISH;
        this.bundle = ResourceBundle.getBundle("jp.madoguchi.forms.cli.messages", locale);
    }

    String text(String key, Object... args) {
        return args.length == 0 ? bundle.getString(key) : new MessageFormat(bundle.getString(key), locale).format(args);
    }

    void say(String key, Object... args) {
        out.println(text(key, args));
    }

    int fail(int exitCode, String key, Object... args) {
        err.println(text(key, args));
        return exitCode;
    }
}
