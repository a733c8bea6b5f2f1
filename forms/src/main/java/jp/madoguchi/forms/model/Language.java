package jp.madoguchi.forms.model;

import java.util.Locale;
import java.util.Optional;

/** The booth's languages, in the order the attract screen offers them. */
public enum Language {
    JA("ja", "日本語"),
    /** やさしい日本語: short sentences, common words, kana over hard kanji. */
    JA_EASY("ja-easy", "やさしい日本語"),
    EN("en", "English"),
    ZH("zh", "中文"),
    KO("ko", "한국어"),
    VI("vi", "Tiếng Việt"),
    PT("pt", "Português");

    private final String code;
    private final String nativeName;

    Language(String code, String nativeName) {
        this.code = code;
        this.nativeName = nativeName;
    }

    /** The code used in definition files and on the command line: ja, ja-easy, en, zh, ko, vi, pt. */
    public String code() {
        return code;
    }

    /** The language's name in itself, for the language picker. */
    public String nativeName() {
        return nativeName;
    }

    public static Optional<Language> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.trim().toLowerCase(Locale.ROOT);
        for (Language l : values()) {
            if (l.code.equals(c)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
