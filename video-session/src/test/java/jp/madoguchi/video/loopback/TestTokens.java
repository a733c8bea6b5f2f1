package jp.madoguchi.video.loopback;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The loopback tests' deployment secret and their two seats' tokens ({@link RoomTokens}, as headquarters mints). */
final class TestTokens {
    static final byte[] SECRET = "loopback-test-app-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final Duration TTL = Duration.ofMinutes(10);

    private TestTokens() {
    }

    static String clerk(byte[] secret, String room) {
        return RoomTokens.mint(secret, room, "clerk-7", "Clerk Tanaka", true, TTL);
    }

    static String booth(byte[] secret, String room) {
        return RoomTokens.mint(secret, room, "booth-1", "Booth Shinjuku-1", false, TTL);
    }

    static Map<String, Object> claims(String room, String id, String name, boolean moderator, Instant expires) {
        return RoomTokens.claims(room, id, name, moderator, expires);
    }

    static String sign(byte[] secret, Map<String, Object> claims) {
        return RoomTokens.sign(secret, claims);
    }
}
