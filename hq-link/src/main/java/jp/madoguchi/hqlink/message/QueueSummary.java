package jp.madoguchi.hqlink.message;

import java.util.List;

/** One queue (a routing, i.e. a department) with its waiting calls, longest-waiting (and priority) first. */
public record QueueSummary(String routing, List<QueuedCall> calls) {
    public QueueSummary {
        Require.text(routing, "queue", "routing");
        calls = Require.list(calls, "queue", "calls");
    }
}
