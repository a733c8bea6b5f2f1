package jp.madoguchi.video.chromium;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import jp.madoguchi.video.loopback.RoomTokens;

/** The adapter tests' deployment secret and room tokens, as headquarters mints them ({@link RoomTokens}). */
final class Jwt {
    static final byte[] SECRET = "adapter-test-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private Jwt() {
    }

    static String booth(String room) {
        return sign(SECRET, room, "booth-1", "Booth Shinjuku-1", false);
    }

    static String clerk(String room) {
        return sign(SECRET, room, "clerk-7", "Clerk Tanaka", true);
    }

    static String sign(byte[] secret, String room, String id, String name, boolean moderator) {
        return RoomTokens.mint(secret, room, id, name, moderator, Duration.ofMinutes(15));
    }
}
