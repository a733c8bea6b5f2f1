package jp.madoguchi.kiosk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path dir;
    private BoothKey key;
    private BoothStore store;
    private Settings settings;

    @BeforeEach
    void open() {
        key = BoothKey.loadOrCreate(dir.resolve("booth.key"));
        store = BoothStore.open(dir.resolve("booth.db"), key);
        settings = store.settings();
    }

    @AfterEach
    void close() {
        store.close();
        key.close();
    }

    @Test
    void unsetKeysReadAsTheirDefaults() {
        assertEquals(Duration.ofSeconds(90), settings.getDuration("inactivity.seconds"));
        assertEquals("ja", settings.getString("language.default"));
        assertTrue(settings.getBoolean("sound.enabled"));
        assertFalse(settings.getBoolean("large_text"));
        assertEquals(58, settings.getInt("receipt.width_mm"));
        assertEquals(SettingKey.values().length, settings.all().size());
    }

    @Test
    void typedValuesRoundTripAndSurviveReopening() {
        settings.setString("booth.name", "北支所 2号機");
        settings.setString("hq.url", "https://hq.example.lg.jp");
        settings.setDuration("inactivity.seconds", Duration.ofMinutes(2));
        settings.setBoolean("large_text", true);
        settings.setInt("receipt.width_mm", 80);
        settings.set("language.default", "ja-easy");
        store.close();
        store = BoothStore.open(dir.resolve("booth.db"), key);
        settings = store.settings();

        assertEquals("北支所 2号機", settings.getString("booth.name"));
        assertEquals("https://hq.example.lg.jp", settings.get("hq.url"));
        assertEquals(Duration.ofSeconds(120), settings.getDuration("inactivity.seconds"));
        assertTrue(settings.getBoolean("large_text"));
        assertEquals(80, settings.getInt("receipt.width_mm"));
        assertEquals("ja-easy", settings.get(SettingKey.LANGUAGE_DEFAULT));

        settings.reset("large_text");
        assertFalse(settings.getBoolean("large_text"));
    }

    @Test
    void everyChangeIsAudited() {
        settings.setBoolean("sound.enabled", false);
        settings.reset("sound.enabled");
        List<String> lines = store.audit().export();
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).contains("\tSETTINGS_CHANGED\t-\t"), lines.get(0));
        assertTrue(store.audit().verify().ok());
    }

    @Test
    void unknownKeysAreRefused() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> settings.set("debug.skip_pin", "true"));
        assertTrue(e.getMessage().contains("unknown setting"), e.getMessage());
        assertTrue(e.getMessage().contains("inactivity.seconds"), "names the known keys: " + e.getMessage());
        assertThrows(InvalidSettingException.class, () -> settings.get("nope"));
    }

    @Test
    void invalidValuesAreRefusedWithWhatIsAllowed() {
        assertMessage("from 30 to 600", () -> settings.setInt("inactivity.seconds", 5));
        assertMessage("from 30 to 600", () -> settings.setDuration("inactivity.seconds", Duration.ofHours(2)));
        assertMessage("whole seconds", () -> settings.setDuration("inactivity.seconds", Duration.ofMillis(90_500)));
        assertMessage("a whole number", () -> settings.set("inactivity.seconds", "ninety"));
        assertMessage("true or false", () -> settings.set("sound.enabled", "yes"));
        assertMessage("one of ja, ja-easy", () -> settings.set("language.default", "fr"));
        assertMessage("https://", () -> settings.set("hq.url", "http://hq.example.lg.jp"));
        assertMessage("https://", () -> settings.set("hq.url", "not a url"));
        assertMessage("1 to 64", () -> settings.set("booth.name", " "));
        assertMessage("58 or 80", () -> settings.setInt("receipt.width_mm", 72));
        settings.set("hq.url", "http://127.0.0.1:8080"); // the demo's headquarters on this machine
        assertEquals(Duration.ofSeconds(90), settings.getDuration("inactivity.seconds"), "nothing refused was stored");
    }

    @Test
    void aGetterOfTheWrongTypeIsRefused() {
        assertThrows(InvalidSettingException.class, () -> settings.getInt("sound.enabled"));
        assertThrows(InvalidSettingException.class, () -> settings.setBoolean("booth.name", true));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable action) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, action);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
