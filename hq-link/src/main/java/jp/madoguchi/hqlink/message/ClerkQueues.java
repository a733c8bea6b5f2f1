package jp.madoguchi.hqlink.message;

import java.util.List;

/**
 * {@code GET /api/v1/clerk/queues}: the queues this clerk may answer, and every enrolled, unrevoked booth with its
 * presence ({@code booths}; empty when an older headquarters sent none).
 */
public record ClerkQueues(int v, List<QueueSummary> queues, List<BoothPresence> booths) {
    public ClerkQueues {
        Require.version(v, "clerk queues");
        queues = Require.list(queues, "clerk queues", "queues");
        booths = booths == null ? List.of() : Require.list(booths, "clerk queues", "booths");
    }

    public ClerkQueues(int v, List<QueueSummary> queues) {
        this(v, queues, List.of());
    }

    public ClerkQueues(List<QueueSummary> queues) {
        this(Protocol.VERSION, queues, List.of());
    }

    public ClerkQueues(List<QueueSummary> queues, List<BoothPresence> booths) {
        this(Protocol.VERSION, queues, booths);
    }
}
