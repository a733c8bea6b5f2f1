package jp.madoguchi.kiosk.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The maintenance bundle: Japanese and English have the same keys; every key is used by the code and every key the
 * code names exists. Keys are always written whole as string literals ({@code "maint.…"}) in
 * src/main/java/jp/madoguchi/kiosk/maintenance, which is what this test reads.
 */
class MaintenanceBundleTest {
    private static final Path SOURCES = Path.of("src/main/java/jp/madoguchi/kiosk/maintenance");
    private static final Pattern KEY_LITERAL = Pattern.compile("\"(maint\\.[a-z0-9_.]+)\"");

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MaintenanceBundleTest.class.getResourceAsStream("/jp/madoguchi/kiosk/" + file)) {
            assertTrue(in != null, file + " is on the class path");
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static Set<String> keysUsedByCode() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = KEY_LITERAL.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        return used;
    }

    @Test
    void japaneseAndEnglishHaveTheSameKeysAndTheSameArguments() throws IOException {
        Properties en = load("maintenance.properties");
        Properties ja = load("maintenance_ja.properties");
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(ja.stringPropertyNames()));
        for (String key : en.stringPropertyNames()) {
            int enArgs = new MessageFormat(en.getProperty(key)).getFormatsByArgumentIndex().length;
            int jaArgs = new MessageFormat(ja.getProperty(key)).getFormatsByArgumentIndex().length;
            assertEquals(enArgs, jaArgs, key + " takes the same arguments in both languages");
            assertTrue(!ja.getProperty(key).isBlank(), key);
        }
    }

    @Test
    void everyKeyIsUsedAndEveryUsedKeyExists() throws IOException {
        Set<String> bundle = new TreeSet<>(load("maintenance.properties").stringPropertyNames());
        Set<String> used = keysUsedByCode();
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(bundle);
        Set<String> unused = new TreeSet<>(bundle);
        unused.removeAll(used);
        assertEquals(Set.of(), missing, "keys the code uses but the bundle lacks");
        assertEquals(Set.of(), unused, "keys nothing uses");
        assertTrue(used.size() > 100, "the scan found the keys (" + used.size() + ")");
    }

    @Test
    void theTextLoaderFindsBothLanguages() {
        assertEquals("Return to service", MaintenanceText.english().text("maint.menu.return"));
        assertEquals("業務に戻る", MaintenanceText.japanese().text("maint.menu.return"));
        assertEquals("業務に戻る", MaintenanceText.forBoothLanguage("ja-easy").text("maint.menu.return"));
        assertEquals("Return to service", MaintenanceText.forBoothLanguage("vi").text("maint.menu.return"));
    }
}
