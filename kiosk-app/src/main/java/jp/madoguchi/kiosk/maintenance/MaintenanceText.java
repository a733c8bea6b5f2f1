package jp.madoguchi.kiosk.maintenance;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * The maintenance screens' words for IT staff, Japanese or English, from {@code jp/madoguchi/kiosk/maintenance*.properties}
 * (English is the base file, as for the resident's bundle). Patterns go through {@link MessageFormat}. A missing key
 * shows as the key itself, so a gap is visible rather than fatal (the bundle test keeps it from happening).
 */
public final class MaintenanceText {
    public static final String BUNDLE = "jp.madoguchi.kiosk.maintenance";
    public static final Locale JAPANESE = Locale.JAPANESE;
    public static final Locale ENGLISH = Locale.ROOT;

    private final Locale locale;
    private final ResourceBundle bundle;

    private MaintenanceText(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, MaintenanceText.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static MaintenanceText japanese() {
        return new MaintenanceText(JAPANESE);
    }

    public static MaintenanceText english() {
        return new MaintenanceText(ENGLISH);
    }

    /** Japanese for a booth whose residents start in Japanese (ja, ja-easy), English otherwise. */
    public static MaintenanceText forBoothLanguage(String code) {
        return code != null && code.startsWith("ja") ? japanese() : english();
    }

    public boolean isJapanese() {
        return locale.equals(JAPANESE);
    }

    public String text(String key, Object... args) {
        Objects.requireNonNull(key, "key");
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, isJapanese() ? Locale.JAPAN : Locale.US)
                .format(args);
    }

    public String text(String key, List<Object> args) {
        return text(key, args.toArray());
    }

    /** The short status word (OK / 注意 / 異常). */
    public String status(CheckStatus status) {
        return switch (status) {
            case OK -> text("maint.status.ok");
            case WARN -> text("maint.status.warn");
            case FAIL -> text("maint.status.fail");
        };
    }
}
