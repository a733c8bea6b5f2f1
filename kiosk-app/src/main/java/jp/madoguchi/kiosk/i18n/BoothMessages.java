package jp.madoguchi.kiosk.i18n;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jp.madoguchi.kiosk.pin.PinMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The booth's sentences, from the {@code jp/madoguchi/kiosk/messages} bundle (UTF-8 .properties with raw
 * characters; English is the base file).
 *
 * <p>Loaded with a no-fallback {@link ResourceBundle.Control}: a language never falls back to the JVM's
 * default locale, whatever the booth's operating system is set to.
 *
 * <p>A missing key: {@link #strict()} (used by tests) throws {@link MissingResourceException};
 * {@link #lenient()} (production) shows the English sentence instead and logs one warning per key and
 * language, so a resident is never shown a raw key or an exception. Immutable and thread-safe.
 */
public final class BoothMessages {
    /** The bundle's base name. */
    public static final String BUNDLE = "jp.madoguchi.kiosk.messages";

    private static final Logger LOG = LoggerFactory.getLogger(BoothMessages.class);
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final String baseName;
    private final boolean strict;
    private final Set<String> warned = Collections.newSetFromMap(new ConcurrentHashMap<>());

    BoothMessages(String baseName, boolean strict) {
        this.baseName = Objects.requireNonNull(baseName, "baseName");
        this.strict = strict;
    }

    /** Throws on a missing key: for tests. */
    public static BoothMessages strict() {
        return new BoothMessages(BUNDLE, true);
    }

    /** Falls back to English, with one logged warning, on a missing key: for production. */
    public static BoothMessages lenient() {
        return new BoothMessages(BUNDLE, false);
    }

    /** The bundle of {@code language} (English: the base file). */
    public static ResourceBundle bundle(BoothLanguage language) {
        return bundle(BUNDLE, language);
    }

    private static ResourceBundle bundle(String baseName, BoothLanguage language) {
        Objects.requireNonNull(language, "language");
        return ResourceBundle.getBundle(baseName, fileLocale(language), BoothMessages.class.getClassLoader(),
                NO_FALLBACK);
    }

    /** The locale of {@code language}'s file: ROOT for English, the base file. */
    private static Locale fileLocale(BoothLanguage language) {
        return language == BoothLanguage.ENGLISH ? Locale.ROOT : language.locale();
    }

    /** How many missing sentences were replaced by English (each warned about once). */
    int fallbacksWarned() {
        return warned.size();
    }

    /** The sentence for {@code key} in {@code language}; {@code arguments} fill {0}, {1} … (MessageFormat). */
    public String text(BoothLanguage language, String key, Object... arguments) {
        Objects.requireNonNull(key, "key");
        BoothLanguage used = language;
        String pattern = ownPattern(baseName, language, key);
        if (pattern == null) {
            if (strict) {
                throw new MissingResourceException("no " + key + " for " + language, baseName, key);
            }
            if (warned.add(language + " " + key)) {
                LOG.warn("message {} missing for {}; showing English", key, language);
            }
            used = BoothLanguage.ENGLISH;
            pattern = ownPattern(baseName, BoothLanguage.ENGLISH, key);
            if (pattern == null) {
                throw new MissingResourceException("no " + key + " even in English", baseName, key);
            }
        }
        return new MessageFormat(pattern, used.locale()).format(arguments);
    }

    /**
     * The pattern for {@code key} in {@code language}'s own file only (not its parents: a sentence missing
     * from やさしい日本語 must not silently come from 日本語), or null.
     */
    static String ownPattern(String baseName, BoothLanguage language, String key) {
        ResourceBundle bundle = bundle(baseName, language);
        if (!bundle.getLocale().equals(fileLocale(language)) || !(bundle instanceof PropertyResourceBundle own)) {
            return null;
        }
        Object value = own.handleGetObject(key);
        return value instanceof String s ? s : null;
    }

    /** A PIN or password message in {@code language}. */
    public String text(BoothLanguage language, PinMessage message) {
        return text(language, message.key(), message.arguments().toArray());
    }
}
