package jp.madoguchi.kiosk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.journey.CardPrompt;
import jp.madoguchi.kiosk.journey.Journey;
import jp.madoguchi.kiosk.journey.JourneyListener;
import jp.madoguchi.kiosk.journey.JourneyView;
import jp.madoguchi.kiosk.pin.SecretEntry;
import jp.madoguchi.kiosk.session.JourneyStep;
import jp.madoguchi.video.VideoSession;
import jp.madoguchi.video.testing.FakeVideoSession;
import org.junit.jupiter.api.Test;

/**
 * The touch counter's rules, on a scripted journey that moves through the steps as the architecture describes
 * them: one touch per screen action, PIN and password keys (their OK included) and the card's comings and goings
 * not counted; and the real journey's count, the number the benchmark prints.
 */
class JuminhyoTouchesTest {

    @Test
    void countsScreenTouchesButNotPadKeysNorTheCard() throws Exception {
        ScriptedJourney journey = new ScriptedJourney(false);
        JuminhyoTouches.Result result = new JuminhyoTouches(journey, journey.hand(), Personas.builtIn("default")).drive();
        assertEquals(List.of("chooseLanguage JAPANESE", "chooseProcedure juminhyo", "card in",
                "submit PIN 1234", "confirmIdentity true", "acceptUsualAnswers", "confirmReview",
                "submit SIGNATURE ABC123", "finish", "finish", "card out"), journey.calls);
        assertEquals(7, result.touches(), String.join("\n", result.actions()));
        assertTrue(result.actions().contains("(4 keys and OK on the PIN pad, not counted)"), result.actions().toString());
    }

    @Test
    void questionsOneByOneCountOneTouchEach() throws Exception {
        ScriptedJourney journey = new ScriptedJourney(true);
        JuminhyoTouches.Result result = new JuminhyoTouches(journey, journey.hand(), Personas.builtIn("default")).drive();
        assertEquals(8, result.touches(), "two questions instead of the usual answers: " + result.actions());
        assertTrue(journey.calls.contains("answer 2"), journey.calls.toString());
    }

    @Test
    void aJourneyThatEndsBeforeTheReceiptIsReportedNotCounted() {
        ScriptedJourney journey = new ScriptedJourney(false);
        journey.cancelAtReview = true;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new JuminhyoTouches(journey, journey.hand(), Personas.builtIn("default")).drive());
        assertTrue(e.getMessage().startsWith("back on the attract screen before the receipt"), e.getMessage());
    }

    @Test
    void theReal住民票JourneyTakesEightTouchesCountingThePadsOkKeys() throws Exception {
        JuminhyoTouches.RealCount count = JuminhyoTouches.countWithRealJourney();
        List<String> actions = count.driven().actions();
        assertEquals(List.of("日本語 (on the attract screen)", "住民票の写し", "(card on the reader)",
                "(4 keys and OK on the PIN pad, not counted)", "はい (it is me)", "いつもの内容で (usual answers)",
                "確認しました (confirm)", "(6 keys and OK on the signature keyboard, not counted)", "終わる (done)",
                "(card taken back)"), actions);
        assertEquals(6, count.driven().touches(), "screen touches without the pads");
        assertEquals(8, count.touches(), "the journey's count: the six screen touches and the two pads' OK keys");
    }

    /** Moves through JourneyStep on each action, synchronously. */
    private static final class ScriptedJourney implements Journey {
        final List<String> calls = new ArrayList<>();
        final boolean oneByOne;
        boolean cancelAtReview;
        private JourneyView view = JourneyView.attract(List.of(), new JourneyView.LinkView(true, 0), Optional.empty());
        private SecretEntry entry;
        private int questionsAnswered;

        ScriptedJourney(boolean oneByOne) {
            this.oneByOne = oneByOne;
        }

        JuminhyoTouches.CardHand hand() {
            return new JuminhyoTouches.CardHand() {
                @Override
                public void putCardOnReader() {
                    calls.add("card in");
                    entry = new SecretEntry(PinKind.TEXT);
                    go(JourneyStep.PIN, Optional.empty(), Optional.empty());
                }

                @Override
                public void takeCardBack() {
                    calls.add("card out");
                    view = JourneyView.attract(List.of(), view.link(), Optional.empty());
                }
            };
        }

        private void go(JourneyStep step, Optional<JourneyView.QuestionView> question,
                Optional<JourneyView.CallView> call) {
            view = new JourneyView(step, Optional.of(BoothLanguage.JAPANESE), List.of(), Optional.empty(),
                    CardPrompt.WAITING_FOR_CARD, Optional.empty(), Optional.empty(), List.of(), question,
                    Optional.empty(), call, Optional.empty(), view.link(), OptionalInt.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }

        private static JourneyView.QuestionView question(int number) {
            return new JourneyView.QuestionView("q" + number, "prompt", JourneyView.QuestionView.Kind.NUMBER,
                    List.of(), 1, 5, Optional.of(Integer.toString(number)), number, 2);
        }

        @Override
        public JourneyView view() {
            return view;
        }

        @Override
        public void touchToStart() {
            calls.add("touchToStart");
            go(JourneyStep.LANGUAGE, Optional.empty(), Optional.empty());
        }

        @Override
        public void chooseLanguage(BoothLanguage language) {
            calls.add("chooseLanguage " + language);
            go(JourneyStep.PROCEDURE, Optional.empty(), Optional.empty());
        }

        @Override
        public void chooseProcedure(String formId) {
            calls.add("chooseProcedure " + formId);
            go(JourneyStep.PLACE_CARD, Optional.empty(), Optional.empty());
        }

        @Override
        public Optional<SecretEntry> secretEntry() {
            return Optional.ofNullable(entry);
        }

        @Override
        public void submitSecret() {
            char[] typed = entry.take();
            calls.add("submit " + (view.step() == JourneyStep.PIN ? "PIN " : "SIGNATURE ") + new String(typed));
            if (view.step() == JourneyStep.PIN) {
                go(JourneyStep.CONFIRM_IDENTITY, Optional.empty(), Optional.empty());
            } else {
                go(JourneyStep.CALL, Optional.empty(), Optional.of(new JourneyView.CallView(
                        JourneyView.CallPhase.ENDED, OptionalInt.empty(), OptionalInt.empty(), Optional.of("R-1"),
                        Optional.empty())));
            }
        }

        @Override
        public void confirmIdentity(boolean itIsMe) {
            calls.add("confirmIdentity " + itIsMe);
            go(JourneyStep.QUESTIONS, oneByOne ? Optional.of(question(1)) : Optional.empty(), Optional.empty());
        }

        @Override
        public void acceptUsualAnswers() {
            calls.add("acceptUsualAnswers");
            go(JourneyStep.REVIEW, Optional.empty(), Optional.empty());
        }

        @Override
        public void answer(String value) {
            calls.add("answer " + value);
            questionsAnswered++;
            if (questionsAnswered < 2) {
                go(JourneyStep.QUESTIONS, Optional.of(question(2)), Optional.empty());
            } else {
                go(JourneyStep.REVIEW, Optional.empty(), Optional.empty());
            }
        }

        @Override
        public void confirmReview() {
            calls.add("confirmReview");
            if (cancelAtReview) {
                view = JourneyView.attract(List.of(), view.link(), Optional.empty());
                return;
            }
            entry = new SecretEntry(PinKind.SIGNATURE);
            go(JourneyStep.SIGNATURE, Optional.empty(), Optional.empty());
        }

        @Override
        public void finish() {
            calls.add("finish");
            go(view.step() == JourneyStep.CALL ? JourneyStep.RECEIPT : JourneyStep.TAKE_CARD, Optional.empty(),
                    Optional.empty());
        }

        @Override
        public void addListener(JourneyListener listener) {
        }

        @Override
        public void removeListener(JourneyListener listener) {
        }

        @Override
        public void talkToClerk() {
            calls.add("talkToClerk");
        }

        @Override
        public void changeAnswers() {
            calls.add("changeAnswers");
        }

        @Override
        public void back() {
            calls.add("back");
        }

        @Override
        public void cancel() {
            calls.add("cancel");
        }

        @Override
        public void activity() {
        }

        @Override
        public VideoSession video() {
            return new FakeVideoSession();
        }

        @Override
        public void close() {
        }
    }
}
