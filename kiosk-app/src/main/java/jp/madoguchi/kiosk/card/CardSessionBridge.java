package jp.madoguchi.kiosk.card;

import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.kiosk.pin.PinSession;
import jp.madoguchi.kiosk.session.EndCause;
import jp.madoguchi.kiosk.session.JourneyStep;
import jp.madoguchi.kiosk.session.ResidentSession;
import jp.madoguchi.kiosk.session.SessionEnd;
import jp.madoguchi.kiosk.session.SessionEndedException;

/**
 * Wires {@link CardSlot} to the resident's session: the card leaving the reader after "Place your card"
 * ends the session with {@link EndCause#CARD_REMOVED} (and wipes the PIN entry through
 * {@link PinSession#cardRemoved()}); the card taken at {@link JourneyStep#TAKE_CARD} ends it with
 * {@link EndCause#COMPLETED}. A card removed at or before {@link JourneyStep#PLACE_CARD} ends nothing.
 * Every event is then passed on to the next listener (the screens).
 *
 * <p>Register it as the slot's listener; it runs on the slot's callback executor (the FX thread), the same
 * thread that drives the {@link PinSession}. Thread-safe: {@link #follow} and {@link #forget} may be called
 * from any thread.
 */
public final class CardSessionBridge implements CardSlotListener {
    private final CardSlotListener next;
    private ResidentSession session; // guarded by this
    private PinSession pinSession; // guarded by this

    /** @param next the listener every event is passed on to (the screens' view model) */
    public CardSessionBridge(CardSlotListener next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    /** From now on, a removal concerns {@code session} and its PIN entry (which may be null before the PIN step). */
    public synchronized void follow(ResidentSession session, PinSession pinSession) {
        this.session = Objects.requireNonNull(session, "session");
        this.pinSession = pinSession;
    }

    /** The booth is back on the attract screen: no session to end. */
    public synchronized void forget() {
        session = null;
        pinSession = null;
    }

    @Override
    public void cardSlotChanged(CardSlotEvent event) {
        if (event.kind() == CardSlotEvent.Kind.CARD_REMOVED) {
            cardRemoved();
        }
        next.cardSlotChanged(event);
    }

    /** Ends the followed session as the card's removal requires; empty when nothing ended. */
    Optional<SessionEnd> cardRemoved() {
        ResidentSession current;
        PinSession pin;
        synchronized (this) {
            current = session;
            pin = pinSession;
        }
        if (current == null || current.isEnded()) {
            return Optional.empty();
        }
        JourneyStep step = current.step();
        if (step.compareTo(JourneyStep.PLACE_CARD) <= 0) {
            return Optional.empty();
        }
        EndCause cause = step == JourneyStep.TAKE_CARD ? EndCause.COMPLETED : EndCause.CARD_REMOVED;
        if (pin != null) {
            if (cause == EndCause.CARD_REMOVED) {
                pin.cardRemoved();
            } else {
                pin.end();
            }
        }
        try {
            SessionEnd end = current.end(cause);
            synchronized (this) {
                if (session == current) {
                    session = null;
                    pinSession = null;
                }
            }
            return Optional.of(end);
        } catch (SessionEndedException e) {
            // ended meanwhile by another cause (inactivity, cancel): nothing left to wipe
            return Optional.empty();
        }
    }
}
