package jp.madoguchi.kiosk.journey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.jpki.JpkiSignatureVerifier;
import jp.madoguchi.card.jpki.VerificationReport;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.hqlink.message.CallRequest;
import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.journey.JourneyView.CallPhase;
import jp.madoguchi.kiosk.pin.PinScreen;
import jp.madoguchi.kiosk.pin.SecretEntry;
import jp.madoguchi.kiosk.session.EndCause;
import jp.madoguchi.kiosk.session.JourneyStep;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.JoinRequest;
import jp.madoguchi.video.VideoState;
import jp.madoguchi.video.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The booth's journey end to end over the emulated card, the real store, and fake headquarters and video. */
class BoothJourneyTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

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

    private static boolean isPng(byte[] bytes) {
        return bytes.length > 8 && java.util.Arrays.equals(java.util.Arrays.copyOf(bytes, 8), PNG_SIGNATURE);
    }

    @Test
    void theWhole住民票JourneyToTheReceiptInEightTouchesAndThenEverythingIsWiped() throws Exception {
        Journey journey = booth.journey;
        assertEquals(JourneyStep.ATTRACT, journey.view().step());

        journey.chooseLanguage(BoothLanguage.JAPANESE);
        JourneyView menu = journey.view();
        assertEquals(JourneyStep.PROCEDURE, menu.step());
        assertEquals("住民票の写し", menu.procedures().get(0).title());
        assertEquals("市民課", menu.procedures().get(0).department());

        journey.chooseProcedure("juminhyo");
        assertEquals(JourneyStep.PLACE_CARD, journey.view().step());
        assertEquals(CardPrompt.WAITING_FOR_CARD, journey.view().card());

        EmulatedMyNumberCard card = booth.insert("default");
        JourneyView pin = booth.await("the PIN pad", v -> v.step() == JourneyStep.PIN && v.busyKey().isEmpty());
        assertTrue(booth.views.stream().anyMatch(v -> v.cue().equals(Optional.of(AudioCue.CARD_DETECTED))));
        PinScreen pad = pin.secret().orElseThrow();
        assertEquals(PinKind.TEXT, pad.kind());
        assertEquals(PinScreen.Mode.ENTRY, pad.mode());
        assertEquals(3, pad.triesLeft(), "the tries left are shown before the pad");
        assertEquals(3, card.triesLeft(PinKind.TEXT), "reading them spent none");
        SecretEntry pinEntry = journey.secretEntry().orElseThrow();

        booth.typeAndSubmit(card.persona().textPin());
        JourneyView identity = booth.await("Is this you?", v -> v.step() == JourneyStep.CONFIRM_IDENTITY);
        JourneyView.IdentityView me = identity.identity().orElseThrow();
        assertEquals(card.persona().name(), me.name());
        assertEquals(card.persona().address(), me.address());
        assertEquals("昭和55年2月17日（1980年2月17日）", me.birthDate());
        assertEquals(JourneyText.SEX_MALE, me.sexKey());
        assertFalse(me.toString().contains(card.persona().name()));

        journey.confirmIdentity(true);
        JourneyView usual = journey.view();
        assertEquals(JourneyStep.QUESTIONS, usual.step());
        assertEquals(List.of("scope", "contents", "purpose", "copies"),
                usual.usualAnswers().stream().map(JourneyView.AnswerView::questionId).toList());
        assertEquals("ご本人だけ", usual.usualAnswers().get(0).answer());
        assertTrue(usual.question().isEmpty());

        journey.acceptUsualAnswers();
        JourneyView review = booth.await("the review", v -> v.step() == JourneyStep.REVIEW && v.review().isPresent());
        JourneyView.ReviewView form = review.review().orElseThrow();
        assertTrue(isPng(form.previewPng()));
        assertTrue(form.widthPx() > 500 && form.heightPx() > 500, form.toString());
        assertTrue(form.fields().stream().anyMatch(f -> f.source().startsWith("card.")
                && f.value().contains("見本")), "the name from the card is on the form");
        assertTrue(form.fields().stream().anyMatch(f -> f.source().startsWith("answer.")));
        assertTrue(form.clerkCheckFieldIds().isEmpty());
        byte[] preview = form.previewPng();

        journey.confirmReview();
        JourneyView signature = booth.await("the signature keyboard", v -> v.step() == JourneyStep.SIGNATURE
                && v.secret().map(PinScreen::padShown).orElse(false));
        assertEquals(PinKind.SIGNATURE, signature.secret().orElseThrow().kind());
        assertEquals(5, signature.secret().orElseThrow().triesLeft());
        SecretEntry passwordEntry = journey.secretEntry().orElseThrow();
        booth.typeAndSubmit(card.persona().signaturePassword().toLowerCase());

        JourneyView queued = booth.await("in the queue", v -> v.call().map(c -> c.phase() == CallPhase.QUEUED)
                .orElse(false));
        assertEquals(1, booth.hq.deliveries().size());
        FakeHeadquartersLink.Delivery delivery = booth.hq.deliveries().get(0);
        assertTrue(delivery.boothReference().matches("MD-[0-9]{8}-[A-Z0-9]{6}"), delivery.boothReference());
        assertEquals("juminhyo", delivery.submission().formId());
        assertEquals("citizens", delivery.submission().routing());
        byte[] signedJson = Base64.getDecoder().decode(delivery.submission().canonicalJsonBase64());
        assertTrue(new String(signedJson, StandardCharsets.UTF_8).contains(delivery.boothReference()));
        Path trust = dir.resolve("trust");
        TestAuthority.shared().exportTrustMaterial(trust);
        VerificationReport verified = JpkiSignatureVerifier.fromDirectory(trust)
                .verify(Base64.getDecoder().decode(delivery.submission().cmsBase64()), null);
        assertEquals(VerificationReport.Status.PASSED, verified.status(VerificationReport.Check.SIGNATURE),
                verified.checks().toString());
        assertEquals(0, booth.store.outbox().size(), "delivered, so deleted from the outbox");
        assertEquals(List.of(new CallRequest("citizens", "juminhyo", false, delivery.hqReference())),
                booth.hq.callRequests());
        assertEquals(Optional.of(delivery.hqReference()), queued.call().orElseThrow().reference());
        assertEquals(2, queued.call().orElseThrow().position().getAsInt());

        booth.hq.queuePosition(1);
        assertEquals(1, journey.view().call().orElseThrow().position().getAsInt());
        booth.hq.answerCall("room-17");
        JoinRequest join = booth.video.joinRequests().get(0);
        assertEquals(JourneyHarness.DISPLAY_NAME, join.displayName(), "never the resident's name");
        assertEquals(CallRole.RESIDENT, join.role());
        assertEquals("ja", join.language().getLanguage());
        assertEquals("room-17", join.room());
        booth.await("connecting", v -> v.call().orElseThrow().phase() == CallPhase.CONNECTING);
        booth.video.peerJoins("Clerk");
        booth.await("in the call", v -> v.call().orElseThrow().phase() == CallPhase.IN_CALL);
        assertTrue(booth.views.stream().anyMatch(v -> v.cue().equals(Optional.of(AudioCue.CALL_CONNECTED))));
        booth.hq.sendDecision(Outcome.ACCEPTED, "受け付けました");
        assertEquals(Outcome.ACCEPTED, journey.view().call().orElseThrow().decision().orElseThrow().outcome());
        booth.video.remoteEnds();

        JourneyView receipt = booth.await("the receipt", v -> v.step() == JourneyStep.RECEIPT && v.receipt().isPresent());
        JourneyView.ReceiptView slip = receipt.receipt().orElseThrow();
        assertEquals(delivery.hqReference(), slip.reference());
        assertTrue(slip.delivered());
        assertTrue(slip.printed());
        assertTrue(slip.text().contains(delivery.hqReference()));
        assertFalse(slip.text().contains("見本"), "no name on the receipt");
        assertTrue(isPng(slip.receiptPng()) && isPng(slip.qrPng()));
        assertEquals(List.of(slip.text()), booth.printer.printed);
        assertEquals(Outcome.ACCEPTED, receipt.call().orElseThrow().decision().orElseThrow().outcome(),
                "the decision stays on the receipt screen");

        journey.finish();
        assertEquals(JourneyStep.TAKE_CARD, journey.view().step());
        assertEquals(8, booth.journey.touchesThisSession(), "touches for a 住民票, PIN and password keys excluded");
        booth.removeCard();
        JourneyView attract = booth.await("the attract screen", v -> v.step() == JourneyStep.ATTRACT);
        assertEquals(Optional.empty(), attract.lastEnd(), "a completed journey leaves no message");
        assertTrue(attract.identity().isEmpty() && attract.review().isEmpty() && attract.receipt().isEmpty());
        assertTrue(pinEntry.isTaken() || pinEntry.isClosed());
        assertTrue(passwordEntry.isTaken() || passwordEntry.isClosed());
        assertEquals(0, passwordEntry.length());
        assertArrayEquals(new byte[preview.length], preview, "the preview's bytes are zeroed");
        assertTrue(journey.secretEntry().isEmpty());
    }

    @Test
    void aWrongPinSpendsOneTryShowsTheTriesLeftAndIsNeverSentAgain() {
        EmulatedMyNumberCard card = booth.toPin("default");
        booth.typeAndSubmit("9999");
        JourneyView wrong = booth.await("the wrong PIN's answer", v -> v.secret().map(s -> s.triesLeft() == 2)
                .orElse(false));
        PinScreen screen = wrong.secret().orElseThrow();
        assertEquals(PinScreen.Mode.ENTRY, screen.mode());
        assertEquals("pin.error.wrong", screen.messageKeys().get(0));
        assertEquals(2, card.triesLeft(PinKind.TEXT));
        assertTrue(booth.views.stream().anyMatch(v -> v.cue().equals(Optional.of(AudioCue.ERROR))));

        // OK again without typing: refused by the booth, nothing goes to the card
        booth.journey.submitSecret();
        assertTrue(booth.journey.view().secret().orElseThrow().messageKeys().contains("pin.refused.type_again"));
        assertEquals(2, card.triesLeft(PinKind.TEXT));
        assertEquals(JourneyStep.PIN, booth.journey.view().step());
    }

    @Test
    void atOneTryLeftTheResidentIsWarnedAndOfferedAClerk() {
        booth.toPin("pin-one-try");
        PinScreen screen = booth.journey.view().secret().orElseThrow();
        assertEquals(PinScreen.Mode.LAST_TRY, screen.mode());
        assertTrue(screen.warnsLastTry() && screen.offersClerk());
        assertTrue(screen.messageKeys().contains("pin.warning.last_try"));

        booth.journey.talkToClerk();
        JourneyView call = booth.await("queued for a clerk", v -> v.step() == JourneyStep.CALL
                && v.call().map(c -> c.phase() == CallPhase.QUEUED).orElse(false));
        assertEquals(List.of(new CallRequest("citizens", "juminhyo", false, null)), booth.hq.callRequests());
        assertTrue(call.secret().isEmpty());
        assertTrue(booth.journey.secretEntry().isEmpty());
    }

    @Test
    void aBlockedCardIsExplainedWithoutAPadAndAClerkIsOffered() {
        EmulatedMyNumberCard card = booth.toPin("pin-blocked");
        PinScreen screen = booth.journey.view().secret().orElseThrow();
        assertEquals(PinScreen.Mode.BLOCKED, screen.mode());
        assertTrue(screen.messageKeys().contains("pin.blocked.explain"));
        assertTrue(screen.offersClerk());
        assertTrue(booth.journey.secretEntry().isEmpty(), "no pad for a blocked PIN");
        booth.journey.submitSecret();
        assertEquals(0, card.triesLeft(PinKind.TEXT));
        assertEquals(JourneyStep.PIN, booth.journey.view().step());
    }

    @Test
    void removingTheCardMidJourneyEndsTheSessionAndWipesIt() {
        booth.toIdentity();
        booth.journey.confirmIdentity(true);
        assertEquals(JourneyStep.QUESTIONS, booth.journey.view().step());
        booth.removeCard();
        JourneyView attract = booth.await("back to attract", v -> v.step() == JourneyStep.ATTRACT);
        assertEquals(Optional.of(EndCause.CARD_REMOVED), attract.lastEnd());
        assertTrue(attract.identity().isEmpty());
        assertTrue(attract.usualAnswers().isEmpty());
        assertTrue(attract.language().isEmpty());
    }

    @Test
    void inactivityShowsACountdownThatATouchCancelsThenEndsTheSession() {
        booth.toIdentity();
        booth.journey.confirmIdentity(true);
        booth.time.advance(JourneyHarness.TIMEOUT.minus(JourneyHarness.WARNING));
        JourneyView warning = booth.journey.view();
        assertEquals(20, warning.countdownSeconds().getAsInt());
        assertEquals(Optional.of(AudioCue.WARNING), warning.cue());
        booth.time.advance(Duration.ofSeconds(5));
        assertEquals(15, booth.journey.view().countdownSeconds().getAsInt());

        booth.journey.activity();
        assertTrue(booth.journey.view().countdownSeconds().isEmpty());
        assertEquals(JourneyStep.QUESTIONS, booth.journey.view().step());

        booth.time.advance(JourneyHarness.TIMEOUT);
        JourneyView attract = booth.journey.view();
        assertEquals(JourneyStep.ATTRACT, attract.step());
        assertEquals(Optional.of(EndCause.INACTIVITY), attract.lastEnd());
        assertTrue(attract.identity().isEmpty() && attract.countdownSeconds().isEmpty());
    }

    @Test
    void whenHeadquartersIsUnreachableTheApplicationStaysInTheOutboxAndTheReceiptCarriesTheBoothReference() {
        EmulatedMyNumberCard card = booth.toIdentity();
        booth.hq.goOffline();
        booth.journey.confirmIdentity(true);
        booth.journey.acceptUsualAnswers();
        booth.await("the review", v -> v.review().isPresent());
        booth.journey.confirmReview();
        booth.await("the signature keyboard", v -> v.secret().map(PinScreen::padShown).orElse(false));
        booth.typeAndSubmit(card.persona().signaturePassword());

        JourneyView receipt = booth.await("the receipt", v -> v.step() == JourneyStep.RECEIPT && v.receipt().isPresent());
        assertEquals(CallPhase.UNAVAILABLE, receipt.call().orElseThrow().phase());
        assertEquals(Optional.of(JourneyText.PROBLEM_HQ_UNAVAILABLE), receipt.problemKey());
        JourneyView.ReceiptView slip = receipt.receipt().orElseThrow();
        assertFalse(slip.delivered());
        assertTrue(slip.reference().startsWith("MD-"), slip.reference());
        assertTrue(slip.text().contains(slip.reference()));
        assertFalse(receipt.link().online());
        booth.journey.awaitStoreWrites(JourneyHarness.WAIT);
        assertEquals(1, booth.store.outbox().size());
        assertEquals(slip.reference(), booth.store.outbox().pending().get(0).reference());
        assertTrue(booth.hq.callRequests().isEmpty());

        booth.journey.finish();
        booth.removeCard();
        booth.await("attract", v -> v.step() == JourneyStep.ATTRACT);
        assertEquals(1, booth.store.outbox().size(), "the wipe leaves the signed application in the outbox");

        booth.hq.goOnline();
        assertEquals(1, booth.hq.deliveries().size());
        assertEquals(slip.reference(), booth.hq.deliveries().get(0).boothReference());
        assertEquals(0, booth.store.outbox().size());
        booth.hq.goOnline();
        assertEquals(1, booth.hq.deliveries().size(), "delivered exactly once");
    }

    @Test
    void notMeEndsTheSessionAndWipesIt() {
        booth.toIdentity();
        booth.journey.confirmIdentity(false);
        JourneyView attract = booth.journey.view();
        assertEquals(JourneyStep.ATTRACT, attract.step());
        assertEquals(Optional.of(EndCause.CANCELLED), attract.lastEnd());
        assertTrue(attract.identity().isEmpty());
    }

    @Test
    void backGoesToThePreviousQuestionThenTheUsualAnswersThenIsThisYou() {
        booth.toIdentity();
        Journey journey = booth.journey;
        journey.confirmIdentity(true);
        journey.changeAnswers();
        JourneyView.QuestionView first = journey.view().question().orElseThrow();
        assertEquals("scope", first.id());
        assertEquals(1, first.number());
        assertEquals(4, first.count());
        assertEquals(Optional.of("self"), first.currentValue());
        assertEquals(List.of("ご本人だけ", "世帯全員"), first.choices().stream().map(JourneyView.ChoiceView::label).toList());

        journey.answer("household");
        assertEquals("contents", journey.view().question().orElseThrow().id());
        journey.answer("no-such-choice");
        assertEquals(Optional.of(JourneyText.PROBLEM_ANSWER_INVALID), journey.view().problemKey());
        assertEquals("contents", journey.view().question().orElseThrow().id());

        journey.back();
        JourneyView.QuestionView again = journey.view().question().orElseThrow();
        assertEquals("scope", again.id());
        assertEquals(Optional.of("household"), again.currentValue(), "the answer given is kept");
        journey.back();
        assertTrue(journey.view().question().isEmpty());
        assertEquals(4, journey.view().usualAnswers().size());
        assertEquals("世帯全員", journey.view().usualAnswers().get(0).answer());
        journey.back();
        assertEquals(JourneyStep.CONFIRM_IDENTITY, journey.view().step());
        assertTrue(journey.view().identity().isPresent());

        journey.confirmIdentity(true);
        journey.changeAnswers();
        journey.answer("self");
        journey.answer("basic");
        journey.answer("other");
        JourneyView.QuestionView copies = journey.view().question().orElseThrow();
        assertEquals(JourneyView.QuestionView.Kind.NUMBER, copies.kind());
        assertEquals(1, copies.min());
        assertEquals(10, copies.max());
        journey.answer("11");
        assertEquals(Optional.of(JourneyText.PROBLEM_ANSWER_INVALID), journey.view().problemKey());
        journey.answer("2");
        JourneyView review = booth.await("the review", v -> v.review().isPresent());
        assertTrue(review.review().orElseThrow().fields().stream().anyMatch(f -> f.value().contains("600")),
                "two copies at 300 yen");
    }

    @Test
    void backFromTheMenuGoesToTheLanguagesAndFromThereToTheAttractScreen() {
        booth.journey.touchToStart();
        assertEquals(JourneyStep.LANGUAGE, booth.journey.view().step());
        booth.journey.chooseLanguage(BoothLanguage.ENGLISH);
        assertEquals("Certificate of residence (jūminhyō)", booth.journey.view().procedures().get(0).title());
        booth.journey.back();
        assertEquals(JourneyStep.LANGUAGE, booth.journey.view().step());
        booth.journey.back();
        assertEquals(JourneyStep.ATTRACT, booth.journey.view().step());
        assertEquals(Optional.empty(), booth.journey.view().lastEnd(), "nothing to explain on the attract screen");
    }

    @Test
    void backFromThePinPadAsksForTheCardAgainAndTheTriesLeftAreReadAgain() {
        EmulatedMyNumberCard card = booth.toPin("default");
        booth.typeAndSubmit("9999");
        booth.await("the wrong PIN's answer", v -> v.secret().map(s -> s.triesLeft() == 2).orElse(false));
        booth.journey.back();
        JourneyView place = booth.journey.view();
        assertEquals(JourneyStep.PLACE_CARD, place.step());
        assertEquals(CardPrompt.WAITING_FOR_CARD, place.card());
        assertTrue(booth.journey.secretEntry().isEmpty());
        booth.removeCard();
        // the view already says "place your card": wait until the journey has seen the card go, or a quick
        // re-insert would look to the slot like a card that never left
        Poll.until(Duration.ofSeconds(30), () -> !booth.journey.cardInReader(), () -> "the removal seen");
        booth.await("no card", v -> v.card() == CardPrompt.WAITING_FOR_CARD);
        assertEquals(JourneyStep.PLACE_CARD, booth.journey.view().step(), "taking the card out here ends nothing");
        booth.terminals.insert(JourneyHarness.READER, card);
        JourneyView pin = booth.await("the PIN pad again", v -> v.step() == JourneyStep.PIN && v.busyKey().isEmpty());
        assertEquals(2, pin.secret().orElseThrow().triesLeft(), "the card's own count, read again");
        booth.typeAndSubmit(card.persona().textPin());
        booth.await("Is this you?", v -> v.step() == JourneyStep.CONFIRM_IDENTITY);
    }

    @Test
    void justTalkingToAClerkFromTheMenuCallsWithoutACardAndEndsWithTheCall() {
        booth.journey.chooseLanguage(BoothLanguage.ENGLISH);
        booth.journey.talkToClerk();
        JourneyView queued = booth.await("queued", v -> v.call().map(c -> c.phase() == CallPhase.QUEUED).orElse(false));
        assertEquals(Optional.empty(), queued.call().orElseThrow().reference());
        assertEquals(List.of(new CallRequest(BoothJourney.CLERK_ROUTING, BoothJourney.CLERK_PROCEDURE, false, null)),
                booth.hq.callRequests());
        booth.hq.answerCall("room-9");
        assertEquals("en", booth.video.joinRequests().get(0).language().getLanguage());
        booth.video.peerJoins("Clerk");
        booth.await("in the call", v -> v.call().map(c -> c.phase() == CallPhase.IN_CALL).orElse(false));
        assertEquals(VideoState.IN_CALL, booth.video.status().state());
        booth.video.remoteEnds();
        JourneyView attract = booth.await("attract", v -> v.step() == JourneyStep.ATTRACT);
        assertEquals(Optional.empty(), attract.lastEnd());
    }

    @Test
    void cancellingWhileQueuedLeavesTheQueue() {
        booth.journey.chooseLanguage(BoothLanguage.JAPANESE);
        booth.journey.talkToClerk();
        booth.await("queued", v -> v.call().map(c -> c.phase() == CallPhase.QUEUED).orElse(false));
        booth.journey.cancel();
        assertEquals(JourneyStep.ATTRACT, booth.journey.view().step());
        assertEquals(List.of("call-1"), booth.hq.cancelledCalls());
    }

    @Test
    void actionsThatDoNotFitTheStepAreIgnored() {
        booth.journey.submitSecret();
        booth.journey.confirmReview();
        booth.journey.finish();
        booth.journey.back();
        assertEquals(JourneyStep.ATTRACT, booth.journey.view().step());
        booth.journey.chooseLanguage(BoothLanguage.JAPANESE);
        booth.journey.chooseProcedure("no-such-form");
        assertEquals(JourneyStep.PROCEDURE, booth.journey.view().step());
        assertNull(booth.journey.secretEntry().orElse(null));
    }
}
