package jp.madoguchi.hqlink.message;

import java.util.List;

/** {@code GET /api/v1/clerk/queues}: the queues this clerk may answer. */
public record ClerkQueues(int v, List<QueueSummary> queues) {
    public ClerkQueues {
        Require.version(v, "clerk queues");
        queues = Require.list(queues, "clerk queues", "queues");
    }

    public ClerkQueues(List<QueueSummary> queues) {
        this(Protocol.VERSION, queues);
    }
}
