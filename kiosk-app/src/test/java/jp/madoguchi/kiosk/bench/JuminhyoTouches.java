package jp.madoguchi.kiosk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.emulator.inprocess.EmulatedTerminals;
import jp.madoguchi.card.pcsc.Readers;
import jp.madoguchi.forms.catalogue.FormCatalogue;
import jp.madoguchi.forms.model.Booth;
import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.kiosk.card.BoothCardReader;
import jp.madoguchi.kiosk.journey.BoothJourney;
import jp.madoguchi.kiosk.journey.FakeHeadquartersLink;
import jp.madoguchi.kiosk.store.BoothKey;
import jp.madoguchi.kiosk.store.BoothStore;
import jp.madoguchi.video.testing.FakeVideoSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
    private static final String READER = "Emulated Reader 0";

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
    private final Set<SecretEntry> typedInto = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private long driveDeadline;

    public JuminhyoTouches(Journey journey, CardHand hand, Persona persona) {
        this.journey = Objects.requireNonNull(journey, "journey");
        this.hand = Objects.requireNonNull(hand, "hand");
        this.persona = Objects.requireNonNull(persona, "persona");
    }

    /**
     * The benchmark's number: a real {@link BoothJourney} over the in-process emulated reader with persona
     * {@code default}'s card, the shipped forms catalogue, a real store in a temporary folder, a fake headquarters
     * link and a fake video session whose clerk answers at once, accepts and hangs up, driven by {@link #drive()}.
     * Returns the journey's own count ({@link BoothJourney#touchesThisSession()}, read just before the card is taken
     * back: it counts the pads' OK keys, never their other keys) and the driver's record.
     */
    static RealCount countWithRealJourney() throws Exception {
        Path dir = Files.createTempDirectory("madoguchi-touches");
        EmulatedTerminals terminals = new EmulatedTerminals();
        terminals.attachReader(READER);
        try (BoothKey key = BoothKey.loadOrCreate(dir.resolve("booth.key"));
                BoothStore store = BoothStore.open(dir.resolve("booth.db"), key);
                FakeHeadquartersLink hq = new FakeHeadquartersLink(store.outbox());
                FakeVideoSession video = new FakeVideoSession()) {
            hq.start();
            ExecutorService clerk = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "touches-clerk");
                thread.setDaemon(true);
                return thread;
            });
            try (BoothJourney journey = BoothJourney.builder()
                    .cardReader(BoothCardReader.of(new Readers(terminals.factory()), Optional.of(READER)))
                    .catalogue(FormCatalogue.load(null))
                    .store(store)
                    .headquarters(hq)
                    .video(video)
                    .booth(new Booth("試験市", "試験市役所 北部出張所", "booth-bench"))
                    .printer((text, png, reference) -> true)
                    .callbackExecutor(Runnable::run)
                    .build()) {
                // the clerk: answers the call once the resident is queued, joins, accepts and hangs up
                Set<JourneyView.CallPhase> handled = EnumSet.noneOf(JourneyView.CallPhase.class);
                journey.addListener(view -> view.call().map(JourneyView.CallView::phase).ifPresent(phase -> {
                    synchronized (handled) {
                        if (!handled.add(phase)) {
                            return;
                        }
                    }
                    switch (phase) {
                        case QUEUED -> clerk.execute(() -> hq.answerCall("room-bench"));
                        case CONNECTING -> clerk.execute(() -> video.peerJoins("Clerk"));
                        case IN_CALL -> clerk.execute(() -> {
                            hq.sendDecision(Outcome.ACCEPTED, "受け付けました");
                            video.remoteEnds();
                        });
                        default -> { }
                    }
                }));
                journey.start();
                Persona persona = Personas.builtIn("default");
                int[] journeyTouches = {-1};
                CardHand hand = new CardHand() {
                    @Override
                    public void putCardOnReader() {
                        terminals.insert(READER, EmulatedCards.create(persona, TestAuthority.shared()));
                    }

                    @Override
                    public void takeCardBack() {
                        journeyTouches[0] = journey.touchesThisSession();
                        terminals.remove(READER);
                    }
                };
                Result driven = new JuminhyoTouches(journey, hand, persona).drive();
                return new RealCount(journeyTouches[0], driven);
            } finally {
                clerk.shutdownNow();
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** The journey's count and what the driver did. */
    record RealCount(int touches, Result driven) {
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Prints the real journey's count (the benchmark's touch line without the start runs). */
    @SuppressWarnings("java:S106")
    public static void main(String[] args) throws Exception {
        RealCount count = countWithRealJourney();
        System.out.println("touches " + count.touches() + ": " + String.join(" > ", count.driven().actions()));
    }

    /** Plays one 住民票 journey from the attract screen back to the attract screen. */
    public Result drive() throws InterruptedException {
        expect(JourneyStep.ATTRACT);
        driveDeadline = System.nanoTime() + STEP_TIMEOUT.toNanos() * 5;
        // the attract screen has the seven language buttons: one touch starts in Japanese
        touch("日本語 (on the attract screen)", j -> j.chooseLanguage(BoothLanguage.JAPANESE));
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
        // the pad comes a moment after its step (the card's tries are read first), and after OK the step stays a
        // moment with the used pad: type only into a pad not typed into yet
        Optional<SecretEntry> current = journey.secretEntry();
        if (current.isEmpty() || typedInto.contains(current.get())) {
            if (System.nanoTime() > driveDeadline) {
                throw new IllegalStateException("no new pad on " + view.step() + "; actions: " + actions);
            }
            Thread.sleep(10);
            return;
        }
        SecretEntry entry = current.get();
        typedInto.add(entry);
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
