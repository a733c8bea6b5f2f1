package jp.madoguchi.kiosk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import javafx.scene.control.Button;
import javafx.scene.image.ImageView;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.Persona;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.hqlink.client.ClerkClient;
import jp.madoguchi.hqlink.message.AnsweredCall;
import jp.madoguchi.hqlink.message.ApplicationStatus;
import jp.madoguchi.hqlink.message.DecisionRequest;
import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.hqlink.message.QueueSummary;
import jp.madoguchi.kiosk.hq.DemoHeadquarters;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.store.OutboxEntry;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.JoinRequest;
import jp.madoguchi.video.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The booth as a resident uses it, on a headless screen, against a real headquarters in demo mode: every step is a
 * touch on the on-screen control (PIN pad and signature keyboard included), every check is what the screen shows
 * or what headquarters stored. One headquarters for the class; a new booth (store, link, journey, window) per test.
 */
class BoothJourneyFxIT {
    private static final BoothLanguage JA = BoothLanguage.JAPANESE;
    private static final Pattern CJK = Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]");
    private static final Pattern BOOTH_REFERENCE = Pattern.compile("MD-[0-9]{8}-[A-Z0-9]{6}");
    private static DemoHeadquarters hq;

    @TempDir
    Path dir;
    private BoothUnderTest booth;

    @BeforeAll
    static void start() throws Exception {
        BoothUnderTest.startToolkit();
        hq = DemoHeadquarters.start();
    }

    @AfterAll
    static void stop() {
        if (hq != null) {
            hq.close();
        }
    }

    @BeforeEach
    void openBooth() throws Exception {
        if (!hq.isRunning()) {
            hq.restart();
        }
        booth = BoothUnderTest.open(hq, dir);
    }

    @AfterEach
    void closeBooth() throws Exception {
        if (booth != null) {
            booth.close();
        }
    }

    // ---- the way there ----

    /** Attract → 日本語 → 住民票 → the card placed → the PIN pad ready (its tries left read first). */
    private EmulatedMyNumberCard toPinPad(String persona) throws Exception {
        booth.awaitScreen("attract");
        booth.touch("#attract-language-japanese");
        booth.awaitScreen("procedure");
        booth.touch("#procedure-juminhyo");
        booth.awaitScreen("place_card");
        booth.awaitText(booth.text(JA, "card.place"));
        return booth.insert(persona);
    }

    private void awaitPadReady() throws Exception {
        booth.await("the PIN pad taking keys", () -> {
            Button key = (Button) booth.window.scene().lookup("#key-1");
            return key != null && !key.isDisabled() ? key : null;
        });
    }

    /** ... → the PIN typed on the pad and OK → "Is this you?". */
    private EmulatedMyNumberCard toIdentity() throws Exception {
        EmulatedMyNumberCard card = toPinPad("default");
        awaitPadReady();
        booth.typeOnPad(card.persona().textPin());
        booth.touch("#key-ok");
        booth.awaitScreen("confirm_identity");
        return card;
    }

    /** ... → yes, it is me → the usual answers accepted → the review with the form's preview. */
    private void toReview() throws Exception {
        booth.touch("#identity-yes");
        booth.awaitScreen("questions");
        booth.touch("#usual-accept");
        booth.awaitScreen("review");
        booth.await("the form's preview drawn", () -> {
            ImageView preview = (ImageView) booth.window.scene().lookup("#review-preview");
            return preview != null && preview.getImage() != null && preview.getImage().getWidth() > 500
                    ? preview : null;
        });
    }

    /** ... → review confirmed → the signature keyboard taking keys. */
    private void toSignatureKeyboard() throws Exception {
        booth.touch("#review-confirm");
        booth.awaitScreen("signature");
        booth.await("the signature keyboard taking keys", () -> {
            Button key = (Button) booth.window.scene().lookup("#key-A");
            return key != null && !key.isDisabled() ? key : null;
        });
    }

    private static List<String> personal(Persona persona) {
        return List.of(persona.name(), persona.address(), persona.individualNumber(),
                persona.birthDate().getYear() + "年" + persona.birthDate().getMonthValue() + "月"
                        + persona.birthDate().getDayOfMonth() + "日",
                persona.birthDate().toString());
    }

    /** Nothing of {@code persona} anywhere in the scene graph: shown or hidden texts, screen-reader texts. */
    private void assertNothingPersonal(Persona persona) throws Exception {
        List<String> texts = booth.allTexts();
        assertFalse(texts.isEmpty());
        for (String text : texts) {
            for (String data : personal(persona)) {
                assertFalse(text.contains(data), "personal data left on the booth's screen: '" + text + "'");
            }
        }
    }

    // ---- the journeys ----

    @Test
    void theWhole住民票JourneyReachesHeadquartersTheClerkDecidesAndTheBoothForgetsTheResident() throws Exception {
        int storedBefore = hq.storedApplications();
        EmulatedMyNumberCard card = toPinPad("default");
        Persona persona = card.persona();
        booth.awaitScreen("pin");
        booth.awaitText("the tries left before the pad", t -> t.contains("あと3回入力できます"));
        awaitPadReady();
        booth.typeOnPad(persona.textPin());
        assertEquals(4, booth.text("#secret-masked").length(), "four masks, never the digits");
        assertFalse(booth.text("#secret-masked").contains(persona.textPin()));
        booth.touch("#key-ok");

        booth.awaitScreen("confirm_identity");
        assertEquals(booth.text(JA, "step.confirm_identity.title"), booth.text("#booth-title"));
        assertEquals(persona.name(), booth.text("#identity-name"));
        assertEquals(persona.address(), booth.text("#identity-address"));
        toReview();
        assertTrue(booth.shownTexts().contains(persona.name()), "the name from the card on the review");

        toSignatureKeyboard();
        booth.awaitText("the signature password's tries left", t -> t.contains("署名用パスワード") && t.contains("あと5回"));
        booth.typeOnPad(persona.signaturePassword());
        booth.touch("#key-ok");

        // the application reaches headquarters and a clerk is asked for
        booth.awaitScreen("call");
        assertEquals(2, booth.pinAttempts(), "the PIN once and the signature password once");
        booth.awaitText("in the queue", t -> java.util.stream.IntStream.rangeClosed(1, 9)
                .anyMatch(n -> t.equals(booth.text(JA, "ui.call.queued", n))));
        String hqReference = booth.journey.view().call().orElseThrow().reference().orElseThrow();
        assertTrue(booth.shownTexts().contains(hqReference), "headquarters' reference on the call screen");
        Poll.until(BoothUnderTest.WAIT, () -> hq.storedApplications() == storedBefore + 1,
                () -> "stored at headquarters: " + hq.storedApplications());
        assertEquals(0, booth.store.outbox().size(), "delivered, so gone from the outbox");

        ClerkClient clerk = hq.clerk();
        AnsweredCall answered = BoothUnderTest.answerCallFor(clerk, hqReference);
        assertNotNull(answered.application(), "the clerk sees the application");
        assertEquals("juminhyo", answered.application().formId());
        assertEquals(ApplicationStatus.VERIFIED, answered.application().status(),
                "headquarters verified the card's signature: " + answered.application().checks());

        Poll.until(BoothUnderTest.WAIT, () -> !booth.video.joinRequests().isEmpty(), () -> "no join yet");
        JoinRequest join = booth.video.joinRequests().get(0);
        assertEquals(answered.room(), join.room());
        assertEquals(BoothUnderTest.DISPLAY_NAME, join.displayName());
        assertFalse(join.displayName().contains(persona.name()), "never the resident's name");
        assertEquals(CallRole.RESIDENT, join.role());
        booth.video.peerJoins("窓口職員");
        Poll.until(BoothUnderTest.WAIT, () -> booth.cues.contains(jp.madoguchi.kiosk.journey.AudioCue.CALL_CONNECTED),
                () -> "cues " + booth.cues);

        String message = "住民票の写しを1通お渡しします。";
        clerk.decide(new DecisionRequest(hqReference, Outcome.ACCEPTED, message));
        booth.awaitText(message);
        booth.awaitText(booth.text(JA, "ui.decision.accepted"));
        booth.video.remoteEnds();

        booth.awaitScreen("receipt");
        assertEquals(hqReference, booth.text("#receipt-reference"));
        assertFalse(booth.shown("#receipt-pending"));
        booth.touch("#receipt-done");
        booth.awaitScreen("take_card");
        booth.awaitText(booth.text(JA, "ui.take_card.hint"));
        assertTrue(booth.touches() <= 8, "touches for a 住民票 (PIN and password keys excluded): " + booth.touches());
        assertEquals(booth.touches(), booth.journey.touchesThisSession(), "the booth counts the same touches");

        booth.removeCard();
        booth.awaitScreen("attract");
        assertFalse(booth.shown("#last-end"), "a completed journey leaves no message");
        assertNothingPersonal(persona);
        assertEquals(storedBefore + 1, hq.storedApplications(), "one application, stored once");
    }

    @Test
    void aWrongPinSpendsExactlyOneTryTheScreenSaysSoAndThePadIsEmptyAgain() throws Exception {
        EmulatedMyNumberCard card = toPinPad("default");
        booth.awaitText("three tries", t -> t.contains("あと3回入力できます"));
        awaitPadReady();
        booth.typeOnPad("9999");
        booth.touch("#key-ok");
        booth.awaitText(booth.text(JA, "pin.error.wrong", 2));
        awaitPadReady();
        assertEquals("", booth.text("#secret-masked"), "the pad is empty again");
        assertTrue(booth.fx(() -> booth.window.scene().lookup("#key-ok").isDisabled()), "OK waits for new digits");
        booth.awaitScreen("pin");
        assertEquals(2, card.triesLeft(PinKind.TEXT), "one try spent, and only one");
        assertEquals(1, booth.pinAttempts(), "the card received the PIN once");
        // the booth never sends it again by itself: a touch on the emptied pad sends nothing, and once everything
        // has settled the card has still had one attempt
        booth.touch("#key-backspace");
        booth.settle();
        assertEquals(1, booth.pinAttempts());
        assertEquals(2, card.triesLeft(PinKind.TEXT));
        booth.awaitScreen("pin");
        booth.awaitText(booth.text(JA, "pin.error.wrong", 2));
    }

    @Test
    void atOneTryLeftTheWarningAndTheClerkAreOfferedAndTheClerkIsCalled() throws Exception {
        EmulatedMyNumberCard card = toPinPad("pin-one-try");
        booth.awaitText(booth.text(JA, "pin.warning.last_try"));
        booth.awaitText(booth.text(JA, "ui.pad.warning_title"));
        assertTrue(booth.shown("#secret-last-try"));
        assertTrue(booth.shown("#secret-keys"), "the resident may still try");
        assertEquals(booth.text(JA, "ui.talk_to_clerk"), booth.text("#secret-talk-to-clerk"));
        booth.touch("#secret-talk-to-clerk");
        booth.awaitScreen("call");
        assertEquals(1, card.triesLeft(PinKind.TEXT), "no try spent");
        assertEquals(0, booth.pinAttempts(), "no PIN sent");

        ClerkClient clerk = hq.clerk();
        AtomicReference<String> routing = new AtomicReference<>();
        Poll.until(BoothUnderTest.WAIT, () -> {
            try {
                for (QueueSummary queue : clerk.queues().queues()) {
                    if (!queue.calls().isEmpty()) {
                        routing.set(queue.routing());
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, () -> "no call waiting at headquarters");
        AnsweredCall answered = clerk.answerNext(routing.get()).orElseThrow();
        assertNull(answered.application(), "nothing was applied for: the clerk helps with the PIN");
        Poll.until(BoothUnderTest.WAIT, () -> !booth.video.joinRequests().isEmpty(), () -> "no join");
        assertEquals(answered.room(), booth.video.joinRequests().get(0).room());
    }

    @Test
    void aBlockedPinIsExplainedAndNoPadIsShown() throws Exception {
        EmulatedMyNumberCard card = toPinPad("pin-blocked");
        booth.awaitText(booth.text(JA, "ui.pad.blocked_title"));
        booth.awaitText("the explanation", t -> t.contains("市区町村の窓口でのみ解除できます"));
        assertTrue(booth.shown("#secret-blocked"));
        assertFalse(booth.shown("#secret-keys"), "no pad for a blocked PIN");
        assertFalse(booth.shown("#key-ok"));
        assertTrue(booth.shown("#secret-talk-to-clerk"), "a clerk instead");
        assertEquals(0, card.triesLeft(PinKind.TEXT));
        assertEquals(0, booth.pinAttempts(), "nothing sent to a blocked PIN");
    }

    @Test
    void takingTheCardAtTheQuestionsEndsTheSessionAndLeavesNothingPersonal() throws Exception {
        EmulatedMyNumberCard card = toIdentity();
        assertEquals(card.persona().name(), booth.text("#identity-name"), "personal data was on screen");
        booth.touch("#identity-yes");
        booth.awaitScreen("questions");
        booth.removeCard();
        booth.awaitScreen("attract");
        booth.awaitText(booth.text(JA, "session.end.card_removed"));
        assertNothingPersonal(card.persona());
        assertTrue(booth.journey.secretEntry().isEmpty());
    }

    /** On the FX thread: the countdown overlay is there (it is made when first needed) and visible. */
    private boolean countdownUp() {
        javafx.scene.Node overlay = booth.window.scene().lookup("#countdown-overlay");
        return overlay != null && overlay.isVisible();
    }

    @Test
    void inactivityShowsTheCountdownThenEndsTheSession() throws Exception {
        EmulatedMyNumberCard card = toIdentity();
        booth.touch("#identity-yes");
        booth.awaitScreen("questions");
        assertFalse(booth.shown("#countdown-overlay"));
        booth.time.advance(BoothUnderTest.INACTIVITY.minus(BoothUnderTest.WARNING));
        booth.await("the countdown", () -> countdownUp() ? true : null);
        assertEquals("20", booth.text("#countdown-seconds"));
        booth.awaitText(booth.text(JA, "session.inactivity.warning", 20));
        booth.time.advance(Duration.ofSeconds(5));
        booth.await("15 seconds left", () -> "15".equals(booth.text("#countdown-seconds")) ? true : null);

        booth.time.advance(Duration.ofSeconds(15));
        booth.await("the attract screen", () -> {
            javafx.scene.Node screen = booth.window.scene().lookup("#screen-attract");
            return screen != null && !countdownUp() ? screen : null;
        });
        booth.awaitText(booth.text(JA, "session.end.inactivity"));
        assertNothingPersonal(card.persona());
    }

    @Test
    void headquartersDownThenBackGetsTheApplicationExactlyOnce() throws Exception {
        int storedBefore = hq.storedApplications();
        EmulatedMyNumberCard card = toIdentity();
        toReview();
        toSignatureKeyboard();
        assertFalse(booth.shown("#link-offline"));

        hq.stop();
        booth.awaitText(booth.text(JA, "ui.link.offline"));
        booth.typeOnPad(card.persona().signaturePassword());
        booth.touch("#key-ok");

        booth.awaitText(booth.text(JA, "journey.problem.hq_unavailable"));
        booth.awaitScreen("receipt");
        String reference = booth.text("#receipt-reference");
        assertTrue(BOOTH_REFERENCE.matcher(reference).matches(), "the booth's own reference: " + reference);
        assertTrue(booth.shown("#receipt-pending"));
        assertTrue(booth.shown("#link-offline"));
        List<OutboxEntry> waiting = booth.store.outbox().pending();
        assertEquals(1, waiting.size());
        assertEquals(reference, waiting.get(0).reference());
        String idempotencyKey = waiting.get(0).idempotencyKey();

        hq.restart();
        Poll.until(BoothUnderTest.WAIT, () -> booth.store.outbox().size() == 0,
                () -> "outbox " + booth.store.outbox().size());
        assertEquals(1, hq.storedApplications(idempotencyKey), "delivered exactly once");
        assertEquals(storedBefore + 1, hq.storedApplications());
        booth.await("online again", () -> booth.window.scene().lookup("#link-offline").isVisible() ? null : true);
        assertTrue(hq.referenceFor(idempotencyKey).isPresent());

        booth.touch("#receipt-done");
        booth.awaitScreen("take_card");
        booth.removeCard();
        booth.awaitScreen("attract");
        // more rounds of the outbox do not send it again
        booth.link.deliverNow();
        booth.settle();
        assertEquals(1, hq.storedApplications(idempotencyKey));
        assertEquals(storedBefore + 1, hq.storedApplications());
    }

    @Test
    void englishOnTheAttractScreenThenBackTo日本語() throws Exception {
        booth.awaitScreen("attract");
        booth.touch("#attract-language-english");
        booth.awaitScreen("procedure");
        assertEquals("What would you like to do?", booth.text("#booth-title"));
        assertEquals("Back", booth.text("#nav-back"));
        assertEquals("Cancel", booth.text("#nav-cancel"));
        List<String> japanese = booth.shownTexts().stream().filter(t -> CJK.matcher(t).find()).toList();
        assertEquals(List.of(), japanese, "nothing Japanese left on the English menu");

        booth.touch("#nav-back");
        booth.awaitScreen("language");
        booth.touch("#language-japanese");
        booth.awaitScreen("procedure");
        assertEquals("ご用件を選んでください", booth.text("#booth-title"));
        assertEquals("戻る", booth.text("#nav-back"));
        assertTrue(booth.text("#procedure-juminhyo").contains("住民票"), booth.text("#procedure-juminhyo"));
        assertNotEquals("Back", booth.text("#nav-back"));
    }

    @Test
    void largeTextMakesTheProcedureScreenBigger() throws Exception {
        booth.awaitScreen("attract");
        booth.touch("#attract-language-japanese");
        booth.awaitScreen("procedure");
        double title = booth.fontSize("#booth-title");
        double procedure = booth.fontSize("#procedure-juminhyo");
        booth.close();
        booth = null;

        Path large = Files.createDirectories(dir.resolve("large"));
        booth = BoothUnderTest.open(hq, large, true);
        booth.awaitScreen("attract");
        booth.touch("#attract-language-japanese");
        booth.awaitScreen("procedure");
        assertTrue(booth.fontSize("#booth-title") > title, title + " → " + booth.fontSize("#booth-title"));
        assertTrue(booth.fontSize("#procedure-juminhyo") > procedure,
                procedure + " → " + booth.fontSize("#procedure-juminhyo"));
        assertEquals(1.4, booth.fontSize("#booth-title") / title, 0.05);
    }
}
