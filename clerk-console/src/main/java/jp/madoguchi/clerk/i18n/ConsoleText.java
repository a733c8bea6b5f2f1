package jp.madoguchi.clerk.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every text the clerk console shows, as keys of {@code jp/madoguchi/clerk/console*.properties}: Japanese first
 * ({@code console_ja}), English ({@code console}). {@code ConsoleTextTest} checks that both bundles have exactly
 * these keys. Thread-safe.
 */
public enum ConsoleText {
    LOGIN_TITLE("login.title"),
    LOGIN_USERNAME("login.username"),
    LOGIN_PASSWORD("login.password"),
    LOGIN_SUBMIT("login.submit"),
    LOGIN_IN_PROGRESS("login.in-progress"),
    LOGIN_MISSING_FIELDS("login.missing-fields"),
    LOGIN_BAD_CREDENTIALS("login.bad-credentials"),
    LOGIN_LOCKED_OUT("login.locked-out"),
    LOGIN_HQ_UNREACHABLE("login.hq-unreachable"),
    LOGIN_REFUSED("login.refused"),
    SESSION_EXPIRED("session.expired"),
    QUEUE_EMPTY("queue.empty"),
    QUEUE_STALE("queue.stale"),
    QUEUE_PRIORITY("queue.priority"),
    QUEUE_WAITING("queue.waiting"),
    QUEUE_ALREADY_TAKEN("queue.already-taken");

    /** The bundle's base name. */
    public static final String BUNDLE = "jp.madoguchi.clerk.console";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final String key;

    ConsoleText(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The text in {@code locale} (Japanese, or English for any other), with {@code arguments} filled in. */
    public String in(Locale locale, Object... arguments) {
        ResourceBundle bundle = bundle(locale);
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key; // never an empty screen; ConsoleTextTest keeps this from happening
        }
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(arguments);
    }

    /** The console's bundle for {@code locale}: Japanese for Japanese, English otherwise. */
    public static ResourceBundle bundle(Locale locale) {
        Locale file = Locale.JAPANESE.getLanguage().equals(locale.getLanguage()) ? Locale.JAPANESE : Locale.ROOT;
        return ResourceBundle.getBundle(BUNDLE, file, ConsoleText.class.getClassLoader(), NO_FALLBACK);
    }
}
