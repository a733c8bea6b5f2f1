package jp.madoguchi.kiosk.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inactivity countdown on a fake clock and scheduler: exact timings, no sleeping. */
class InactivityTimerTest {
    @TempDir
    Path dir;
    private StoreFixture fixture;
    private final FakeTime time = new FakeTime();
    private final List<String> shown = new ArrayList<>();
    private final List<SessionEnd> ends = new ArrayList<>();
    private ResidentSession session;
    private SecretChars pin;
    private InactivityTimer timer;

    @BeforeEach
    void sessionAtThePinPadWithA60SecondTimeout() {
        fixture = new StoreFixture(dir);
        fixture.store.settings().setInt("inactivity.seconds", 60);
        session = ResidentSession.start(fixture.store.audit());
        session.addListener(new SessionListener() {
            @Override
            public void sessionEnded(ResidentSession s, SessionEnd end) {
                ends.add(end);
            }
        });
        session.moveTo(JourneyStep.LANGUAGE);
        session.moveTo(JourneyStep.PROCEDURE);
        session.moveTo(JourneyStep.PLACE_CARD);
        session.moveTo(JourneyStep.PIN);
        pin = session.register(new SecretChars("pin", 4));
        pin.append('1');
        timer = InactivityTimer.fromSettings(session, fixture.store.settings(), time, time);
        timer.addListener(new InactivityListener() {
            @Override
            public void countdown(int secondsLeft) {
                shown.add(Integer.toString(secondsLeft));
            }

            @Override
            public void warningCancelled() {
                shown.add("hidden");
            }
        });
        timer.start();
    }

    @AfterEach
    void closeStore() {
        fixture.close();
    }

    private static List<String> countdown(int from, int to) {
        return IntStream.rangeClosed(to, from).map(i -> from + to - i).mapToObj(Integer::toString).toList();
    }

    @Test
    void theWarningAppearsTwentySecondsBeforeTheEndFromTheSetting() {
        time.advanceSeconds(39.999);
        assertEquals(List.of(), shown);
        time.advanceSeconds(0.001);
        assertEquals(List.of("20"), shown);
        assertFalse(session.isEnded());
    }

    @Test
    void theCountdownTicksOnceASecondAndTheSessionEndsAtZeroWithInactivity() {
        time.advanceSeconds(59.5);
        assertEquals(countdown(20, 1), shown);
        assertFalse(session.isEnded());
        time.advanceSeconds(0.5);

        List<String> expected = new ArrayList<>(countdown(20, 1));
        expected.add("hidden");
        assertEquals(expected, shown);
        assertTrue(session.isEnded());
        assertEquals(1, ends.size());
        assertEquals(EndCause.INACTIVITY, ends.get(0).cause());
        assertEquals(JourneyStep.PIN, ends.get(0).endedAt());
        assertTrue(pin.isWiped(), "the inactivity end wipes the PIN");
        List<String> export = fixture.store.audit().export();
        assertTrue(export.get(export.size() - 3).contains("\tSESSION_ENDED\t-\t"), export.toString());
        assertTrue(export.get(export.size() - 2).contains("\tSESSION_WIPED\t-\t"), export.toString());
        assertEquals(JourneyStep.ATTRACT, session.step());
        assertEquals(0, time.pendingTasks(), "nothing left scheduled after the end");
        assertFalse(timer.isRunning());
        time.advanceSeconds(600);
        assertEquals(1, ends.size());
    }

    @Test
    void activityDuringTheWarningHidesItAndRestartsTheFullWait() {
        time.advanceSeconds(45);
        assertEquals(countdown(20, 15), shown);
        timer.activity();
        assertEquals("hidden", shown.get(shown.size() - 1));
        shown.clear();

        time.advanceSeconds(39.9);
        assertEquals(List.of(), shown, "a full 40 s of quiet again before the next warning");
        time.advanceSeconds(0.1);
        assertEquals(List.of("20"), shown);
        time.advanceSeconds(19.9);
        assertFalse(session.isEnded());
        time.advanceSeconds(0.1);
        assertTrue(session.isEnded());
    }

    @Test
    void activityBeforeTheWarningPostponesIt() {
        time.advanceSeconds(30);
        timer.activity();
        time.advanceSeconds(39);
        assertEquals(List.of(), shown, "no 'hidden' either: no warning was showing");
        time.advanceSeconds(1);
        assertEquals(List.of("20"), shown);
    }

    @Test
    void aStepChangeCountsAsActivity() {
        time.advanceSeconds(50);
        session.moveTo(JourneyStep.CONFIRM_IDENTITY);
        assertEquals("hidden", shown.get(shown.size() - 1));
        shown.clear();
        time.advanceSeconds(40);
        assertEquals(List.of("20"), shown);
    }

    @Test
    void theCallPausesTheTimerAndTheReceiptRestartsIt() {
        session.moveTo(JourneyStep.CALL); // a blocked PIN: the resident talks to a clerk
        assertFalse(timer.isRunning());
        time.advance(Duration.ofMinutes(30));
        assertEquals(List.of(), shown);
        assertFalse(session.isEnded(), "a long call does not end the session");

        session.moveTo(JourneyStep.RECEIPT);
        assertTrue(timer.isRunning());
        time.advanceSeconds(40);
        assertEquals(List.of("20"), shown);
        time.advanceSeconds(20);
        assertTrue(session.isEnded());
    }

    @Test
    void enteringThePausedStepDuringTheWarningHidesIt() {
        time.advanceSeconds(50);
        session.moveTo(JourneyStep.CALL);
        assertEquals("hidden", shown.get(shown.size() - 1));
        int count = shown.size();
        time.advance(Duration.ofMinutes(5));
        assertEquals(count, shown.size());
    }

    @Test
    void theCardSigningHoldsTheTimerAndReleasingItRestarts() {
        time.advanceSeconds(45);
        try (InactivityTimer.Hold signing = timer.pauseWhile()) {
            assertEquals("hidden", shown.get(shown.size() - 1));
            assertFalse(timer.isRunning());
            time.advance(Duration.ofMinutes(2));
            assertFalse(session.isEnded());
        }
        shown.clear();
        assertTrue(timer.isRunning());
        time.advanceSeconds(40);
        assertEquals(List.of("20"), shown);
    }

    @Test
    void pausedStepsAreConfigurable() {
        timer.stop();
        InactivityTimer questionsPaused = new InactivityTimer(session, Duration.ofSeconds(30), Duration.ofSeconds(10),
                Set.of(JourneyStep.PIN), time, time);
        questionsPaused.start();
        assertFalse(questionsPaused.isRunning(), "PIN is paused in this configuration");
        session.moveTo(JourneyStep.CONFIRM_IDENTITY);
        time.advanceSeconds(30);
        assertTrue(session.isEnded());
        assertEquals(EndCause.INACTIVITY, ends.get(0).cause());
    }

    @Test
    void anotherEndStopsTheTimer() {
        time.advanceSeconds(45);
        session.end(EndCause.CARD_REMOVED);
        assertFalse(timer.isRunning());
        assertEquals(0, time.pendingTasks());
        time.advance(Duration.ofMinutes(5));
        assertEquals(1, ends.size());
        assertEquals(EndCause.CARD_REMOVED, ends.get(0).cause());
        timer.activity(); // harmless after the end
    }

    @Test
    void theProductionSchedulerRunsAndCancelsOnAnExecutor() throws Exception {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            InactivityScheduler scheduler = InactivityScheduler.of(executor);
            CountDownLatch ran = new CountDownLatch(1);
            AtomicBoolean cancelledRan = new AtomicBoolean();
            scheduler.schedule(Duration.ofHours(1), () -> cancelledRan.set(true)).cancel();
            scheduler.schedule(Duration.ZERO, ran::countDown);
            assertTrue(ran.await(10, TimeUnit.SECONDS));
            assertFalse(cancelledRan.get());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theWarningMustBeShorterThanTheTimeout() {
        assertThrows(IllegalArgumentException.class, () -> new InactivityTimer(session, Duration.ofSeconds(20),
                Duration.ofSeconds(20), Set.of(), time, time));
        assertThrows(IllegalArgumentException.class, () -> new InactivityTimer(session, Duration.ofSeconds(20),
                Duration.ZERO, Set.of(), time, time));
    }
}
