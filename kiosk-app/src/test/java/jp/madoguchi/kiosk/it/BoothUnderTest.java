package jp.madoguchi.kiosk.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.card.emulator.inprocess.EmulatedTerminals;
import jp.madoguchi.card.pcsc.Readers;
import jp.madoguchi.forms.catalogue.FormCatalogue;
import jp.madoguchi.forms.model.Booth;
import jp.madoguchi.hqlink.client.RetryPolicy;
import jp.madoguchi.hqlink.client.ClerkClient;
import jp.madoguchi.hqlink.message.AnsweredCall;
import jp.madoguchi.kiosk.card.BoothCardReader;
import jp.madoguchi.kiosk.hq.DemoHeadquarters;
import jp.madoguchi.kiosk.hq.HqLinkService;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.i18n.BoothMessages;
import jp.madoguchi.kiosk.journey.AudioCue;
import jp.madoguchi.kiosk.journey.BoothJourney;
import jp.madoguchi.kiosk.journey.ManualTime;
import jp.madoguchi.kiosk.store.BoothKey;
import jp.madoguchi.kiosk.store.BoothStore;
import jp.madoguchi.kiosk.store.SettingKey;
import jp.madoguchi.kiosk.ui.BoothWindow;
import jp.madoguchi.kiosk.ui.model.BoothPreferences;
import jp.madoguchi.video.VideoSession;
import jp.madoguchi.video.testing.FakeVideoSession;
import jp.madoguchi.video.testing.Poll;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * A whole booth on a headless (Monocle) stage, against a real headquarters in demo mode: the in-process emulated
 * reader (cards issued by headquarters' own test authority, so it verifies their signatures), a real
 * {@link BoothStore} in a temporary folder, the real {@link HqLinkService} to {@link DemoHeadquarters}, the real
 * {@link BoothJourney} calling back on the FX thread, and the real {@link BoothWindow} (not locked down: Monocle's
 * headless screen has no full screen).
 * The video is a {@link FakeVideoSession} (or, with {@link #open(DemoHeadquarters, Path, Supplier)}, a real one)
 * and the inactivity clock a {@link ManualTime}.
 *
 * <p>Tests drive it through the screen ({@link #touch}, {@link #typeOnPad}), read what the resident sees
 * ({@link #shownTexts}) and look at headquarters. {@link #close()} stops everything and fails when a thread the
 * booth started is still alive afterwards or a child process appeared.
 */
final class BoothUnderTest implements AutoCloseable {
    static final String READER = "Emulated Reader 0";
    /** Generous: a loaded 2-CPU machine took 35 s for the whole 住民票 journey; no step should take this long. */
    static final Duration WAIT = Duration.ofSeconds(60);
    static final Duration INACTIVITY = Duration.ofSeconds(90);
    static final Duration WARNING = Duration.ofSeconds(20);
    /** The name the clerk sees in the call: the booth's, never the resident's. */
    static final String DISPLAY_NAME = "北部出張所ブース";
    /**
     * Threads the booth's own parts start (journey, link, card slot, reader, fake video): exact names, and
     * prefixes ending in '-' or '['. Headquarters' own threads (e.g. hq-presence-sweeper, started again by a
     * restart) are not the booth's.
     */
    private static final List<String> BOOTH_THREADS = List.of("journey-", "hq-outbox", "hq-calls", "hq-presence",
            "card-slot", "reader-watcher", "card-reader[", "fake-video-events", "video-session", "video-events",
            "video-browser-reaper", "call-page-http");

    private static boolean boothThread(String name) {
        return BOOTH_THREADS.stream().anyMatch(own -> own.endsWith("-") || own.endsWith("[")
                ? name.startsWith(own) : name.equals(own));
    }

    final DemoHeadquarters hq;
    final EmulatedTerminals terminals = new EmulatedTerminals();
    final BoothKey key;
    final BoothStore store;
    final HqLinkService link;
    /** The scripted video, or null when the booth runs a real one ({@link #videoSession}). */
    final FakeVideoSession video;
    final VideoSession videoSession;
    final ManualTime time = new ManualTime();
    final BoothJourney journey;
    final BoothWindow window;
    final List<AudioCue> cues = new CopyOnWriteArrayList<>();
    final BoothMessages messages = BoothMessages.strict();
    private final FxRobot robot = new FxRobot();
    private final Set<Thread> threadsBefore;
    private final Set<Long> childrenBefore;
    private int touches;
    private boolean closed;
    private volatile PinAttemptCounter lastCard;

    private BoothUnderTest(DemoHeadquarters hq, Path dir, boolean largeText, Supplier<VideoSession> realVideo)
            throws Exception {
        this.hq = hq;
        threadsBefore = new HashSet<>(Thread.getAllStackTraces().keySet());
        this.video = realVideo == null ? new FakeVideoSession() : null;
        this.videoSession = realVideo == null ? video : realVideo.get();
        childrenBefore = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
        key = BoothKey.loadOrCreate(dir.resolve("booth.key"));
        store = BoothStore.open(dir.resolve("booth.db"), key);
        store.settings().set(SettingKey.LARGE_TEXT.key(), Boolean.toString(largeText));
        store.settings().set(SettingKey.SOUND_ENABLED.key(), "false");
        // while headquarters is away, try again soon (a test waits for the delivery)
        store.settings().setDuration(SettingKey.OUTBOX_RETRY_SECONDS.key(), Duration.ofSeconds(5));
        link = HqLinkService.builder(hq.url(), hq.boothCredentials(), store.outbox(), store.audit(), store.settings())
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2)))
                .timeouts(Duration.ofSeconds(3), Duration.ofSeconds(15))
                .presence(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMillis(500))
                .build();
        terminals.attachReader(READER);
        journey = BoothJourney.builder()
                .cardReader(BoothCardReader.of(new Readers(terminals.factory()), Optional.of(READER)))
                .catalogue(FormCatalogue.load(null))
                .store(store)
                .headquarters(link)
                .video(videoSession)
                .booth(new Booth("見本市", "見本市役所 北部出張所", "booth-017"))
                .displayName(DISPLAY_NAME)
                .clock(time)
                .scheduler(time)
                .inactivity(INACTIVITY, WARNING)
                .callbackExecutor(Platform::runLater)
                .build();
        link.start();
        journey.start();
        BoothPreferences preferences = BoothPreferences.from(store.settings());
        window = fx(() -> {
            BoothWindow w = BoothWindow.create(journey, BoothMessages.lenient(), preferences, cues::add);
            Stage stage = new Stage();
            stage.setX(0);
            stage.setY(0);
            // Monocle's headless screen cannot go full screen (Lockdown's setFullScreen fails there): the same
            // window and scene, unlocked; KeyboardAndLockdownTest covers the lockdown itself
            w.showUnlocked(stage);
            return w;
        });
        settle();
    }

    /** Starts the FX toolkit (headless, 1920x1080) once per JVM. */
    static void startToolkit() throws Exception {
        if (System.getProperty("headless.geometry") == null) {
            System.setProperty("headless.geometry", "1920x1080-32");
        }
        FxToolkit.registerPrimaryStage();
    }

    static BoothUnderTest open(DemoHeadquarters hq, Path dir) throws Exception {
        return new BoothUnderTest(hq, dir, false, null);
    }

    static BoothUnderTest open(DemoHeadquarters hq, Path dir, boolean largeText) throws Exception {
        return new BoothUnderTest(hq, dir, largeText, null);
    }

    /**
     * A booth whose call runs in the session {@code video} makes (e.g. a real {@code ChromiumVideoSession}), made
     * after the booth's threads were counted and closed with the booth.
     */
    static BoothUnderTest open(DemoHeadquarters hq, Path dir, Supplier<VideoSession> video) throws Exception {
        return new BoothUnderTest(hq, dir, false, java.util.Objects.requireNonNull(video, "video"));
    }

    // ---- the card ----

    /**
     * A card of a built-in persona, issued by headquarters' test authority, placed on the reader; the PIN attempts
     * it receives are counted ({@link #pinAttempts()}).
     */
    EmulatedMyNumberCard insert(String persona) {
        EmulatedMyNumberCard card = EmulatedCards.create(Personas.builtIn(persona), hq.authority());
        PinAttemptCounter counted = new PinAttemptCounter(card);
        lastCard = counted;
        terminals.insert(READER, counted);
        return card;
    }

    /** PIN and password attempts (VERIFY with data) the card placed last has received. */
    int pinAttempts() {
        return lastCard == null ? 0 : lastCard.attempts();
    }

    void removeCard() {
        terminals.remove(READER);
    }

    // ---- a whole journey ----

    /**
     * Attract → {@code language} → 住民票 → {@code persona}'s card, its PIN on the pad → "this is me" → the usual
     * answers → the review confirmed → the signature password → the call screen; returns headquarters' reference
     * once it is there.
     */
    String applyUpToTheCall(BoothLanguage language, String persona) throws Exception {
        awaitScreen("attract");
        touch("#attract-language-" + language.name().toLowerCase(java.util.Locale.ROOT));
        awaitScreen("procedure");
        touch("#procedure-juminhyo");
        awaitScreen("place_card");
        EmulatedMyNumberCard card = insert(persona);
        awaitKeyEnabled("#key-1");
        typeOnPad(card.persona().textPin());
        touch("#key-ok");
        awaitScreen("confirm_identity");
        touch("#identity-yes");
        awaitScreen("questions");
        touch("#usual-accept");
        awaitScreen("review");
        touch("#review-confirm");
        awaitScreen("signature");
        awaitKeyEnabled("#key-A");
        typeOnPad(card.persona().signaturePassword());
        touch("#key-ok");
        awaitScreen("call");
        return await("headquarters' reference", () -> journey.view().call().flatMap(c -> c.reference()).orElse(null));
    }

    private void awaitKeyEnabled(String selector) throws Exception {
        await(selector + " taking keys", () -> {
            Node key = window.scene().lookup(selector);
            return key != null && !key.isDisabled() ? key : null;
        });
    }

    /** The clerk answers calls of the 住民票 queue until the one for {@code hqReference} (an earlier one may wait). */
    static AnsweredCall answerCallFor(ClerkClient clerk, String hqReference) {
        AtomicReference<AnsweredCall> found = new AtomicReference<>();
        List<String> skipped = new ArrayList<>();
        Poll.until(WAIT, () -> {
            try {
                Optional<AnsweredCall> next = clerk.answerNext("citizens");
                if (next.isEmpty()) {
                    return false;
                }
                AnsweredCall call = next.get();
                if (call.application() != null && hqReference.equals(call.application().reference())) {
                    found.set(call);
                    return true;
                }
                skipped.add(call.toString());
                return false;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, () -> "no call for " + hqReference + "; skipped " + skipped);
        return found.get();
    }

    // ---- the resident's hands ----

    /**
     * A resident's touch on the control {@code selector} once it is on screen and can be pressed (no busy
     * overlay, not disabled); counted in {@link #touches()}.
     */
    void touch(String selector) throws Exception {
        press(selector);
        touches++;
    }

    /** Keys of the PIN pad or the signature keyboard, one touch each (not counted), then nothing else. */
    void typeOnPad(String secret) throws Exception {
        for (char c : secret.toCharArray()) {
            press("#key-" + Character.toUpperCase(c));
        }
    }

    /** Touches counted by {@link #touch} since the booth was opened. */
    int touches() {
        return touches;
    }

    private void press(String selector) throws Exception {
        Node node = await("'" + selector + "' on screen, enabled", () -> {
            Node found = window.scene().lookup(selector);
            return found != null && shownInScene(found) && !found.isDisabled() && !overlayUp() ? found : null;
        });
        robot.clickOn(node);
        settle();
    }

    private boolean overlayUp() {
        for (String overlay : List.of("#busy-overlay", "#countdown-overlay")) {
            Node node = window.scene().lookup(overlay);
            if (node != null && node.isVisible()) {
                return true;
            }
        }
        return false;
    }

    // ---- what the resident sees ----

    /** Waits until the screen of {@code step} (e.g. "pin", "confirm_identity") is shown and nothing is busy. */
    void awaitScreen(String step) throws Exception {
        await("the screen " + step, () -> {
            Node screen = window.scene().lookup("#screen-" + step);
            return screen != null && shownInScene(screen) && !overlayUp() ? screen : null;
        });
    }

    /** Waits until some text shown on screen satisfies {@code condition}; returns that text. */
    String awaitText(String what, Predicate<String> condition) throws Exception {
        return await(what, () -> textsOf(window.scene().getRoot(), true).stream().filter(condition).findFirst()
                .orElse(null));
    }

    /** Waits until a shown text equals {@code text}. */
    void awaitText(String text) throws Exception {
        awaitText("'" + text + "' on screen", text::equals);
    }

    boolean shown(String selector) throws Exception {
        return fx(() -> {
            Node node = window.scene().lookup(selector);
            return node != null && shownInScene(node);
        });
    }

    /** The text of the labeled control {@code selector}. */
    String text(String selector) throws Exception {
        return fx(() -> {
            Node node = window.scene().lookup(selector);
            if (!(node instanceof Labeled labeled)) {
                throw new AssertionError("no labeled control " + selector);
            }
            return labeled.getText();
        });
    }

    /** The font size of the labeled control {@code selector}, as laid out. */
    double fontSize(String selector) throws Exception {
        return fx(() -> ((Labeled) window.scene().lookup(selector)).getFont().getSize());
    }

    /** Every text the resident can see now: labels, buttons and text nodes that are visible with their parents. */
    List<String> shownTexts() throws Exception {
        return fx(() -> textsOf(window.scene().getRoot(), true));
    }

    /** Every text in the whole scene graph, shown or not, including what a screen reader would say. */
    List<String> allTexts() throws Exception {
        return fx(() -> textsOf(window.scene().getRoot(), false));
    }

    String text(BoothLanguage language, String key, Object... arguments) {
        return messages.text(language, key, arguments);
    }

    private static List<String> textsOf(Parent root, boolean shownOnly) {
        List<String> texts = new ArrayList<>();
        collect(root, shownOnly, texts);
        return texts;
    }

    private static void collect(Node node, boolean shownOnly, List<String> texts) {
        if (shownOnly && !node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isBlank()) {
            texts.add(labeled.getText());
        }
        if (node instanceof Text text && text.getText() != null && !text.getText().isBlank()) {
            texts.add(text.getText());
        }
        if (!shownOnly && node.getAccessibleText() != null && !node.getAccessibleText().isBlank()) {
            texts.add(node.getAccessibleText());
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, shownOnly, texts);
            }
        }
    }

    private static boolean shownInScene(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    // ---- FX plumbing ----

    /** Waits (generously) until {@code probe}, run on the FX thread, returns non-null; fails with what was shown. */
    <T> T await(String what, Callable<T> probe) throws Exception {
        List<T> found = new ArrayList<>(1);
        Poll.until(WAIT, () -> {
            try {
                T value = fx(probe);
                if (value != null) {
                    found.add(value);
                    return true;
                }
                return false;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, () -> what + "; on screen: " + describeScreen());
        settle();
        return found.get(0);
    }

    private String describeScreen() {
        try {
            return fx(() -> {
                Node screen = window.scene().lookup("#screen-" + window.viewModel().stepProperty().get().name()
                        .toLowerCase(java.util.Locale.ROOT));
                return (screen == null ? "?" : screen.getId()) + " " + textsOf(window.scene().getRoot(), true);
            });
        } catch (Exception e) {
            return "(not readable: " + e + ")";
        }
    }

    static <T> T fx(Callable<T> action) throws Exception {
        return jp.madoguchi.kiosk.ui.BoothFx.fx(action);
    }

    /** Lays the scene out and waits for a pulse and the FX work queued behind it. */
    void settle() throws Exception {
        jp.madoguchi.kiosk.ui.BoothFx.settle();
    }

    // ---- the end ----

    @Override
    public void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            fx(() -> {
                window.close();
                return null;
            });
        } finally {
            journey.close();
            link.close();
            videoSession.close();
            store.close();
            key.close();
        }
        Poll.until(WAIT, () -> boothThreadsLeft().isEmpty(), () -> "threads the booth started are still alive: "
                + boothThreadsLeft());
        Set<Long> newChildren = ProcessHandle.current().children().map(ProcessHandle::pid)
                .filter(pid -> !childrenBefore.contains(pid)).collect(Collectors.toSet());
        if (!newChildren.isEmpty()) {
            throw new AssertionError("the booth left child processes: " + newChildren);
        }
    }

    private List<String> boothThreadsLeft() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !threadsBefore.contains(t))
                .map(Thread::getName)
                .filter(BoothUnderTest::boothThread)
                .sorted().toList();
    }

    /** Whether a control that can be pressed (a button) shows {@code text}. */
    boolean buttonShown(String text) throws Exception {
        return fx(() -> {
            List<Node> nodes = new ArrayList<>();
            collectNodes(window.scene().getRoot(), nodes);
            return nodes.stream().anyMatch(n -> n instanceof ButtonBase b && text.equals(b.getText()));
        });
    }

    private static void collectNodes(Node node, List<Node> found) {
        if (!node.isVisible()) {
            return;
        }
        found.add(node);
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collectNodes(child, found);
            }
        }
    }
}
