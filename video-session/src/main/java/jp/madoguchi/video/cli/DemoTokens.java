package jp.madoguchi.video.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Room tokens for the demo, with the claims headquarters' {@code JitsiTokens} writes (HS256; {@code iss}, {@code aud}
 * "jitsi", {@code sub}, {@code room}, {@code iat}, {@code nbf} 30 s back, {@code exp}; {@code context.user} with
 * string {@code id}, {@code name}, {@code moderator} and {@code affiliation}). Written here, not borrowed from
 * hq-server: video-session depends on no other module.
 */
final class DemoTokens {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoTokens() {
    }

    static String mint(byte[] secret, String room, String id, String name, boolean moderator, Duration ttl) {
        Instant now = Instant.now();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", id);
        user.put("name", name);
        user.put("moderator", moderator ? "true" : "false");
        user.put("affiliation", moderator ? "owner" : "member");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "madoguchi-hq");
        claims.put("aud", "jitsi");
        claims.put("sub", "127.0.0.1");
        claims.put("room", room);
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.minusSeconds(30).getEpochSecond());
        claims.put("exp", now.plus(ttl).getEpochSecond());
        claims.put("context", Map.of("user", user));
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String input = b64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "HS256", "typ", "JWT"))) + "."
                    + b64.encodeToString(JSON.writeValueAsBytes(claims));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("cannot sign a demo token", e);
        }
    }
}
