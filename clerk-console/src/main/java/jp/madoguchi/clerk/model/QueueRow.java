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
 */
public record QueueRow(String routing, String callId, String procedureId, boolean priority, int waitingSeconds,
                       String reference) {
    /** Priority assistance first, then the longest wait; then by call id, so that the order is stable. */
    public static final Comparator<QueueRow> BOARD_ORDER = Comparator.comparing(QueueRow::priority).reversed()
            .thenComparing(Comparator.comparingInt(QueueRow::waitingSeconds).reversed())
            .thenComparing(QueueRow::callId);

    public QueueRow {
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(procedureId, "procedureId");
        reference = reference == null ? "" : reference;
    }

    static QueueRow of(String routing, QueuedCall call) {
        return new QueueRow(routing, call.callId(), call.procedureId(), call.priority(), call.waitingSeconds(),
                call.reference());
    }

    /** Whole minutes waited, rounded down (the board shows minutes). */
    public int waitingMinutes() {
        return waitingSeconds / 60;
    }
}
