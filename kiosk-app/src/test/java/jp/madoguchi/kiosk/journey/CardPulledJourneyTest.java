package jp.madoguchi.kiosk.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.FaultPlan;
import jp.madoguchi.card.emulator.FaultPlan.Trigger;
import jp.madoguchi.card.emulator.FaultyCard;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.journey.JourneyView.CallPhase;
import jp.madoguchi.kiosk.session.EndCause;
import jp.madoguchi.kiosk.session.JourneyStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The card pulled out in the middle of a command, through the resident's journey (issue 9): during the READ BINARY
 * of the basic 4 info, around the VERIFY, and during the signature. Each time: no application in the outbox or at
 * headquarters, no PIN try spent but the one the resident typed (the card's counters, read after it is back), the
 * session ended with the card-removed message, and the resident can start again with the same card and finish.
 *
 * <p>The commands are counted through the card: {@code VERIFY} #1 is the slot's tries-left query, #2 the
 * journey's, #3 the resident's PIN; {@code READ BINARY} #1 is the basic 4 info, #2 its integrity record, #3 the
 * signature certificate.
 */
class CardPulledJourneyTest {
    private static final int VERIFY = 0x20;
    private static final int READ_BINARY = 0xB0;

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

    private FaultyCard insertFaulty(FaultPlan plan) {
        FaultyCard card = new FaultyCard(JourneyHarness.card("default"), plan);
        booth.journey.chooseLanguage(BoothLanguage.JAPANESE);
        booth.journey.chooseProcedure("juminhyo");
        booth.terminals.insert(JourneyHarness.READER, card);
        booth.await("the PIN pad", v -> v.step() == JourneyStep.PIN && v.secret().map(s -> s.padShown()).orElse(false)
                && v.busyKey().isEmpty());
        return card;
    }

    private static EmulatedMyNumberCard inner(FaultyCard card) {
        return (EmulatedMyNumberCard) card.wrappedCard();
    }

    /** The session ended as a removal does: attract screen, the message, nothing personal, nothing sent. */
    private void assertEndedWithNothingSent() {
        JourneyView attract = booth.await("back at the attract screen", v -> v.step() == JourneyStep.ATTRACT);
        assertEquals(Optional.of(EndCause.CARD_REMOVED), attract.lastEnd(), "the resident is told the card was taken");
        assertTrue(attract.identity().isEmpty() && attract.review().isEmpty());
        booth.journey.awaitStoreWrites(JourneyHarness.WAIT);
        assertEquals(0, booth.store.outbox().size(), "no partial application in the outbox");
        assertTrue(booth.hq.deliveries().isEmpty(), "nothing sent to headquarters");
        assertTrue(booth.hq.callRequests().isEmpty(), "no call for an application that does not exist");
    }

    /** The resident puts the same card back and goes through to the call: the journey is whole again. */
    private void reinsertAndFinish(FaultyCard card) {
        card.reinsert();
        booth.terminals.insert(JourneyHarness.READER, card);
        booth.journey.chooseLanguage(BoothLanguage.JAPANESE);
        booth.journey.chooseProcedure("juminhyo");
        booth.await("the PIN pad again", v -> v.step() == JourneyStep.PIN && v.secret().map(s -> s.padShown())
                .orElse(false) && v.busyKey().isEmpty());
        booth.typeAndSubmit(inner(card).persona().textPin());
        booth.await("Is this you?", v -> v.step() == JourneyStep.CONFIRM_IDENTITY);
        booth.toSignature();
        booth.typeAndSubmit(inner(card).persona().signaturePassword());
        booth.await("queued for a clerk", v -> v.call().map(c -> c.phase() == CallPhase.QUEUED).orElse(false));
        assertEquals(1, booth.hq.deliveries().size(), "exactly one application, after the restart");
    }

    @Test
    void pulledDuringTheReadOfTheBasic4InfoAfterTheGoodPin() {
        FaultyCard card = insertFaulty(FaultPlan.builder().removeCard(Trigger.onIns(READ_BINARY, 1)).build());
        booth.typeAndSubmit(inner(card).persona().textPin());
        assertEndedWithNothingSent();
        assertFalse(booth.views.stream().anyMatch(v -> v.identity().isPresent()), "no half-read identity was shown");
        assertEquals(3, inner(card).triesLeft(PinKind.TEXT), "the good PIN reached the card: the counter is full");
        reinsertAndFinish(card);
        assertEquals(3, inner(card).triesLeft(PinKind.TEXT));
    }

    @Test
    void pulledBeforeTheVerifyReachedTheCardSpendsNoTry() {
        FaultyCard card = insertFaulty(FaultPlan.builder().removeCard(Trigger.onIns(VERIFY, 3)).build());
        booth.typeAndSubmit("9999"); // wrong, but it never reaches the card
        assertEndedWithNothingSent();
        assertEquals(3, inner(card).triesLeft(PinKind.TEXT), "not decremented");
        reinsertAndFinish(card);
    }

    @Test
    void pulledAfterAWrongPinReachedTheCardSpendsThatOneTryAndNoOther() {
        FaultyCard card = insertFaulty(FaultPlan.builder().removeCardAfter(Trigger.onIns(VERIFY, 3)).build());
        booth.typeAndSubmit("9999");
        assertEndedWithNothingSent();
        assertEquals(2, inner(card).triesLeft(PinKind.TEXT), "the one try the resident typed, never sent again");
        card.reinsert();
        booth.terminals.insert(JourneyHarness.READER, card);
        booth.journey.chooseLanguage(BoothLanguage.JAPANESE);
        booth.journey.chooseProcedure("juminhyo");
        JourneyView pad = booth.await("the PIN pad again", v -> v.step() == JourneyStep.PIN
                && v.secret().map(s -> s.padShown()).orElse(false) && v.busyKey().isEmpty());
        assertEquals(2, pad.secret().orElseThrow().triesLeft(), "the pad shows the tries the card really has");
    }

    @ParameterizedTest(name = "INS {0} #{1}: {2}")
    @CsvSource({
        "0x2A, 1, the COMPUTE DIGITAL SIGNATURE",
        "0xB0, 3, the READ BINARY of the signature certificate",
    })
    void pulledDuringTheSignatureLeavesNoApplicationAndTheCountersFull(String ins, int occurrence, String what) {
        FaultyCard card = insertFaulty(FaultPlan.builder()
                .removeCard(Trigger.onIns(Integer.decode(ins), occurrence)).build());
        booth.typeAndSubmit(inner(card).persona().textPin());
        booth.await("Is this you?", v -> v.step() == JourneyStep.CONFIRM_IDENTITY);
        booth.toSignature();
        booth.typeAndSubmit(inner(card).persona().signaturePassword());
        assertEndedWithNothingSent();
        assertEquals(5, inner(card).triesLeft(PinKind.SIGNATURE), "the password was right: nothing spent");
        assertEquals(3, inner(card).triesLeft(PinKind.TEXT));
        reinsertAndFinish(card);
    }
}
