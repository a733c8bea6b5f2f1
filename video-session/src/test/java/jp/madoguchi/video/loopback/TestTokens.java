package jp.madoguchi.video.loopback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Jitsi room tokens as headquarters mints them (HS256), crafted independently of the server's own code. */
final class TestTokens {
    static final byte[] SECRET = "loopback-test-app-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestTokens() {
    }

    static String clerk(byte[] secret, String room) {
        return sign(secret, claims(room, "clerk-7", "Clerk Tanaka", true, Instant.now().plusSeconds(600)));
    }

    static String booth(byte[] secret, String room) {
        return sign(secret, claims(room, "booth-1", "Booth Shinjuku-1", false, Instant.now().plusSeconds(600)));
    }

    static Map<String, Object> claims(String room, String id, String name, boolean moderator, Instant expires) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", id);
        user.put("name", name);
        user.put("moderator", moderator ? "true" : "false");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "madoguchi-hq");
        claims.put("aud", "jitsi");
        claims.put("sub", "meet.madoguchi.test");
        claims.put("room", room);
        claims.put("exp", expires.getEpochSecond());
        claims.put("context", Map.of("user", user));
        return claims;
    }

    static String sign(byte[] secret, Map<String, Object> claims) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String input = b64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "HS256", "typ", "JWT"))) + "."
                    + b64.encodeToString(JSON.writeValueAsBytes(claims));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
