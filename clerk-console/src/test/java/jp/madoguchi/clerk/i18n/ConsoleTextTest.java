package jp.madoguchi.clerk.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsoleTextTest {
    @ParameterizedTest
    @ValueSource(strings = {"ja", "en"})
    void everyKeyIsInTheBundleAndTheBundleHasNoOthers(String language) {
        ResourceBundle bundle = ConsoleText.bundle(Locale.forLanguageTag(language));
        assertEquals(language.equals("ja") ? Locale.JAPANESE : Locale.ROOT, bundle.getLocale(),
                "its own file, no fallback");
        Set<String> expected = Arrays.stream(ConsoleText.values()).map(ConsoleText::key)
                .collect(Collectors.toCollection(TreeSet::new));
        // the file itself: the Japanese bundle's parent is the English one, so its key set would hide a gap
        java.util.Properties file = new java.util.Properties();
        String name = "/jp/madoguchi/clerk/console" + (language.equals("ja") ? "_ja" : "") + ".properties";
        try (java.io.Reader in = new java.io.InputStreamReader(ConsoleTextTest.class.getResourceAsStream(name),
                java.nio.charset.StandardCharsets.UTF_8)) {
            file.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Set<String> actual = new TreeSet<>(file.stringPropertyNames());
        assertEquals(expected, actual);
        for (ConsoleText text : ConsoleText.values()) {
            String shown = text.in(Locale.forLanguageTag(language), "X");
            assertFalse(shown.isBlank(), text.key());
            assertFalse(shown.contains("{0}"), text + ": an argument left unfilled");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ko", "zh", "fr"})
    void otherLanguagesGetEnglish(String language) {
        assertEquals("Log in", ConsoleText.LOGIN_SUBMIT.in(Locale.forLanguageTag(language)));
    }

    @org.junit.jupiter.api.Test
    void everyTextIsShownSomewhere() throws java.io.IOException {
        // a key no screen uses is a text nobody maintains: the console's sources name each ConsoleText they show
        String sources;
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src", "main", "java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("ConsoleText.java"))
                    .map(f -> {
                        try {
                            return java.nio.file.Files.readString(f);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).collect(Collectors.joining("\n"));
        }
        Set<String> unused = new TreeSet<>();
        for (ConsoleText text : ConsoleText.values()) {
            if (!java.util.regex.Pattern.compile("\\b" + text.name() + "\\b").matcher(sources).find()) {
                unused.add(text.name());
            }
        }
        assertEquals(Set.of(), unused, "texts no screen shows");
    }
}
