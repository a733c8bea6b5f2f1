package jp.madoguchi.hqlink.message;

import java.time.Instant;

/**
 * One enrolled, unrevoked booth as the clerk's queue board shows it: its name and location, whether it holds a
 * presence connection now, what it is doing ({@code state}; {@code null} or {@code unknown} when offline), and when
 * headquarters last heard from it ({@code lastSeen}; {@code null} if not since headquarters started).
 */
public record BoothPresence(String boothId, String name, String location, boolean online, BoothState state,
        Instant lastSeen) {
    public BoothPresence {
        Require.text(boothId, "booth presence", "boothId");
        name = name == null ? "" : name;
        location = location == null ? "" : location;
    }
}
