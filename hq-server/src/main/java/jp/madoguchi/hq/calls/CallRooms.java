package jp.madoguchi.hq.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import jp.madoguchi.hq.security.JitsiTokens;
import jp.madoguchi.hq.security.RoomNames;

/**
 * Opens the video room of an answered call: an unguessable room name, a short-lived guest token
 * for the booth and a moderator token for the clerk (HS256 with the deployment's app secret).
 * Tokens live only as long as it takes both sides to join; the room itself outlives them.
 * Thread-safe.
 */
public final class CallRooms {
    private final JitsiTokens tokens;
    private final String jitsiDomain;
    private final Duration tokenLifetime;
    private final Clock clock;

    /** Everything both sides need to join. */
    public record Room(String callId, String room, String jitsiDomain, String boothToken, String clerkToken,
            Instant tokensExpire) {
        @Override
        public String toString() {
            return "Room[" + callId + ", " + room + "]"; // tokens are credentials
        }
    }

    public CallRooms(JitsiTokens tokens, String jitsiDomain, Duration tokenLifetime, Clock clock) {
        this.tokens = tokens;
        this.jitsiDomain = jitsiDomain;
        this.tokenLifetime = tokenLifetime;
        this.clock = clock;
    }

    /**
     * @param boothDisplayName what the clerk sees for the resident's side (the booth's name, never
     *     the resident's: the clerk reads the name from the verified application)
     */
    public Room open(CallQueue.WaitingCall call, String clerkId, String clerkDisplayName, String boothDisplayName) {
        String room = RoomNames.unguessable();
        Instant now = clock.instant();
        String booth = tokens.mint(room, JitsiTokens.Role.GUEST, call.boothId(), boothDisplayName, now, tokenLifetime);
        String clerk = tokens.mint(room, JitsiTokens.Role.MODERATOR, clerkId, clerkDisplayName, now, tokenLifetime);
        return new Room(call.callId(), room, jitsiDomain, booth, clerk, now.plus(tokenLifetime));
    }
}
