package jp.madoguchi.kiosk.session;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The screens of the resident's journey (shared/design/architecture.md), with the forward moves each allows
 * and where its back button leads.
 *
 * <p>Back rules: every step before the signature has a back button to the step before it, with one
 * exception: "Is this you?" goes back to "place your card" (the PIN was already verified; a resident who
 * answers "not me" needs another card, not the PIN pad again). After signing there is no way back into the
 * questions: the signed application is in the outbox, so {@link #CALL}, {@link #RECEIPT} and
 * {@link #TAKE_CARD} have no back. The attract screen has nowhere to go back to. Cancelling is not a step
 * move; it ends the session ({@link EndCause#CANCELLED}).
 */
public enum JourneyStep {
    ATTRACT,
    LANGUAGE,
    PROCEDURE,
    PLACE_CARD,
    PIN,
    CONFIRM_IDENTITY,
    QUESTIONS,
    REVIEW,
    SIGNATURE,
    CALL,
    RECEIPT,
    TAKE_CARD;

    /** The steps this one may move forward to. */
    public Set<JourneyStep> forwardMoves() {
        return switch (this) {
            case ATTRACT -> Set.of(LANGUAGE);
            case LANGUAGE -> Set.of(PROCEDURE);
            // "just talk to a clerk" skips the card and the form
            case PROCEDURE -> Set.of(PLACE_CARD, CALL);
            case PLACE_CARD -> Set.of(PIN);
            // a resident at one try left, or with a blocked PIN, is offered a clerk instead
            case PIN -> Set.of(CONFIRM_IDENTITY, CALL);
            case CONFIRM_IDENTITY -> Set.of(QUESTIONS);
            case QUESTIONS -> Set.of(REVIEW);
            case REVIEW -> Set.of(SIGNATURE);
            case SIGNATURE -> Set.of(CALL);
            case CALL -> Set.of(RECEIPT);
            case RECEIPT -> Set.of(TAKE_CARD);
            // the journey's end: the session ends (COMPLETED) and the booth returns to ATTRACT
            case TAKE_CARD -> Collections.emptySet();
        };
    }

    /** Where this step's back button leads, or empty when the step has no back button. */
    public Optional<JourneyStep> back() {
        return switch (this) {
            case ATTRACT, CALL, RECEIPT, TAKE_CARD -> Optional.empty();
            case LANGUAGE -> Optional.of(ATTRACT);
            case PROCEDURE -> Optional.of(LANGUAGE);
            case PLACE_CARD -> Optional.of(PROCEDURE);
            case PIN, CONFIRM_IDENTITY -> Optional.of(PLACE_CARD);
            case QUESTIONS -> Optional.of(CONFIRM_IDENTITY);
            case REVIEW -> Optional.of(QUESTIONS);
            case SIGNATURE -> Optional.of(REVIEW);
        };
    }

    public boolean hasBack() {
        return back().isPresent();
    }

    public boolean canMoveForwardTo(JourneyStep next) {
        return forwardMoves().contains(next);
    }

    /** The steps whose screens show a back button. */
    public static Set<JourneyStep> stepsWithBack() {
        EnumSet<JourneyStep> steps = EnumSet.noneOf(JourneyStep.class);
        for (JourneyStep step : values()) {
            if (step.hasBack()) {
                steps.add(step);
            }
        }
        return steps;
    }
}
