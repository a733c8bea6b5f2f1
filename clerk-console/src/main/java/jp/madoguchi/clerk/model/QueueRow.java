package jp.madoguchi.clerk.model;

import java.util.Comparator;
import java.util.Objects;
import jp.madoguchi.hqlink.message.QueuedCall;

/**
 * One waiting call as the queue board lists it.
 *
 * @param routing the department queue it waits in
 * @param callId headquarters' id of the call
 * @param procedureId the form the resident applies with (e.g. {@code juminhyo})
 * @param priority the resident asked for priority assistance
 * @param waitingSeconds how long it has waited, as of the last refresh
 * @param reference the application's reference number, if the resident signed one before calling
 * @param boothName the calling booth's name ("" when headquarters does not know it)
 * @param location where the booth stands ("" when not recorded)
 * @param needsClerkCheck the application holds characters the card substituted (外字), which the clerk must check
 */
public record QueueRow(String routing, String callId, String procedureId, boolean priority, int waitingSeconds,
                       String reference, String boothName, String location, boolean needsClerkCheck) {
    /** Priority assistance first, then the longest wait; then by call id, so that the order is stable. */
    public static final Comparator<QueueRow> BOARD_ORDER = Comparator.comparing(QueueRow::priority).reversed()
            .thenComparing(Comparator.comparingInt(QueueRow::waitingSeconds).reversed())
            .thenComparing(QueueRow::callId);

    public QueueRow {
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(procedureId, "procedureId");
        reference = reference == null ? "" : reference;
        boothName = boothName == null ? "" : boothName;
        location = location == null ? "" : location;
    }

    /** A row without booth details (as an older headquarters lists calls). */
    public QueueRow(String routing, String callId, String procedureId, boolean priority, int waitingSeconds,
            String reference) {
        this(routing, callId, procedureId, priority, waitingSeconds, reference, "", "", false);
    }

    static QueueRow of(String routing, QueuedCall call) {
        return new QueueRow(routing, call.callId(), call.procedureId(), call.priority(), call.waitingSeconds(),
                call.reference(), call.boothName(), call.location(), call.needsClerkCheck());
    }

    /** Whole minutes waited, rounded down (the board shows minutes). */
    public int waitingMinutes() {
        return waitingSeconds / 60;
    }
}
