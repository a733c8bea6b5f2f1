package jp.madoguchi.kiosk.i18n;

import java.util.Locale;

/**
 * The booth's seven languages, in the order the language screen shows them. Each has the locale of its
 * bundle file, its own name written in itself (the language button's label, never translated), and the
 * BCP-47 tag given to Jitsi.
 */
public enum BoothLanguage {
    JAPANESE(Locale.JAPANESE, "日本語", "ja"),
    /** やさしい日本語 (easy Japanese), as video-session's {@code VideoMessages.EASY_JAPANESE}. */
    EASY_JAPANESE(new Locale("ja", "JP", "EASY"), "やさしい日本語", "ja"),
    ENGLISH(Locale.ENGLISH, "English", "en"),
    CHINESE(Locale.CHINESE, "中文", "zh"),
    KOREAN(Locale.KOREAN, "한국어", "ko"),
    VIETNAMESE(new Locale("vi"), "Tiếng Việt", "vi"),
    PORTUGUESE(new Locale("pt"), "Português", "pt");

    private final Locale locale;
    private final String ownName;
    private final String tag;

    BoothLanguage(Locale locale, String ownName, String tag) {
        this.locale = locale;
        this.ownName = ownName;
        this.tag = tag;
    }

    /** The locale whose bundle file holds this language's sentences. */
    public Locale locale() {
        return locale;
    }

    /** The language's name written in itself: the label of its button on the language screen. */
    public String ownName() {
        return ownName;
    }

    /** The BCP-47 language tag for Jitsi (やさしい日本語 is Japanese to Jitsi). */
    public String tag() {
        return tag;
    }
}
