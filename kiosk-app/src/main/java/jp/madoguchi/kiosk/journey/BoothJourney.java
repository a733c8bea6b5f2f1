package jp.madoguchi.kiosk.journey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.jpki.JpkiCertificateInfo;
import jp.madoguchi.card.mynumber.Basic4Info;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.PinResult;
import jp.madoguchi.card.mynumber.PinStatus;
import jp.madoguchi.forms.catalogue.FormCatalogue;
import jp.madoguchi.forms.fill.CanonicalJson;
import jp.madoguchi.forms.fill.FormFiller;
import jp.madoguchi.forms.fill.QuestionFlow;
import jp.madoguchi.forms.fill.ValidationResult;
import jp.madoguchi.forms.fill.Wareki;
import jp.madoguchi.forms.model.Booth;
import jp.madoguchi.forms.model.CardData;
import jp.madoguchi.forms.model.FieldSource;
import jp.madoguchi.forms.model.FillContext;
import jp.madoguchi.forms.model.FilledApplication;
import jp.madoguchi.forms.model.FormDefinition;
import jp.madoguchi.forms.model.Language;
import jp.madoguchi.forms.model.Question;
import jp.madoguchi.forms.model.Section;
import jp.madoguchi.forms.render.JapaneseFonts;
import jp.madoguchi.forms.render.PdfRenderer;
import jp.madoguchi.forms.render.PngPreview;
import jp.madoguchi.forms.render.ReceiptImage;
import jp.madoguchi.forms.render.ReceiptText;
import jp.madoguchi.forms.render.ReceiptWidth;
import jp.madoguchi.hqlink.client.HqClient;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.message.BoothState;
import jp.madoguchi.hqlink.message.CallRequest;
import jp.madoguchi.hqlink.message.CallTicket;
import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.hqlink.message.ProtocolJson;
import jp.madoguchi.hqlink.message.Submission;
import jp.madoguchi.hqlink.message.SubmissionReceipt;
import jp.madoguchi.kiosk.card.BoothCardReader;
import jp.madoguchi.kiosk.card.CardChannel;
import jp.madoguchi.kiosk.card.CardReadError;
import jp.madoguchi.kiosk.card.CardSessionBridge;
import jp.madoguchi.kiosk.card.CardSlot;
import jp.madoguchi.kiosk.card.CardSlotEvent;
import jp.madoguchi.kiosk.hq.HeadquartersLink;
import jp.madoguchi.kiosk.hq.HqLinkListener;
import jp.madoguchi.kiosk.hq.LinkStatus;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.journey.JourneyView.AnswerView;
import jp.madoguchi.kiosk.journey.JourneyView.CallPhase;
import jp.madoguchi.kiosk.journey.JourneyView.CallView;
import jp.madoguchi.kiosk.journey.JourneyView.ClerkShowsView;
import jp.madoguchi.kiosk.journey.JourneyView.ChoiceView;
import jp.madoguchi.kiosk.journey.JourneyView.DecisionView;
import jp.madoguchi.kiosk.journey.JourneyView.FieldView;
import jp.madoguchi.kiosk.journey.JourneyView.IdentityView;
import jp.madoguchi.kiosk.journey.JourneyView.LinkView;
import jp.madoguchi.kiosk.journey.JourneyView.ProcedureView;
import jp.madoguchi.kiosk.journey.JourneyView.QuestionView;
import jp.madoguchi.kiosk.journey.JourneyView.ReceiptView;
import jp.madoguchi.kiosk.journey.JourneyView.ReviewView;
import jp.madoguchi.kiosk.pin.PinMessage;
import jp.madoguchi.kiosk.pin.PinScreen;
import jp.madoguchi.kiosk.pin.PinSession;
import jp.madoguchi.kiosk.pin.SecretEntry;
import jp.madoguchi.kiosk.pin.SubmitDecision;
import jp.madoguchi.kiosk.session.EndCause;
import jp.madoguchi.kiosk.session.InactivityListener;
import jp.madoguchi.kiosk.session.InactivityScheduler;
import jp.madoguchi.kiosk.session.InactivityTimer;
import jp.madoguchi.kiosk.session.JourneyStep;
import jp.madoguchi.kiosk.session.ResidentSession;
import jp.madoguchi.kiosk.session.SessionEnd;
import jp.madoguchi.kiosk.session.SessionEndedException;
import jp.madoguchi.kiosk.session.SessionListener;
import jp.madoguchi.kiosk.store.AuditEvent;
import jp.madoguchi.kiosk.store.BoothStore;
import jp.madoguchi.kiosk.store.SettingKey;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.JoinRequest;
import jp.madoguchi.video.VideoEvent;
import jp.madoguchi.video.VideoListener;
import jp.madoguchi.video.VideoSession;
import jp.madoguchi.video.VideoState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The booth's {@link Journey}: the resident's whole journey over the card reader ({@link BoothCardReader}),
 * the forms catalogue, the booth's store and outbox, headquarters ({@link HeadquartersLink}) and the video
 * call ({@link VideoSession}). No JavaFX.
 *
 * <p><b>Threads.</b> Every action runs on the caller's thread under one lock and does no I/O: card
 * exchanges run on the card's own thread ({@link CardChannel}), filling, rendering, printing and reader
 * connections on the work executor, store writes on one store thread (audit rows in order). Their results
 * come back under the same lock and are dropped when the session they belong to has ended. Listeners are
 * told through the callback executor, in order.
 *
 * <p><b>Which PIN.</b> The basic 4 info lives in the text AP (券面事項入力補助AP): the 4-digit
 * {@link PinKind#TEXT} PIN opens it (in practice the same digits as the authentication PIN); its tries left
 * are read on the booth's own connection, without spending one, before the pad shows. Signing uses the
 * {@link PinKind#SIGNATURE} password. The connection stays open from the PIN to the signature; it is
 * closed (with a card reset) when the session ends or the card leaves.
 *
 * <p><b>After the call.</b> When the call ends (or headquarters cannot be reached) the journey goes on to
 * the receipt by itself, keeping {@link JourneyView#call()} (and the clerk's decision) in the snapshot so
 * the receipt screen can show it: one touch fewer for the resident. {@link #finish()} on the receipt goes
 * on to "take your card"; the card's removal there completes the session.
 *
 * <p><b>外字.</b> Which characters the card substituted is in the signature certificate, readable only
 * after the signature password: the application is filled again with them before it is signed, so the
 * signed application, the clerk and the receipt carry the check; the review before the password cannot.
 */
public final class BoothJourney implements Journey {
    private static final Logger log = LoggerFactory.getLogger(BoothJourney.class);
    private static final String REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Routing and procedure of "just talk to a clerk" chosen from the menu, with no procedure. */
    public static final String CLERK_ROUTING = "general";
    public static final String CLERK_PROCEDURE = "clerk";

    private final BoothCardReader cardReader;
    private final FormCatalogue catalogue;
    private final BoothStore store;
    private final HeadquartersLink hq;
    private final VideoSession video;
    private final Booth booth;
    private final String displayName;
    private final ReceiptPrinter printer;
    private final Clock clock;
    private final ZoneId zone;
    private final Executor callbackExecutor;
    private final Executor workExecutor;
    private final ExecutorService storeExecutor;
    private final InactivityScheduler scheduler;
    private final Duration inactivityTimeout;
    private final Duration inactivityWarning;
    private final Duration deliveryTimeout;
    private final Supplier<JapaneseFonts> fonts;
    private final BoothLanguage defaultLanguage;
    private final ReceiptWidth receiptWidth;
    private final List<AutoCloseable> owned = new ArrayList<>();

    private final CopyOnWriteArrayList<JourneyListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final CardSessionBridge bridge = new CardSessionBridge(this::cardSlotChanged);
    private final HqLinkListener hqListener = new HqEvents();
    private final VideoListener videoListener = this::videoEvent;

    // guarded by lock
    private CardSlot slot;
    private String readerName;
    private boolean cardPresent;
    private boolean cardReadable;
    private CardPrompt readerPrompt = CardPrompt.WAITING_FOR_CARD;
    private Optional<String> readerProblem = Optional.empty();
    private LinkView link = new LinkView(false, 0);
    private Optional<EndCause> lastEnd = Optional.empty();
    private Run run;
    private JourneyView current;
    private boolean closed;
    private int touches;

    private BoothJourney(Builder b) {
        this.cardReader = Objects.requireNonNull(b.cardReader, "cardReader");
        this.catalogue = Objects.requireNonNull(b.catalogue, "catalogue");
        this.store = Objects.requireNonNull(b.store, "store");
        this.hq = Objects.requireNonNull(b.hq, "headquarters");
        this.video = Objects.requireNonNull(b.video, "video");
        this.booth = Objects.requireNonNull(b.booth, "booth");
        this.displayName = b.displayName != null ? b.displayName
                : store.settings().get(SettingKey.BOOTH_NAME);
        this.printer = Objects.requireNonNull(b.printer, "printer");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.zone = Objects.requireNonNull(b.zone, "zone");
        this.callbackExecutor = Objects.requireNonNull(b.callbackExecutor, "callbackExecutor");
        if (b.workExecutor != null) {
            this.workExecutor = b.workExecutor;
        } else {
            ExecutorService work = Executors.newCachedThreadPool(daemon("journey-work"));
            // shut down gently: the card's last reset (closing its channel) may still be queued
            owned.add(() -> {
                work.shutdown();
                if (!work.awaitTermination(12, TimeUnit.SECONDS)) {
                    work.shutdownNow();
                }
            });
            this.workExecutor = work;
        }
        this.storeExecutor = Executors.newSingleThreadExecutor(daemon("journey-store"));
        if (b.scheduler != null) {
            this.scheduler = b.scheduler;
        } else {
            ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemon("journey-timer"));
            timers.setRemoveOnCancelPolicy(true);
            owned.add(timers::shutdownNow);
            this.scheduler = InactivityScheduler.of(timers);
        }
        this.inactivityTimeout = b.inactivityTimeout != null ? b.inactivityTimeout
                : store.settings().getDuration(SettingKey.INACTIVITY_SECONDS.key());
        this.inactivityWarning = b.inactivityWarning;
        this.deliveryTimeout = b.deliveryTimeout;
        this.fonts = b.fonts != null ? () -> b.fonts : new Supplier<>() {
            private JapaneseFonts loaded;

            @Override
            public synchronized JapaneseFonts get() {
                if (loaded == null) {
                    loaded = JapaneseFonts.fromSystem();
                }
                return loaded;
            }
        };
        this.defaultLanguage = languageOfCode(store.settings().get(SettingKey.LANGUAGE_DEFAULT))
                .orElse(BoothLanguage.JAPANESE);
        this.receiptWidth = "80".equals(store.settings().get(SettingKey.RECEIPT_WIDTH_MM))
                ? ReceiptWidth.MM80 : ReceiptWidth.MM58;
        this.current = JourneyView.attract(procedures(defaultLanguage), link, Optional.empty());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Assembles a {@link BoothJourney}; every setter without a default must be called. */
    public static final class Builder {
        private BoothCardReader cardReader;
        private FormCatalogue catalogue;
        private BoothStore store;
        private HeadquartersLink hq;
        private VideoSession video;
        private Booth booth;
        private String displayName;
        private ReceiptPrinter printer = ReceiptPrinter.none();
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneId.of("Asia/Tokyo");
        private Executor callbackExecutor;
        private Executor workExecutor;
        private InactivityScheduler scheduler;
        private Duration inactivityTimeout;
        private Duration inactivityWarning = InactivityTimer.DEFAULT_WARNING;
        private Duration deliveryTimeout = Duration.ofSeconds(20);
        private JapaneseFonts fonts;

        private Builder() {
        }

        /** The card reader (required): {@code BoothCardReader.of(readers, configuredReaderName)}. */
        public Builder cardReader(BoothCardReader cardReader) {
            this.cardReader = cardReader;
            return this;
        }

        /** The procedures (required). */
        public Builder catalogue(FormCatalogue catalogue) {
            this.catalogue = catalogue;
            return this;
        }

        /** Settings, audit trail and outbox (required). */
        public Builder store(BoothStore store) {
            this.store = store;
            return this;
        }

        /** Headquarters (required); started and closed by the caller. */
        public Builder headquarters(HeadquartersLink hq) {
            this.hq = hq;
            return this;
        }

        /** The video call (required); closed by the caller. */
        public Builder video(VideoSession video) {
            this.video = video;
            return this;
        }

        /** What forms print about the booth (required): municipality, location, id. */
        public Builder booth(Booth booth) {
            this.booth = booth;
            return this;
        }

        /** The name the clerk sees in the call; default the {@code booth.name} setting. Never the resident's. */
        public Builder displayName(String displayName) {
            this.displayName = displayName;
            return this;
        }

        /** Default: {@link ReceiptPrinter#none()} (the QR code is shown). */
        public Builder printer(ReceiptPrinter printer) {
            this.printer = printer;
            return this;
        }

        /** Default: the system clock (UTC); dates of applications are taken in {@link #zone}. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The zone the application's date is taken in; default Asia/Tokyo. */
        public Builder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        /** Where listeners are called (required): {@code Platform::runLater} in the booth. */
        public Builder callbackExecutor(Executor callbackExecutor) {
            this.callbackExecutor = callbackExecutor;
            return this;
        }

        /** Filling, rendering, printing, connecting; default a cached pool of daemon threads owned by the journey. */
        public Builder workExecutor(Executor workExecutor) {
            this.workExecutor = workExecutor;
            return this;
        }

        /** The inactivity countdown's and the delivery wait's timer; default a scheduled thread owned by the journey. */
        public Builder scheduler(InactivityScheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /** The quiet time before the session ends, warning included; default the {@code inactivity.seconds} setting. */
        public Builder inactivity(Duration timeout, Duration warning) {
            this.inactivityTimeout = timeout;
            this.inactivityWarning = warning;
            return this;
        }

        /** How long to wait for headquarters to confirm the application before going on without a call; default 20 s. */
        public Builder deliveryTimeout(Duration deliveryTimeout) {
            this.deliveryTimeout = deliveryTimeout;
            return this;
        }

        /** The Japanese fonts for the form and the receipt; default {@link JapaneseFonts#fromSystem()}, loaded when first needed. */
        public Builder fonts(JapaneseFonts fonts) {
            this.fonts = fonts;
            return this;
        }

        /** Builds the journey, not yet started. */
        public BoothJourney build() {
            return new BoothJourney(this);
        }

        /** Builds and {@link BoothJourney#start()}s the journey. */
        public BoothJourney start() {
            BoothJourney journey = build();
            journey.start();
            return journey;
        }
    }

    /** Starts watching the reader, headquarters' link and the video session. Once. */
    public void start() {
        synchronized (lock) {
            if (slot != null || closed) {
                throw new IllegalStateException("the journey was already started or closed");
            }
            hq.addListener(hqListener);
            video.addListener(videoListener);
            LinkStatus status = hq.status();
            link = new LinkView(status.online(), status.pendingDeliveries());
            slot = cardReader.watch(Runnable::run, bridge);
            publish(null);
        }
        log.info("journey started");
    }

    // ================================================================== the port

    @Override
    public JourneyView view() {
        synchronized (lock) {
            return current;
        }
    }

    @Override
    public void addListener(JourneyListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(JourneyListener listener) {
        listeners.remove(listener);
    }

    /** Whether the card slot last reported a card in the reader (for diagnostics and tests; no card data). */
    public boolean cardInReader() {
        synchronized (lock) {
            return cardPresent;
        }
    }

    /** Touches (actions) counted since the last session started, PIN and password keys excluded. */
    public int touchesThisSession() {
        synchronized (lock) {
            return touches;
        }
    }

    @Override
    public void touchToStart() {
        synchronized (lock) {
            if (closed || run != null) {
                ignored("touchToStart");
                return;
            }
            startSession();
            touches++;
            run.session.moveTo(JourneyStep.LANGUAGE);
            publish(null);
        }
    }

    @Override
    public void chooseLanguage(BoothLanguage language) {
        Objects.requireNonNull(language, "language");
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (run == null) {
                startSession();
                run.session.moveTo(JourneyStep.LANGUAGE);
            } else if (run.step() != JourneyStep.LANGUAGE) {
                ignored("chooseLanguage");
                return;
            }
            touches++;
            run.language = language;
            run.session.chooseLanguage(formsLanguage(language).code());
            run.session.moveTo(JourneyStep.PROCEDURE);
            publish(null);
        }
    }

    @Override
    public void chooseProcedure(String formId) {
        synchronized (lock) {
            if (!at(JourneyStep.PROCEDURE, "chooseProcedure")) {
                return;
            }
            Optional<FormDefinition> form = catalogue.form(formId);
            if (form.isEmpty()) {
                ignored("chooseProcedure of an unknown form");
                return;
            }
            touches++;
            run.form = form.get();
            run.session.chooseProcedure(formId);
            run.session.moveTo(JourneyStep.PLACE_CARD);
            run.problem = Optional.empty();
            publish(null);
            readCardIfReady();
        }
    }

    @Override
    public void talkToClerk() {
        synchronized (lock) {
            if (run == null) {
                ignored("talkToClerk");
                return;
            }
            JourneyStep step = run.step();
            boolean offered = step == JourneyStep.PROCEDURE
                    || (step == JourneyStep.PIN || step == JourneyStep.SIGNATURE)
                    && run.pin.screen().map(PinScreen::offersClerk).orElse(false);
            if (!offered || !step.canMoveForwardTo(JourneyStep.CALL)) {
                ignored("talkToClerk");
                return;
            }
            touches++;
            run.talkOnly = true;
            run.pin.end();
            if (step == JourneyStep.PROCEDURE) {
                run.form = null;
            }
            run.session.moveTo(JourneyStep.CALL);
            requestCall(run, null);
        }
    }

    @Override
    public Optional<SecretEntry> secretEntry() {
        synchronized (lock) {
            if (run == null || run.pin.isEnded()) {
                return Optional.empty();
            }
            JourneyStep step = run.step();
            return step == JourneyStep.PIN || step == JourneyStep.SIGNATURE ? run.pin.entry() : Optional.empty();
        }
    }

    @Override
    public void submitSecret() {
        synchronized (lock) {
            if (run == null || run.channel == null
                    || run.step() != JourneyStep.PIN && run.step() != JourneyStep.SIGNATURE) {
                ignored("submitSecret");
                return;
            }
            touches++;
            Run r = run;
            PinKind kind = r.step() == JourneyStep.PIN ? PinKind.TEXT : PinKind.SIGNATURE;
            SubmitDecision decision = r.pin.submit(kind);
            if (decision instanceof SubmitDecision.Refused refused) {
                PinScreen now = r.pin.screen().orElse(null);
                if (now != null) {
                    List<PinMessage> messages = new ArrayList<>(now.messages());
                    messages.add(refused.reason());
                    r.secretNote = Optional.of(new PinScreen(now.kind(), now.mode(), now.triesLeft(), messages));
                }
                publish(AudioCue.ERROR);
                return;
            }
            r.secretNote = Optional.empty();
            SubmitDecision.Accepted accepted = (SubmitDecision.Accepted) decision;
            InactivityTimer.Hold hold = r.timer.pauseWhile();
            publish(null);
            PinSession pin = r.pin;
            r.channel.verify(accepted.submission()).whenComplete((result, error) -> {
                hold.close();
                pinAnswered(r, pin, kind, result, error);
            });
        }
    }

    @Override
    public void confirmIdentity(boolean itIsMe) {
        synchronized (lock) {
            if (!at(JourneyStep.CONFIRM_IDENTITY, "confirmIdentity")) {
                return;
            }
            touches++;
            if (!itIsMe) {
                endSession(run, EndCause.CANCELLED);
                return;
            }
            run.session.moveTo(JourneyStep.QUESTIONS);
            enterQuestions(run);
            publish(null);
        }
    }

    @Override
    public void acceptUsualAnswers() {
        synchronized (lock) {
            if (!at(JourneyStep.QUESTIONS, "acceptUsualAnswers") || !run.onUsualScreen) {
                return;
            }
            touches++;
            run.onUsualScreen = false;
            run.walkAll = false;
            run.questionId = null;
            nextQuestionOrReview(run);
        }
    }

    @Override
    public void changeAnswers() {
        synchronized (lock) {
            if (!at(JourneyStep.QUESTIONS, "changeAnswers") || !run.onUsualScreen) {
                return;
            }
            touches++;
            run.onUsualScreen = false;
            run.walkAll = true;
            run.questionId = null;
            nextQuestionOrReview(run);
        }
    }

    @Override
    public void answer(String value) {
        Objects.requireNonNull(value, "value");
        synchronized (lock) {
            if (!at(JourneyStep.QUESTIONS, "answer") || run.questionId == null) {
                return;
            }
            Question question = run.form.question(run.questionId).orElseThrow();
            if (!supported(question)) {
                ignored("answer to a " + question.type() + " question");
                return;
            }
            touches++;
            ValidationResult result = QuestionFlow.validate(question, value);
            if (!result.isValid()) {
                run.problem = Optional.of(JourneyText.PROBLEM_ANSWER_INVALID);
                publish(AudioCue.ERROR);
                return;
            }
            run.problem = Optional.empty();
            run.answers.put(question.id(), result.normalizedValue());
            nextQuestionOrReview(run);
        }
    }

    @Override
    public void confirmReview() {
        synchronized (lock) {
            if (!at(JourneyStep.REVIEW, "confirmReview") || run.review == null || run.channel == null) {
                return;
            }
            touches++;
            Run r = run;
            r.session.moveTo(JourneyStep.SIGNATURE);
            r.busy = Optional.of(JourneyText.BUSY_READING_CARD);
            publish(null);
            r.channel.pinStatus(PinKind.SIGNATURE).whenComplete((status, error) -> signatureTriesRead(r, status, error));
        }
    }

    @Override
    public void back() {
        synchronized (lock) {
            if (run == null) {
                ignored("back");
                return;
            }
            JourneyStep step = run.step();
            boolean checking = run.pin.screen().map(s -> s.mode() == PinScreen.Mode.CHECKING).orElse(false);
            if (!step.hasBack() || checking || run.busy.isPresent() && step != JourneyStep.PLACE_CARD) {
                ignored("back from " + step);
                return;
            }
            touches++;
            run.problem = Optional.empty();
            if (step == JourneyStep.QUESTIONS && questionBack(run)) {
                publish(null);
                return;
            }
            if (step == JourneyStep.LANGUAGE) {
                // back to the attract screen: nothing was given yet, so no "your session ended" message
                endSession(run, EndCause.CANCELLED);
                lastEnd = Optional.empty();
                publish(null);
                return;
            }
            JourneyStep to = run.session.back();
            switch (to) {
                case PLACE_CARD -> {
                    // the card (or another one) is read again once it is placed again: the PIN is asked again
                    run.awaitNewCard = cardPresent;
                    dropCardData(run);
                    closeChannel(run);
                    publish(null);
                    readCardIfReady();
                    return;
                }
                case PROCEDURE -> {
                    run.form = null;
                    run.awaitNewCard = false;
                    closeChannel(run);
                }
                case QUESTIONS -> enterQuestions(run);
                default -> {
                }
            }
            publish(null);
        }
    }

    @Override
    public void cancel() {
        synchronized (lock) {
            if (run == null) {
                ignored("cancel");
                return;
            }
            touches++;
            endSession(run, EndCause.CANCELLED);
        }
    }

    @Override
    public void finish() {
        synchronized (lock) {
            if (run == null) {
                ignored("finish");
                return;
            }
            JourneyStep step = run.step();
            if (step == JourneyStep.CALL && run.call != null
                    && (run.call.phase() == CallPhase.ENDED || run.call.phase() == CallPhase.UNAVAILABLE)) {
                touches++;
                toReceipt(run);
                return;
            }
            if (step != JourneyStep.RECEIPT || run.busy.isPresent()) {
                ignored("finish");
                return;
            }
            touches++;
            toTakeCard(run);
        }
    }

    @Override
    public void activity() {
        InactivityTimer timer;
        synchronized (lock) {
            timer = run == null ? null : run.timer;
        }
        if (timer != null) {
            timer.activity();
        }
    }

    @Override
    public VideoSession video() {
        return video;
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (run != null) {
                endSession(run, EndCause.MAINTENANCE);
            }
            closed = true;
            hq.removeListener(hqListener);
            video.removeListener(videoListener);
        }
        CardSlot s;
        synchronized (lock) {
            s = slot;
        }
        if (s != null) {
            s.close();
        }
        storeExecutor.shutdown();
        try {
            storeExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AutoCloseable closeable : owned) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.debug("closing: {}", e.getClass().getName());
            }
        }
        log.info("journey closed");
    }

    /** Waits until the store's queued writes (audit rows, the outbox entry) are done: for tests and shutdown. */
    public void awaitStoreWrites(Duration max) {
        CompletableFuture<Void> marker = CompletableFuture.runAsync(() -> { }, storeExecutor);
        try {
            marker.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the store's writes did not finish within " + max, e);
        }
    }

    // ================================================================== the session

    /** One resident's session: everything personal lives here and is dropped by {@link #wipe()}. */
    private final class Run {
        final ResidentSession session;
        final InactivityTimer timer;
        PinSession pin;
        BoothLanguage language;
        FormDefinition form;
        CardChannel channel;
        boolean channelOpening;
        int cardGeneration;
        CardData cardData;
        /** {@link #holderFingerprint} of the first card read in this session; null before. */
        byte[] holder;
        final byte[] holderSalt = newSalt();
        IdentityView identity;
        final Map<String, String> answers = new LinkedHashMap<>();
        boolean onUsualScreen;
        boolean walkAll;
        String questionId;
        List<AnswerView> usualAnswers = List.of();
        FilledApplication application;
        ReviewView review;
        String boothReference;
        String hqReference;
        String callId;
        CallView call;
        /** What the clerk shows beside the video; null for nothing. */
        ClerkShowsView shown;
        /** Counts clerk_shows frames taken, so a picture decoded after a newer frame arrived is not shown. */
        long shownFrames;
        boolean talkOnly;
        boolean cardUsed;
        boolean awaitNewCard;
        boolean awaitingDelivery;
        InactivityScheduler.Scheduled deliveryWait;
        boolean delivered;
        ReceiptView receipt;
        OptionalInt countdown = OptionalInt.empty();
        Optional<String> busy = Optional.empty();
        Optional<String> problem = Optional.empty();
        Optional<PinScreen> secretNote = Optional.empty();

        Run(ResidentSession session) {
            this.session = session;
            this.timer = new InactivityTimer(session, inactivityTimeout, inactivityWarning,
                    InactivityTimer.defaultPausedSteps(), clock, scheduler);
        }

        JourneyStep step() {
            return session.step();
        }

        boolean alive() {
            return run == this && !session.isEnded();
        }

        void wipe() {
            if (pin != null) {
                pin.end();
            }
            cardData = null;
            if (holder != null) {
                Arrays.fill(holder, (byte) 0);
                holder = null;
            }
            Arrays.fill(holderSalt, (byte) 0);
            identity = null;
            answers.clear();
            usualAnswers = List.of();
            application = null;
            if (review != null) {
                Arrays.fill(review.previewPng(), (byte) 0);
                review = null;
            }
            if (receipt != null) {
                Arrays.fill(receipt.receiptPng(), (byte) 0);
                receipt = null;
            }
            secretNote = Optional.empty();
            forgetShown(this);
            shownFrames++;
        }
    }

    private PinSession newPin(Run r) {
        PinSession pin = new PinSession();
        r.session.register(pin::close);
        return pin;
    }

    private void startSession() {
        ResidentSession session = ResidentSession.start(store.audit(), storeExecutor);
        Run r = new Run(session);
        touches = 0;
        lastEnd = Optional.empty();
        run = r;
        r.pin = newPin(r);
        session.register(r::wipe);
        session.addListener(new SessionListener() {
            @Override
            public void sessionEnded(ResidentSession ended, SessionEnd end) {
                BoothJourney.this.sessionEnded(r, end);
            }
        });
        r.timer.addListener(new InactivityListener() {
            @Override
            public void countdown(int secondsLeft) {
                synchronized (lock) {
                    if (!r.alive()) {
                        return;
                    }
                    boolean first = r.countdown.isEmpty();
                    r.countdown = OptionalInt.of(secondsLeft);
                    publish(first ? AudioCue.WARNING : null);
                }
            }

            @Override
            public void warningCancelled() {
                synchronized (lock) {
                    if (r.alive() && r.countdown.isPresent()) {
                        r.countdown = OptionalInt.empty();
                        publish(null);
                    }
                }
            }
        });
        r.timer.start();
        bridge.follow(session, r.pin);
        hq.boothState(BoothState.WITH_RESIDENT);
    }

    private void endSession(Run r, EndCause cause) {
        try {
            r.session.end(cause);
        } catch (SessionEndedException alreadyEnded) {
            log.debug("session already ended");
        }
    }

    /** Every end comes here (cancel, inactivity, card removal, completion, maintenance), on the ender's thread. */
    private void sessionEnded(Run r, SessionEnd end) {
        synchronized (lock) {
            if (run != r) {
                return;
            }
            run = null;
            bridge.forget();
            lastEnd = end.cause() == EndCause.COMPLETED ? Optional.empty() : Optional.of(end.cause());
            if (r.deliveryWait != null) {
                r.deliveryWait.cancel();
            }
            if (r.callId != null && (r.call == null || r.call.phase() == CallPhase.REQUESTING
                    || r.call.phase() == CallPhase.QUEUED)) {
                hq.cancelCall(r.callId).exceptionally(e -> null);
            }
            if (video.status().state().isActive()) {
                video.hangUp();
            }
            closeChannel(r);
            hq.boothState(BoothState.IDLE);
            touches = 0;
            log.info("journey back to the attract screen: cause={}", end.cause());
            publish(null);
        }
    }

    // ================================================================== the card

    private void cardSlotChanged(CardSlotEvent event) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            AudioCue cue = null;
            switch (event.kind()) {
                case READER_MISSING -> {
                    readerPrompt = CardPrompt.READER_MISSING;
                    readerProblem = Optional.of(event.residentKey());
                    cardPresent = false;
                    cardReadable = false;
                }
                case READER_READY, PCSC_BACK -> {
                    readerPrompt = CardPrompt.WAITING_FOR_CARD;
                    readerProblem = Optional.empty();
                    event.readerName().ifPresent(name -> readerName = name);
                }
                case PCSC_UNAVAILABLE -> {
                    readerPrompt = CardPrompt.PCSC_UNAVAILABLE;
                    readerProblem = Optional.of(event.residentKey());
                    cardPresent = false;
                    cardReadable = false;
                    if (run != null) {
                        cardLostWithTheService(run);
                    }
                }
                case CARD_INSERTED -> {
                    event.readerName().ifPresent(name -> readerName = name);
                    cardPresent = true;
                    cardReadable = false;
                    readerPrompt = CardPrompt.READING;
                    readerProblem = Optional.empty();
                    store(AuditEvent.CARD_DETECTED, null);
                    if (run != null) {
                        run.awaitNewCard = false;
                    }
                    if (run != null && run.step() == JourneyStep.PLACE_CARD) {
                        cue = AudioCue.CARD_DETECTED;
                    }
                }
                case PIN_TRIES_READ -> {
                    cardReadable = true;
                    readerPrompt = CardPrompt.READING;
                }
                case CARD_UNREADABLE -> {
                    cardReadable = false;
                    readerPrompt = CardPrompt.UNREADABLE;
                    readerProblem = Optional.of(event.residentKey());
                    if (run != null && run.step() == JourneyStep.PLACE_CARD) {
                        cue = AudioCue.ERROR;
                    }
                }
                case CARD_REMOVED -> {
                    cardPresent = false;
                    cardReadable = false;
                    readerPrompt = CardPrompt.WAITING_FOR_CARD;
                    readerProblem = Optional.empty();
                    store(AuditEvent.CARD_REMOVED, null);
                    if (run != null) {
                        // at PLACE_CARD or before: nothing ends (the bridge ended anything later)
                        run.cardGeneration++;
                        closeChannel(run);
                        run.busy = Optional.empty();
                    }
                }
            }
            publish(cue);
            readCardIfReady();
        }
    }

    /**
     * The PC/SC service went away (pcscd stopped or restarted): every connection to the card is dead and the
     * card's verified PINs are gone, but the card may still be in the reader, so this is not a removal. A
     * resident between the PIN and the signature goes back to "place your card" with their answers kept and
     * is asked to place the card again (it is read by itself once the service is back and the card is still
     * there); at the call or the receipt the card is no longer needed; at "take your card" the journey is
     * complete, as the card's removal would have made it.
     */
    private void cardLostWithTheService(Run r) {
        r.cardGeneration++;
        JourneyStep step = r.step();
        if (step == JourneyStep.TAKE_CARD) {
            endSession(r, EndCause.COMPLETED);
            return;
        }
        if (!returnToCard(r, JourneyText.PROBLEM_READER_RESTARTED)) {
            closeChannel(r);
            if (step == JourneyStep.PLACE_CARD) {
                r.busy = Optional.empty();
            }
        }
        log.info("the PC/SC service went away at {}", step);
    }

    /**
     * The card must be read again (it stopped answering, or the service restarted under it): from the PIN to
     * the signature, back to "place your card" with {@code problemKey} shown. The language, the procedure,
     * the reference and the answers are kept; the card's data, the preview and the PIN entry are wiped, and
     * the connection closed. A card still in the reader is read again only once it has been placed again.
     *
     * @return whether the session went back
     */
    private boolean returnToCard(Run r, String problemKey) {
        if (!r.alive() || !r.session.returnToCard()) {
            return false;
        }
        r.cardGeneration++;
        r.pin.end();
        r.pin = newPin(r);
        bridge.follow(r.session, r.pin);
        r.secretNote = Optional.empty();
        dropCardData(r);
        r.application = null;
        if (r.review != null) {
            Arrays.fill(r.review.previewPng(), (byte) 0);
            r.review = null;
        }
        r.questionId = null;
        r.onUsualScreen = false;
        closeChannel(r);
        r.busy = Optional.empty();
        r.awaitNewCard = cardPresent;
        if (cardPresent && problemKey.equals(CardReadError.UNREADABLE.residentKey())) {
            readerPrompt = CardPrompt.UNREADABLE; // until it is taken out, as for a card unreadable at once
        }
        r.problem = Optional.of(problemKey);
        log.info("back to the card: {}", problemKey);
        return true;
    }

    /** For a card that stopped answering: back to the card, told, and true. */
    private boolean returnIfStopped(Run r, Throwable error) {
        if (stoppedAnswering(error) && returnToCard(r, CardReadError.UNREADABLE.residentKey())) {
            publish(AudioCue.ERROR);
            return true;
        }
        return false;
    }

    /**
     * Whether a card operation failed because the card or the reader stopped answering (no answer within the
     * deadline, a broken exchange, the PC/SC service gone), not because of what the card said: the card is
     * then read again from the start ({@link #returnToCard}). A removal is not one: the removal itself ends
     * the session.
     */
    private static boolean stoppedAnswering(Throwable error) {
        if (unwrapped(error) instanceof CardException card) {
            return card.error() == CardError.NO_ANSWER || card.error() == CardError.COMMUNICATION
                    || card.error() == CardError.NO_PCSC_SERVICE;
        }
        return false;
    }

    /** At "place your card" with a readable card and no connection yet: connect and read the text PIN's tries left. */
    private void readCardIfReady() {
        Run r = run;
        if (r == null || r.step() != JourneyStep.PLACE_CARD || !cardPresent || !cardReadable || r.awaitNewCard
                || r.channel != null || r.channelOpening || readerName == null) {
            return;
        }
        r.channelOpening = true;
        r.busy = Optional.of(JourneyText.BUSY_READING_CARD);
        int generation = r.cardGeneration;
        String reader = readerName;
        publish(null);
        workExecutor.execute(() -> {
            CardChannel channel;
            try {
                channel = cardReader.open(reader);
            } catch (CardException | RuntimeException e) {
                cardFailed(r, generation, e);
                return;
            }
            synchronized (lock) {
                r.channelOpening = false;
                if (!r.alive() || r.cardGeneration != generation || r.step() != JourneyStep.PLACE_CARD) {
                    closeQuietly(channel);
                    return;
                }
                r.channel = channel;
            }
            channel.pinStatus(PinKind.TEXT).whenComplete((status, error) -> textTriesRead(r, channel, status, error));
        });
    }

    private void cardFailed(Run r, int generation, Throwable e) {
        synchronized (lock) {
            r.channelOpening = false;
            if (!r.alive() || r.cardGeneration != generation) {
                return;
            }
            log.warn("the card could not be read: {}", describe(e));
            r.busy = Optional.empty();
            if (cardPresent) {
                readerPrompt = CardPrompt.UNREADABLE;
                r.problem = Optional.of(JourneyText.PROBLEM_CARD);
            }
            publish(AudioCue.ERROR);
        }
    }

    private void textTriesRead(Run r, CardChannel channel, PinStatus status, Throwable error) {
        synchronized (lock) {
            if (!r.alive() || r.channel != channel || r.step() != JourneyStep.PLACE_CARD) {
                return;
            }
            r.busy = Optional.empty();
            if (error != null) {
                log.warn("reading the text PIN's tries left failed: {}", describe(error));
                closeChannel(r);
                readerPrompt = CardPrompt.UNREADABLE;
                r.problem = Optional.of(JourneyText.PROBLEM_CARD);
                publish(AudioCue.ERROR);
                return;
            }
            r.problem = Optional.empty();
            PinScreen screen = r.pin.begin(PinKind.TEXT, status);
            r.cardUsed = true;
            r.session.moveTo(JourneyStep.PIN);
            if (screen.mode() == PinScreen.Mode.BLOCKED) {
                store(AuditEvent.PIN_BLOCKED, null);
            }
            if (screen.mode() == PinScreen.Mode.VERIFIED) {
                readBasic4(r);
            }
            publish(screen.mode() == PinScreen.Mode.BLOCKED ? AudioCue.ERROR : null);
        }
    }

    private void pinAnswered(Run r, PinSession pin, PinKind kind, PinResult result, Throwable error) {
        synchronized (lock) {
            if (!r.alive() || r.pin != pin) {
                return; // the session went back to the card meanwhile: that PIN entry is gone
            }
            if (error != null) {
                log.warn("the card did not answer the {} PIN: {}", kind, describe(error));
                if (stoppedAnswering(error)) {
                    // whether the try was spent is unknown: the tries left are read again with the card
                    returnToCard(r, CardReadError.UNREADABLE.residentKey());
                    publish(AudioCue.ERROR);
                    return;
                }
                r.pin.answerFailed();
                r.problem = Optional.of(JourneyText.PROBLEM_CARD);
                publish(AudioCue.ERROR);
                // the tries left are unknown: read them again (never the PIN) before the pad shows again
                CardChannel channel = r.channel;
                if (channel != null) {
                    channel.pinStatus(kind).whenComplete((status, again) -> {
                        synchronized (lock) {
                            if (r.alive() && again == null && r.channel == channel) {
                                r.pin.begin(kind, status);
                                publish(null);
                            }
                        }
                    });
                }
                return;
            }
            PinScreen screen = r.pin.answer(result);
            AudioCue cue = null;
            if (result instanceof PinResult.Verified) {
                store(AuditEvent.PIN_VERIFIED, null);
                r.problem = Optional.empty();
                if (kind == PinKind.TEXT) {
                    readBasic4(r);
                } else {
                    sign(r);
                }
            } else {
                store(result instanceof PinResult.Blocked ? AuditEvent.PIN_BLOCKED : AuditEvent.PIN_FAILED, null);
                cue = AudioCue.ERROR;
            }
            log.info("{} PIN answered: {}", kind, screen.mode());
            publish(cue);
        }
    }

    private void readBasic4(Run r) {
        r.busy = Optional.of(JourneyText.BUSY_READING_CARD);
        InactivityTimer.Hold hold = r.timer.pauseWhile();
        r.channel.readBasic4Info().whenComplete((info, error) -> {
            hold.close();
            synchronized (lock) {
                if (!r.alive() || r.step() != JourneyStep.PIN) {
                    return;
                }
                r.busy = Optional.empty();
                if (error != null) {
                    log.warn("reading the basic 4 info failed: {}", describe(error));
                    if (returnIfStopped(r, error)) {
                        return;
                    }
                    r.problem = Optional.of(JourneyText.PROBLEM_CARD);
                    publish(AudioCue.ERROR);
                    return;
                }
                r.cardData = new CardData(info.name(), info.address(), info.birthDate(),
                        String.valueOf(info.sex().code()));
                byte[] holder = holderFingerprint(r, info);
                if (r.holder != null && !MessageDigest.isEqual(r.holder, holder) && !r.answers.isEmpty()) {
                    // another card than the one the answers were given with (swapped while the reader was down):
                    // the answers are the other resident's, so this one starts the questions afresh
                    r.answers.clear();
                    r.usualAnswers = List.of();
                    r.questionId = null;
                    log.info("another card than the session's first was read: the answers given with it are cleared");
                }
                r.holder = holder;
                r.identity = identityView(info, r.language);
                r.session.moveTo(JourneyStep.CONFIRM_IDENTITY);
                publish(null);
            }
        });
    }

    /**
     * Who the card read belongs to, as a digest salted per session (in memory only, wiped with the session): tells
     * a card read again after the reader went away from another resident's card, without keeping who it was.
     */
    private static byte[] holderFingerprint(Run r, Basic4Info info) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(r.holderSalt);
            digest.update((info.name() + '\u0000' + info.birthDate() + '\u0000' + info.address())
                    .getBytes(StandardCharsets.UTF_8));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static byte[] newSalt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return salt;
    }

    private IdentityView identityView(Basic4Info info, BoothLanguage language) {
        String sexKey = switch (info.sex()) {
            case MALE -> JourneyText.SEX_MALE;
            case FEMALE -> JourneyText.SEX_FEMALE;
            case NOT_APPLICABLE -> JourneyText.SEX_NOT_APPLICABLE;
        };
        return new IdentityView(info.name(), info.address(), birthDate(info.birthDate(), language), sexKey, false);
    }

    /** Japanese: 和暦 and 西暦 (昭和55年2月17日（1980年2月17日）); other languages: the long local form and ISO. */
    static String birthDate(LocalDate date, BoothLanguage language) {
        if (language == BoothLanguage.JAPANESE || language == BoothLanguage.EASY_JAPANESE) {
            return Wareki.format(date) + "（" + Wareki.gregorian(date) + "）";
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(language.locale()).format(date)
                + " (" + date + ")";
    }

    private void dropCardData(Run r) {
        r.cardData = null;
        r.identity = null;
    }

    private void closeChannel(Run r) {
        CardChannel channel = r.channel;
        r.channel = null;
        if (channel != null) {
            workExecutor.execute(() -> closeQuietly(channel));
        }
    }

    private static void closeQuietly(CardChannel channel) {
        try {
            channel.close();
        } catch (RuntimeException e) {
            log.debug("closing the card channel: {}", e.getClass().getName());
        }
    }

    // ================================================================== the questions

    /** The "usual answers": every applicable question with a default, with the answer given or the default. */
    private List<AnswerView> usualAnswers(Run r) {
        List<AnswerView> usual = new ArrayList<>();
        for (Question q : new QuestionFlow(r.form).applicable(r.answers)) {
            if (q.defaultValue() != null) {
                String value = r.answers.getOrDefault(q.id(), q.defaultValue());
                usual.add(new AnswerView(q.id(), q.prompt().in(formsLanguage(r.language)), answerText(q, value, r)));
            }
        }
        return List.copyOf(usual);
    }

    private void enterQuestions(Run r) {
        List<AnswerView> usual = usualAnswers(r);
        r.usualAnswers = usual;
        r.questionId = null;
        r.walkAll = false;
        r.onUsualScreen = !usual.isEmpty();
        if (!r.onUsualScreen) {
            r.walkAll = true;
            nextQuestionOrReview(r);
        }
    }

    private String answerText(Question q, String value, Run r) {
        if (q.type() == Question.Type.CHOICE) {
            return q.choice(value).map(c -> c.label().in(formsLanguage(r.language))).orElse(value);
        }
        return value;
    }

    private static boolean supported(Question q) {
        return q.type() == Question.Type.CHOICE || q.type() == Question.Type.NUMBER;
    }

    /** The questions put on screens one by one: all that apply (changing), or only those without a default. */
    private List<Question> walk(Run r) {
        List<Question> walk = new ArrayList<>();
        for (Question q : new QuestionFlow(r.form).applicable(r.answers)) {
            if (r.walkAll ? supported(q) || q.defaultValue() == null : q.defaultValue() == null) {
                walk.add(q);
            }
        }
        return walk;
    }

    /** After the usual screen or an answer: the next question of the walk, or the review. Publishes. */
    private void nextQuestionOrReview(Run r) {
        List<Question> walk = walk(r);
        int index = 0;
        if (r.questionId != null) {
            for (int i = 0; i < walk.size(); i++) {
                if (walk.get(i).id().equals(r.questionId)) {
                    index = i + 1;
                }
            }
        }
        if (index < walk.size()) {
            Question next = walk.get(index);
            r.questionId = next.id();
            if (!supported(next)) {
                r.problem = Optional.of(JourneyText.PROBLEM_QUESTION_UNSUPPORTED);
                log.warn("question {} of {} is of type {}, which the booth cannot ask yet", next.id(), r.form.id(),
                        next.type());
                publish(AudioCue.ERROR);
                return;
            }
            publish(null);
            return;
        }
        r.questionId = null;
        r.session.moveTo(JourneyStep.REVIEW);
        prepareReview(r);
    }

    /** Back on the questions step; false when the back button leaves the step (to "Is this you?"). */
    private boolean questionBack(Run r) {
        if (r.questionId == null) {
            return false;
        }
        List<Question> walk = walk(r);
        int index = -1;
        for (int i = 0; i < walk.size(); i++) {
            if (walk.get(i).id().equals(r.questionId)) {
                index = i;
            }
        }
        if (index > 0) {
            r.questionId = walk.get(index - 1).id();
            return true;
        }
        if (!r.usualAnswers.isEmpty()) {
            r.questionId = null;
            r.onUsualScreen = true;
            r.usualAnswers = usualAnswers(r);
            return true;
        }
        return false;
    }

    private Optional<QuestionView> questionView(Run r) {
        if (r.questionId == null || r.form == null) {
            return Optional.empty();
        }
        Question q = r.form.question(r.questionId).orElseThrow();
        if (!supported(q)) {
            return Optional.empty();
        }
        Language lang = formsLanguage(r.language);
        List<Question> walk = walk(r);
        int number = 1;
        for (int i = 0; i < walk.size(); i++) {
            if (walk.get(i).id().equals(q.id())) {
                number = i + 1;
            }
        }
        List<ChoiceView> choices = q.choices().stream().map(c -> new ChoiceView(c.value(), c.label().in(lang))).toList();
        Optional<String> value = Optional.ofNullable(r.answers.getOrDefault(q.id(), q.defaultValue()));
        QuestionView.Kind kind = q.type() == Question.Type.CHOICE ? QuestionView.Kind.CHOICE : QuestionView.Kind.NUMBER;
        return Optional.of(new QuestionView(q.id(), q.prompt().in(lang), kind, choices,
                q.min() == null ? 0 : q.min(), q.max() == null ? Integer.MAX_VALUE : q.max(), value, number,
                walk.size()));
    }

    // ================================================================== review and signature

    private void prepareReview(Run r) {
        r.busy = Optional.of(JourneyText.BUSY_PREPARING_FORM);
        if (r.review != null) {
            Arrays.fill(r.review.previewPng(), (byte) 0);
            r.review = null;
        }
        if (r.boothReference == null) {
            r.boothReference = newBoothReference(LocalDate.now(clock.withZone(zone)));
            r.session.issueReference(r.boothReference);
        }
        FormDefinition form = r.form;
        CardData card = r.cardData;
        Map<String, String> answers = Map.copyOf(r.answers);
        FillContext context = new FillContext(LocalDate.now(clock.withZone(zone)), r.boothReference, booth);
        publish(null);
        InactivityTimer.Hold hold = r.timer.pauseWhile();
        CompletableFuture.supplyAsync(() -> {
            FilledApplication app = new FormFiller().fill(form, card, new QuestionFlow(form).complete(answers), context);
            try {
                byte[] pdf = new PdfRenderer(fonts.get()).render(app);
                byte[] png = new PngPreview().render(pdf);
                return Map.entry(app, png);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, workExecutor).whenComplete((filled, error) -> {
            hold.close();
            synchronized (lock) {
                if (!r.alive() || r.step() != JourneyStep.REVIEW) {
                    if (filled != null) {
                        Arrays.fill(filled.getValue(), (byte) 0);
                    }
                    return;
                }
                r.busy = Optional.empty();
                if (error != null) {
                    log.error("filling or rendering {} failed: {}", form.id(), describe(error));
                    r.problem = Optional.of(JourneyText.PROBLEM_FORM);
                    publish(AudioCue.ERROR);
                    return;
                }
                r.application = filled.getKey();
                r.review = reviewView(filled.getKey(), filled.getValue());
                publish(null);
            }
        });
    }

    private static ReviewView reviewView(FilledApplication app, byte[] png) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (Section section : app.form().sections()) {
            for (Section.Row row : section.rows()) {
                for (Section.Cell cell : row.cells()) {
                    sources.put(cell.id(), sourceName(cell.source()));
                }
            }
        }
        List<String> checks = app.clerkChecks().stream().map(FilledApplication.ClerkCheck::fieldId).toList();
        List<FieldView> fields = app.fields().stream()
                .map(f -> new FieldView(f.id(), f.label(), f.value(), sources.getOrDefault(f.id(), "text"),
                        checks.contains(f.id())))
                .toList();
        int width = png.length >= 24 ? readInt(png, 16) : 0;
        int height = png.length >= 24 ? readInt(png, 20) : 0;
        return new ReviewView(png, width, height, fields, checks);
    }

    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
                | bytes[at + 3] & 0xFF;
    }

    /**
     * Where a field comes from, in the definition files' notation ({@code card.name}, {@code answer.copies},
     * {@code computed.feeTotal}, {@code booth.id}); {@code text} for fixed text. The screens highlight
     * {@code card.*} and {@code answer.*}: the resident's own data.
     */
    private static String sourceName(FieldSource source) {
        return source instanceof FieldSource.Text ? "text" : source.notation();
    }

    private void signatureTriesRead(Run r, PinStatus status, Throwable error) {
        synchronized (lock) {
            if (!r.alive() || r.step() != JourneyStep.SIGNATURE) {
                return;
            }
            r.busy = Optional.empty();
            if (error != null) {
                log.warn("reading the signature password's tries left failed: {}", describe(error));
                if (returnIfStopped(r, error)) {
                    return;
                }
                r.problem = Optional.of(JourneyText.PROBLEM_CARD);
                publish(AudioCue.ERROR);
                return;
            }
            PinScreen screen = r.pin.begin(PinKind.SIGNATURE, status);
            if (screen.mode() == PinScreen.Mode.BLOCKED) {
                store(AuditEvent.PIN_BLOCKED, null);
            }
            if (screen.mode() == PinScreen.Mode.VERIFIED) {
                sign(r);
            }
            publish(screen.mode() == PinScreen.Mode.BLOCKED ? AudioCue.ERROR : null);
        }
    }

    /** The password is verified: the application (with the card's 外字 marks) is signed, stored and sent. */
    private void sign(Run r) {
        r.busy = Optional.of(JourneyText.BUSY_SIGNING);
        CardChannel channel = r.channel;
        FilledApplication filled = r.application;
        CardData card = r.cardData;
        String reference = r.boothReference;
        InactivityTimer.Hold hold = r.timer.pauseWhile();
        channel.readSignatureCertificateInfo().thenApplyAsync(info -> {
            FilledApplication app = withSubstitutions(filled, card, info);
            return Map.entry(app, CanonicalJson.of(app));
        }, workExecutor).thenCompose(appAndJson -> channel.signCms(appAndJson.getValue())
                .thenApply(cms -> {
                    FilledApplication app = appAndJson.getKey();
                    Submission submission = new Submission(app.form().id(), app.form().routing(),
                            Base64.getEncoder().encodeToString(appAndJson.getValue()),
                            Base64.getEncoder().encodeToString(cms));
                    return Map.entry(app, ProtocolJson.writeBytes(submission));
                }))
                .thenApplyAsync(appAndPayload -> {
                    store.outbox().enqueueSigned(reference, HqClient.newIdempotencyKey(), appAndPayload.getValue());
                    Arrays.fill(appAndPayload.getValue(), (byte) 0);
                    return appAndPayload.getKey();
                }, storeExecutor)
                .whenComplete((app, error) -> {
                    hold.close();
                    signed(r, app, error);
                });
    }

    private static FilledApplication withSubstitutions(FilledApplication app, CardData card, JpkiCertificateInfo info) {
        if (!info.hasSubstitutedCharacters()) {
            return app;
        }
        CardData marked = new CardData(card.name(), card.address(), card.birthDate(), card.sex(),
                info.nameSubstitutedPositions(), info.addressSubstitutedPositions());
        return new FormFiller().fill(app.form(), marked, app.answers(), app.context());
    }

    private void signed(Run r, FilledApplication app, Throwable error) {
        synchronized (lock) {
            if (!r.alive() || r.step() != JourneyStep.SIGNATURE) {
                return;
            }
            r.busy = Optional.empty();
            if (error != null) {
                log.error("signing or storing application {} failed: {}", r.boothReference, describe(error));
                if (returnIfStopped(r, error)) {
                    return;
                }
                r.problem = Optional.of(JourneyText.PROBLEM_SIGNING);
                publish(AudioCue.ERROR);
                return;
            }
            r.application = app;
            if (app.needsClerkCheck() && r.review != null) {
                // the 外字 marks came with the signature certificate: the call screen explains them now
                List<String> checks = app.clerkChecks().stream().map(FilledApplication.ClerkCheck::fieldId).toList();
                ReviewView before = r.review;
                r.review = new ReviewView(before.previewPng(), before.widthPx(), before.heightPx(),
                        before.fields().stream().map(f -> new FieldView(f.id(), f.label(), f.value(), f.source(),
                                checks.contains(f.id()))).toList(), checks);
            }
            log.info("application {} signed and in the outbox", r.boothReference);
            LinkStatus status = hq.status();
            link = new LinkView(status.online(), status.pendingDeliveries());
            r.session.moveTo(JourneyStep.CALL);
            r.call = new CallView(CallPhase.REQUESTING, OptionalInt.empty(), OptionalInt.empty(), Optional.empty(),
                    Optional.empty());
            if (!status.online()) {
                unavailable(r, JourneyText.PROBLEM_HQ_UNAVAILABLE);
                return;
            }
            r.awaitingDelivery = true;
            r.deliveryWait = scheduler.schedule(deliveryTimeout, () -> {
                synchronized (lock) {
                    if (r.alive() && r.awaitingDelivery) {
                        r.awaitingDelivery = false;
                        log.warn("headquarters did not confirm {} within {}", r.boothReference, deliveryTimeout);
                        unavailable(r, JourneyText.PROBLEM_HQ_UNAVAILABLE);
                    }
                }
            });
            publish(null);
            hq.deliverNow();
        }
    }

    // ================================================================== the call

    private void requestCall(Run r, String reference) {
        String routing = r.form != null ? r.form.routing() : CLERK_ROUTING;
        String procedure = r.form != null ? r.form.id() : CLERK_PROCEDURE;
        r.call = new CallView(CallPhase.REQUESTING, OptionalInt.empty(), OptionalInt.empty(),
                Optional.ofNullable(reference), Optional.empty());
        publish(null);
        CompletableFuture<CallTicket> ticket;
        try {
            ticket = hq.requestCall(new CallRequest(routing, procedure, false, reference));
        } catch (RuntimeException e) {
            ticket = CompletableFuture.failedFuture(e);
        }
        ticket.whenComplete((t, error) -> {
            synchronized (lock) {
                if (!r.alive() || r.step() != JourneyStep.CALL) {
                    if (t != null) {
                        hq.cancelCall(t.callId()).exceptionally(e -> null);
                    }
                    return;
                }
                if (error != null) {
                    Throwable cause = unwrapped(error);
                    log.warn("call request failed: {}", describe(cause));
                    unavailable(r, cause instanceof HqRejectedException ? JourneyText.PROBLEM_CALL_REFUSED
                            : JourneyText.PROBLEM_HQ_UNAVAILABLE);
                    return;
                }
                if (r.callId != null && r.callId.equals(t.callId()) && r.call.phase() != CallPhase.REQUESTING) {
                    return; // the clerk answered before the ticket arrived
                }
                r.callId = t.callId();
                r.call = new CallView(CallPhase.QUEUED, OptionalInt.of(t.position()),
                        OptionalInt.of(t.estimatedWaitSeconds()), r.call.reference(), r.call.decision());
                publish(null);
            }
        });
    }

    /** Headquarters is unreachable: the application (if any) waits in the outbox; on to the receipt. */
    private void unavailable(Run r, String problemKey) {
        r.awaitingDelivery = false;
        r.problem = Optional.of(problemKey);
        r.call = new CallView(CallPhase.UNAVAILABLE, OptionalInt.empty(), OptionalInt.empty(),
                Optional.ofNullable(r.hqReference), Optional.empty());
        publish(AudioCue.ERROR);
        toReceipt(r);
    }

    private final class HqEvents implements HqLinkListener {
        @Override
        public void linkChanged(LinkStatus status) {
            synchronized (lock) {
                link = new LinkView(status.online(), status.pendingDeliveries());
                Run r = run;
                if (r != null && r.alive() && r.awaitingDelivery && !status.online()) {
                    unavailable(r, JourneyText.PROBLEM_HQ_UNAVAILABLE);
                    return;
                }
                publish(null);
            }
        }

        @Override
        public void delivered(String boothReference, SubmissionReceipt receipt) {
            synchronized (lock) {
                store(AuditEvent.OUTBOX_DELIVERED, boothReference);
                Run r = run;
                if (r == null || !r.alive() || !boothReference.equals(r.boothReference)) {
                    return;
                }
                r.delivered = true;
                r.hqReference = receipt.reference();
                if (r.awaitingDelivery && r.step() == JourneyStep.CALL) {
                    r.awaitingDelivery = false;
                    if (r.deliveryWait != null) {
                        r.deliveryWait.cancel();
                    }
                    requestCall(r, receipt.reference());
                } else {
                    publish(null);
                }
            }
        }

        @Override
        public void refused(String boothReference, String errorCode) {
            synchronized (lock) {
                Run r = run;
                if (r == null || !r.alive() || !boothReference.equals(r.boothReference) || !r.awaitingDelivery) {
                    return;
                }
                // the application waits for IT staff; a clerk can still help the resident now
                log.warn("headquarters refused {}: {}", boothReference, errorCode);
                r.awaitingDelivery = false;
                if (r.deliveryWait != null) {
                    r.deliveryWait.cancel();
                }
                requestCall(r, null);
            }
        }

        @Override
        public void queuePosition(PresenceFrame.QueuePosition position) {
            synchronized (lock) {
                Run r = run;
                if (r == null || !r.alive() || r.call == null || !position.callId().equals(r.callId)
                        || r.call.phase() != CallPhase.QUEUED) {
                    return;
                }
                r.call = new CallView(CallPhase.QUEUED, OptionalInt.of(position.position()),
                        r.call.estimatedWaitSeconds(), r.call.reference(), r.call.decision(), Optional.empty(),
                        r.call.returned());
                publish(null);
            }
        }

        @Override
        public void callReturned(PresenceFrame.CallReturned returned) {
            synchronized (lock) {
                Run r = run;
                if (!inAnsweredCall(r, returned.callId())) {
                    log.debug("a call_returned frame for no answered call on this booth ignored");
                    return;
                }
                // the clerk's console went away: leave the empty room and wait again at the same place; the phase
                // changes first, so the video's end is not taken for the end of the call
                log.info("the clerk of call {} went away; waiting again at position {}", returned.callId(),
                        returned.position());
                store(AuditEvent.CALL_RETURNED, r.hqReference);
                forgetShown(r);
                r.shownFrames++;
                r.call = new CallView(CallPhase.QUEUED, OptionalInt.of(Math.max(1, returned.position())),
                        OptionalInt.empty(), r.call.reference(), r.call.decision(), Optional.empty(), true);
                if (video.status().state().isActive()) {
                    video.hangUp();
                }
                hq.boothState(BoothState.WITH_RESIDENT);
                publish(AudioCue.ERROR);
            }
        }

        @Override
        public void callAnswered(PresenceFrame.CallAnswered answered) {
            synchronized (lock) {
                Run r = run;
                if (r == null || !r.alive() || r.step() != JourneyStep.CALL || r.call == null
                        || r.call.phase() != CallPhase.QUEUED && r.call.phase() != CallPhase.REQUESTING
                        || r.callId != null && !answered.callId().equals(r.callId)) {
                    return;
                }
                r.callId = answered.callId();
                r.call = new CallView(CallPhase.CONNECTING, OptionalInt.empty(), OptionalInt.empty(),
                        r.call.reference(), r.call.decision());
                BoothLanguage language = r.language != null ? r.language : defaultLanguage;
                try {
                    video.join(JoinRequest.forDomain(answered.jitsiDomain(), answered.room(), answered.jwt(),
                            displayName, language.locale(), CallRole.RESIDENT));
                } catch (RuntimeException e) {
                    log.error("joining the call failed: {}", e.getClass().getName());
                    r.problem = Optional.of(JourneyText.PROBLEM_VIDEO);
                    callEnded(r);
                    return;
                }
                hq.boothState(BoothState.IN_CALL);
                publish(null);
            }
        }

        @Override
        public void decision(PresenceFrame.Decision decision) {
            synchronized (lock) {
                Run r = run;
                if (r == null || !r.alive() || r.call == null || !decision.reference().equals(r.hqReference)) {
                    return;
                }
                r.call = new CallView(r.call.phase(), r.call.position(), r.call.estimatedWaitSeconds(),
                        r.call.reference(), Optional.of(new DecisionView(decision.outcome(), decision.message())));
                publish(null);
            }
        }

        @Override
        public void clerkShows(PresenceFrame.ClerkShows shows) {
            Run r;
            long frame;
            synchronized (lock) {
                r = run;
                if (!inAnsweredCall(r, shows.callId())) {
                    log.debug("a clerk_shows frame for no call on this booth ignored");
                    return;
                }
                frame = ++r.shownFrames;
                if (shows.imageBase64().isEmpty()) {
                    forgetShown(r);
                    r.shown = shows.clears() ? null : new ClerkShowsView(shows.text(), new byte[0], 0, 0);
                    publish(null);
                    return;
                }
            }
            // decoding a picture takes a while: on a work thread; the newest frame wins when it is done
            CompletableFuture<ClerkPicture.Checked> checked;
            try {
                checked = CompletableFuture.supplyAsync(() -> {
                    try {
                        return ClerkPicture.check(shows.imageBase64(), shows.imageType());
                    } catch (ClerkPicture.Rejected rejected) {
                        throw new CompletionException(rejected);
                    }
                }, workExecutor);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                log.debug("a clerk's picture not decoded: the journey is closing");
                return;
            }
            checked.whenComplete((picture, error) -> {
                synchronized (lock) {
                    if (!r.alive() || r.shownFrames != frame || !inAnsweredCall(r, shows.callId())) {
                        if (picture != null) {
                            Arrays.fill(picture.bytes(), (byte) 0);
                        }
                        return;
                    }
                    if (error != null) {
                        Throwable cause = unwrapped(error);
                        // a fixed reason, never the picture or the text
                        log.warn("the picture a clerk showed was dropped: {}", cause instanceof ClerkPicture.Rejected
                                ? cause.getMessage() : cause.getClass().getName());
                    }
                    forgetShown(r);
                    if (picture != null) {
                        r.shown = new ClerkShowsView(shows.text(), picture.bytes(), picture.widthPx(),
                                picture.heightPx());
                    } else if (!shows.text().isEmpty()) {
                        r.shown = new ClerkShowsView(shows.text(), new byte[0], 0, 0);
                    }
                    publish(null);
                }
            });
        }
    }

    /** Under the lock: whether {@code r} is in the answered call {@code callId} (a clerk can show it something). */
    private static boolean inAnsweredCall(Run r, String callId) {
        return r != null && r.alive() && r.step() == JourneyStep.CALL && r.call != null
                && (r.call.phase() == CallPhase.CONNECTING || r.call.phase() == CallPhase.IN_CALL)
                && callId.equals(r.callId);
    }

    /** Under the lock: drops what the clerk showed, the picture's bytes zeroed. */
    private static void forgetShown(Run r) {
        if (r.shown != null) {
            Arrays.fill(r.shown.picture(), (byte) 0);
            r.shown = null;
        }
    }

    private void videoEvent(VideoEvent event) {
        if (!(event instanceof VideoEvent.StatusChanged changed)) {
            return;
        }
        synchronized (lock) {
            Run r = run;
            if (r == null || !r.alive() || r.step() != JourneyStep.CALL || r.call == null
                    || r.call.phase() != CallPhase.CONNECTING && r.call.phase() != CallPhase.IN_CALL) {
                return;
            }
            VideoState state = changed.current().state();
            if (state == VideoState.IN_CALL && r.call.phase() != CallPhase.IN_CALL) {
                r.call = new CallView(CallPhase.IN_CALL, OptionalInt.empty(), OptionalInt.empty(), r.call.reference(),
                        r.call.decision());
                store(AuditEvent.CALL_STARTED, r.hqReference);
                publish(AudioCue.CALL_CONNECTED);
            } else if (state == VideoState.ENDED || state == VideoState.FAILED) {
                if (state == VideoState.FAILED) {
                    r.problem = Optional.of(JourneyText.PROBLEM_VIDEO);
                }
                callEnded(r);
            }
        }
    }

    private void callEnded(Run r) {
        store(AuditEvent.CALL_ENDED, r.hqReference);
        // what the clerk showed belonged to the call: it goes with it (the decision stays for the receipt)
        forgetShown(r);
        r.shownFrames++;
        r.call = new CallView(CallPhase.ENDED, OptionalInt.empty(), OptionalInt.empty(), r.call.reference(),
                r.call.decision());
        hq.boothState(BoothState.WITH_RESIDENT);
        publish(null);
        toReceipt(r);
    }

    // ================================================================== receipt and the end

    private void toReceipt(Run r) {
        r.session.moveTo(JourneyStep.RECEIPT);
        if (r.talkOnly || r.application == null) {
            // nothing was applied for: no receipt
            if (cardPresent && r.cardUsed) {
                toTakeCard(r);
            } else {
                endSession(r, EndCause.COMPLETED);
            }
            return;
        }
        r.busy = Optional.of(JourneyText.BUSY_RECEIPT);
        String reference = r.delivered && r.hqReference != null ? r.hqReference : r.boothReference;
        boolean delivered = r.delivered;
        FilledApplication app = r.application;
        FilledApplication forReceipt = reference.equals(app.context().reference()) ? app
                : new FilledApplication(app.form(), new FillContext(app.context().date(), reference,
                app.context().booth()), app.answers(), app.fields(), app.copies(), app.feeTotal(), app.clerkChecks(),
                app.applicant());
        publish(null);
        CompletableFuture.supplyAsync(() -> {
            String text = new ReceiptText().render(forReceipt, receiptWidth);
            byte[] png;
            try {
                png = new ReceiptImage(fonts.get()).renderPng(text, receiptWidth);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
            byte[] qr = ReceiptQr.png(reference);
            boolean printed;
            try {
                printed = printer.print(text, png, reference);
            } catch (RuntimeException e) {
                log.warn("the receipt printer failed: {}", e.getClass().getName());
                printed = false;
            }
            return new ReceiptView(reference, delivered, text, png, qr, printed);
        }, workExecutor).whenComplete((receipt, error) -> {
            synchronized (lock) {
                if (!r.alive() || r.step() != JourneyStep.RECEIPT) {
                    return;
                }
                r.busy = Optional.empty();
                if (error != null) {
                    log.error("the receipt could not be made: {}", describe(error));
                    byte[] qr = ReceiptQr.png(reference);
                    r.receipt = new ReceiptView(reference, delivered, "", new byte[0], qr, false);
                } else {
                    r.receipt = receipt;
                }
                store(AuditEvent.RECEIPT_ISSUED, reference);
                publish(null);
            }
        });
    }

    private void toTakeCard(Run r) {
        r.session.moveTo(JourneyStep.TAKE_CARD);
        closeChannel(r);
        if (!cardPresent) {
            endSession(r, EndCause.COMPLETED);
            return;
        }
        publish(null);
    }

    // ================================================================== the snapshot

    /** Under the lock: builds the snapshot and hands it to the listeners through the callback executor. */
    private void publish(AudioCue cue) {
        JourneyView view = build(cue);
        current = view;
        List<JourneyListener> snapshot = List.copyOf(listeners);
        if (snapshot.isEmpty()) {
            return;
        }
        callbackExecutor.execute(() -> {
            for (JourneyListener listener : snapshot) {
                try {
                    listener.journeyChanged(view);
                } catch (RuntimeException e) {
                    log.error("a journey listener failed: {}", e.getClass().getName());
                }
            }
        });
    }

    private JourneyView build(AudioCue cue) {
        Run r = run;
        if (r == null) {
            JourneyView attract = JourneyView.attract(procedures(defaultLanguage), link, lastEnd);
            return new JourneyView(attract.step(), attract.language(), attract.procedures(), attract.procedure(),
                    readerPrompt == CardPrompt.READER_MISSING || readerPrompt == CardPrompt.PCSC_UNAVAILABLE
                            ? readerPrompt : CardPrompt.WAITING_FOR_CARD,
                    Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), link, OptionalInt.empty(), Optional.empty(), Optional.empty(),
                    lastEnd, Optional.ofNullable(cue));
        }
        JourneyStep step = r.step();
        BoothLanguage language = r.language != null ? r.language : defaultLanguage;
        Optional<ProcedureView> procedure = Optional.ofNullable(r.form).map(f -> procedureView(f, language));
        CardPrompt prompt = readerPrompt;
        if (step == JourneyStep.PLACE_CARD && (r.channelOpening || r.channel != null) && prompt != CardPrompt.UNREADABLE) {
            prompt = CardPrompt.READING;
        }
        if (step == JourneyStep.PLACE_CARD && r.awaitNewCard && prompt == CardPrompt.READING) {
            prompt = CardPrompt.WAITING_FOR_CARD; // back from the PIN: the card is read again once placed again
        }
        Optional<PinScreen> secret = step == JourneyStep.PIN || step == JourneyStep.SIGNATURE
                ? r.secretNote.isPresent() ? r.secretNote : r.pin.screen() : Optional.empty();
        boolean questions = step == JourneyStep.QUESTIONS;
        Optional<String> problem = r.problem;
        if (problem.isEmpty() && step == JourneyStep.PLACE_CARD) {
            problem = readerProblem;
        }
        boolean afterIdentity = step.compareTo(JourneyStep.CONFIRM_IDENTITY) >= 0;
        return new JourneyView(step, Optional.ofNullable(r.language), procedures(language), procedure, prompt,
                secret,
                afterIdentity ? Optional.ofNullable(r.identity) : Optional.empty(),
                questions && r.onUsualScreen ? r.usualAnswers : List.of(),
                questions ? questionView(r) : Optional.empty(),
                step == JourneyStep.REVIEW || step == JourneyStep.SIGNATURE
                        || step == JourneyStep.CALL && r.review != null && !r.review.clerkCheckFieldIds().isEmpty()
                        ? Optional.ofNullable(r.review) : Optional.empty(),
                step.compareTo(JourneyStep.CALL) >= 0 ? Optional.ofNullable(r.call)
                        .map(call -> call.withShown(Optional.ofNullable(r.shown))) : Optional.empty(),
                step == JourneyStep.RECEIPT || step == JourneyStep.TAKE_CARD ? Optional.ofNullable(r.receipt)
                        : Optional.empty(),
                link, r.countdown, r.busy, problem, Optional.empty(), Optional.ofNullable(cue));
    }

    private List<ProcedureView> procedures(BoothLanguage language) {
        Language lang = formsLanguage(language);
        return catalogue.forms().stream().map(f -> procedureView(f, lang)).toList();
    }

    private static ProcedureView procedureView(FormDefinition form, BoothLanguage language) {
        return procedureView(form, formsLanguage(language));
    }

    private static ProcedureView procedureView(FormDefinition form, Language lang) {
        return new ProcedureView(form.id(), form.title().in(lang), form.department().in(lang), true);
    }

    // ================================================================== helpers

    /** The booth's language as the forms catalogue names it. */
    public static Language formsLanguage(BoothLanguage language) {
        if (language == null) {
            return Language.JA;
        }
        return switch (language) {
            case JAPANESE -> Language.JA;
            case EASY_JAPANESE -> Language.JA_EASY;
            case ENGLISH -> Language.EN;
            case CHINESE -> Language.ZH;
            case KOREAN -> Language.KO;
            case VIETNAMESE -> Language.VI;
            case PORTUGUESE -> Language.PT;
        };
    }

    private static Optional<BoothLanguage> languageOfCode(String code) {
        for (BoothLanguage language : BoothLanguage.values()) {
            if (formsLanguage(language).code().equals(code)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /** A booth reference as forms' fill command makes them: {@code MD-YYYYMMDD-XXXXXX}. */
    static String newBoothReference(LocalDate day) {
        StringBuilder reference = new StringBuilder("MD-").append(day.toString().replace("-", "")).append('-');
        for (int i = 0; i < 6; i++) {
            reference.append(REFERENCE_ALPHABET.charAt(RANDOM.nextInt(REFERENCE_ALPHABET.length())));
        }
        return reference.toString();
    }

    private boolean at(JourneyStep step, String action) {
        if (run == null || run.step() != step || run.busy.isPresent()) {
            ignored(action);
            return false;
        }
        return true;
    }

    private void ignored(String action) {
        log.debug("{} ignored at {}", action, run == null ? JourneyStep.ATTRACT : run.step());
    }

    private void store(AuditEvent event, String reference) {
        try {
            storeExecutor.execute(() -> {
                try {
                    store.audit().append(event, reference);
                } catch (RuntimeException e) {
                    log.error("could not record {}: {}", event, e.getClass().getName());
                }
            });
        } catch (RuntimeException rejected) {
            log.debug("audit {} not recorded: the journey is closed", event);
        }
    }

    /** What failed, out of the futures' wrappers ({@link CompletionException}, {@code ExecutionException}). */
    private static Throwable unwrapped(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** An exception for the log: its class and, for card errors, the typed error; never its message. */
    private static String describe(Throwable error) {
        Throwable cause = unwrapped(error);
        if (cause instanceof CardException card) {
            return "CardException " + card.error();
        }
        return cause.getClass().getName();
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "BoothJourney[" + (run == null ? "attract" : run.session.id() + " " + run.step()) + "]";
        }
    }
}
