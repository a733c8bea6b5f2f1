package jp.madoguchi.kiosk.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import jp.madoguchi.card.emulator.Persona;
import jp.madoguchi.card.emulator.Personas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A log with a persona's data planted in it: the exported copy has none of it, and the export is audited. */
class LogExportTest {
    @TempDir
    Path dir;
    private MaintenanceFixture booth;
    private final Persona persona = Personas.builtIn("default");

    @BeforeEach
    void open() throws Exception {
        booth = new MaintenanceFixture(dir);
    }

    @AfterEach
    void close() {
        booth.close();
    }

    @Test
    void thePlantedPersonaLeavesNoTraceInTheExport() throws Exception {
        String number = persona.individualNumber();
        String spaced = number.substring(0, 4) + " " + number.substring(4, 8) + " " + number.substring(8);
        var birth = persona.birthDate();
        List<String> planted = List.of(
                "2026-11-23 09:01:02.345 [card] INFO read ok number=" + number,
                "2026-11-23 09:01:03.000 [card] WARN echo " + spaced,
                "2026-11-23 09:01:04 [ui] DEBUG birth=" + birth + " also " + birth.format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
                        + " and " + birth.format(DateTimeFormatter.ofPattern("yyyy年M月d日"))
                        + " compact " + birth.format(DateTimeFormatter.BASIC_ISO_DATE),
                "2026-11-23 09:01:05 [ui] DEBUG name=" + persona.name() + " address=" + persona.address(),
                "2026-11-23 09:01:06 [hq] INFO delivered reference=MD-20261123-K7M3Q9 attempts=2");
        Files.write(booth.logFile, planted, StandardCharsets.UTF_8);
        Files.writeString(booth.logFile.resolveSibling("booth.log.1"), "2026-11-22 18:00:00 [card] INFO old " + number + "\n");

        LogExport export = new LogExport(booth.audit(), booth.clock, () -> List.of(persona.name()));
        LogExport.Report report = export.export(booth.logFile, dir.resolve("usb"));

        assertEquals(3, report.files().size(), report.files().toString());
        assertTrue(report.auditVerification().ok());
        StringBuilder all = new StringBuilder();
        for (Path file : report.files()) {
            assertTrue(file.startsWith(dir.resolve("usb")));
            all.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
        }
        String exported = all.toString();
        for (String secret : List.of(number, spaced, birth.toString(), birth.format(DateTimeFormatter.ofPattern("yyyy/MM/dd")),
                birth.format(DateTimeFormatter.BASIC_ISO_DATE), birth.format(DateTimeFormatter.ofPattern("yyyy年M月d日")),
                persona.name(), persona.address())) {
            assertFalse(exported.contains(secret), "exported logs still contain a planted value: " + secret.length()
                    + " characters");
        }
        // what IT staff need survives
        assertTrue(exported.contains("2026-11-23 09:01:02.345 [card] INFO read ok number=[number]"), exported);
        assertTrue(exported.contains("reference=MD-20261123-K7M3Q9 attempts=2"));
        assertTrue(report.masked() >= 8, "masked " + report.masked());

        String auditFile = Files.readString(report.folder().resolve(LogExport.AUDIT_FILE));
        assertTrue(auditFile.contains("\tLOG_EXPORTED\t"), auditFile);
        assertTrue(auditFile.contains("# audit trail intact"), auditFile);
        assertTrue(booth.audit().export().stream().anyMatch(l -> l.contains("\tLOG_EXPORTED\t")));
    }

    @Test
    void anExportToAMissingDirectoryFailsAndIsNotAudited() {
        LogExport export = new LogExport(booth.audit(), booth.clock, List::of);
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> export.export(booth.logFile, dir.resolve("no-stick")));
        assertTrue(booth.audit().export().stream().noneMatch(l -> l.contains("LOG_EXPORTED")));
    }

    @Test
    void twoExportsInTheSameSecondGetTwoFolders() throws Exception {
        LogExport export = new LogExport(booth.audit(), booth.clock, List::of);
        Path first = export.export(booth.logFile, dir.resolve("usb")).folder();
        Path second = export.export(booth.logFile, dir.resolve("usb")).folder();
        assertFalse(first.equals(second));
    }
}
