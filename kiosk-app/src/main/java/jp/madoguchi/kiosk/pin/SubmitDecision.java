package jp.madoguchi.kiosk.pin;

/** What {@link PinSession#submit} decided: the secret goes to the card, or it is refused (no try spent). */
public sealed interface SubmitDecision {
    /** Send {@code submission} to the card once, then report the answer to the session and close it. */
    record Accepted(PinSubmission submission) implements SubmitDecision {
    }

    /** Not sent; {@code reason} says why, for the screen. Nothing was spent on the card. */
    record Refused(PinMessage reason) implements SubmitDecision {
    }
}
