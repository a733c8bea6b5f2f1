package jp.madoguchi.hq.store;

/** What {@link Decisions#decide} did. */
public sealed interface DecisionResult {

    /** The decision is recorded; {@code application} shows it. */
    record Recorded(StoredApplication application) implements DecisionResult {
    }

    /** Someone decided first; {@code application} shows that earlier decision, which stands. */
    record AlreadyDecided(StoredApplication application) implements DecisionResult {
    }

    /** No application has that reference. */
    record NotFound(String reference) implements DecisionResult {
    }
}
