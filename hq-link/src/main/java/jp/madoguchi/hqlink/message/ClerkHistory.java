package jp.madoguchi.hqlink.message;

import java.util.List;

/**
 * {@code GET /api/v1/clerk/history?reference=…&date=yyyy-MM-dd}: the calls and decisions of one day (headquarters'
 * time zone), newest first, at most 500.
 */
public record ClerkHistory(int v, List<HistoryEntry> entries) {
    /** The most entries one answer carries. */
    public static final int MAX_ENTRIES = 500;

    public ClerkHistory {
        Require.version(v, "clerk history");
        entries = Require.list(entries, "clerk history", "entries");
    }

    public ClerkHistory(List<HistoryEntry> entries) {
        this(Protocol.VERSION, entries);
    }

    @Override
    public String toString() {
        return "ClerkHistory[v=" + v + ", entries=" + entries.size() + "]";
    }
}
