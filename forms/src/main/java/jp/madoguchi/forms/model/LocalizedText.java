package jp.madoguchi.forms.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A text in every booth language. A shipped or municipal definition must give all seven (the
 * loader rejects one that does not), so {@link #in(Language)} never falls back silently.
 */
public record LocalizedText(Map<Language, String> texts) {
    public LocalizedText {
        Objects.requireNonNull(texts, "texts");
        texts = Collections.unmodifiableMap(texts.isEmpty() ? new EnumMap<>(Language.class) : new EnumMap<>(texts));
    }

    /** The text in {@code language}. */
    public String in(Language language) {
        String text = texts.get(language);
        if (text == null) {
            throw new IllegalStateException("no " + language.code() + " text");
        }
        return text;
    }

    public boolean hasAll() {
        return texts.keySet().containsAll(java.util.EnumSet.allOf(Language.class));
    }

    /** The same text in every language (for tests and fixed strings). */
    public static LocalizedText same(String text) {
        Map<Language, String> all = new EnumMap<>(Language.class);
        for (Language l : Language.values()) {
            all.put(l, text);
        }
        return new LocalizedText(all);
    }
}
