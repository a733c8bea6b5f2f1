package jp.madoguchi.kiosk.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import jp.madoguchi.card.emulator.Persona;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.journey.Journey;
import jp.madoguchi.kiosk.journey.JourneyView;
import jp.madoguchi.kiosk.pin.SecretEntry;
import jp.madoguchi.kiosk.session.JourneyStep;

/**
 * Counts the touches a resident needs for a 住民票 by driving a {@link Journey} the way the resident does, screen by
 * screen, taking the shortest path each screen offers (the usual answers accepted as they stand): every action on a
 * screen is a touch, except the keys of the PIN pad and of the signature keyboard, their OK included (issue 6: "PIN
 * and password keys excluded"). Putting the card on the reader and taking it back are not touches either.
 *
 * <p>The resident's hands on the card come from {@link CardHand} (the in-process emulated reader in the benchmark).
 * Actions go one at a time; after each the driver waits for the journey's snapshot to change (nothing asynchronous
 * is counted twice). Thread-safe enough for one driver per journey.
 */
public final class JuminhyoTouches {
    static final String FORM = "juminhyo";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    /** The resident's hand on the card. */
    public interface CardHand {
        void putCardOnReader();

        void takeCardBack();
    }

    /** What the resident did, in order, for the report: touches and the excluded key presses. */
    public record Result(int touches, List<String> actions) {
        public Result {
            actions = List.copyOf(actions);
        }
    }

    private final Journey journey;
    private final CardHand hand;
    private final Persona persona;
    private final List<String> actions = new ArrayList<>();
    private int touches;

    public JuminhyoTouches(Journey journey, CardHand hand, Persona persona) {
        this.journey = Objects.requireNonNull(journey, "journey");
        this.hand = Objects.requireNonNull(hand, "hand");
        this.persona = Objects.requireNonNull(persona, "persona");
    }

    /**
     * <b>Wiring point</b> (lead): a BoothJourney over the in-process emulated card (persona {@code default}) and a fake
     * headquarters link whose clerk answers and decides at once, driven by {@link #drive()}. Empty until the journey
     * is merged: the benchmark then prints "pending".
     */
    static OptionalInt countWithRealJourney() {
        // WIRING POINT: e.g.
        //   EmulatedTerminals terminals = new EmulatedTerminals();
        //   try (Journey journey = new BoothJourney(..., new Readers(terminals.factory()) / CardSource.emulated(...),
        //            new FakeHeadquartersLink(/* answers and decides */), ..., Runnable::run)) {
        //       CardHand hand = ... terminals.insert/remove(reader, EmulatedCards.create(persona, TestAuthority.shared()));
        //       return OptionalInt.of(new JuminhyoTouches(journey, hand, Personas.builtIn("default")).drive().touches());
        //   }
        return OptionalInt.empty();
    }

    /** Plays one 住民票 journey from the attract screen back to the attract screen. */
    public Result drive() throws InterruptedException {
        expect(JourneyStep.ATTRACT);
        touch("touch to start", Journey::touchToStart);
        boolean cardOut = false;
        boolean cardIn = false;
        boolean sawTakeCard = false;
        while (true) {
            JourneyView view = settled();
            switch (view.step()) {
                case ATTRACT -> {
                    if (!sawTakeCard) {
                        throw new IllegalStateException("back on the attract screen before the receipt: "
                                + view.lastEnd().map(Enum::name).orElse("?") + "; " + actions);
                    }
                    return new Result(touches, actions);
                }
                case LANGUAGE -> touch("日本語", j -> j.chooseLanguage(BoothLanguage.JAPANESE));
                case PROCEDURE -> touch("住民票の写し", j -> j.chooseProcedure(FORM));
                case PLACE_CARD -> {
                    if (cardIn) {
                        waitForChange(view);
                    } else {
                        hand.putCardOnReader();
                        cardIn = true;
                        actions.add("(card on the reader)");
                        waitForChange(view);
                    }
                }
                case PIN -> typeSecret(view, persona.textPin());
                case CONFIRM_IDENTITY -> touch("はい (it is me)", j -> j.confirmIdentity(true));
                case QUESTIONS -> {
                    if (view.question().isEmpty()) {
                        touch("いつもの内容で (usual answers)", Journey::acceptUsualAnswers);
                    } else {
                        JourneyView.QuestionView question = view.question().get();
                        String value = question.currentValue()
                                .orElseGet(() -> question.choices().isEmpty() ? Integer.toString(question.min())
                                        : question.choices().get(0).value());
                        touch("answer " + question.id() + "=" + value, j -> j.answer(value));
                    }
                }
                case REVIEW -> touch("確認しました (confirm)", Journey::confirmReview);
                case SIGNATURE -> typeSecret(view, persona.signaturePassword());
                case CALL -> {
                    JourneyView.CallPhase phase = view.call().map(JourneyView.CallView::phase)
                            .orElse(JourneyView.CallPhase.REQUESTING);
                    if (phase == JourneyView.CallPhase.ENDED || phase == JourneyView.CallPhase.UNAVAILABLE) {
                        touch("次へ (after the call)", Journey::finish);
                    } else {
                        waitForChange(view);
                    }
                }
                case RECEIPT -> touch("終わる (done)", Journey::finish);
                case TAKE_CARD -> {
                    sawTakeCard = true;
                    if (!cardOut) {
                        hand.takeCardBack();
                        cardOut = true;
                        actions.add("(card taken back)");
                    }
                    waitForChange(view);
                }
                default -> throw new IllegalStateException("unexpected step " + view.step());
            }
        }
    }

    private void typeSecret(JourneyView view, String secret) throws InterruptedException {
        SecretEntry entry = journey.secretEntry().orElseThrow(() ->
                new IllegalStateException("no pad on " + view.step()));
        for (char c : secret.toCharArray()) {
            entry.append(c);
        }
        actions.add("(" + secret.length() + " keys and OK on the " + (view.step() == JourneyStep.PIN ? "PIN pad"
                : "signature keyboard") + ", not counted)");
        journey.submitSecret();
        waitForChange(view);
    }

    private void touch(String what, Consumer<Journey> action) throws InterruptedException {
        JourneyView before = journey.view();
        touches++;
        actions.add(what);
        action.accept(journey);
        waitForChange(before);
    }

    private void expect(JourneyStep step) {
        if (journey.view().step() != step) {
            throw new IllegalStateException("expected " + step + ", the journey is on " + journey.view().step());
        }
    }

    /** The current snapshot once no work the resident waits for is running. */
    private JourneyView settled() throws InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        JourneyView view = journey.view();
        while (view.busyKey().isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("still busy (" + view.busyKey().get() + ") on " + view.step());
            }
            Thread.sleep(10);
            view = journey.view();
        }
        return view;
    }

    private void waitForChange(JourneyView before) throws InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (journey.view().equals(before)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("nothing changed on " + before.step() + " within " + STEP_TIMEOUT
                        + "; actions: " + actions + Optional.ofNullable(before.problemKey().orElse(null))
                        .map(p -> "; problem " + p).orElse(""));
            }
            Thread.sleep(10);
        }
    }
}
