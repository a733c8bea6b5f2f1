package jp.madoguchi.card;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Texts for people, from {@code jp/madoguchi/card/messages*.properties} (UTF-8). */
public final class CardMessages {
    private static final String BUNDLE = "jp.madoguchi.card.messages";

    private CardMessages() {
    }

    public static String get(Locale locale, String key, Object... args) {
        try {
            ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale);
            String pattern = bundle.getString(key);
            return args.length == 0 ? pattern : new java.text.MessageFormat(pattern, locale).format(args);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale);
    }
}
