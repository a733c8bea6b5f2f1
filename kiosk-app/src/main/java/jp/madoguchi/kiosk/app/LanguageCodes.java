package jp.madoguchi.kiosk.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jp.madoguchi.kiosk.i18n.BoothLanguage;

/** The booth's language codes as the {@code language.default} setting and {@code --lang} spell them. */
final class LanguageCodes {
    private static final Map<String, BoothLanguage> BY_CODE = new LinkedHashMap<>();

    static {
        BY_CODE.put("ja", BoothLanguage.JAPANESE);
        BY_CODE.put("ja-easy", BoothLanguage.EASY_JAPANESE);
        BY_CODE.put("en", BoothLanguage.ENGLISH);
        BY_CODE.put("zh", BoothLanguage.CHINESE);
        BY_CODE.put("ko", BoothLanguage.KOREAN);
        BY_CODE.put("vi", BoothLanguage.VIETNAMESE);
        BY_CODE.put("pt", BoothLanguage.PORTUGUESE);
    }

    private LanguageCodes() {
    }

    static Optional<BoothLanguage> of(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** "ja, ja-easy, en, zh, ko, vi, pt". */
    static String known() {
        return String.join(", ", BY_CODE.keySet());
    }
}
