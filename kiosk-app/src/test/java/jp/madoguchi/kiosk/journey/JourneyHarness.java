package jp.madoguchi.kiosk.journey;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.emulator.inprocess.EmulatedTerminals;
import jp.madoguchi.card.pcsc.Readers;
import jp.madoguchi.forms.catalogue.FormCatalogue;
import jp.madoguchi.forms.model.Booth;
import jp.madoguchi.kiosk.card.BoothCardReader;
import jp.madoguchi.kiosk.pin.SecretEntry;
import jp.madoguchi.kiosk.store.BoothKey;
import jp.madoguchi.kiosk.store.BoothStore;
import jp.madoguchi.video.testing.FakeVideoSession;
import jp.madoguchi.video.testing.Poll;

/**
 * A booth in a test: the real journey over the in-process emulated reader and card, the shipped forms
 * catalogue, a real store in a temporary folder, {@link FakeHeadquartersLink}, {@link FakeVideoSession},
 * a recording printer and {@link ManualTime}. Listeners run on the journey's threads; tests poll
 * {@link #await} with a generous timeout.
 */
final class JourneyHarness implements AutoCloseable {
    static final String READER = "Emulated Reader 0";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final Duration WARNING = Duration.ofSeconds(20);
    static final String DISPLAY_NAME = "Booth 17";

    final EmulatedTerminals terminals = new EmulatedTerminals();
    final BoothKey key;
    final BoothStore store;
    final FakeHeadquartersLink hq;
    final FakeVideoSession video = new FakeVideoSession();
    final ManualTime time = new ManualTime();
    final RecordingPrinter printer;
    final List<JourneyView> views = new CopyOnWriteArrayList<>();
    final BoothJourney journey;

    /** Prints nothing; remembers what it was given. */
    static final class RecordingPrinter implements ReceiptPrinter {
        final boolean hasPrinter;
        final List<String> printed = new CopyOnWriteArrayList<>();

        RecordingPrinter(boolean hasPrinter) {
            this.hasPrinter = hasPrinter;
        }

        @Override
        public boolean print(String text, byte[] png, String reference) {
            printed.add(text);
            return hasPrinter;
        }
    }

    JourneyHarness(Path dir) throws Exception {
        this(dir, true);
    }

    JourneyHarness(Path dir, boolean hasPrinter) throws Exception {
        this(dir, hasPrinter, null);
    }

    /** @param municipalForms a municipality's forms folder (overriding shipped forms), or null */
    JourneyHarness(Path dir, boolean hasPrinter, Path municipalForms) throws Exception {
        this(dir, hasPrinter, municipalForms, jp.madoguchi.kiosk.card.BoothCardReader.CARD_DEADLINE);
    }

    /** @param cardDeadline how long one card operation may take (short in tests of a card that stops answering) */
    JourneyHarness(Path dir, Duration cardDeadline) throws Exception {
        this(dir, true, null, cardDeadline);
    }

    private JourneyHarness(Path dir, boolean hasPrinter, Path municipalForms, Duration cardDeadline) throws Exception {
        this(dir, hasPrinter, municipalForms, cardDeadline, null, READER);
    }

    /**
     * A booth over other readers than the in-process ones (a real pcscd: {@code Readers.pcsc()}); {@link #terminals}
     * is then unused.
     */
    JourneyHarness(Path dir, Readers readers, String readerName) throws Exception {
        this(dir, true, null, jp.madoguchi.kiosk.card.BoothCardReader.CARD_DEADLINE, readers, readerName);
    }

    private JourneyHarness(Path dir, boolean hasPrinter, Path municipalForms, Duration cardDeadline, Readers readers,
            String readerName) throws Exception {
        printer = new RecordingPrinter(hasPrinter);
        key = BoothKey.loadOrCreate(dir.resolve("booth.key"));
        store = BoothStore.open(dir.resolve("booth.db"), key);
        hq = new FakeHeadquartersLink(store.outbox());
        hq.start();
        if (readers == null) {
            terminals.attachReader(READER);
        }
        journey = BoothJourney.builder()
                .cardReader(BoothCardReader.of(readers != null ? readers : new Readers(terminals.factory()),
                        Optional.of(readerName), cardDeadline))
                .catalogue(FormCatalogue.load(municipalForms))
                .store(store)
                .headquarters(hq)
                .video(video)
                .booth(new Booth("試験市", "試験市役所 北部出張所", "booth-017"))
                .displayName(DISPLAY_NAME)
                .printer(printer)
                .clock(time)
                .scheduler(time)
                .inactivity(TIMEOUT, WARNING)
                .callbackExecutor(Runnable::run)
                .build();
        journey.addListener(views::add);
        journey.start();
    }

    static EmulatedMyNumberCard card(String persona) {
        return EmulatedCards.create(Personas.builtIn(persona), TestAuthority.shared());
    }

    EmulatedMyNumberCard insert(String persona) {
        EmulatedMyNumberCard card = card(persona);
        terminals.insert(READER, card);
        return card;
    }

    void removeCard() {
        terminals.remove(READER);
    }

    JourneyView await(String what, Predicate<JourneyView> condition) {
        Poll.until(WAIT, () -> condition.test(journey.view()), () -> what + "; last view: " + describe(journey.view()));
        return journey.view();
    }

    /** Types on the pad what the resident types (the test's secret) and presses OK. */
    void typeAndSubmit(String secret) {
        SecretEntry entry = journey.secretEntry().orElseThrow(() -> new AssertionError("no pad shown"));
        for (char c : secret.toCharArray()) {
            if (!entry.append(c)) {
                throw new AssertionError("the pad refused a key");
            }
        }
        journey.submitSecret();
    }

    static String describe(JourneyView view) {
        return view.step() + " card=" + view.card() + " secret=" + view.secret().map(s -> s.mode() + "/"
                + s.triesLeft() + s.messageKeys()).orElse("-") + " busy=" + view.busyKey().orElse("-")
                + " problem=" + view.problemKey().orElse("-") + " call=" + view.call().map(c -> c.phase().name())
                .orElse("-") + " lastEnd=" + view.lastEnd().map(Enum::name).orElse("-");
    }

    /** From the attract screen to the PIN pad for 住民票 with {@code persona}'s card. */
    EmulatedMyNumberCard toPin(String persona) {
        journey.chooseLanguage(jp.madoguchi.kiosk.i18n.BoothLanguage.JAPANESE);
        journey.chooseProcedure("juminhyo");
        EmulatedMyNumberCard card = insert(persona);
        await("the PIN screen", v -> v.step() == jp.madoguchi.kiosk.session.JourneyStep.PIN && v.secret().isPresent()
                && v.busyKey().isEmpty());
        return card;
    }

    /** From "Is this you?" to the signature keyboard, with the usual answers. */
    void toSignature() {
        journey.confirmIdentity(true);
        journey.acceptUsualAnswers();
        await("the review", v -> v.review().isPresent());
        journey.confirmReview();
        await("the signature keyboard", v -> v.secret().map(jp.madoguchi.kiosk.pin.PinScreen::padShown)
                .orElse(false));
    }

    /** From the attract screen, in Japanese, "just talk to a clerk" until the call is queued. */
    void queuedToTalk() {
        journey.chooseLanguage(jp.madoguchi.kiosk.i18n.BoothLanguage.JAPANESE);
        journey.talkToClerk();
        await("queued", v -> v.call().map(c -> c.phase() == JourneyView.CallPhase.QUEUED).orElse(false));
    }

    /** As {@link #queuedToTalk}, then headquarters answers into {@code room} and the clerk {@code clerkName} joins. */
    void inCallToTalk(String room, String clerkName) {
        queuedToTalk();
        hq.answerCall(room);
        video.peerJoins(clerkName);
        await("in the call", v -> v.call().map(c -> c.phase() == JourneyView.CallPhase.IN_CALL).orElse(false));
    }

    /** From the attract screen to "Is this you?" with the default card. */
    EmulatedMyNumberCard toIdentity() {
        EmulatedMyNumberCard card = toPin("default");
        typeAndSubmit(card.persona().textPin());
        await("Is this you?", v -> v.step() == jp.madoguchi.kiosk.session.JourneyStep.CONFIRM_IDENTITY);
        return card;
    }

    @Override
    public void close() {
        journey.close();
        video.close();
        hq.close();
        store.close();
        key.close();
    }
}
