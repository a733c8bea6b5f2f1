package jp.madoguchi.kiosk.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.VirtualCard;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.journey.JourneyView.CallPhase;
import jp.madoguchi.kiosk.pin.PinScreen;
import jp.madoguchi.kiosk.session.JourneyStep;
import jp.madoguchi.video.EndReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journey's less travelled paths: no printer, odd cards, no reader, a slow headquarters, a failed call. */
class BoothJourneyEdgeTest {
    @TempDir
    Path dir;

    /** A card that answers nothing as a My Number card does (a transit card, a bank card). */
    private static final class ForeignCard implements VirtualCard {
        @Override
        public byte[] atr() {
            return new byte[] {0x3B, 0x00};
        }

        @Override
        public void powerOn() {
        }

        @Override
        public void powerOff() {
        }

        @Override
        public void reset() {
        }

        @Override
        public byte[] transmit(byte[] command) throws CardException {
            return new byte[] {0x6A, (byte) 0x82};
        }
    }

    @Test
    void withoutAPrinterTheReceiptIsShownAsAQrCodeOfTheReferenceOnly() throws Exception {
        try (JourneyHarness booth = new JourneyHarness(dir, false)) {
            EmulatedMyNumberCard card = booth.toIdentity();
            booth.toSignature();
            booth.typeAndSubmit(card.persona().signaturePassword());
            booth.await("queued", v -> v.call().map(c -> c.phase() == CallPhase.QUEUED).orElse(false));
            booth.hq.answerCall("room-1");
            booth.video.fail(EndReason.CAMERA_NOT_FOUND);
            JourneyView receipt = booth.await("the receipt", v -> v.receipt().isPresent());
            assertFalse(receipt.receipt().orElseThrow().printed());
            assertEquals(1, booth.printer.printed.size(), "the printer was asked");
            assertTrue(receipt.receipt().orElseThrow().qrPng().length > 100);
            assertEquals(CallPhase.ENDED, receipt.call().orElseThrow().phase());
            assertEquals(Optional.of(JourneyText.PROBLEM_VIDEO), receipt.problemKey(), "the failed call is explained");
        }
    }

    @Test
    void aCardThatIsNotAMyNumberCardIsSaidToBeUnreadable() throws Exception {
        try (JourneyHarness booth = new JourneyHarness(dir)) {
            booth.journey.chooseLanguage(BoothLanguage.ENGLISH);
            booth.journey.chooseProcedure("juminhyo");
            booth.terminals.insert(JourneyHarness.READER, new ForeignCard());
            JourneyView view = booth.await("unreadable", v -> v.card() == CardPrompt.UNREADABLE);
            assertEquals(JourneyStep.PLACE_CARD, view.step());
            assertEquals(Optional.of("card.not_my_number"), view.problemKey());
            booth.removeCard();
            JourneyView again = booth.await("waiting again", v -> v.card() == CardPrompt.WAITING_FOR_CARD);
            assertEquals(JourneyStep.PLACE_CARD, again.step(), "taking a wrong card out ends nothing");
            booth.insert("default");
            booth.await("the PIN pad", v -> v.step() == JourneyStep.PIN && v.busyKey().isEmpty());
        }
    }

    @Test
    void aMissingReaderIsShownOnThePlaceYourCardScreen() throws Exception {
        try (JourneyHarness booth = new JourneyHarness(dir)) {
            // the start's snapshot, then the slot's "reader ready": the watcher runs, so a detach is seen
            jp.madoguchi.video.testing.Poll.until(JourneyHarness.WAIT, () -> booth.views.size() >= 2,
                    () -> booth.views.size() + " snapshots");
            booth.journey.chooseLanguage(BoothLanguage.JAPANESE);
            booth.journey.chooseProcedure("juminhyo");
            booth.terminals.detachReader(JourneyHarness.READER);
            JourneyView view = booth.await("reader missing", v -> v.card() == CardPrompt.READER_MISSING);
            assertEquals(Optional.of("card.reader_missing"), view.problemKey());
            booth.terminals.attachReader(JourneyHarness.READER);
            booth.await("reader back", v -> v.card() == CardPrompt.WAITING_FOR_CARD && v.problemKey().isEmpty());
        }
    }

    @Test
    void aWrongSignaturePasswordSpendsOneTryAndIsNotSentAgain() throws Exception {
        try (JourneyHarness booth = new JourneyHarness(dir)) {
            EmulatedMyNumberCard card = booth.toIdentity();
            booth.toSignature();
            booth.typeAndSubmit("WRONG1");
            JourneyView wrong = booth.await("the answer", v -> v.secret().map(s -> s.triesLeft() == 4).orElse(false));
            assertEquals("password.error.wrong", wrong.secret().orElseThrow().messageKeys().get(0));
            assertEquals(4, card.triesLeft(PinKind.SIGNATURE));
            booth.journey.submitSecret();
            assertEquals(4, card.triesLeft(PinKind.SIGNATURE));
            assertTrue(booth.store.outbox().size() == 0 && booth.hq.deliveries().isEmpty(), "nothing was signed");

            booth.journey.back();
            assertEquals(JourneyStep.REVIEW, booth.journey.view().step());
            assertTrue(booth.journey.secretEntry().isEmpty());
            booth.journey.confirmReview();
            booth.await("the keyboard again", v -> v.secret().map(PinScreen::padShown).orElse(false));
            assertEquals(4, booth.journey.view().secret().orElseThrow().triesLeft());
            booth.typeAndSubmit(card.persona().signaturePassword());
            booth.await("queued", v -> v.call().map(c -> c.phase() == CallPhase.QUEUED).orElse(false));
            assertEquals(5, card.triesLeft(PinKind.SIGNATURE), "a right password resets the counter");
        }
    }

    @Test
    void whenHeadquartersDoesNotConfirmInTimeTheResidentGoesOnWithTheBoothReference() throws Exception {
        try (JourneyHarness booth = new JourneyHarness(dir)) {
            EmulatedMyNumberCard card = booth.toIdentity();
            booth.hq.holdDeliveries(true);
            booth.toSignature();
            booth.typeAndSubmit(card.persona().signaturePassword());
            booth.await("asking headquarters", v -> v.call().map(c -> c.phase() == CallPhase.REQUESTING)
                    .orElse(false));
            assertEquals(1, booth.hq.deliverNowCalls(), "the outbox sender was woken at once");
            booth.time.advance(Duration.ofSeconds(21));
            JourneyView receipt = booth.await("the receipt", v -> v.receipt().isPresent());
            assertEquals(CallPhase.UNAVAILABLE, receipt.call().orElseThrow().phase());
            assertFalse(receipt.receipt().orElseThrow().delivered());
            assertTrue(receipt.receipt().orElseThrow().reference().startsWith("MD-"));

            booth.hq.deliverPending();
            assertEquals(1, booth.hq.deliveries().size());
            assertTrue(booth.hq.callRequests().isEmpty(), "no call once the resident has moved on");
            assertEquals(JourneyStep.RECEIPT, booth.journey.view().step());
        }
    }

    @Test
    void theCardTakenOutDuringTheCallEndsItAndHangsUp() throws Exception {
        try (JourneyHarness booth = new JourneyHarness(dir)) {
            EmulatedMyNumberCard card = booth.toIdentity();
            booth.toSignature();
            booth.typeAndSubmit(card.persona().signaturePassword());
            booth.await("queued", v -> v.call().map(c -> c.phase() == CallPhase.QUEUED).orElse(false));
            booth.hq.answerCall("room-1");
            booth.video.peerJoins("Clerk");
            booth.await("in the call", v -> v.call().map(c -> c.phase() == CallPhase.IN_CALL).orElse(false));
            booth.removeCard();
            booth.await("attract", v -> v.step() == JourneyStep.ATTRACT);
            assertEquals(1, booth.video.hangUps());
        }
    }

    @Test
    void charactersTheCardSubstitutedAreMarkedForTheClerkInTheSignedApplicationAndOnTheReceipt() throws Exception {
        try (JourneyHarness booth = new JourneyHarness(dir)) {
            booth.journey.chooseLanguage(BoothLanguage.JAPANESE);
            booth.journey.chooseProcedure("juminhyo");
            EmulatedMyNumberCard card = booth.insert("gaiji");
            booth.await("the PIN pad", v -> v.step() == JourneyStep.PIN && v.busyKey().isEmpty());
            booth.typeAndSubmit(card.persona().textPin());
            JourneyView identity = booth.await("Is this you?", v -> v.step() == JourneyStep.CONFIRM_IDENTITY);
            assertEquals(JourneyText.SEX_FEMALE, identity.identity().orElseThrow().sexKey());
            booth.toSignature();
            booth.typeAndSubmit(card.persona().signaturePassword());
            JourneyView queued = booth.await("queued",
                    v -> v.call().map(c -> c.phase() == CallPhase.QUEUED).orElse(false));
            // the marks come with the signature certificate, after the review: the call screen explains them
            assertEquals(List.of("applicant.name"), queued.review().orElseThrow().clerkCheckFieldIds());
            String signed = new String(java.util.Base64.getDecoder().decode(
                    booth.hq.deliveries().get(0).submission().canonicalJsonBase64()), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(signed.contains("applicant.name"), "the signed application names the field to check: " + signed);
            booth.hq.answerCall("room-1");
            booth.video.remoteEnds();
            JourneyView receipt = booth.await("the receipt", v -> v.receipt().isPresent());
            assertTrue(receipt.receipt().orElseThrow().text().contains("外字"));
        }
    }

    @Test
    void aKanaQuestionWithoutADefaultIsExplainedAsNotYetPossibleHere() throws Exception {
        // no shipped form asks for kana or a postal code; a municipality's own form might
        String inkan;
        try (var in = jp.madoguchi.forms.catalogue.FormCatalogue.class
                .getResourceAsStream(jp.madoguchi.forms.catalogue.FormCatalogue.SHIPPED_FOLDER + "inkan.yaml")) {
            inkan = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String kana = """
                  - id: reading
                    type: kana
                    prompt:
                      ja: お名前のふりがな
                      ja-easy: なまえの よみかた
                      en: Reading of your name
                      zh: 姓名读音
                      ko: 이름 읽는 법
                      vi: Cách đọc tên
                      pt: Leitura do nome
                """;
        String municipal = inkan.replace("questions:\n", "questions:\n" + kana)
                .replace("          - {id: request.copies, label: 通数, source: answer.copies, span: 3}",
                        "          - {id: request.copies, label: 通数, source: answer.copies, span: 3}\n"
                                + "      - cells:\n"
                                + "          - {id: applicant.reading, label: ふりがな, source: answer.reading, span: 12}");
        Path forms = java.nio.file.Files.createDirectories(dir.resolve("forms"));
        java.nio.file.Files.writeString(forms.resolve("inkan.yaml"), municipal);
        try (JourneyHarness booth = new JourneyHarness(dir, true, forms)) {
            booth.journey.chooseLanguage(BoothLanguage.JAPANESE);
            booth.journey.chooseProcedure("inkan");
            EmulatedMyNumberCard card = booth.insert("default");
            booth.await("the PIN pad", v -> v.step() == JourneyStep.PIN && v.busyKey().isEmpty());
            booth.typeAndSubmit(card.persona().textPin());
            booth.await("Is this you?", v -> v.step() == JourneyStep.CONFIRM_IDENTITY);
            booth.journey.confirmIdentity(true);
            assertEquals(1, booth.journey.view().usualAnswers().size(), "copies has a default");
            booth.journey.acceptUsualAnswers();
            JourneyView view = booth.journey.view();
            assertEquals(JourneyStep.QUESTIONS, view.step());
            assertEquals(Optional.of(JourneyText.PROBLEM_QUESTION_UNSUPPORTED), view.problemKey());
            assertTrue(view.question().isEmpty(), "no screen pretends to ask it");
            booth.journey.answer("ミホン");
            assertEquals(JourneyStep.QUESTIONS, booth.journey.view().step(), "and no answer is taken for it");
            booth.journey.cancel();
            assertEquals(JourneyStep.ATTRACT, booth.journey.view().step());
        }
    }

    @Test
    void anApplicationHeadquartersRefusesStaysForItStaffAndAClerkIsStillCalled() throws Exception {
        try (JourneyHarness booth = new JourneyHarness(dir)) {
            EmulatedMyNumberCard card = booth.toIdentity();
            booth.hq.refuseDeliveries("signature_invalid");
            booth.toSignature();
            booth.typeAndSubmit(card.persona().signaturePassword());
            JourneyView queued = booth.await("queued", v -> v.call().map(c -> c.phase() == CallPhase.QUEUED)
                    .orElse(false));
            assertEquals(Optional.empty(), queued.call().orElseThrow().reference());
            assertEquals(1, booth.hq.callRequests().size());
            assertEquals(null, booth.hq.callRequests().get(0).reference());
            assertEquals(1, booth.store.outbox().size());
            assertEquals(1, queued.link().pendingDeliveries());
        }
    }

    @Test
    void theBirthDateIsWrittenForTheLanguage() {
        java.time.LocalDate date = java.time.LocalDate.of(1989, 1, 8);
        assertEquals("平成元年1月8日（1989年1月8日）", BoothJourney.birthDate(date, BoothLanguage.JAPANESE));
        assertEquals("January 8, 1989 (1989-01-08)", BoothJourney.birthDate(date, BoothLanguage.ENGLISH));
        assertTrue(BoothJourney.birthDate(date, BoothLanguage.KOREAN).endsWith("(1989-01-08)"));
    }
}
