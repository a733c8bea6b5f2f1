package jp.madoguchi.hq.store;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clerks' decisions on applications. Thread-safe. An application is decided once: the update only
 * applies to an application still {@code received}, so of two clerks deciding at the same moment
 * one records and the other is told {@link DecisionResult.AlreadyDecided}.
 */
public final class Decisions {
    private static final Logger log = LoggerFactory.getLogger(Decisions.class);

    private final Database database;

    public Decisions(Database database) {
        this.database = Objects.requireNonNull(database);
    }

    /**
     * Records {@code outcome} (not {@code RECEIVED}) with the clerk's message to the resident
     * (may be null) and the clerk's id.
     */
    public DecisionResult decide(String reference, ApplicationStatus outcome, String message, String clerkId,
            Instant when) {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(clerkId, "clerkId");
        Objects.requireNonNull(when, "when");
        if (!Objects.requireNonNull(outcome, "outcome").isDecision()) {
            throw new IllegalArgumentException("a decision is accepted, correction needed or rejected");
        }
        DecisionResult result = database.write("decide application", connection -> {
            int updated;
            try (PreparedStatement update = connection.prepareStatement("UPDATE applications"
                    + " SET status = ?, decision_message = ?, decided_by = ?, decided_at = ?"
                    + " WHERE reference = ? AND status = 'received'")) {
                update.setString(1, outcome.column());
                update.setString(2, message);
                update.setString(3, clerkId);
                Timestamps.set(update, 4, when);
                update.setString(5, reference);
                updated = update.executeUpdate();
            }
            Optional<StoredApplication> application = Applications.findOne(connection, "reference = ?", reference);
            if (application.isEmpty()) {
                return new DecisionResult.NotFound(reference);
            }
            return updated == 1
                    ? new DecisionResult.Recorded(application.get())
                    : new DecisionResult.AlreadyDecided(application.get());
        });
        if (result instanceof DecisionResult.Recorded) {
            log.info("application decided: reference={} status={} clerk={}", reference, outcome.column(), clerkId);
        }
        return result;
    }
}
