package jp.madoguchi.hq;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import jp.madoguchi.hq.calls.CallQueue;
import jp.madoguchi.hq.presence.PresenceRegistry;
import org.junit.jupiter.api.Test;

class UnattendedCallsTest {
    @Test
    void callsOfBoothsThatNeverConnectedAreRemovedAfterPatienceAndKnownBoothsAreLeftToPresence() {
        Instant start = Instant.parse("2026-11-23T09:00:00Z");
        CallQueue calls = new CallQueue(Clock.fixed(start, ZoneOffset.UTC), Map.of("citizens", "citizens"), "general");
        PresenceRegistry presence = new PresenceRegistry(Clock.fixed(start, ZoneOffset.UTC));
        presence.connected("booth-known", new PresenceRegistry.Connection() {
            @Override
            public boolean send(String text) {
                return true;
            }

            @Override
            public void close(int code, String reason) {
            }
        });
        var unattended = calls.enqueue("booth-silent", "citizens", "juminhyo", false, null);
        var attended = calls.enqueue("booth-known", "citizens", "juminhyo", false, null);

        assertTrue(UnattendedCalls.sweep(calls, presence, Duration.ofSeconds(20), start.plusSeconds(10)).isEmpty(),
                "a booth gets time to connect");
        var removed = UnattendedCalls.sweep(calls, presence, Duration.ofSeconds(20), start.plusSeconds(30));
        assertEquals(1, removed.size());
        assertEquals(unattended.callId(), removed.get(0).callId());
        assertEquals(java.util.Optional.of(1), calls.position(attended.callId()), "a connected booth's call stays");
        presence.close();
    }
}
