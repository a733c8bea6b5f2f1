package jp.madoguchi.hq.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JitsiTokensTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-madoguchi".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(5);

    private final JitsiTokens tokens = new JitsiTokens("madoguchi", "Meet.Example.LG.JP", SECRET);

    @Test
    void guestTokenCarriesEveryClaimJitsiChecks() throws Exception {
        String room = RoomNames.unguessable();
        String jwt = tokens.mint(room, JitsiTokens.Role.GUEST, "booth-0042", "窓口 中央図書館", NOW, TTL);

        JWTClaimsSet claims = verify(jwt, SECRET, NOW.plusSeconds(1));
        SignedJWT parsed = SignedJWT.parse(jwt);
        assertEquals(JWSAlgorithm.HS256, parsed.getHeader().getAlgorithm());
        assertEquals(JOSEObjectType.JWT, parsed.getHeader().getType());
        assertEquals("madoguchi", claims.getIssuer());
        assertEquals(List.of("jitsi"), claims.getAudience());
        assertEquals("meet.example.lg.jp", claims.getSubject(), "Prosody compares sub in lower case");
        assertEquals(room, claims.getStringClaim("room"));
        assertEquals(Date.from(NOW), claims.getIssueTime());
        assertEquals(Date.from(NOW.minus(JitsiTokens.NOT_BEFORE_SKEW)), claims.getNotBeforeTime());
        assertEquals(Date.from(NOW.plus(TTL)), claims.getExpirationTime());
        Map<String, Object> user = user(claims);
        assertEquals("booth-0042", user.get("id"));
        assertEquals("窓口 中央図書館", user.get("name"));
        assertEquals("false", user.get("moderator"));
        assertEquals("member", user.get("affiliation"));
        for (Object value : user.values()) {
            assertTrue(value instanceof String, "lib-jitsi-meet needs string user fields: " + value);
        }
    }

    @Test
    void moderatorTokenSaysSo() throws Exception {
        String jwt = tokens.mint("madoguchi-room", JitsiTokens.Role.MODERATOR, "clerk-7", "Tanaka (Citizen Affairs)", NOW, TTL);
        Map<String, Object> user = user(verify(jwt, SECRET, NOW));
        assertEquals("true", user.get("moderator"));
        assertEquals("owner", user.get("affiliation"));
        assertEquals("clerk-7", user.get("id"));
    }

    @Test
    void expiredTokenIsRejected() throws Exception {
        String jwt = tokens.mint("madoguchi-room", JitsiTokens.Role.GUEST, "booth-1", "Booth", NOW, TTL);
        verify(jwt, SECRET, NOW.plus(TTL).minusSeconds(1));
        assertThrows(SecurityException.class, () -> verify(jwt, SECRET, NOW.plus(TTL)));
        assertThrows(SecurityException.class, () -> verify(jwt, SECRET, NOW.plus(TTL).plusSeconds(3600)));
        assertThrows(SecurityException.class, () -> verify(jwt, SECRET, NOW.minusSeconds(60)), "before nbf");
    }

    @Test
    void wrongSecretFails() {
        String jwt = tokens.mint("madoguchi-room", JitsiTokens.Role.GUEST, "booth-1", "Booth", NOW, TTL);
        byte[] other = SECRET.clone();
        other[0] ^= 1;
        assertThrows(SecurityException.class, () -> verify(jwt, other, NOW));
    }

    @Test
    void tamperedPayloadFails() throws Exception {
        String jwt = tokens.mint("madoguchi-room", JitsiTokens.Role.GUEST, "booth-1", "Booth", NOW, TTL);
        String forged = new JitsiTokens("madoguchi", "meet.example.lg.jp",
                "a-different-secret-of-32-bytes-or-more".getBytes(StandardCharsets.US_ASCII))
                .mint("madoguchi-room", JitsiTokens.Role.MODERATOR, "booth-1", "Booth", NOW, TTL);
        String[] parts = jwt.split("\\.");
        String[] forgedParts = forged.split("\\.");
        String spliced = parts[0] + "." + forgedParts[1] + "." + parts[2];
        assertThrows(SecurityException.class, () -> verify(spliced, SECRET, NOW));
    }

    @Test
    void refusesWeakSecretsAndWildcardRooms() {
        assertThrows(IllegalArgumentException.class, () -> new JitsiTokens("madoguchi", "meet", new byte[31]));
        assertThrows(IllegalArgumentException.class,
                () -> JitsiTokens.fromSecretChars("madoguchi", "meet", "short-secret".toCharArray()));
        IllegalArgumentException weak = assertThrows(IllegalArgumentException.class,
                () -> new JitsiTokens("madoguchi", "meet", "hunter2-hunter2-hunter2-hunter2".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(weak.getMessage().contains("hunter2"), "the secret is never in a message");
        assertThrows(IllegalArgumentException.class, () -> tokens.mint("*", JitsiTokens.Role.GUEST, "b", "B", NOW, TTL));
        assertThrows(IllegalArgumentException.class, () -> tokens.mint("r", JitsiTokens.Role.GUEST, "b", "B", NOW, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> tokens.mint("r", JitsiTokens.Role.GUEST, "b", "B", NOW, Duration.ofDays(2)));
    }

    @Test
    void secretFromCharsSignsLikeTheSameBytesAndIsNeverPrinted() throws Exception {
        char[] chars = new String(SECRET, StandardCharsets.US_ASCII).toCharArray();
        JitsiTokens fromChars = JitsiTokens.fromSecretChars("madoguchi", "meet.example.lg.jp", chars);
        verify(fromChars.mint("madoguchi-room", JitsiTokens.Role.GUEST, "b", "B", NOW, TTL), SECRET, NOW);
        assertFalse(fromChars.toString().contains(new String(SECRET, StandardCharsets.US_ASCII)));
        assertFalse(fromChars.toString().contains("0123456789abcdef"));
    }

    @Test
    void callerMayWipeItsSecretArray() throws Exception {
        byte[] mine = SECRET.clone();
        JitsiTokens copy = new JitsiTokens("madoguchi", "meet", mine);
        Arrays.fill(mine, (byte) 0);
        verify(copy.mint("madoguchi-room", JitsiTokens.Role.GUEST, "b", "B", NOW, TTL), SECRET, NOW);
    }

    @Test
    void closedInstanceRefusesToMint() {
        JitsiTokens closing = new JitsiTokens("madoguchi", "meet", SECRET);
        closing.close();
        assertThrows(IllegalStateException.class,
                () -> closing.mint("madoguchi-room", JitsiTokens.Role.GUEST, "b", "B", NOW, TTL));
    }

    @Test
    void roomNamesAreUniqueAndUnguessable() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String name = RoomNames.unguessable();
            assertTrue(RoomNames.isWellFormed(name), name);
            assertTrue(name.matches("madoguchi-[a-z2-7]{26}"), name);
            assertTrue(names.add(name), "repeated " + name);
        }
        assertTrue(RoomNames.ENTROPY_BITS >= 128);
        assertNotEquals(RoomNames.unguessable(), RoomNames.unguessable());
    }

    /**
     * What Prosody does with a token, reduced to what these tests need: HS256 signature with the secret, then
     * nbf ≤ now < exp (no leeway). Throws {@link SecurityException} for any refusal.
     */
    private static JWTClaimsSet verify(String jwt, byte[] secret, Instant now) throws ParseException, JOSEException {
        SignedJWT parsed = SignedJWT.parse(jwt);
        if (!JWSAlgorithm.HS256.equals(parsed.getHeader().getAlgorithm())) {
            throw new SecurityException("not HS256");
        }
        if (!parsed.verify(new MACVerifier(secret))) {
            throw new SecurityException("bad signature");
        }
        JWTClaimsSet claims = parsed.getJWTClaimsSet();
        if (claims.getExpirationTime() == null || !now.isBefore(claims.getExpirationTime().toInstant())) {
            throw new SecurityException("expired");
        }
        if (claims.getNotBeforeTime() != null && now.isBefore(claims.getNotBeforeTime().toInstant())) {
            throw new SecurityException("not yet valid");
        }
        return claims;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> user(JWTClaimsSet claims) throws ParseException {
        Map<String, Object> context = claims.getJSONObjectClaim("context");
        return (Map<String, Object>) context.get("user");
    }
}
