package jp.madoguchi.hqlink.message;

/** {@code POST /api/v1/clerk/decisions}: a clerk's decision, pushed to the booth as a {@code decision} frame. */
public record DecisionRequest(int v, String reference, Outcome outcome, String message) {
    public DecisionRequest {
        Require.version(v, "decision request");
        Require.text(reference, "decision request", "reference");
        Require.present(outcome, "decision request", "outcome");
        if (outcome == Outcome.UNKNOWN) {
            throw new IllegalArgumentException("decision request: outcome must be accepted, correction_needed or rejected");
        }
        message = message == null ? "" : message;
    }

    public DecisionRequest(String reference, Outcome outcome, String message) {
        this(Protocol.VERSION, reference, outcome, message);
    }
}
