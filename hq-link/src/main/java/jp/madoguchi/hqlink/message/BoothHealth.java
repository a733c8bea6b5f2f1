package jp.madoguchi.hqlink.message;

import java.time.Instant;

/**
 * One enrolled booth as IT staff see it ({@code GET /api/v1/clerk/admin/booths}): what the booths table holds
 * ({@code revokedAt} null while trusted) and what presence knows now: {@code online}, {@code state} (null when
 * offline), {@code lastSeen} (the last frame since headquarters started; null if none) and {@code connectedAt} (when
 * its current or last presence connection opened; null if none). Booths report nothing else (no outbox size).
 */
public record BoothHealth(String boothId, String name, String location, Instant enrolledAt, Instant revokedAt,
        boolean online, BoothState state, Instant lastSeen, Instant connectedAt) {
    public BoothHealth {
        Require.text(boothId, "booth health", "boothId");
        name = name == null ? "" : name;
        location = location == null ? "" : location;
        Require.present(enrolledAt, "booth health", "enrolledAt");
    }
}
