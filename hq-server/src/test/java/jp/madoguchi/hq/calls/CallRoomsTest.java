package jp.madoguchi.hq.calls;

import static org.junit.jupiter.api.Assertions.*;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import jp.madoguchi.hq.security.JitsiTokens;
import org.junit.jupiter.api.Test;

class CallRoomsTest {
    private static final byte[] SECRET = "a-deployment-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.US_ASCII);

    @Test
    void anAnsweredCallGetsAnUnguessableRoomAndTwoShortLivedTokens() throws Exception {
        Instant now = Instant.parse("2026-11-23T09:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        CallQueue queue = new CallQueue(clock, Map.of("citizens", "市民課"), "総合案内");
        queue.enqueue("booth-017", "citizens", "juminhyo", false, "20261123-K7M3Q9");
        CallQueue.WaitingCall call = queue.answerNext("市民課").orElseThrow();
        CallRooms rooms = new CallRooms(new JitsiTokens("madoguchi", "meet.example.jp", SECRET.clone()), "meet.example.jp",
                Duration.ofMinutes(2), clock);

        CallRooms.Room room = rooms.open(call, "clerk-3", "窓口 花子", "北部出張所ブース");
        CallRooms.Room other = rooms.open(call, "clerk-3", "窓口 花子", "北部出張所ブース");
        assertNotEquals(room.room(), other.room(), "every call gets its own room");
        assertTrue(room.room().length() >= 26, room.room());
        assertFalse(room.toString().contains(room.boothToken()), "tokens are credentials: not in toString");

        SignedJWT booth = SignedJWT.parse(room.boothToken());
        SignedJWT clerk = SignedJWT.parse(room.clerkToken());
        assertTrue(booth.verify(new MACVerifier(SECRET)));
        assertTrue(clerk.verify(new MACVerifier(SECRET)));
        assertEquals(room.room(), booth.getJWTClaimsSet().getStringClaim("room"));
        assertEquals(room.room(), clerk.getJWTClaimsSet().getStringClaim("room"));
        assertEquals(now.plus(Duration.ofMinutes(2)), booth.getJWTClaimsSet().getExpirationTime().toInstant());
        Map<String, Object> boothUser = (Map<String, Object>) booth.getJWTClaimsSet().getJSONObjectClaim("context").get("user");
        Map<String, Object> clerkUser = (Map<String, Object>) clerk.getJWTClaimsSet().getJSONObjectClaim("context").get("user");
        assertEquals("false", boothUser.get("moderator"));
        assertEquals("true", clerkUser.get("moderator"));
        assertEquals("booth-017", boothUser.get("id"));
        assertEquals("北部出張所ブース", boothUser.get("name"), "the booth's name, not the resident's");
    }
}
