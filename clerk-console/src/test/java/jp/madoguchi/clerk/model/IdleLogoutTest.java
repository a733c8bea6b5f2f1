package jp.madoguchi.clerk.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import jp.madoguchi.hq.store.MutableClock;
import org.junit.jupiter.api.Test;

class IdleLogoutTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T00:00:00Z"));
    private int logouts;
    private final IdleLogout idle = new IdleLogout(clock, Duration.ofMinutes(15), Runnable::run, () -> logouts++);

    @Test
    void fifteenMinutesWithoutInputLogOutOnce() {
        idle.sessionStarted();
        clock.advance(Duration.ofMinutes(14).plusSeconds(59));
        assertFalse(idle.check());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(idle.check());
        clock.advance(Duration.ofMinutes(30));
        assertFalse(idle.check(), "once per session");
        assertEquals(1, logouts);
    }

    @Test
    void eachKeyOrClickStartsTheCountAgain() {
        idle.sessionStarted();
        clock.advance(Duration.ofMinutes(10));
        idle.activity();
        clock.advance(Duration.ofMinutes(10));
        assertFalse(idle.check());
        assertEquals(0, logouts);
    }

    @Test
    void aLongCallIsNotIdlenessAndTheCountStartsWhenItEnds() {
        idle.sessionStarted();
        idle.setInCall(true);
        clock.advance(Duration.ofMinutes(40));
        assertFalse(idle.check(), "talking to a resident without touching the keyboard");
        idle.setInCall(false);
        clock.advance(Duration.ofMinutes(14));
        assertFalse(idle.check());
        clock.advance(Duration.ofMinutes(1));
        assertTrue(idle.check());
    }

    @Test
    void nothingHappensWithoutASessionOrAfterItEndedAnotherWay() {
        clock.advance(Duration.ofHours(1));
        assertFalse(idle.check(), "before any login");
        idle.sessionStarted();
        idle.sessionEnded();
        clock.advance(Duration.ofHours(1));
        assertFalse(idle.check());
        assertEquals(0, logouts);
        assertThrows(IllegalArgumentException.class,
                () -> new IdleLogout(Clock.systemUTC(), Duration.ZERO, Runnable::run, () -> { }));
    }
}
