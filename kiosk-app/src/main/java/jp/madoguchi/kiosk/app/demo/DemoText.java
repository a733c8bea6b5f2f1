package jp.madoguchi.kiosk.app.demo;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import jp.madoguchi.kiosk.i18n.BoothLanguage;

/**
 * The demo panel's texts ({@code jp/madoguchi/kiosk/demo*.properties}): Japanese for a booth whose language is
 * Japanese or やさしい日本語, English otherwise. The panel is for whoever runs the demo, not for residents, so two
 * languages suffice. Immutable.
 */
public final class DemoText {
    static final String BUNDLE = "jp.madoguchi.kiosk.demo";

    private final ResourceBundle bundle;

    private DemoText(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    public static DemoText of(BoothLanguage language) {
        boolean japanese = language == BoothLanguage.JAPANESE || language == BoothLanguage.EASY_JAPANESE;
        // Locale.ROOT for English: never fall back to the JVM's default locale
        Locale locale = japanese ? Locale.JAPANESE : Locale.ROOT;
        return new DemoText(ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
    }

    public Locale locale() {
        return bundle.getLocale();
    }

    /** The text of {@code key} with its arguments filled in. */
    public String text(DemoKey key, Object... arguments) {
        Objects.requireNonNull(key, "key");
        String pattern = bundle.getString(key.key());
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(arguments);
    }
}
