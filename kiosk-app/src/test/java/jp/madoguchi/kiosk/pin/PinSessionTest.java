package jp.madoguchi.kiosk.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.PinResult;
import jp.madoguchi.card.mynumber.PinStatus;
import jp.madoguchi.kiosk.pin.PinScreen.Mode;
import org.junit.jupiter.api.Test;

class PinSessionTest {
    /** What a fake card received: copies, so the test can check them after the session wiped its own. */
    private final List<String> sentToCard = new ArrayList<>();

    private PinSubmission accepted(SubmitDecision decision) {
        return assertInstanceOf(SubmitDecision.Accepted.class, decision).submission();
    }

    private static String refusal(SubmitDecision decision) {
        return assertInstanceOf(SubmitDecision.Refused.class, decision).reason().key();
    }

    private static void type(PinSession session, String keys) {
        Secrets.type(session.entry().orElseThrow(), keys);
    }

    /** Submits and answers as the card would, recording what was sent. */
    private PinScreen sendAndAnswer(PinSession session, PinKind kind, PinResult answer) {
        try (PinSubmission submission = accepted(session.submit(kind))) {
            sentToCard.add(new String(submission.pin()));
            return session.answer(answer);
        }
    }

    @Test
    void thePadIsNotShownBeforeTheTriesLeftAreRead() {
        PinSession session = new PinSession();
        assertTrue(session.screen().isEmpty());
        assertTrue(session.entry().isEmpty());
        assertEquals("pin.refused.tries_not_read", refusal(session.submit(PinKind.AUTHENTICATION)));
    }

    @Test
    void threeTriesLeftShowAnEmptyPad() {
        PinSession session = new PinSession();
        PinScreen screen = session.begin(PinKind.AUTHENTICATION, new PinStatus.TriesLeft(3));
        assertEquals(Mode.ENTRY, screen.mode());
        assertEquals(3, screen.triesLeft());
        assertEquals(0, session.entry().orElseThrow().length());
        assertEquals(PinKind.AUTHENTICATION, session.entry().orElseThrow().kind());
    }

    @Test
    void aCorrectPinGoesToTheCardOnceAndIsWiped() {
        PinSession session = new PinSession();
        session.begin(PinKind.AUTHENTICATION, new PinStatus.TriesLeft(3));
        type(session, "1234");
        SecretEntry entry = session.entry().orElseThrow();
        PinSubmission submission = accepted(session.submit(PinKind.AUTHENTICATION));
        assertEquals("1234", new String(submission.pin()));
        Secrets.assertWiped(entry);
        assertTrue(entry.isTaken());
        assertEquals(Mode.CHECKING, session.screen().orElseThrow().mode());
        assertTrue(session.entry().isEmpty(), "no pad while the card checks");
        assertEquals("pin.refused.checking", refusal(session.submit(PinKind.AUTHENTICATION)));

        PinScreen screen = session.answer(new PinResult.Verified());
        assertEquals(Mode.VERIFIED, screen.mode());
        Secrets.assertWiped(submission);
        assertEquals("pin.refused.verified", refusal(session.submit(PinKind.AUTHENTICATION)));
    }

    @Test
    void wrongThenWarningThenBlocked() {
        PinSession session = new PinSession();
        session.begin(PinKind.AUTHENTICATION, new PinStatus.TriesLeft(3));
        type(session, "1111");
        PinScreen afterFirst = sendAndAnswer(session, PinKind.AUTHENTICATION, new PinResult.Wrong(2));
        assertEquals(Mode.ENTRY, afterFirst.mode());
        assertEquals(List.of(PinMessage.of("pin.error.wrong", 2)), afterFirst.messages());
        assertEquals(0, session.entry().orElseThrow().length(), "the pad starts empty after a wrong PIN");

        type(session, "2222");
        PinScreen afterSecond = sendAndAnswer(session, PinKind.AUTHENTICATION, new PinResult.Wrong(1));
        assertEquals(Mode.LAST_TRY, afterSecond.mode());
        assertTrue(afterSecond.warnsLastTry());
        assertTrue(afterSecond.offersClerk());
        assertTrue(afterSecond.padShown());

        type(session, "3333");
        PinScreen afterThird = sendAndAnswer(session, PinKind.AUTHENTICATION, new PinResult.Blocked());
        assertEquals(Mode.BLOCKED, afterThird.mode());
        assertFalse(afterThird.padShown());
        assertTrue(afterThird.offersClerk());
        assertTrue(session.entry().isEmpty());
        assertEquals("pin.refused.blocked", refusal(session.submit(PinKind.AUTHENTICATION)));

        assertEquals(List.of("1111", "2222", "3333"), sentToCard, "each PIN sent once, as typed");
    }

    @Test
    void oneTryLeftFromTheStartWarnsBeforeTheFirstPin() {
        PinSession session = new PinSession();
        PinScreen screen = session.begin(PinKind.AUTHENTICATION, new PinStatus.TriesLeft(1));
        assertEquals(Mode.LAST_TRY, screen.mode());
        assertEquals(List.of("pin.prompt.tries_left", "pin.warning.last_try", "pin.offer.clerk"), screen.messageKeys());
        assertTrue(session.entry().isPresent());
    }

    @Test
    void twoTriesLeftFromTheStartIsNormal() {
        PinSession session = new PinSession();
        PinScreen screen = session.begin(PinKind.AUTHENTICATION, new PinStatus.TriesLeft(2));
        assertEquals(Mode.ENTRY, screen.mode());
        assertFalse(screen.warnsLastTry());
    }

    @Test
    void blockedFromTheStartShowsNoPadAndRefusesEverything() {
        PinSession session = new PinSession();
        PinScreen screen = session.begin(PinKind.AUTHENTICATION, new PinStatus.Blocked());
        assertEquals(Mode.BLOCKED, screen.mode());
        assertTrue(session.entry().isEmpty());
        assertEquals("pin.refused.blocked", refusal(session.submit(PinKind.AUTHENTICATION)));
    }

    @Test
    void noAutomaticRetryASubmitWithoutNewTypingIsRefused() {
        PinSession session = new PinSession();
        session.begin(PinKind.AUTHENTICATION, new PinStatus.TriesLeft(3));
        type(session, "1234");
        sendAndAnswer(session, PinKind.AUTHENTICATION, new PinResult.Wrong(2));
        assertEquals("pin.refused.type_again", refusal(session.submit(PinKind.AUTHENTICATION)));
        assertEquals("pin.refused.type_again", refusal(session.submit(PinKind.AUTHENTICATION)));
        assertEquals(List.of("1234"), sentToCard);
        assertThrows(IllegalStateException.class, () -> session.answer(new PinResult.Wrong(1)),
                "no answer without a secret with the card");
    }

    @Test
    void anIncompleteEntryIsRefusedWithoutSpendingATry() {
        PinSession session = new PinSession();
        session.begin(PinKind.AUTHENTICATION, new PinStatus.TriesLeft(3));
        assertEquals("pin.refused.incomplete", refusal(session.submit(PinKind.AUTHENTICATION)));
        type(session, "123");
        SubmitDecision decision = session.submit(PinKind.AUTHENTICATION);
        assertEquals(PinMessage.of("pin.refused.incomplete", 4, 4),
                assertInstanceOf(SubmitDecision.Refused.class, decision).reason());
        assertEquals(3, session.entry().orElseThrow().length(), "the typing is kept, to be finished");
        assertEquals(Mode.ENTRY, session.screen().orElseThrow().mode());

        session.begin(PinKind.SIGNATURE, new PinStatus.TriesLeft(5));
        type(session, "abc12");
        assertEquals(PinMessage.of("password.refused.incomplete", 6, 16),
                assertInstanceOf(SubmitDecision.Refused.class, session.submit(PinKind.SIGNATURE)).reason());
        assertEquals(List.of(), sentToCard);
    }

    @Test
    void anIncompleteRetypeAfterAWrongPinIsStillIncomplete() {
        PinSession session = new PinSession();
        session.begin(PinKind.AUTHENTICATION, new PinStatus.TriesLeft(3));
        type(session, "1234");
        sendAndAnswer(session, PinKind.AUTHENTICATION, new PinResult.Wrong(2));
        type(session, "12");
        assertEquals("pin.refused.incomplete", refusal(session.submit(PinKind.AUTHENTICATION)));
        type(session, "35");
        sendAndAnswer(session, PinKind.AUTHENTICATION, new PinResult.Verified());
        assertEquals(List.of("1234", "1235"), sentToCard);
    }

    @Test
    void aPinCannotBeSubmittedAsTheSignaturePassword() {
        PinSession session = new PinSession();
        session.begin(PinKind.AUTHENTICATION, new PinStatus.TriesLeft(3));
        type(session, "1234");
        assertEquals("password.refused.wrong_kind", refusal(session.submit(PinKind.SIGNATURE)));
        assertEquals(4, session.entry().orElseThrow().length());
        SecretEntry pinEntry = session.entry().orElseThrow();

        session.begin(PinKind.SIGNATURE, new PinStatus.TriesLeft(5));
        Secrets.assertWiped(pinEntry);
        assertTrue(pinEntry.isClosed(), "the PIN typed for authentication is gone");
        assertEquals(PinKind.SIGNATURE, session.entry().orElseThrow().kind());
        assertEquals(0, session.entry().orElseThrow().length());
        assertEquals("password.refused.incomplete", refusal(session.submit(PinKind.SIGNATURE)));
        assertEquals(List.of(), sentToCard);
    }

    @Test
    void aPasswordCannotBeSubmittedAsAPin() {
        PinSession session = new PinSession();
        session.begin(PinKind.SIGNATURE, new PinStatus.TriesLeft(5));
        type(session, "PASS1234");
        assertEquals("pin.refused.wrong_kind", refusal(session.submit(PinKind.AUTHENTICATION)));
        assertEquals("pin.refused.wrong_kind", refusal(session.submit(PinKind.TEXT)));
        PinSubmission submission = accepted(session.submit(PinKind.SIGNATURE));
        assertEquals(PinKind.SIGNATURE, submission.kind());
        assertEquals("PASS1234", new String(submission.pin()));
        submission.close();
    }

    @Test
    void theSignaturePasswordSequenceCountsFromFive() {
        PinSession session = new PinSession();
        session.begin(PinKind.SIGNATURE, new PinStatus.TriesLeft(5));
        int[] left = {4, 3, 2, 1};
        for (int tries : left) {
            type(session, "WRONG" + tries);
            PinScreen screen = sendAndAnswer(session, PinKind.SIGNATURE, new PinResult.Wrong(tries));
            assertEquals(tries == 1 ? Mode.LAST_TRY : Mode.ENTRY, screen.mode(), tries + " left");
        }
        type(session, "wrong0");
        assertEquals(Mode.BLOCKED, sendAndAnswer(session, PinKind.SIGNATURE, new PinResult.Blocked()).mode());
        assertEquals(List.of("WRONG4", "WRONG3", "WRONG2", "WRONG1", "WRONG0"), sentToCard);
    }

    @Test
    void cardRemovedWipesTheTypingAndEndsTheSession() {
        PinSession session = new PinSession();
        session.begin(PinKind.AUTHENTICATION, new PinStatus.TriesLeft(3));
        type(session, "987");
        SecretEntry entry = session.entry().orElseThrow();
        session.cardRemoved();
        Secrets.assertWiped(entry);
        assertTrue(entry.isClosed());
        assertTrue(session.isEnded());
        assertEquals(Mode.ENDED, session.screen().orElseThrow().mode());
        assertTrue(session.entry().isEmpty());
        assertEquals("pin.refused.ended", refusal(session.submit(PinKind.AUTHENTICATION)));
        assertThrows(IllegalStateException.class,
                () -> session.begin(PinKind.AUTHENTICATION, new PinStatus.TriesLeft(3)));
    }

    @Test
    void anAnswerAfterTheSessionEndedIsIgnoredAndTheOwnerWipesTheSubmission() {
        PinSession session = new PinSession();
        session.begin(PinKind.AUTHENTICATION, new PinStatus.TriesLeft(3));
        type(session, "1234");
        PinSubmission submission = accepted(session.submit(PinKind.AUTHENTICATION));
        session.end();
        PinScreen screen = session.answer(new PinResult.Wrong(2));
        assertEquals(Mode.ENDED, screen.mode());
        assertTrue(session.entry().isEmpty(), "no pad comes back after the end");
        submission.close();
        Secrets.assertWiped(submission);
    }

    @Test
    void closeEndsTheSessionLikeEnd() {
        SecretEntry entry;
        try (PinSession session = new PinSession()) {
            session.begin(PinKind.SIGNATURE, new PinStatus.TriesLeft(5));
            type(session, "ABCDEFG");
            entry = session.entry().orElseThrow();
        }
        Secrets.assertWiped(entry);
        assertTrue(entry.isClosed());
    }

    @Test
    void aCardErrorDuringVerifyHidesThePadUntilTheTriesAreReadAgain() {
        PinSession session = new PinSession();
        session.begin(PinKind.AUTHENTICATION, new PinStatus.TriesLeft(3));
        type(session, "1234");
        PinSubmission submission = accepted(session.submit(PinKind.AUTHENTICATION));
        PinScreen screen = session.answerFailed();
        Secrets.assertWiped(submission);
        assertEquals(Mode.READING_TRIES, screen.mode());
        assertFalse(screen.padShown());
        assertEquals(List.of("pin.error.card_unreadable"), screen.messageKeys());
        assertEquals("pin.refused.tries_not_read", refusal(session.submit(PinKind.AUTHENTICATION)));
        session.begin(PinKind.AUTHENTICATION, new PinStatus.TriesLeft(2));
        assertTrue(session.entry().orElseThrow().isEmpty(), "typed again, never resent");
    }

    @Test
    void alreadyVerifiedAsksForNothing() {
        PinSession session = new PinSession();
        PinScreen screen = session.begin(PinKind.TEXT, new PinStatus.AlreadyVerified());
        assertEquals(Mode.VERIFIED, screen.mode());
        assertTrue(session.entry().isEmpty());
        assertEquals("pin.refused.verified", refusal(session.submit(PinKind.TEXT)));
    }

    @Test
    void beginWhileASecretIsWithTheCardIsRefused() {
        PinSession session = new PinSession();
        session.begin(PinKind.AUTHENTICATION, new PinStatus.TriesLeft(3));
        type(session, "1234");
        PinSubmission submission = accepted(session.submit(PinKind.AUTHENTICATION));
        assertThrows(IllegalStateException.class, () -> session.begin(PinKind.SIGNATURE, new PinStatus.TriesLeft(5)));
        session.answer(new PinResult.Verified());
        assertSame(Mode.VERIFIED, session.screen().orElseThrow().mode());
        assertTrue(Arrays.equals(new char[4], submission.pin()));
    }

    @Test
    void toStringShowsNoSecret() {
        PinSession session = new PinSession();
        session.begin(PinKind.SIGNATURE, new PinStatus.TriesLeft(5));
        type(session, "TOPSECRET9");
        assertFalse(session.toString().contains("TOPSECRET9"), session.toString());
        PinSubmission submission = accepted(session.submit(PinKind.SIGNATURE));
        assertFalse(submission.toString().contains("TOPSECRET9"), submission.toString());
        submission.close();
    }
}
