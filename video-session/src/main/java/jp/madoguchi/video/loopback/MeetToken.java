package jp.madoguchi.video.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Jitsi room token as the loopback meeting reads it: the identity in {@code context.user}, and, when the
 * meeting has an app secret, the checks a Jitsi deployment with token authentication makes (HS256 signature,
 * {@code exp}, {@code room}).
 *
 * @param userId    {@code context.user.id}, or empty
 * @param name      {@code context.user.name}, or empty
 * @param moderator {@code context.user.moderator} is true, or {@code context.user.affiliation} is owner/moderator
 */
record MeetToken(String userId, String name, boolean moderator) {

    /** A token the meeting refuses; the message is for the page's {@code errorOccurred} and for logs. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message);
        }
    }

    static final MeetToken ANONYMOUS = new MeetToken("", "", false);

    /**
     * Reads {@code jwt} for {@code room}.
     *
     * @param appSecret null: the token is only parsed (a missing token is an anonymous guest); otherwise it must
     *                  be present, signed with this secret (HS256), unexpired and for this room (or "*")
     */
    static MeetToken read(String jwt, String room, byte[] appSecret, ObjectMapper json, Instant now)
            throws Rejected {
        if (jwt == null || jwt.isBlank()) {
            if (appSecret != null) {
                throw new Rejected("this meeting needs a token");
            }
            return ANONYMOUS;
        }
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw new Rejected("the token is not a JWT (header.payload.signature)");
        }
        JsonNode header = decode(parts[0], json, "header");
        JsonNode payload = decode(parts[1], json, "payload");
        if (appSecret != null) {
            if (!"HS256".equals(header.path("alg").asText())) {
                throw new Rejected("the token is not signed with HS256");
            }
            byte[] expected = hmacSha256(appSecret, parts[0] + "." + parts[1]);
            byte[] given;
            try {
                given = Base64.getUrlDecoder().decode(parts[2]);
            } catch (IllegalArgumentException e) {
                throw new Rejected("the token's signature is not base64url");
            }
            if (!MessageDigest.isEqual(expected, given)) {
                throw new Rejected("the token's signature does not match the app secret");
            }
            JsonNode exp = payload.get("exp");
            if (exp == null || !exp.isNumber()) {
                throw new Rejected("the token has no exp");
            }
            if (exp.asLong() <= now.getEpochSecond()) {
                throw new Rejected("the token expired at " + Instant.ofEpochSecond(exp.asLong()));
            }
            JsonNode nbf = payload.get("nbf");
            if (nbf != null && nbf.isNumber() && nbf.asLong() > now.getEpochSecond() + 60) {
                throw new Rejected("the token is not valid before " + Instant.ofEpochSecond(nbf.asLong()));
            }
            String tokenRoom = payload.path("room").asText("");
            if (!tokenRoom.equals("*") && !tokenRoom.equalsIgnoreCase(room)) {
                throw new Rejected("the token is for room '" + tokenRoom + "', not '" + room + "'");
            }
        }
        JsonNode user = payload.path("context").path("user");
        JsonNode moderatorClaim = user.path("moderator");
        String affiliation = user.path("affiliation").asText("").toLowerCase(Locale.ROOT);
        boolean moderator = moderatorClaim.isBoolean() ? moderatorClaim.asBoolean()
                : "true".equalsIgnoreCase(moderatorClaim.asText(""));
        moderator = moderator || affiliation.equals("owner") || affiliation.equals("moderator");
        return new MeetToken(user.path("id").asText(""), user.path("name").asText(""), moderator);
    }

    static byte[] hmacSha256(byte[] secret, String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static JsonNode decode(String part, ObjectMapper json, String what) throws Rejected {
        try {
            JsonNode node = json.readTree(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw new Rejected("the token's " + what + " is not a JSON object");
            }
            return node;
        } catch (IllegalArgumentException | IOException e) {
            throw new Rejected("the token's " + what + " is not base64url JSON");
        }
    }
}
