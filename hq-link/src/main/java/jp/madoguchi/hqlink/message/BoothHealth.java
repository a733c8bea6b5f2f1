package jp.madoguchi.hqlink.message;

import java.time.Instant;

/**
 * One enrolled booth as IT staff see it ({@code GET /api/v1/clerk/admin/booths}): what the booths table holds
 * ({@code revokedAt} null while trusted) and what presence knows now: {@code online}, {@code state} (null when
 * offline), {@code lastSeen} (the last frame since headquarters started; null if none) and {@code connectedAt} (when
 * its current or last presence connection opened; null if none). Added later, both null when unknown (an older
 * booth, or none heard since headquarters started): {@code startedAt}, when the booth's current or last run
 * started (its {@code hello}), and {@code lastUncleanRestartAt}, when it last started again after a run that did not
 * stop cleanly. Booths report nothing else (no outbox size).
 */
public record BoothHealth(String boothId, String name, String location, Instant enrolledAt, Instant revokedAt,
        boolean online, BoothState state, Instant lastSeen, Instant connectedAt, Instant startedAt,
        Instant lastUncleanRestartAt) {
    public BoothHealth {
        Require.text(boothId, "booth health", "boothId");
        name = name == null ? "" : name;
        location = location == null ? "" : location;
        Require.present(enrolledAt, "booth health", "enrolledAt");
    }

    /** Without what the booth said about its start (as before those fields). */
    public BoothHealth(String boothId, String name, String location, Instant enrolledAt, Instant revokedAt,
            boolean online, BoothState state, Instant lastSeen, Instant connectedAt) {
        this(boothId, name, location, enrolledAt, revokedAt, online, state, lastSeen, connectedAt, null, null);
    }
}
