package jp.madoguchi.hq.store;

/** What {@link Applications#submit} did. */
public sealed interface SubmitResult {

    /**
     * The application is stored. {@code resubmission} is true when an earlier submission with the
     * same booth and idempotency key was already stored: {@code application} is then that record,
     * with its reference and, if a clerk has decided, its decision.
     */
    record Stored(StoredApplication application, boolean resubmission) implements SubmitResult {
    }

    /**
     * The booth already used this idempotency key for a different application (other form,
     * routing, bytes or signature). Nothing was stored; a booth bug, to be answered with an error.
     */
    record IdempotencyKeyConflict(String boothId, String idempotencyKey, String existingReference)
            implements SubmitResult {
    }

    /**
     * The same signed application was already stored from another booth ({@code existingReference}); nothing was
     * stored. A replay (a copied signed application sent by a booth that did not take it), to be refused.
     */
    record Replayed(String boothId, String existingReference) implements SubmitResult {
    }
}
