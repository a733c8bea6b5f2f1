package jp.madoguchi.kiosk.session;

import static jp.madoguchi.kiosk.session.JourneyStep.ATTRACT;
import static jp.madoguchi.kiosk.session.JourneyStep.CALL;
import static jp.madoguchi.kiosk.session.JourneyStep.CONFIRM_IDENTITY;
import static jp.madoguchi.kiosk.session.JourneyStep.LANGUAGE;
import static jp.madoguchi.kiosk.session.JourneyStep.PIN;
import static jp.madoguchi.kiosk.session.JourneyStep.PLACE_CARD;
import static jp.madoguchi.kiosk.session.JourneyStep.PROCEDURE;
import static jp.madoguchi.kiosk.session.JourneyStep.QUESTIONS;
import static jp.madoguchi.kiosk.session.JourneyStep.RECEIPT;
import static jp.madoguchi.kiosk.session.JourneyStep.REVIEW;
import static jp.madoguchi.kiosk.session.JourneyStep.SIGNATURE;
import static jp.madoguchi.kiosk.session.JourneyStep.TAKE_CARD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every step move, allowed and refused, against a table written out here (not derived from the enum), both
 * on the enum and through a real {@link ResidentSession}.
 */
class JourneyStepTest {
    /** The journey as issue 6 describes it, plus "talk to a clerk" from the menu and from the PIN pad. */
    private static final Map<JourneyStep, Set<JourneyStep>> FORWARD = new EnumMap<>(Map.ofEntries(
            Map.entry(ATTRACT, Set.of(LANGUAGE)),
            Map.entry(LANGUAGE, Set.of(PROCEDURE)),
            Map.entry(PROCEDURE, Set.of(PLACE_CARD, CALL)),
            Map.entry(PLACE_CARD, Set.of(PIN)),
            Map.entry(PIN, Set.of(CONFIRM_IDENTITY, CALL)),
            Map.entry(CONFIRM_IDENTITY, Set.of(QUESTIONS)),
            Map.entry(QUESTIONS, Set.of(REVIEW)),
            Map.entry(REVIEW, Set.of(SIGNATURE)),
            Map.entry(SIGNATURE, Set.of(CALL)),
            Map.entry(CALL, Set.of(RECEIPT)),
            Map.entry(RECEIPT, Set.of(TAKE_CARD)),
            Map.entry(TAKE_CARD, Set.of())));

    private static final Map<JourneyStep, Optional<JourneyStep>> BACK = new EnumMap<>(Map.ofEntries(
            Map.entry(ATTRACT, Optional.empty()),
            Map.entry(LANGUAGE, Optional.of(ATTRACT)),
            Map.entry(PROCEDURE, Optional.of(LANGUAGE)),
            Map.entry(PLACE_CARD, Optional.of(PROCEDURE)),
            Map.entry(PIN, Optional.of(PLACE_CARD)),
            Map.entry(CONFIRM_IDENTITY, Optional.of(PLACE_CARD)),
            Map.entry(QUESTIONS, Optional.of(CONFIRM_IDENTITY)),
            Map.entry(REVIEW, Optional.of(QUESTIONS)),
            Map.entry(SIGNATURE, Optional.of(REVIEW)),
            Map.entry(CALL, Optional.empty()),
            Map.entry(RECEIPT, Optional.empty()),
            Map.entry(TAKE_CARD, Optional.empty())));

    @TempDir
    static Path dir;
    private static StoreFixture fixture;

    @BeforeAll
    static void openStore() {
        fixture = new StoreFixture(dir);
    }

    @AfterAll
    static void closeStore() {
        fixture.close();
    }

    @Test
    void theTablesCoverEveryStep() {
        assertEquals(JourneyStep.values().length, FORWARD.size());
        assertEquals(JourneyStep.values().length, BACK.size());
    }

    @Test
    void everyForwardMoveOnTheEnum() {
        for (JourneyStep from : JourneyStep.values()) {
            assertEquals(FORWARD.get(from), from.forwardMoves(), "forward moves from " + from);
            for (JourneyStep to : JourneyStep.values()) {
                assertEquals(FORWARD.get(from).contains(to), from.canMoveForwardTo(to), from + " -> " + to);
            }
        }
    }

    @Test
    void everyBackOnTheEnum() {
        for (JourneyStep step : JourneyStep.values()) {
            assertEquals(BACK.get(step), step.back(), "back from " + step);
        }
        assertEquals(Set.of(LANGUAGE, PROCEDURE, PLACE_CARD, PIN, CONFIRM_IDENTITY, QUESTIONS, REVIEW, SIGNATURE),
                JourneyStep.stepsWithBack());
    }

    @Test
    void afterSigningThereIsNoWayBackIntoTheQuestions() {
        for (JourneyStep afterSigning : List.of(CALL, RECEIPT, TAKE_CARD)) {
            assertTrue(afterSigning.back().isEmpty(), afterSigning + " has no back");
            for (JourneyStep before : List.of(QUESTIONS, REVIEW, SIGNATURE, PIN, CONFIRM_IDENTITY)) {
                assertTrue(!afterSigning.canMoveForwardTo(before), afterSigning + " must not lead to " + before);
            }
        }
    }

    @Test
    void everyMoveThroughASession() {
        int allowed = 0;
        int refused = 0;
        for (JourneyStep from : JourneyStep.values()) {
            for (JourneyStep to : JourneyStep.values()) {
                ResidentSession session = sessionAt(from);
                if (FORWARD.get(from).contains(to)) {
                    session.moveTo(to);
                    assertEquals(to, session.step(), from + " -> " + to);
                    allowed++;
                } else {
                    IllegalStepMoveException e = assertThrows(IllegalStepMoveException.class,
                            () -> session.moveTo(to), from + " -> " + to + " must be refused");
                    assertEquals(from, e.from());
                    assertEquals(to, e.to());
                    assertEquals(from, session.step(), "a refused move leaves the step alone");
                    refused++;
                }
            }
        }
        assertEquals(13, allowed);
        assertEquals(12 * 12 - 13, refused);
    }

    @Test
    void everyBackThroughASession() {
        for (JourneyStep from : JourneyStep.values()) {
            ResidentSession session = sessionAt(from);
            Optional<JourneyStep> expected = BACK.get(from);
            if (expected.isPresent()) {
                assertEquals(expected.get(), session.back(), "back from " + from);
                assertEquals(expected.get(), session.step());
            } else {
                IllegalStepMoveException e = assertThrows(IllegalStepMoveException.class, session::back,
                        from + " has no back");
                assertEquals(from, e.from());
                assertEquals(from, session.step());
            }
        }
    }

    @Test
    void backAndForthAgain() {
        ResidentSession session = sessionAt(SIGNATURE);
        session.back();
        session.back();
        assertEquals(QUESTIONS, session.step());
        session.moveTo(REVIEW);
        session.moveTo(SIGNATURE);
        session.moveTo(CALL);
        assertThrows(IllegalStepMoveException.class, session::back);
        assertThrows(IllegalStepMoveException.class, () -> session.moveTo(QUESTIONS));
        assertEquals(CALL, session.step());
    }

    /** A new session walked forward along the shortest allowed path to {@code target}. */
    private static ResidentSession sessionAt(JourneyStep target) {
        ResidentSession session = ResidentSession.start(fixture.store.audit());
        for (JourneyStep step : path(target)) {
            session.moveTo(step);
        }
        assertEquals(target, session.step());
        return session;
    }

    private static List<JourneyStep> path(JourneyStep target) {
        Map<JourneyStep, JourneyStep> previous = new EnumMap<>(JourneyStep.class);
        Deque<JourneyStep> queue = new ArrayDeque<>(List.of(ATTRACT));
        while (!queue.isEmpty()) {
            JourneyStep step = queue.poll();
            for (JourneyStep next : FORWARD.get(step)) {
                if (next != ATTRACT && previous.putIfAbsent(next, step) == null) {
                    queue.add(next);
                }
            }
        }
        List<JourneyStep> path = new ArrayList<>();
        for (JourneyStep step = target; step != ATTRACT; step = previous.get(step)) {
            path.add(0, step);
        }
        return path;
    }
}
