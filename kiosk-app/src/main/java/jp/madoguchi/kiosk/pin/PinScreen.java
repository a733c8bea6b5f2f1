package jp.madoguchi.kiosk.pin;

import java.util.List;
import java.util.Objects;
import jp.madoguchi.card.mynumber.PinKind;

/**
 * What the PIN or password screen shows now, as decided by {@link PinAttemptPolicy}: a plain value a
 * view model turns into properties.
 *
 * @param kind the secret being asked for
 * @param mode where the screen is
 * @param triesLeft the tries left as the card last said, or -1 when not known
 * @param messages what to say, in order (keys for the resource bundle)
 */
public record PinScreen(PinKind kind, Mode mode, int triesLeft, List<PinMessage> messages) {
    /** Tries left not known (not read yet, or the card already had the PIN verified). */
    public static final int UNKNOWN = -1;

    public enum Mode {
        /** The tries left have not been read yet: the pad is not shown before they are. */
        READING_TRIES,
        /** The pad is shown; more than one try left. */
        ENTRY,
        /** The pad is shown with the last-try warning and an offer to call a clerk instead. */
        LAST_TRY,
        /** A typed secret is with the card; the pad is disabled until the answer. */
        CHECKING,
        /** The card accepted the secret (or already had it verified). */
        VERIFIED,
        /** The secret is blocked: explained, the pad is not shown, a clerk is offered. */
        BLOCKED,
        /** The card was removed or the session ended: everything is wiped. */
        ENDED
    }

    public PinScreen {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mode, "mode");
        messages = List.copyOf(messages);
    }

    /** Whether the PIN pad (or password keyboard) is shown and takes input. */
    public boolean padShown() {
        return mode == Mode.ENTRY || mode == Mode.LAST_TRY;
    }

    /** Whether the screen offers to call a clerk instead of typing. */
    public boolean offersClerk() {
        return mode == Mode.LAST_TRY || mode == Mode.BLOCKED;
    }

    /** Whether the screen carries the warning that one more mistake locks the card. */
    public boolean warnsLastTry() {
        return mode == Mode.LAST_TRY;
    }

    /** The message keys alone, in order (handy for tests and logs: keys hold no secret). */
    public List<String> messageKeys() {
        return messages.stream().map(PinMessage::key).toList();
    }
}
