package jp.madoguchi.kiosk.session;

/** A move the journey does not allow (e.g. back from the call into the questions). */
public final class IllegalStepMoveException extends IllegalStateException {
    private final JourneyStep from;
    private final JourneyStep to;

    IllegalStepMoveException(JourneyStep from, JourneyStep to, String why) {
        super("cannot move from " + from + (to == null ? "" : " to " + to) + ": " + why);
        this.from = from;
        this.to = to;
    }

    public JourneyStep from() {
        return from;
    }

    /** The refused target, or null for a refused "back". */
    public JourneyStep to() {
        return to;
    }
}
