package jp.madoguchi.clerk.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class IdleLogoutTest {
    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-24T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void pass(Duration duration) {
            now = now.plus(duration);
        }
    }

    private final TestClock clock = new TestClock();
    private int logouts;
    private final IdleLogout idle = new IdleLogout(clock, Duration.ofMinutes(15), Runnable::run, () -> logouts++);

    @Test
    void fifteenMinutesWithoutInputLogOutOnce() {
        idle.sessionStarted();
        clock.pass(Duration.ofMinutes(14).plusSeconds(59));
        assertFalse(idle.check());
        clock.pass(Duration.ofSeconds(1));
        assertTrue(idle.check());
        clock.pass(Duration.ofMinutes(30));
        assertFalse(idle.check(), "once per session");
        assertEquals(1, logouts);
    }

    @Test
    void eachKeyOrClickStartsTheCountAgain() {
        idle.sessionStarted();
        clock.pass(Duration.ofMinutes(10));
        idle.activity();
        clock.pass(Duration.ofMinutes(10));
        assertFalse(idle.check());
        assertEquals(0, logouts);
    }

    @Test
    void aLongCallIsNotIdlenessAndTheCountStartsWhenItEnds() {
        idle.sessionStarted();
        idle.setInCall(true);
        clock.pass(Duration.ofMinutes(40));
        assertFalse(idle.check(), "talking to a resident without touching the keyboard");
        idle.setInCall(false);
        clock.pass(Duration.ofMinutes(14));
        assertFalse(idle.check());
        clock.pass(Duration.ofMinutes(1));
        assertTrue(idle.check());
    }

    @Test
    void nothingHappensWithoutASessionOrAfterItEndedAnotherWay() {
        clock.pass(Duration.ofHours(1));
        assertFalse(idle.check(), "before any login");
        idle.sessionStarted();
        idle.sessionEnded();
        clock.pass(Duration.ofHours(1));
        assertFalse(idle.check());
        assertEquals(0, logouts);
        assertThrows(IllegalArgumentException.class,
                () -> new IdleLogout(Clock.systemUTC(), Duration.ZERO, Runnable::run, () -> { }));
    }
}
