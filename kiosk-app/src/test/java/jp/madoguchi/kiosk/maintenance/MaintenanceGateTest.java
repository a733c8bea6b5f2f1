package jp.madoguchi.kiosk.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jp.madoguchi.kiosk.maintenance.MaintenanceGate.Answer;
import jp.madoguchi.kiosk.maintenance.MaintenanceGate.Result;
import jp.madoguchi.kiosk.store.AuditEvent;
import jp.madoguchi.kiosk.store.BoothStore;
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
    private BoothStore reopened;

    @BeforeEach
    void open() throws Exception {
        booth = new MaintenanceFixture(dir);
        gate = new MaintenanceGate(booth.store.settings(), booth.audit(), booth.clock);
    }

    @AfterEach
    void close() {
        if (reopened != null) {
            reopened.close();
        }
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

    /** The booth restarted (e.g. someone pulled the plug): the store closed and opened again, a new gate over it. */
    private MaintenanceGate restart() {
        booth.store.close();
        reopened = BoothStore.open(dir.resolve("booth.db"), booth.key, booth.clock);
        return new MaintenanceGate(reopened.settings(), reopened.audit(), booth.clock);
    }

    @Test
    void wrongPinsBeforeARestartStillCountAfterIt() {
        booth.setPin(PIN);
        for (int i = 0; i < 3; i++) {
            gate.tryOpen("00000000".toCharArray());
        }
        MaintenanceGate afterRestart = restart();
        Answer fourth = afterRestart.tryOpen("00000000".toCharArray());
        assertEquals(Result.WRONG, fourth.result());
        assertEquals(1, fourth.triesBeforeLock(), "no fresh tries for whoever restarted the booth");
        assertEquals(Result.LOCKED, afterRestart.tryOpen("00000000".toCharArray()).result());
        assertEquals(Result.LOCKED, afterRestart.tryOpen(PIN.toCharArray()).result());
    }

    @Test
    void aLockoutRunsOnAfterARestartUntilItsEnd() {
        booth.setPin(PIN);
        Answer locked = null;
        for (int i = 0; i < MaintenanceGate.MAX_FAILURES; i++) {
            locked = gate.tryOpen("00000000".toCharArray());
        }
        assertEquals(Result.LOCKED, locked.result());
        booth.clock.advance(Duration.ofMinutes(2));

        MaintenanceGate afterRestart = restart();
        assertEquals(locked.lockedUntil(), afterRestart.lockedUntil(), "the same end, not a fresh start");
        assertEquals(Result.LOCKED, afterRestart.tryOpen(PIN.toCharArray()).result(), "locked means locked");
        booth.clock.advance(Duration.ofMinutes(3));
        Answer fresh = afterRestart.tryOpen("00000000".toCharArray());
        assertEquals(Result.WRONG, fresh.result());
        assertEquals(MaintenanceGate.MAX_FAILURES - 1, fresh.triesBeforeLock(), "after the lockout, five tries again");
        assertEquals(1, auditCount(reopened, "MAINTENANCE_LOCKED"));
    }

    @Test
    void afterTheRightPinARestartStartsFromFiveTries() {
        booth.setPin(PIN);
        gate.tryOpen("00000000".toCharArray());
        gate.tryOpen("00000000".toCharArray());
        assertEquals(Result.OPENED, gate.tryOpen(PIN.toCharArray()).result());
        gate.tryOpen("00000000".toCharArray());

        Answer afterRestart = restart().tryOpen("00000000".toCharArray());
        assertEquals(MaintenanceGate.MAX_FAILURES - 2, afterRestart.triesBeforeLock(),
                "the one wrong PIN since the opening counts, the two before it do not");
    }

    @Test
    void fiveWrongPinsInTheTrailWithoutTheirLockoutRowLockFromTheFifth() {
        booth.setPin(PIN);
        // a trail written by a booth that stopped between the fifth wrong PIN and its lockout row
        for (int i = 0; i < MaintenanceGate.MAX_FAILURES; i++) {
            booth.audit().append(AuditEvent.MAINTENANCE_PIN_FAILED, null);
        }
        Instant fifth = booth.clock.instant();
        booth.clock.advance(Duration.ofMinutes(1));
        MaintenanceGate afterRestart = restart();
        assertEquals(Result.LOCKED, afterRestart.tryOpen(PIN.toCharArray()).result());
        assertEquals(fifth.plus(MaintenanceGate.LOCKOUT), afterRestart.lockedUntil().orElseThrow());
    }

    private static long auditCount(BoothStore store, String event) {
        return store.audit().export().stream().filter(line -> line.contains("\t" + event + "\t")).count();
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
