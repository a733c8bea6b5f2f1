package jp.madoguchi.kiosk.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import jp.madoguchi.card.apdu.Hex;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.FaultPlan;
import jp.madoguchi.card.emulator.FaultPlan.Trigger;
import jp.madoguchi.card.emulator.FaultyCard;
import jp.madoguchi.card.mynumber.Basic4Info;
import jp.madoguchi.card.mynumber.MyNumberSpec;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.Sex;
import jp.madoguchi.card.mynumber.TextApEncoder;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.journey.JourneyView.CallPhase;
import jp.madoguchi.kiosk.session.JourneyStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile or broken card through the resident's journey (issue 9): it never makes the booth hang, and never
 * makes it show garbage as a name. A card that stops answering is given up at the card deadline (short here) with
 * the "card unreadable, take it out and place it again" message, the resident's answers kept; data that is not
 * what the specification says (lying lengths, huge files, names that are not text, wrong status words, endless
 * 61xx) is refused with the card problem message, and "Is this you?" is never shown.
 */
class HostileCardJourneyTest {
    /** The card deadline in these tests; the booth's own is {@link jp.madoguchi.kiosk.card.BoothCardReader#CARD_DEADLINE}. */
    private static final Duration DEADLINE = Duration.ofSeconds(1);
    private static final int VERIFY = 0x20;
    private static final int READ_BINARY = 0xB0;
    private static final int SIGN = 0x2A;

    @TempDir
    Path dir;
    private JourneyHarness booth;

    @BeforeEach
    void open() throws Exception {
        booth = new JourneyHarness(dir, DEADLINE);
    }

    @AfterEach
    void close() {
        booth.close();
    }

    private FaultyCard placeCard(FaultPlan plan) {
        FaultyCard card = new FaultyCard(JourneyHarness.card("default"), plan);
        booth.journey.chooseLanguage(BoothLanguage.JAPANESE);
        booth.journey.chooseProcedure("juminhyo");
        booth.terminals.insert(JourneyHarness.READER, card);
        return card;
    }

    private JourneyView awaitPad() {
        return booth.await("the PIN pad", v -> v.step() == JourneyStep.PIN && v.secret().map(s -> s.padShown())
                .orElse(false) && v.busyKey().isEmpty());
    }

    private static EmulatedMyNumberCard inner(FaultyCard card) {
        return (EmulatedMyNumberCard) card.wrappedCard();
    }

    /** Back at "place your card" with the unreadable-card message, within the deadline and a margin; returns ms. */
    private long awaitBackAtTheCard(long sinceNanos) {
        JourneyView view = booth.await("back at 'place your card'", v -> v.step() == JourneyStep.PLACE_CARD
                && v.problemKey().equals(Optional.of("card.unreadable")));
        long millis = (System.nanoTime() - sinceNanos) / 1_000_000;
        assertTrue(view.busyKey().isEmpty(), "nothing left spinning");
        assertTrue(view.secret().isEmpty() && view.identity().isEmpty(), "no pad, no identity");
        assertEquals(CardPrompt.UNREADABLE, view.card(), "until the card is taken out");
        assertTrue(millis >= DEADLINE.toMillis() - 50, "gave up at the deadline, not before: " + millis);
        return millis;
    }

    /** The resident takes the stuck card out and puts it back; the journey goes on from the card. */
    private void takeOutAndPlaceAgain(FaultyCard card) {
        booth.removeCard();
        JourneyView waiting = booth.await("waiting for the card", v -> v.card() == CardPrompt.WAITING_FOR_CARD);
        assertEquals(JourneyStep.PLACE_CARD, waiting.step(), "taking it out at 'place your card' ends nothing");
        booth.terminals.insert(JourneyHarness.READER, card);
        awaitPad();
    }

    // ------------------------------------------------------------------ a card that stops answering

    @Test
    void aCardThatStopsAnsweringThePinIsGivenUpAtTheDeadlineAndTheResidentGoesOn() {
        FaultyCard card = placeCard(FaultPlan.builder().hang(Trigger.onIns(VERIFY, 3)).build());
        awaitPad();
        long start = System.nanoTime();
        booth.typeAndSubmit(inner(card).persona().textPin());
        long millis = awaitBackAtTheCard(start);
        System.out.printf("card stopped answering the VERIFY: booth back at the card with a message after %d ms"
                + " (deadline %d ms)%n", millis, DEADLINE.toMillis());
        assertEquals(3, inner(card).triesLeft(PinKind.TEXT), "the PIN never reached the card");
        takeOutAndPlaceAgain(card);
        booth.typeAndSubmit(inner(card).persona().textPin());
        booth.await("Is this you?", v -> v.step() == JourneyStep.CONFIRM_IDENTITY);
    }

    @Test
    void aCardThatStopsAnsweringTheReadOfTheBasic4InfoIsGivenUp() {
        FaultyCard card = placeCard(FaultPlan.builder().hang(Trigger.onIns(READ_BINARY, 1)).build());
        awaitPad();
        long start = System.nanoTime();
        booth.typeAndSubmit(inner(card).persona().textPin());
        awaitBackAtTheCard(start);
        assertFalse(booth.views.stream().anyMatch(v -> v.identity().isPresent()));
        takeOutAndPlaceAgain(card);
        assertEquals(3, booth.journey.view().secret().orElseThrow().triesLeft());
    }

    @Test
    void aCardThatStopsAnsweringTheSignatureIsGivenUpAndTheAnswersAreKept() {
        FaultyCard card = placeCard(FaultPlan.builder().hang(Trigger.onIns(SIGN, 1)).build());
        awaitPad();
        booth.typeAndSubmit(inner(card).persona().textPin());
        booth.await("Is this you?", v -> v.step() == JourneyStep.CONFIRM_IDENTITY);
        booth.journey.confirmIdentity(true);
        booth.journey.changeAnswers();
        String firstQuestion = booth.journey.view().question().orElseThrow().id();
        booth.journey.back(); // back to the usual answers, then accept them
        booth.journey.acceptUsualAnswers();
        booth.await("the review", v -> v.review().isPresent());
        booth.journey.confirmReview();
        booth.await("the signature keyboard", v -> v.secret().map(s -> s.padShown()).orElse(false));
        long start = System.nanoTime();
        booth.typeAndSubmit(inner(card).persona().signaturePassword());
        long millis = awaitBackAtTheCard(start);
        System.out.printf("card stopped answering the signature: back at the card after %d ms%n", millis);
        booth.journey.awaitStoreWrites(JourneyHarness.WAIT);
        assertEquals(0, booth.store.outbox().size(), "nothing signed, nothing stored");
        assertTrue(booth.hq.deliveries().isEmpty());
        assertTrue(booth.journey.view().review().isEmpty(), "the preview with the name is wiped");

        takeOutAndPlaceAgain(card);
        booth.typeAndSubmit(inner(card).persona().textPin());
        booth.await("Is this you?", v -> v.step() == JourneyStep.CONFIRM_IDENTITY);
        booth.journey.confirmIdentity(true);
        assertTrue(booth.journey.view().usualAnswers().stream().anyMatch(a -> a.questionId().equals(firstQuestion)));
        booth.journey.acceptUsualAnswers();
        booth.await("the review", v -> v.review().isPresent());
        booth.journey.confirmReview();
        booth.await("the signature keyboard", v -> v.secret().map(s -> s.padShown()).orElse(false));
        assertEquals(5, booth.journey.view().secret().orElseThrow().triesLeft());
        booth.typeAndSubmit(inner(card).persona().signaturePassword());
        booth.await("queued", v -> v.call().map(c -> c.phase() == CallPhase.QUEUED).orElse(false));
        assertEquals(1, booth.hq.deliveries().size());
    }

    @Test
    void aCardThatDoesNotAnswerItsFirstQueryIsSaidToBeUnreadable() {
        long start = System.nanoTime();
        placeCard(FaultPlan.builder().hang(Trigger.onIns(VERIFY, 1)).build());
        JourneyView view = booth.await("unreadable", v -> v.card() == CardPrompt.UNREADABLE);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("card silent from the start: 'unreadable' shown after %d ms%n", millis);
        assertEquals(JourneyStep.PLACE_CARD, view.step());
        assertEquals(Optional.of("card.unreadable"), view.problemKey());
        booth.removeCard();
        booth.await("waiting again", v -> v.card() == CardPrompt.WAITING_FOR_CARD);
        booth.insert("default");
        awaitPad();
    }

    // ------------------------------------------------------------------ data that is not what it should be

    private static final byte[] TEXT = MyNumberSpec.AID_TEXT;

    private static byte[] basic4WithName(String name) {
        return TextApEncoder.basic4(new Basic4Info(name, "東京都千代田区霞が関１－２－３", LocalDate.of(1980, 2, 17), Sex.MALE));
    }

    static Stream<Arguments> hostileCards() {
        byte[] invalidUtf8 = basic4WithName("見本\u3000太郎");
        invalidUtf8[18] = (byte) 0xFF; // inside the name's first character
        Function<FaultPlan.Builder, FaultPlan.Builder> none = b -> b;
        return Stream.of(
                Arguments.of("a name with a control character",
                        plan(b -> b.serveFile(TEXT, 0x0002, basic4WithName("見本\u0000太郎\u001B[2J")))),
                Arguments.of("a name with a right-to-left override",
                        plan(b -> b.serveFile(TEXT, 0x0002, basic4WithName("見本\u202E郎太")))),
                Arguments.of("a name that is not UTF-8", plan(b -> b.serveFile(TEXT, 0x0002, invalidUtf8))),
                Arguments.of("a name of 5000 characters",
                        plan(b -> b.serveFile(TEXT, 0x0002, basic4WithName("見".repeat(5000))))),
                Arguments.of("a header announcing more than the file holds",
                        plan(b -> b.serveFile(TEXT, 0x0002, Hex.decode("FF20820400DF2108000E00200050005B")))),
                Arguments.of("a file announced as 1 MB that never ends",
                        plan(b -> b.endlessFile(TEXT, 0x0002, Hex.decode("FF8310000000")))),
                Arguments.of("READ BINARY answering more than asked", plan(b -> b.readBinaryLengthOffBy(5000))),
                Arguments.of("6F00 to the READ BINARY", plan(b -> b.answerStatus(Trigger.onIns(READ_BINARY, 1), 0x6F00))),
                Arguments.of("6700 to the READ BINARY", plan(b -> b.answerStatus(Trigger.onIns(READ_BINARY, 1), 0x6700))),
                Arguments.of("endless 61xx to the READ BINARY", plan(b -> b.moreDataForever(Trigger.onIns(READ_BINARY, 1)))),
                Arguments.of("the integrity record's hash not matching (one name byte garbled)",
                        plan(b -> b.garbleData(Trigger.onIns(READ_BINARY, 1), 20))),
                Arguments.of("no fault (guard: the same steps reach 'Is this you?')", plan(none)));
    }

    private static FaultPlan plan(Function<FaultPlan.Builder, FaultPlan.Builder> faults) {
        return faults.apply(FaultPlan.builder()).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileCards")
    void badCardDataIsRefusedAndNeverShownAsAName(String what, FaultPlan plan) {
        FaultyCard card = placeCard(plan);
        awaitPad();
        long start = System.nanoTime();
        booth.typeAndSubmit(inner(card).persona().textPin());
        if (plan.faults().isEmpty() && plan.servedFiles().isEmpty() && plan.readBinaryLengthOffBy() == 0) {
            booth.await("Is this you?", v -> v.step() == JourneyStep.CONFIRM_IDENTITY && v.identity().isPresent());
            return;
        }
        JourneyView refused = booth.await("the card problem", v -> v.problemKey().equals(Optional.of(JourneyText.PROBLEM_CARD))
                && v.busyKey().isEmpty());
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("hostile card, %s: refused after %d ms, %d APDUs%n", what, millis, card.apduCount());
        assertEquals(JourneyStep.PIN, refused.step());
        assertFalse(booth.views.stream().anyMatch(v -> v.identity().isPresent()), "no name was ever shown");
        assertTrue(card.apduCount() < 100, card.apduCount() + " APDUs: the booth stopped reading early");
        booth.journey.cancel();
        booth.await("the attract screen", v -> v.step() == JourneyStep.ATTRACT);
    }

    @Test
    void aCardSaying9000ToAWrongPinShowsNothingOfTheResident() {
        FaultyCard card = placeCard(FaultPlan.builder().answerStatus(Trigger.onIns(VERIFY, 3), 0x9000).build());
        awaitPad();
        booth.typeAndSubmit("9999");
        JourneyView refused = booth.await("the card problem", v -> v.problemKey().equals(Optional.of(JourneyText.PROBLEM_CARD))
                && v.busyKey().isEmpty());
        assertFalse(booth.views.stream().anyMatch(v -> v.identity().isPresent()), "the card keeps its data locked");
        assertEquals(2, inner(card).triesLeft(PinKind.TEXT), "the card counted the wrong PIN, whatever it said");
        assertEquals(JourneyStep.PIN, refused.step());
    }

    @Test
    void a63CxAnswerToTheSelectIsAnUnreadableCard() {
        placeCard(FaultPlan.builder().answerStatus(Trigger.onIns(0xA4, 1), 0x63C2).build());
        JourneyView view = booth.await("unreadable", v -> v.card() == CardPrompt.UNREADABLE);
        assertEquals(Optional.of("card.unreadable"), view.problemKey());
        assertEquals(JourneyStep.PLACE_CARD, view.step());
    }
}
