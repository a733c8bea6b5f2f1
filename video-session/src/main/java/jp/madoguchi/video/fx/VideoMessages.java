package jp.madoguchi.video.fx;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import jp.madoguchi.video.EndReason;

/**
 * The video call's sentences in one language, from the {@code jp.madoguchi.video.messages} bundle.
 *
 * <p>Loaded without falling back to the JVM's default locale: a language without its own file gets the English
 * base bundle, whatever language the booth's operating system is set to. Immutable and thread-safe.
 */
public final class VideoMessages {
    /** The bundle's base name. */
    public static final String BUNDLE = "jp.madoguchi.video.messages";
    /** やさしい日本語 (easy Japanese), for residents who read Japanese a little. */
    public static final Locale EASY_JAPANESE = new Locale("ja", "JP", "EASY");
    /** The booth's languages, each with its own file (English is the base bundle). */
    public static final List<Locale> LANGUAGES = List.of(Locale.JAPANESE, EASY_JAPANESE, Locale.ENGLISH,
            Locale.CHINESE, Locale.KOREAN, new Locale("vi"), new Locale("pt"));

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale locale;
    private final ResourceBundle bundle;

    private VideoMessages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, VideoMessages.class.getClassLoader(), NO_FALLBACK);
    }

    public static VideoMessages of(Locale locale) {
        return new VideoMessages(Objects.requireNonNull(locale, "locale"));
    }

    public Locale locale() {
        return locale;
    }

    /** The sentence for {@code text}; {@code arguments} fill {0}, {1} … (java.text.MessageFormat). */
    public String text(VideoText text, Object... arguments) {
        String pattern = bundle.getString(text.key());
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }

    /** The resident's sentence for why the call ended. */
    public String reason(EndReason reason) {
        return bundle.getString(reason.messageKey());
    }

    /** The locale of the file the sentences actually come from (ROOT for the English base bundle). */
    Locale bundleLocale() {
        return bundle.getLocale();
    }
}
