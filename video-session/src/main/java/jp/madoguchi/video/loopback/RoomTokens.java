package jp.madoguchi.video.loopback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Jitsi room tokens with the claims headquarters' {@code JitsiTokens} writes — HS256; {@code iss}, {@code aud}
 * "jitsi", {@code sub}, {@code room}, {@code iat}, {@code nbf} 30 s back, {@code exp}; {@code context.user} with
 * string {@code id}, {@code name}, {@code moderator} and {@code affiliation} — for the demo and the tests, which run
 * a {@link LoopbackMeet} without headquarters. Written here, not borrowed from hq-server: video-session depends on
 * no other module. The loopback meeting reads them with {@link MeetToken}.
 */
public final class RoomTokens {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RoomTokens() {
    }

    /** A signed token for {@code room}, valid for {@code ttl}: a moderator's (the clerk) or a guest's (the booth). */
    public static String mint(byte[] secret, String room, String id, String name, boolean moderator, Duration ttl) {
        return sign(secret, claims(room, id, name, moderator, Instant.now().plus(ttl)));
    }

    /**
     * The claims of a token expiring at {@code expires}, in a map the caller may still change (tests forge tokens
     * from it); {@code context.user} is mutable too.
     */
    public static Map<String, Object> claims(String room, String id, String name, boolean moderator,
                                             Instant expires) {
        Instant now = Instant.now();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", id);
        user.put("name", name);
        user.put("moderator", moderator ? "true" : "false");
        user.put("affiliation", moderator ? "owner" : "member");
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("user", user);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "madoguchi-hq");
        claims.put("aud", "jitsi");
        claims.put("sub", "127.0.0.1");
        claims.put("room", room);
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.minusSeconds(30).getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        claims.put("context", context);
        return claims;
    }

    /** {@code claims} as an HS256 JWT signed with {@code secret}. */
    public static String sign(byte[] secret, Map<String, Object> claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        try {
            String input = b64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "HS256", "typ", "JWT"))) + "."
                    + b64.encodeToString(JSON.writeValueAsBytes(claims));
            return input + "." + b64.encodeToString(MeetToken.hmacSha256(secret, input));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("token claims that are not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
