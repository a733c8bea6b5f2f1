package jp.madoguchi.kiosk.ui.model;

import java.util.Objects;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.store.SettingKey;
import jp.madoguchi.kiosk.store.Settings;

/**
 * The booth settings the screens need, read once when the window is made (IT staff change them in maintenance,
 * which rebuilds the window).
 *
 * @param defaultLanguage the language of the attract screen and of every screen before the resident chooses
 * @param largeText the root font size 1.4 times larger: every text, button and gap scales
 * @param highContrast the black / yellow / white token set
 * @param soundEnabled whether audio cues play
 */
public record BoothPreferences(BoothLanguage defaultLanguage, boolean largeText, boolean highContrast,
                               boolean soundEnabled) {
    public BoothPreferences {
        Objects.requireNonNull(defaultLanguage, "defaultLanguage");
    }

    /** Japanese, normal text, normal contrast, sound on: the settings' defaults. */
    public static BoothPreferences defaults() {
        return new BoothPreferences(BoothLanguage.JAPANESE, false, false, true);
    }

    public static BoothPreferences from(Settings settings) {
        return new BoothPreferences(language(settings.get(SettingKey.LANGUAGE_DEFAULT)),
                Boolean.parseBoolean(settings.get(SettingKey.LARGE_TEXT)),
                Boolean.parseBoolean(settings.get(SettingKey.HIGH_CONTRAST)),
                Boolean.parseBoolean(settings.get(SettingKey.SOUND_ENABLED)));
    }

    /** The language of a {@code language.default} value (ja, ja-easy, en, zh, ko, vi, pt); Japanese otherwise. */
    public static BoothLanguage language(String setting) {
        if ("ja-easy".equals(setting)) {
            return BoothLanguage.EASY_JAPANESE;
        }
        for (BoothLanguage language : BoothLanguage.values()) {
            if (language != BoothLanguage.EASY_JAPANESE && language.tag().equals(setting)) {
                return language;
            }
        }
        return BoothLanguage.JAPANESE;
    }

    public BoothPreferences withLargeText(boolean on) {
        return new BoothPreferences(defaultLanguage, on, highContrast, soundEnabled);
    }

    public BoothPreferences withHighContrast(boolean on) {
        return new BoothPreferences(defaultLanguage, largeText, on, soundEnabled);
    }

    public BoothPreferences withDefaultLanguage(BoothLanguage language) {
        return new BoothPreferences(language, largeText, highContrast, soundEnabled);
    }
}
