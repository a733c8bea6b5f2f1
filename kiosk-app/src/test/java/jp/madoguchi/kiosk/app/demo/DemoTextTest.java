package jp.madoguchi.kiosk.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import org.junit.jupiter.api.Test;

/** The demo panel's bundle: English and Japanese, exactly the keys the code uses, the same placeholders. */
class DemoTextTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");

    @Test
    void bothFilesHoldExactlyTheKeysTheCodeUses() throws IOException {
        Set<String> used = Arrays.stream(DemoKey.values()).map(DemoKey::key).collect(Collectors.toCollection(TreeSet::new));
        for (String file : new String[] {"demo.properties", "demo_ja.properties"}) {
            assertEquals(used, new TreeSet<>(load(file).stringPropertyNames()), file);
        }
    }

    @Test
    void placeholdersMatchBetweenTheLanguages() throws IOException {
        Properties english = load("demo.properties");
        Properties japanese = load("demo_ja.properties");
        for (String key : english.stringPropertyNames()) {
            assertEquals(placeholders(english.getProperty(key)), placeholders(japanese.getProperty(key)), key);
        }
    }

    @Test
    void japaneseForJapaneseBoothsEnglishForTheRest() {
        assertEquals("デモ", DemoText.of(BoothLanguage.JAPANESE).text(DemoKey.BADGE));
        assertEquals("デモ", DemoText.of(BoothLanguage.EASY_JAPANESE).text(DemoKey.BADGE));
        for (BoothLanguage other : new BoothLanguage[] {BoothLanguage.ENGLISH, BoothLanguage.CHINESE,
            BoothLanguage.KOREAN, BoothLanguage.VIETNAMESE, BoothLanguage.PORTUGUESE}) {
            assertEquals("DEMO", DemoText.of(other).text(DemoKey.BADGE), other.name());
        }
        assertEquals("PIN 1234 \u00b7 signature password ABC123",
                DemoText.of(BoothLanguage.ENGLISH).text(DemoKey.SECRETS, "1234", "ABC123"));
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static Properties load(String file) throws IOException {
        try (InputStream in = DemoText.class.getResourceAsStream("/jp/madoguchi/kiosk/" + file)) {
            assertNotNull(in, file);
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        }
    }
}
