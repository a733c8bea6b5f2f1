package jp.madoguchi.video.chromium;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Room tokens as headquarters mints them (HS256), for tests. */
final class Jwt {
    static final byte[] SECRET = "adapter-test-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Jwt() {
    }

    static String booth(String room) {
        return sign(SECRET, room, "booth-1", "Booth Shinjuku-1", false);
    }

    static String clerk(String room) {
        return sign(SECRET, room, "clerk-7", "Clerk Tanaka", true);
    }

    static String sign(byte[] secret, String room, String id, String name, boolean moderator) {
        try {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("id", id);
            user.put("name", name);
            user.put("moderator", moderator ? "true" : "false");
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", "madoguchi-hq");
            claims.put("aud", "jitsi");
            claims.put("sub", "127.0.0.1");
            claims.put("room", room);
            claims.put("exp", Instant.now().plusSeconds(900).getEpochSecond());
            claims.put("context", Map.of("user", user));
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String input = b64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "HS256", "typ", "JWT"))) + "."
                    + b64.encodeToString(JSON.writeValueAsBytes(claims));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
