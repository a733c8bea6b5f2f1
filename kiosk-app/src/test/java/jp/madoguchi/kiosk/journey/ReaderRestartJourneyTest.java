package jp.madoguchi.kiosk.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.kiosk.journey.JourneyView.CallPhase;
import jp.madoguchi.kiosk.session.JourneyStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PC/SC service restarts in the middle of a session (issue 9), with the in-process readers' service stop and
 * start (as pcscd: every context and card handle from before is dead afterwards). The booth notices, goes back to
 * "place your card" with the reader-restarted message and the resident's answers kept, recovers the reader
 * without a program restart, reads the card that is still in it, and the resident finishes.
 * {@code BoothPcscdRestartIT} does the same with a real pcscd killed and started again.
 */
class ReaderRestartJourneyTest {
    @TempDir
    Path dir;
    private JourneyHarness booth;

    @BeforeEach
    void open() throws Exception {
        booth = new JourneyHarness(dir);
    }

    @AfterEach
    void close() {
        booth.close();
    }

    @Test
    void aRestartAtTheQuestionsAsksForTheCardAgainKeepsTheAnswersAndTheResidentFinishes() {
        EmulatedMyNumberCard card = booth.toIdentity();
        booth.journey.confirmIdentity(true);
        booth.journey.changeAnswers();
        JourneyView.QuestionView first = booth.journey.view().question().orElseThrow();
        String changed = first.choices().get(first.choices().size() - 1).value();
        booth.journey.answer(changed);

        booth.terminals.stopService();
        JourneyView down = booth.await("back at the card, reader down", v -> v.step() == JourneyStep.PLACE_CARD
                && v.card() == CardPrompt.PCSC_UNAVAILABLE);
        assertEquals(Optional.of(JourneyText.PROBLEM_READER_RESTARTED), down.problemKey());
        assertEquals(Optional.empty(), down.lastEnd(), "the session did not end: the card was not taken");
        assertTrue(down.identity().isEmpty(), "the card's data is wiped until it is read again");
        assertTrue(down.secret().isEmpty());

        long start = System.nanoTime();
        booth.terminals.startService();
        JourneyView pad = booth.await("the PIN pad again", v -> v.step() == JourneyStep.PIN
                && v.secret().map(s -> s.padShown()).orElse(false) && v.busyKey().isEmpty());
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("PC/SC service back: the booth read the card again and showed the PIN pad after %d ms%n", millis);
        assertEquals(3, pad.secret().orElseThrow().triesLeft());
        assertEquals(Optional.empty(), pad.problemKey(), "the message goes once the card is read");

        booth.typeAndSubmit(card.persona().textPin());
        booth.await("Is this you?", v -> v.step() == JourneyStep.CONFIRM_IDENTITY && v.identity().isPresent());
        booth.journey.confirmIdentity(true);
        assertTrue(booth.journey.view().usualAnswers().stream()
                .anyMatch(a -> a.questionId().equals(first.id())), "the answers are still there");
        booth.journey.acceptUsualAnswers();
        booth.await("the review", v -> v.review().isPresent());
        booth.journey.confirmReview();
        booth.await("the signature keyboard", v -> v.secret().map(s -> s.padShown()).orElse(false));
        booth.typeAndSubmit(card.persona().signaturePassword());
        booth.await("queued", v -> v.call().map(c -> c.phase() == CallPhase.QUEUED).orElse(false));
        assertEquals(1, booth.hq.deliveries().size());
        String signed = new String(java.util.Base64.getDecoder().decode(
                booth.hq.deliveries().get(0).submission().canonicalJsonBase64()), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(signed.contains("\"" + first.id() + "\":\"" + changed + "\""), "the changed answer was signed: " + signed);
        assertEquals(3, card.triesLeft(PinKind.TEXT));
        assertEquals(5, card.triesLeft(PinKind.SIGNATURE));
    }

    @Test
    void anotherResidentsCardPlacedWhileTheReaderWasDownDoesNotGetTheAnswersOfTheFirst() {
        booth.toIdentity();
        booth.journey.confirmIdentity(true);
        booth.journey.changeAnswers();
        JourneyView.QuestionView first = booth.journey.view().question().orElseThrow();
        String changed = first.choices().get(first.choices().size() - 1).value();
        booth.journey.answer(changed);

        booth.terminals.stopService();
        booth.await("back at the card", v -> v.step() == JourneyStep.PLACE_CARD && v.card() == CardPrompt.PCSC_UNAVAILABLE);
        booth.removeCard();
        EmulatedMyNumberCard other = booth.insert("long-address");
        booth.terminals.startService();
        booth.await("the PIN pad for the other card", v -> v.step() == JourneyStep.PIN
                && v.secret().map(s -> s.padShown()).orElse(false) && v.busyKey().isEmpty());
        booth.typeAndSubmit(other.persona().textPin());
        booth.await("Is this you?", v -> v.step() == JourneyStep.CONFIRM_IDENTITY && v.identity().isPresent());
        booth.journey.confirmIdentity(true);
        booth.journey.acceptUsualAnswers();
        booth.await("the review", v -> v.review().isPresent());
        booth.journey.confirmReview();
        booth.await("the signature keyboard", v -> v.secret().map(s -> s.padShown()).orElse(false));
        booth.typeAndSubmit(other.persona().signaturePassword());
        booth.await("queued", v -> v.call().map(c -> c.phase() == CallPhase.QUEUED).orElse(false));
        String signed = new String(java.util.Base64.getDecoder().decode(
                booth.hq.deliveries().get(0).submission().canonicalJsonBase64()), java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(signed.contains("\"" + first.id() + "\":\"" + changed + "\""),
                "the second resident signed the defaults, not the first one's answer");
    }

    @Test
    void aRestartAtTheSignatureKeyboardWipesWhatWasTypedAndAsksForTheCard() {
        EmulatedMyNumberCard card = booth.toIdentity();
        booth.toSignature();
        booth.journey.secretEntry().orElseThrow().append('A');
        booth.terminals.stopService();
        JourneyView down = booth.await("back at the card", v -> v.step() == JourneyStep.PLACE_CARD);
        assertTrue(booth.journey.secretEntry().isEmpty(), "the half-typed password is gone");
        assertTrue(down.review().isEmpty(), "the preview with the name is wiped");
        booth.terminals.startService();
        booth.await("the PIN pad again", v -> v.step() == JourneyStep.PIN && v.busyKey().isEmpty()
                && v.secret().map(s -> s.padShown()).orElse(false));
        booth.journey.awaitStoreWrites(JourneyHarness.WAIT);
        assertEquals(0, booth.store.outbox().size());
        assertEquals(5, card.triesLeft(PinKind.SIGNATURE));
    }

    @Test
    void aRestartDuringTheCallLeavesTheCallAloneAndTakingTheCardStillCompletes() {
        EmulatedMyNumberCard card = booth.toIdentity();
        booth.toSignature();
        booth.typeAndSubmit(card.persona().signaturePassword());
        booth.await("queued", v -> v.call().map(c -> c.phase() == CallPhase.QUEUED).orElse(false));
        booth.hq.answerCall("room-1");
        booth.video.peerJoins("Clerk");
        booth.await("in the call", v -> v.call().map(c -> c.phase() == CallPhase.IN_CALL).orElse(false));
        booth.terminals.stopService();
        booth.await("the reader is down", v -> v.card() == CardPrompt.PCSC_UNAVAILABLE);
        booth.terminals.startService();
        booth.await("the reader is back", v -> v.card() != CardPrompt.PCSC_UNAVAILABLE);
        assertEquals(JourneyStep.CALL, booth.journey.view().step(), "the application is signed: the card is not needed");
        assertEquals(0, booth.video.hangUps());
        booth.video.remoteEnds();
        booth.await("the receipt", v -> v.step() == JourneyStep.RECEIPT && v.receipt().isPresent());
        booth.journey.finish();
        booth.removeCard();
        JourneyView attract = booth.await("the attract screen", v -> v.step() == JourneyStep.ATTRACT);
        assertEquals(Optional.empty(), attract.lastEnd(), "completed");
    }
}
