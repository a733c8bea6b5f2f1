package jp.madoguchi.kiosk.maintenance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import jp.madoguchi.kiosk.store.InvalidSettingException;
import jp.madoguchi.kiosk.store.SettingKey;
import jp.madoguchi.kiosk.store.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenancePinTest {
    @TempDir
    Path dir;
    private MaintenanceFixture booth;
    private Settings settings;

    @BeforeEach
    void open() throws Exception {
        booth = new MaintenanceFixture(dir);
        settings = booth.store.settings();
    }

    @AfterEach
    void close() {
        booth.close();
    }

    @Test
    void aBoothStartsWithoutAPinAndNothingMatches() {
        assertFalse(MaintenancePin.isSet(settings));
        assertFalse(MaintenancePin.matches(settings, "123456".toCharArray()));
    }

    @Test
    void theSetPinMatchesAndOnlyItsHashIsStored() {
        MaintenancePin.set(settings, "90817263".toCharArray(), MaintenanceFixture.TEST_ITERATIONS);
        assertTrue(MaintenancePin.isSet(settings));
        assertTrue(MaintenancePin.matches(settings, "90817263".toCharArray()));
        assertFalse(MaintenancePin.matches(settings, "90817264".toCharArray()));
        assertFalse(MaintenancePin.matches(settings, "9081726".toCharArray()));
        String stored = settings.get(SettingKey.MAINTENANCE_PIN_HASH);
        assertTrue(stored.matches("pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{43}="), stored);
        assertFalse(stored.contains("90817263"));
    }

    @Test
    void theSamePinSetTwiceGetsAFreshSalt() {
        MaintenancePin.set(settings, "135790".toCharArray(), MaintenanceFixture.TEST_ITERATIONS);
        String first = settings.get(SettingKey.MAINTENANCE_PIN_HASH);
        MaintenancePin.set(settings, "135790".toCharArray(), MaintenanceFixture.TEST_ITERATIONS);
        assertNotEquals(first, settings.get(SettingKey.MAINTENANCE_PIN_HASH));
        assertTrue(MaintenancePin.matches(settings, "135790".toCharArray()));
    }

    @Test
    void malformedPinsAreRefusedWithoutEchoingThem() {
        for (String bad : new String[] {"12345", "1234567890123", "12345a", "１２３４５６"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MaintenancePin.set(settings, bad.toCharArray()));
            assertFalse(e.getMessage().contains(bad), e.getMessage());
        }
        assertFalse(MaintenancePin.isSet(settings));
    }

    @Test
    void theSettingRefusesAnythingButAnEncodedHash() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> settings.set(SettingKey.MAINTENANCE_PIN_HASH, "246813"));
        assertFalse(e.getMessage().contains("246813"));
        settings.set(SettingKey.MAINTENANCE_PIN_HASH, "");
        assertFalse(MaintenancePin.isSet(settings));
    }

    @Test
    void demoModeSetsItsPinOnlyWhenNoneIsSet() {
        assertTrue(MaintenancePin.setDemoPinIfUnset(settings));
        assertTrue(MaintenancePin.matches(settings, MaintenancePin.demoPin()));
        MaintenancePin.set(settings, "777777".toCharArray(), MaintenanceFixture.TEST_ITERATIONS);
        assertFalse(MaintenancePin.setDemoPinIfUnset(settings));
        assertTrue(MaintenancePin.matches(settings, "777777".toCharArray()));
    }

    @Test
    void checkingAPinAtTheDefaultCostTakesAMeasurableButBoundedTime() {
        MaintenancePin.set(settings, "24681357".toCharArray());
        assertTrue(settings.get(SettingKey.MAINTENANCE_PIN_HASH).startsWith("pbkdf2-sha256$600000$"));
        long started = System.nanoTime();
        assertTrue(MaintenancePin.matches(settings, "24681357".toCharArray()));
        long millis = (System.nanoTime() - started) / 1_000_000;
        // the cost is the point (guessing is slow) but IT staff must not wait seconds
        assertTrue(millis < 5_000, "verification took " + millis + " ms");
        org.slf4j.LoggerFactory.getLogger(MaintenancePinTest.class).info("PBKDF2 {} iterations: {} ms",
                MaintenancePin.DEFAULT_ITERATIONS, millis);
    }
}
