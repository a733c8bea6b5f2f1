package jp.madoguchi.kiosk.pin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.PinResult;
import jp.madoguchi.card.mynumber.PinStatus;
import jp.madoguchi.kiosk.pin.PinScreen.Mode;

/**
 * The PIN and password entry of one card session: which secret is asked for, the entry the pad types
 * into, and the one secret with the card, applying {@link PinAttemptPolicy}. It never talks to the
 * card itself: the caller reads the tries left, sends what {@link #submit} accepted, and reports the
 * answer, so a view model can do the card I/O on the card reader's executor.
 *
 * <p>The rules it enforces (issue 6, "PIN safety"; docs/decisions/0021-booth-pin-entry.md):
 * <ul>
 *   <li>The pad is only shown after the tries left were read without spending one ({@link #begin}).
 *   <li>Only a secret the resident just typed is sent: an entry is submitted once, then gone; after a
 *       wrong secret the pad starts empty and a submit without new typing is refused.
 *   <li>Nothing is retried: one accepted submission, one VERIFY, then the resident decides again.
 *   <li>An incomplete entry, one for another kind of secret, or any entry while a secret is with the
 *       card, blocked or verified, is refused before a try can be spent.
 *   <li>{@link #cardRemoved()}, {@link #end()} and {@link #close()} wipe the entry and end the session.
 * </ul>
 *
 * <p>Not thread-safe: confined to the screen's thread (the FX thread in the booth). Only the
 * {@link PinSubmission} travels to the card reader's thread; its owner closes it when the call
 * returns. {@code toString} never shows a secret.
 */
public final class PinSession implements AutoCloseable {
    private PinScreen screen;
    private SecretEntry entry;
    private PinSubmission withCard;
    private boolean retyping;
    private boolean ended;

    /**
     * Starts asking for {@code kind} with the tries left the card reported without spending one.
     * Whatever was typed for another secret is wiped.
     *
     * @throws IllegalStateException while a secret is with the card, or once the session ended
     */
    public PinScreen begin(PinKind kind, PinStatus status) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        if (ended) {
            throw new IllegalStateException("the card session has ended");
        }
        if (withCard != null) {
            throw new IllegalStateException("a secret is with the card; wait for its answer");
        }
        wipeEntry();
        retyping = false;
        return show(PinAttemptPolicy.beforeEntry(kind, status));
    }

    /** What the screen shows now; empty before the first {@link #begin}. */
    public Optional<PinScreen> screen() {
        return Optional.ofNullable(screen);
    }

    /** The entry the pad types into; empty when the pad is not shown. */
    public Optional<SecretEntry> entry() {
        return Optional.ofNullable(entry);
    }

    public boolean isEnded() {
        return ended;
    }

    /**
     * The resident pressed "OK" for {@code kind}. Accepted only for a complete entry of the secret the
     * screen asks for, typed since the last answer: the entry is then handed over (and gone) and the
     * screen shows {@link Mode#CHECKING} until {@link #answer}. A refusal spends nothing.
     */
    public SubmitDecision submit(PinKind kind) {
        Objects.requireNonNull(kind, "kind");
        String p = PinAttemptPolicy.keyPrefix(kind);
        if (ended) {
            return refused(p + ".refused.ended");
        }
        if (screen == null || screen.mode() == Mode.READING_TRIES) {
            return refused(p + ".refused.tries_not_read");
        }
        if (screen.kind() != kind || entry != null && entry.kind() != kind) {
            return refused(p + ".refused.wrong_kind");
        }
        switch (screen.mode()) {
            case CHECKING:
                return refused(p + ".refused.checking");
            case BLOCKED:
                return refused(p + ".refused.blocked");
            case VERIFIED:
                return refused(p + ".refused.verified");
            default:
                break;
        }
        if (entry == null || entry.isEmpty() && retyping) {
            return refused(p + ".refused.type_again");
        }
        if (!entry.isComplete()) {
            return new SubmitDecision.Refused(PinMessage.of(p + ".refused.incomplete",
                    SecretEntry.minLength(kind), SecretEntry.maxLength(kind)));
        }
        char[] pin = entry.take();
        wipeEntry();
        withCard = new PinSubmission(kind, pin);
        show(new PinScreen(kind, Mode.CHECKING, screen.triesLeft(), List.of(PinMessage.of(p + ".checking"))));
        return new SubmitDecision.Accepted(withCard);
    }

    /**
     * The card answered the VERIFY of the accepted submission. Wipes it; the screen follows the policy,
     * and when the pad is shown again it starts empty: the resident must type again.
     * An answer arriving after the session ended is ignored.
     *
     * @throws IllegalStateException when no secret was with the card
     */
    public PinScreen answer(PinResult result) {
        Objects.requireNonNull(result, "result");
        if (ended) {
            return screen;
        }
        PinKind kind = takeWithCard();
        retyping = true;
        return show(PinAttemptPolicy.afterAnswer(kind, result));
    }

    /**
     * The card call failed without an answer (a communication error, not a wrong secret). Wipes the
     * submission; the tries left are unknown, so the pad stays hidden until they are read again with
     * {@link #begin}. Never retried here.
     */
    public PinScreen answerFailed() {
        if (ended) {
            return screen;
        }
        PinKind kind = takeWithCard();
        retyping = true;
        return show(new PinScreen(kind, Mode.READING_TRIES, PinScreen.UNKNOWN,
                List.of(PinMessage.of(PinAttemptPolicy.keyPrefix(kind) + ".error.card_unreadable"))));
    }

    /** The card left the reader: everything typed is wiped and the session ends. */
    public void cardRemoved() {
        end();
    }

    /**
     * Ends the session (cancel, inactivity, end of the journey): wipes the entry and forgets any
     * secret with the card. That one is wiped by its owner when the card call returns (wiping it
     * here, from another thread mid-call, could send zeros and spend a try). Idempotent.
     */
    public void end() {
        wipeEntry();
        withCard = null;
        if (screen != null) {
            screen = new PinScreen(screen.kind(), Mode.ENDED, PinScreen.UNKNOWN, List.of());
        }
        ended = true;
    }

    @Override
    public void close() {
        end();
    }

    private PinKind takeWithCard() {
        if (withCard == null) {
            throw new IllegalStateException("no secret is with the card");
        }
        PinKind kind = withCard.kind();
        withCard.close();
        withCard = null;
        return kind;
    }

    private PinScreen show(PinScreen next) {
        screen = next;
        if (next.padShown()) {
            wipeEntry();
            entry = new SecretEntry(next.kind());
        }
        return next;
    }

    private void wipeEntry() {
        if (entry != null) {
            entry.close();
            entry = null;
        }
    }

    private static SubmitDecision refused(String key) {
        return new SubmitDecision.Refused(PinMessage.of(key));
    }

    @Override
    public String toString() {
        return "PinSession[" + (ended ? "ended" : screen == null ? "not begun" : screen.kind() + " " + screen.mode()) + "]";
    }
}
