package jp.madoguchi.kiosk.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jp.madoguchi.kiosk.maintenance.MaintenanceGate.Answer;
import jp.madoguchi.kiosk.maintenance.MaintenanceGate.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceGateTest {
    private static final String PIN = "31415926";
    @TempDir
    Path dir;
    private MaintenanceFixture booth;
    private MaintenanceGate gate;

    @BeforeEach
    void open() throws Exception {
        booth = new MaintenanceFixture(dir);
        gate = new MaintenanceGate(booth.store.settings(), booth.audit(), booth.clock);
    }

    @AfterEach
    void close() {
        booth.close();
    }

    private long auditCount(String event) {
        return booth.audit().export().stream().filter(line -> line.contains("\t" + event + "\t")).count();
    }

    @Test
    void withoutAPinNothingOpens() {
        assertEquals(Result.NOT_SET, gate.tryOpen(PIN.toCharArray()).result());
        assertEquals(0, auditCount("MAINTENANCE_OPENED"));
    }

    @Test
    void theRightPinOpensAndIsAudited() {
        booth.setPin(PIN);
        assertEquals(Result.OPENED, gate.tryOpen(PIN.toCharArray()).result());
        assertEquals(1, auditCount("MAINTENANCE_OPENED"));
    }

    @Test
    void fiveWrongPinsLockForFiveMinutesEvenForTheRightOne() {
        booth.setPin(PIN);
        for (int tries = 4; tries >= 1; tries--) {
            Answer wrong = gate.tryOpen("00000000".toCharArray());
            assertEquals(Result.WRONG, wrong.result());
            assertEquals(tries, wrong.triesBeforeLock());
        }
        Answer fifth = gate.tryOpen("00000000".toCharArray());
        assertEquals(Result.LOCKED, fifth.result());
        assertEquals(booth.clock.instant().plus(MaintenanceGate.LOCKOUT), fifth.lockedUntil().orElseThrow());

        assertEquals(Result.LOCKED, gate.tryOpen(PIN.toCharArray()).result(), "locked means locked");
        booth.clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertEquals(Result.LOCKED, gate.tryOpen(PIN.toCharArray()).result());
        booth.clock.advance(Duration.ofSeconds(1));
        assertTrue(gate.lockedUntil().isEmpty());
        assertEquals(Result.OPENED, gate.tryOpen(PIN.toCharArray()).result());

        assertEquals(5, auditCount("MAINTENANCE_PIN_FAILED"));
        assertEquals(1, auditCount("MAINTENANCE_LOCKED"));
        assertEquals(1, auditCount("MAINTENANCE_OPENED"));
    }

    @Test
    void aRightPinResetsTheCount() {
        booth.setPin(PIN);
        for (int i = 0; i < 4; i++) {
            gate.tryOpen("11111111".toCharArray());
        }
        assertEquals(Result.OPENED, gate.tryOpen(PIN.toCharArray()).result());
        assertEquals(4, gate.tryOpen("11111111".toCharArray()).triesBeforeLock());
    }

    @Test
    void theAuditTrailNeverHoldsAPin() {
        booth.setPin(PIN);
        gate.tryOpen("27182818".toCharArray());
        gate.tryOpen(PIN.toCharArray());
        List<String> lines = booth.audit().export();
        assertFalse(String.join("\n", lines).contains("27182818"));
        assertFalse(String.join("\n", lines).contains(PIN));
    }
}
