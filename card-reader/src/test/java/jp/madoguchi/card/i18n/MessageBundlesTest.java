package jp.madoguchi.card.i18n;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.jpki.VerificationReport;
import jp.madoguchi.card.mynumber.CertificateSlot;
import jp.madoguchi.card.mynumber.Sex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every text exists in Japanese and English, every key the code builds exists, and no key is dead. */
class MessageBundlesTest {

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/jp/madoguchi/card/messages", "/jp/madoguchi/card/cli/messages"})
    void japaneseAndEnglishHaveTheSameKeysAndNoEmptyText(String bundle) throws IOException {
        Properties en = load(bundle + ".properties");
        Properties ja = load(bundle + "_ja.properties");
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(ja.stringPropertyNames()), bundle);
        for (String key : ja.stringPropertyNames()) {
            assertFalse(ja.getProperty(key).isBlank(), key);
            assertFalse(en.getProperty(key).isBlank(), key);
        }
        // the Japanese bundle really is Japanese (read as UTF-8, not mojibake)
        long japanese = ja.values().stream().map(Object::toString)
                .filter(v -> v.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA
                        || Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                .count();
        assertTrue(japanese >= ja.size() / 2, "most Japanese texts contain kana or kanji");
    }

    @Test
    void everyCardErrorHasItsText() throws IOException {
        Properties en = load("/jp/madoguchi/card/messages.properties");
        for (CardError error : CardError.values()) {
            assertTrue(en.containsKey(error.messageKey()), error.name());
        }
    }

    @Test
    void everyKeyTheToolBuildsExistsAndEveryKeyIsUsed() throws IOException {
        Properties cli = load("/jp/madoguchi/card/cli/messages.properties");
        Set<String> built = new TreeSet<>();
        for (Sex s : Sex.values()) {
            built.add("sex." + s.name());
        }
        for (CertificateSlot slot : CertificateSlot.values()) {
            built.add("certs.slot." + slot.name());
        }
        for (VerificationReport.Check check : VerificationReport.Check.values()) {
            built.add("verify.check." + check.name());
        }
        for (VerificationReport.Status status : VerificationReport.Status.values()) {
            built.add("verify.status." + status.name());
        }
        for (String key : built) {
            assertTrue(cli.containsKey(key), "missing text for " + key);
        }
        String sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/jp/madoguchi/card/cli"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
        Set<String> unused = new TreeSet<>();
        for (String key : cli.stringPropertyNames()) {
            if (!built.contains(key) && !sources.contains("\"" + key + "\"")) {
                unused.add(key);
            }
        }
        assertEquals(Set.of(), unused, "texts no code uses");
    }
}
