package jp.madoguchi.kiosk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.madoguchi.kiosk.maintenance.MaintenancePin;
import jp.madoguchi.kiosk.store.BoothKey;
import jp.madoguchi.kiosk.store.BoothStore;
import jp.madoguchi.kiosk.store.SettingKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiosk-app set-maintenance-pin} over its standard-input path (no console in a test): the stored hash
 * matches, malformed PINs and a mismatch are refused with exit 1 and nothing stored, a set PIN is replaced and
 * said so, and the PIN is never in what it prints.
 */
class SetMaintenancePinCommandTest {
    private static final String PIN = "40719263";

    @TempDir
    Path temp;

    private record Run(int exit, String out, String err, List<Path> logFiles) {
        String all() {
            return out + err;
        }
    }

    private Run set(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<Path> logs = new ArrayList<>();
        int exit = SetMaintenancePinCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true),
                (file, verbose) -> logs.add(file),
                SetMaintenancePinCommand.lines(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
        return new Run(exit, out.toString(), err.toString(), logs);
    }

    private Path data() {
        return temp.resolve("data");
    }

    private boolean storedPinMatches(String pin) {
        try (BoothKey key = BoothKey.load(data().resolve("booth.key"));
             BoothStore store = BoothStore.open(data().resolve("booth.db"), key)) {
            return MaintenancePin.matches(store.settings(), pin.toCharArray());
        }
    }

    private String storedHash() {
        try (BoothKey key = BoothKey.load(data().resolve("booth.key"));
             BoothStore store = BoothStore.open(data().resolve("booth.db"), key)) {
            return store.settings().get(SettingKey.MAINTENANCE_PIN_HASH);
        }
    }

    @Test
    void setsThePinFromTwoLinesOfStandardInputAndPrintsNothingOfIt() {
        Run run = set(PIN + "\n" + PIN + "\n", "--data-dir", data().toString());
        assertEquals(0, run.exit(), run.all());
        assertTrue(run.out().contains("Maintenance PIN set."), run.out());
        assertFalse(run.out().contains("replaces"), run.out());
        assertFalse(run.all().contains(PIN), run.all());
        assertTrue(storedPinMatches(PIN));
        assertFalse(storedPinMatches("40719264"));
        assertTrue(storedHash().startsWith("pbkdf2-sha256$"), "a hash, not the PIN");
        assertEquals(List.of(data().resolve("logs/booth.log")), run.logFiles());
    }

    @Test
    void windowsLineEndsAndAMissingLastLineEndAreFine() {
        assertEquals(0, set("123456\r\n123456", "--data-dir", data().toString()).exit());
        assertTrue(storedPinMatches("123456"));
    }

    @Test
    void replacingASetPinIsAllowedAndSaid() {
        assertEquals(0, set(PIN + "\n" + PIN + "\n", "--data-dir", data().toString()).exit());
        Run again = set("246813975\n246813975\n", "--data-dir", data().toString());
        assertEquals(0, again.exit(), again.all());
        assertTrue(again.out().contains("A maintenance PIN is already set on this booth; the one entered now "
                + "replaces it."), again.out());
        assertTrue(again.out().contains("Maintenance PIN replaced."), again.out());
        assertTrue(storedPinMatches("246813975"));
        assertFalse(storedPinMatches(PIN));
    }

    @Test
    void malformedPinsAreRefusedAndNothingIsStored() {
        for (String bad : List.of("12345", "1234567890123", "12345a", "１２３４５６", " 123456", "", "1".repeat(200))) {
            Run run = set(bad + "\n" + bad + "\n", "--data-dir", data().toString());
            assertEquals(1, run.exit(), bad);
            assertTrue(run.err().contains("a maintenance PIN is 6 to 12 digits (0-9) and nothing else; the PIN was "
                    + "not set"), run.err());
            assertFalse(!bad.isEmpty() && run.all().contains(bad), run.all());
        }
        assertEquals("", storedHash());
    }

    @Test
    void twoDifferentPinsAreRefusedAndASetPinStays() {
        assertEquals(0, set(PIN + "\n" + PIN + "\n", "--data-dir", data().toString()).exit());
        Run run = set("555666777\n555666778\n", "--data-dir", data().toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("the two PINs differ; the PIN was not set"), run.err());
        assertFalse(run.all().contains("55566677"), run.all());
        assertTrue(storedPinMatches(PIN), "the PIN set before stays");
    }

    @Test
    void noInputIsRefused() {
        Run none = set("", "--data-dir", data().toString());
        assertEquals(1, none.exit());
        assertTrue(none.err().contains("no PIN was given"), none.err());
        Run once = set(PIN + "\n", "--data-dir", data().toString());
        assertEquals(1, once.exit());
        assertTrue(once.err().contains("the PIN was not given a second time"), once.err());
        assertEquals("", storedHash());
    }

    @Test
    void aBadCommandLineExitsTwoAndThePinIsNeverAnArgument() throws Exception {
        Run positional = set("", "123456");
        assertEquals(2, positional.exit());
        assertTrue(positional.err().contains("the PIN is asked for, never given on the command line"), positional.err());
        Run unknown = set("", "--pin", "123456");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("Unknown option: '--pin'"), unknown.err());
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertEquals(2, set("", "--data-dir", file.toString()).exit());
        Run help = set("", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("set-maintenance-pin [--data-dir DIR]"), help.out());
    }

    @Test
    void theBoothsCommandLineRunsItAndItsHelpNamesIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = BoothMain.run(new String[] {"set-maintenance-pin", "--bogus"}, () -> {
            throw new AssertionError("starts no booth");
        }, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                (file, verbose) -> { });
        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("kiosk-app set-maintenance-pin: Unknown option"),
                err.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream help = new ByteArrayOutputStream();
        assertEquals(0, BoothMain.run(new String[] {"--help"}, () -> {
            throw new AssertionError("starts no booth");
        }, new PrintStream(help, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                (file, verbose) -> { }));
        String text = help.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("kiosk-app set-maintenance-pin [--data-dir DIR]"), text);
        assertTrue(text.contains("kiosk-app enroll --server URL"), text);
    }
}
