package jp.madoguchi.kiosk.journey;

import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.pin.SecretEntry;
import jp.madoguchi.video.VideoSession;

import java.util.Optional;

/**
 * The booth's application service: the resident's journey (shared/design/architecture.md) as actions
 * and one observable {@link JourneyView}. The JavaFX view models call these actions and render the
 * snapshots; nothing here knows JavaFX.
 *
 * <p>Thread-safe. Every action returns at once: card I/O, form filling and rendering, signing, the
 * outbox and headquarters run on executors the implementation owns. Listeners are called on the
 * callback executor given at construction (the FX thread's {@code Platform::runLater} in the app, a
 * same-thread executor in tests), always with the newest snapshot. Actions that make no sense in the
 * current step are ignored (logged at debug), never thrown: a double tap must not crash the booth.
 *
 * <p>The card is detected by itself (the implementation watches the reader); there is no
 * "card inserted" action. The inactivity countdown is part of the view ({@link JourneyView#countdownSeconds()}).
 */
public interface Journey extends AutoCloseable {

    /** The latest snapshot. */
    JourneyView view();

    void addListener(JourneyListener listener);

    void removeListener(JourneyListener listener);

    /** Attract screen touched anywhere: a session starts at the language screen. */
    void touchToStart();

    /** A language chosen, on the attract screen (starts a session and skips the language screen) or the language screen. */
    void chooseLanguage(BoothLanguage language);

    /** A procedure chosen from {@link JourneyView#procedures()}: on to "place your card". */
    void chooseProcedure(String formId);

    /** "Just talk to a clerk" (from the procedure menu, or offered at one PIN try left / a blocked PIN). */
    void talkToClerk();

    /**
     * The buffer the on-screen PIN pad or signature keyboard types into, while {@link JourneyView#secret()}
     * shows a pad; empty otherwise. The view never copies its characters; it shows {@link SecretEntry#masked()}.
     */
    Optional<SecretEntry> secretEntry();

    /** OK on the PIN pad or the signature keyboard: sends exactly what the resident just typed, once. */
    void submitSecret();

    /** "Is this you?": yes goes on to the questions; no ends the session (the resident takes the card back). */
    void confirmIdentity(boolean itIsMe);

    /** On the questions step, the "usual answers" summary accepted as it stands. */
    void acceptUsualAnswers();

    /** On the questions step, "let me choose": the questions one per screen. */
    void changeAnswers();

    /** The answer to {@link JourneyView#question()} (a choice's value, or a number as text); on to the next screen. */
    void answer(String value);

    /** Review confirmed: on to the signature password. */
    void confirmReview();

    /** The back button: {@link jp.madoguchi.kiosk.session.JourneyStep#back()} (or the previous question). */
    void back();

    /** Cancel: the session ends and is wiped; the attract screen returns. */
    void cancel();

    /** On the receipt screen, "done": on to "please take your card". */
    void finish();

    /** Any touch or key: resets the inactivity timer and dismisses its warning. */
    void activity();

    /** The call's video session, for the {@code VideoPane} and its mute / camera / hang-up buttons. */
    VideoSession video();

    /** Stops watching the reader and the timers; ends a session in progress (MAINTENANCE). */
    @Override
    void close();
}
