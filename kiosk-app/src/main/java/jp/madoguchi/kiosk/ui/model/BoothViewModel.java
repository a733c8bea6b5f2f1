package jp.madoguchi.kiosk.ui.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.i18n.BoothMessages;
import jp.madoguchi.kiosk.i18n.BoothText;
import jp.madoguchi.kiosk.journey.AudioCue;
import jp.madoguchi.kiosk.journey.Journey;
import jp.madoguchi.kiosk.journey.JourneyListener;
import jp.madoguchi.kiosk.journey.JourneyView;
import jp.madoguchi.kiosk.pin.SecretEntry;
import jp.madoguchi.kiosk.session.JourneyStep;

/**
 * The booth's view model: the {@link Journey}'s snapshots as JavaFX properties, the texts in the screen's language,
 * and the resident's actions. It never touches a control; the views bind to it.
 *
 * <p>FX thread only (or, in unit tests, the test's thread): the journey's listener must be called on the FX thread,
 * which the app arranges with {@code Platform::runLater} as the journey's callback executor.
 *
 * <p>{@link #screenProperty()} changes only when what a screen shows changes (not for the countdown, the busy
 * spinner, the problem banner, the link indicator or a cue), so the views rebuild a screen only when its content
 * is new and keep the focus while the countdown ticks.
 */
public final class BoothViewModel {
    /** Large text: the root font size times this. */
    public static final double LARGE_TEXT_SCALE = 1.4;

    private static final JourneyView.LinkView NEUTRAL_LINK = new JourneyView.LinkView(true, 0);

    private final Journey journey;
    private final BoothMessages messages;
    private final BoothPreferences preferences;
    private final JourneyListener listener = this::apply;
    private Consumer<AudioCue> cues = cue -> { };

    private final ReadOnlyObjectWrapper<JourneyView> view = new ReadOnlyObjectWrapper<>(this, "view");
    private final ReadOnlyObjectWrapper<JourneyView> screen = new ReadOnlyObjectWrapper<>(this, "screen");
    private final ReadOnlyObjectWrapper<JourneyStep> step = new ReadOnlyObjectWrapper<>(this, "step");
    private final ReadOnlyObjectWrapper<BoothLanguage> language = new ReadOnlyObjectWrapper<>(this, "language");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper backShown = new ReadOnlyBooleanWrapper(this, "backShown");
    private final ReadOnlyBooleanWrapper cancelShown = new ReadOnlyBooleanWrapper(this, "cancelShown");
    private final ReadOnlyBooleanWrapper countdownShown = new ReadOnlyBooleanWrapper(this, "countdownShown");
    private final ReadOnlyIntegerWrapper countdownSeconds = new ReadOnlyIntegerWrapper(this, "countdownSeconds");
    private final ReadOnlyBooleanWrapper problemShown = new ReadOnlyBooleanWrapper(this, "problemShown");
    private final ReadOnlyBooleanWrapper offline = new ReadOnlyBooleanWrapper(this, "offline");
    private final ReadOnlyIntegerWrapper pendingDeliveries = new ReadOnlyIntegerWrapper(this, "pendingDeliveries");
    private final ReadOnlyStringWrapper secretMasked = new ReadOnlyStringWrapper(this, "secretMasked", "");
    private final ReadOnlyIntegerWrapper secretLength = new ReadOnlyIntegerWrapper(this, "secretLength");
    private final ReadOnlyBooleanWrapper secretComplete = new ReadOnlyBooleanWrapper(this, "secretComplete");
    private final BooleanProperty largeText = new SimpleBooleanProperty(this, "largeText");
    private final BooleanProperty highContrast = new SimpleBooleanProperty(this, "highContrast");

    private final StringBinding titleText;
    private final StringBinding busyText;
    private final StringBinding problemText;
    private final StringBinding countdownText;
    private final StringBinding linkText;

    public BoothViewModel(Journey journey, BoothMessages messages, BoothPreferences preferences) {
        this.journey = Objects.requireNonNull(journey, "journey");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.preferences = Objects.requireNonNull(preferences, "preferences");
        largeText.set(preferences.largeText());
        highContrast.set(preferences.highContrast());
        language.set(preferences.defaultLanguage());
        titleText = Bindings.createStringBinding(
                () -> step.get() == null ? "" : textNow(BoothText.stepTitle(step.get())), step, language);
        busyText = Bindings.createStringBinding(() -> keyText(view.get() == null ? Optional.empty()
                : view.get().busyKey()), view, language);
        problemText = Bindings.createStringBinding(() -> keyText(view.get() == null ? Optional.empty()
                : view.get().problemKey()), view, language);
        countdownText = Bindings.createStringBinding(
                () -> textNow(BoothText.INACTIVITY_WARNING, countdownSeconds.get()), countdownSeconds, language);
        linkText = Bindings.createStringBinding(() -> pendingDeliveries.get() == 0 ? textNow(UiText.LINK_OFFLINE)
                : textNow(UiText.LINK_OFFLINE) + " · " + textNow(UiText.LINK_PENDING, pendingDeliveries.get()),
                pendingDeliveries, language);
    }

    /** Listens to the journey and shows its current snapshot. */
    public void attach() {
        journey.addListener(listener);
        apply(journey.view());
    }

    public void detach() {
        journey.removeListener(listener);
    }

    /** Where the snapshots' audio cues go (the booth's sounds). */
    public void setCueSink(Consumer<AudioCue> sink) {
        this.cues = Objects.requireNonNull(sink, "sink");
    }

    /** Shows one snapshot. FX thread. */
    public void apply(JourneyView next) {
        Objects.requireNonNull(next, "next");
        JourneyView previous = view.get();
        language.set(next.language().orElse(preferences.defaultLanguage()));
        step.set(next.step());
        busy.set(next.busyKey().isPresent());
        backShown.set(next.step().hasBack());
        cancelShown.set(next.step() != JourneyStep.ATTRACT);
        OptionalInt countdown = next.countdownSeconds();
        countdownSeconds.set(countdown.orElse(0));
        countdownShown.set(countdown.isPresent());
        problemShown.set(next.problemKey().isPresent());
        offline.set(!next.link().online());
        pendingDeliveries.set(next.link().pendingDeliveries());
        view.set(next);
        JourneyView content = screenContent(next);
        // no equals on the first view (a record's first equals links its bootstrap: ~5 ms of the first frame)
        if (screen.get() == null || !content.equals(screen.get())) {
            screen.set(content);
        }
        refreshSecret();
        if (next.cue().isPresent() && next != previous) {
            cues.accept(next.cue().get());
        }
    }

    /** The snapshot without what the booth's frame shows around a screen (countdown, busy, problem, link, cue). */
    static JourneyView screenContent(JourneyView v) {
        return new JourneyView(v.step(), v.language(), v.procedures(), v.procedure(), v.card(), v.secret(),
                v.identity(), v.usualAnswers(), v.question(), v.review(), v.call(), v.receipt(), NEUTRAL_LINK,
                OptionalInt.empty(), Optional.empty(), Optional.empty(), v.lastEnd(), Optional.empty());
    }

    // ---- texts ----

    /** A booth sentence in the screen's language, following every language change. */
    public StringBinding text(String key, Object... arguments) {
        return Bindings.createStringBinding(() -> textNow(key, arguments), language);
    }

    /** A booth sentence in the screen's language now. */
    public String textNow(String key, Object... arguments) {
        return messages.text(language.get(), key, arguments);
    }

    /** A booth sentence in a given language (the attract screen's cycling invitation). */
    public String textIn(BoothLanguage in, String key, Object... arguments) {
        return messages.text(in, key, arguments);
    }

    public BoothMessages messages() {
        return messages;
    }

    private String keyText(Optional<String> key) {
        return key.map(this::textNow).orElse("");
    }

    // ---- properties ----

    public ReadOnlyObjectProperty<JourneyView> viewProperty() {
        return view.getReadOnlyProperty();
    }

    /** The snapshot's screen content; changes only when a screen must be rebuilt. */
    public ReadOnlyObjectProperty<JourneyView> screenProperty() {
        return screen.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<JourneyStep> stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** The resident's language, or the booth's default before a choice. */
    public ReadOnlyObjectProperty<BoothLanguage> languageProperty() {
        return language.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty backShownProperty() {
        return backShown.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty cancelShownProperty() {
        return cancelShown.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty countdownShownProperty() {
        return countdownShown.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty countdownSecondsProperty() {
        return countdownSeconds.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty problemShownProperty() {
        return problemShown.getReadOnlyProperty();
    }

    /** Headquarters cannot be reached: the small indicator shows. */
    public ReadOnlyBooleanProperty offlineProperty() {
        return offline.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pendingDeliveriesProperty() {
        return pendingDeliveries.getReadOnlyProperty();
    }

    /** One {@link SecretEntry#MASK} per typed character; never the characters. */
    public ReadOnlyStringProperty secretMaskedProperty() {
        return secretMasked.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty secretLengthProperty() {
        return secretLength.getReadOnlyProperty();
    }

    /** What is typed has the card's format: OK may be pressed. */
    public ReadOnlyBooleanProperty secretCompleteProperty() {
        return secretComplete.getReadOnlyProperty();
    }

    public BooleanProperty largeTextProperty() {
        return largeText;
    }

    public BooleanProperty highContrastProperty() {
        return highContrast;
    }

    public StringBinding titleText() {
        return titleText;
    }

    public StringBinding busyText() {
        return busyText;
    }

    public StringBinding problemText() {
        return problemText;
    }

    public StringBinding countdownText() {
        return countdownText;
    }

    public StringBinding linkText() {
        return linkText;
    }

    public JourneyView getView() {
        return view.get();
    }

    public BoothLanguage getLanguage() {
        return language.get();
    }

    // ---- actions ----

    public void touchToStart() {
        journey.touchToStart();
    }

    public void chooseLanguage(BoothLanguage chosen) {
        journey.chooseLanguage(chosen);
    }

    public void chooseProcedure(String formId) {
        journey.chooseProcedure(formId);
    }

    public void talkToClerk() {
        journey.talkToClerk();
    }

    /** A key of the PIN pad or the signature keyboard: typed into the journey's {@link SecretEntry}. */
    public void typeSecret(char c) {
        journey.secretEntry().ifPresent(entry -> entry.append(c));
        refreshSecret();
    }

    public void backspaceSecret() {
        journey.secretEntry().ifPresent(SecretEntry::backspace);
        refreshSecret();
    }

    public void clearSecret() {
        journey.secretEntry().ifPresent(SecretEntry::clear);
        refreshSecret();
    }

    /** OK: only when the entry is complete (an incomplete secret never spends a try). */
    public void submitSecret() {
        if (secretComplete.get()) {
            journey.submitSecret();
        }
        refreshSecret();
    }

    public void confirmIdentity(boolean itIsMe) {
        journey.confirmIdentity(itIsMe);
    }

    public void acceptUsualAnswers() {
        journey.acceptUsualAnswers();
    }

    public void changeAnswers() {
        journey.changeAnswers();
    }

    public void answer(String value) {
        journey.answer(value);
    }

    public void confirmReview() {
        journey.confirmReview();
    }

    public void back() {
        journey.back();
    }

    public void cancel() {
        journey.cancel();
    }

    public void finish() {
        journey.finish();
    }

    /** Any touch or key anywhere. */
    public void activity() {
        journey.activity();
    }

    public Journey journey() {
        return journey;
    }

    private void refreshSecret() {
        Optional<SecretEntry> entry = journey.secretEntry();
        secretMasked.set(entry.map(SecretEntry::masked).orElse(""));
        secretLength.set(entry.map(SecretEntry::length).orElse(0));
        secretComplete.set(entry.map(SecretEntry::isComplete).orElse(false));
    }
}
