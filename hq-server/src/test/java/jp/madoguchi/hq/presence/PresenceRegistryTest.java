package jp.madoguchi.hq.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jp.madoguchi.hqlink.message.BoothState;
import jp.madoguchi.hqlink.message.PresenceFrame;
import org.junit.jupiter.api.Test;

/** The registry's rules on a fake monotonic clock: when a booth is gone, and which connection counts. */
class PresenceRegistryTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<String> gone = new ArrayList<>();
    private final PresenceRegistry registry = new PresenceRegistry(Clock.systemUTC(), Duration.ofSeconds(20),
            Duration.ofSeconds(1), nanos::get).onBoothGone(gone::add);

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** A connection recording what was sent and how it was closed. */
    private static final class FakeConnection implements PresenceRegistry.Connection {
        final List<String> sent = new ArrayList<>();
        int closedWith;

        @Override
        public boolean send(String text) {
            if (closedWith != 0) {
                return false;
            }
            sent.add(text);
            return true;
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }
    }

    @Test
    void aLostConnectionIsOfflineAtOnceButGoneOnlyAfterDeadAfterWithoutAFrame() {
        FakeConnection first = new FakeConnection();
        registry.connected("booth-1", first);
        registry.frame("booth-1", first, new PresenceFrame.Hello(BoothState.WITH_RESIDENT));
        advance(Duration.ofSeconds(5));
        registry.disconnected("booth-1", first);
        assertEquals(0, registry.onlineCount());
        assertFalse(registry.send("booth-1", new PresenceFrame.QueuePosition("c", 1)));
        assertEquals(BoothState.WITH_RESIDENT, registry.snapshot().get(0).state());

        advance(Duration.ofSeconds(14));
        assertEquals(List.of(), registry.sweep());
        FakeConnection second = new FakeConnection(); // back within deadAfter: the resident keeps their place
        registry.connected("booth-1", second);
        advance(Duration.ofSeconds(19));
        assertEquals(List.of(), registry.sweep());
        assertEquals(List.of(), gone);

        advance(Duration.ofSeconds(1));
        assertEquals(List.of("booth-1"), registry.sweep());
        assertEquals(List.of("booth-1"), gone);
        assertEquals(PresenceRegistry.CLOSE_GONE, second.closedWith);
        assertEquals(List.of(), registry.snapshot());
    }

    @Test
    void aRunAfterAnUncleanStopIsLoggedOnceAndKeptAfterTheBoothIsGone() throws Exception {
        java.time.Instant crashedRun = java.time.Instant.parse("2026-11-23T08:00:00Z");
        java.time.Instant cleanRun = java.time.Instant.parse("2026-11-23T09:00:00Z");
        FakeConnection first = new FakeConnection();
        String log = jp.madoguchi.hq.testing.LogCapture.during(() -> {
            registry.connected("booth-7", first);
            registry.frame("booth-7", first, new PresenceFrame.Hello(BoothState.IDLE, crashedRun, true));
            // the same run reconnecting says the same: no second line
            FakeConnection again = new FakeConnection();
            registry.connected("booth-7", again);
            registry.frame("booth-7", again, new PresenceFrame.Hello(BoothState.IDLE, crashedRun, true));
        });
        assertEquals(1, log.lines().filter(l -> l.contains("is back after an unclean stop")).count(), log);
        assertTrue(log.contains("booth booth-7 is back after an unclean stop, started at 2026-11-23T08:00:00Z"), log);
        assertEquals(new PresenceRegistry.BoothStart(crashedRun, crashedRun), registry.start("booth-7").orElseThrow());

        advance(Duration.ofSeconds(20));
        assertEquals(List.of("booth-7"), registry.sweep());
        assertEquals(new PresenceRegistry.BoothStart(crashedRun, crashedRun), registry.start("booth-7").orElseThrow(),
                "kept after the booth is gone");

        // the next run stopped cleanly before it: its start is new, the last unclean restart stays
        FakeConnection later = new FakeConnection();
        String quiet = jp.madoguchi.hq.testing.LogCapture.during(() -> {
            registry.connected("booth-7", later);
            registry.frame("booth-7", later, new PresenceFrame.Hello(BoothState.IDLE, cleanRun, false));
        });
        assertFalse(quiet.contains("unclean"), quiet);
        assertEquals(new PresenceRegistry.BoothStart(cleanRun, crashedRun), registry.start("booth-7").orElseThrow());

        // an older booth says nothing about its run
        FakeConnection older = new FakeConnection();
        registry.connected("booth-8", older);
        registry.frame("booth-8", older, new PresenceFrame.Hello(BoothState.IDLE));
        assertTrue(registry.start("booth-8").isEmpty());
        assertEquals(BoothState.IDLE, registry.snapshot().stream().filter(b -> b.boothId().equals("booth-8"))
                .findFirst().orElseThrow().state());
    }

    @Test
    void framesAndTheCloseOfAReplacedConnectionDoNotTouchTheNewOne() {
        FakeConnection old = new FakeConnection();
        FakeConnection current = new FakeConnection();
        registry.connected("booth-2", old);
        registry.connected("booth-2", current);
        assertEquals(PresenceRegistry.CLOSE_REPLACED, old.closedWith);

        registry.frame("booth-2", current, new PresenceFrame.Hello(BoothState.IDLE));
        registry.frame("booth-2", old, new PresenceFrame.State(BoothState.IN_CALL));
        registry.disconnected("booth-2", old);
        assertTrue(registry.isOnline("booth-2"));
        assertEquals(BoothState.IDLE, registry.snapshot().get(0).state());
        assertTrue(registry.send("booth-2", new PresenceFrame.QueuePosition("c", 2)));
        assertEquals(1, current.sent.size());

        advance(Duration.ofSeconds(15));
        registry.frame("booth-2", old, new PresenceFrame.Ping(1)); // the old connection cannot keep the booth alive
        advance(Duration.ofSeconds(5));
        assertEquals(List.of("booth-2"), registry.sweep());
    }

    @Test
    void aBoothThatMissedItsQueuePositionGetsItOnReconnectingAndUnchangedPositionsAreNotResent() {
        jp.madoguchi.hq.calls.CallQueue calls = new jp.madoguchi.hq.calls.CallQueue(Clock.systemUTC(),
                java.util.Map.of("shimin", "shimin"), "general");
        FakeConnection a = new FakeConnection();
        FakeConnection b = new FakeConnection();
        registry.connected("booth-a", a);
        registry.connected("booth-b", b);
        String first = calls.enqueue("booth-a", "shimin", "juminhyo", false, null).callId();
        String second = calls.enqueue("booth-b", "shimin", "juminhyo", false, null).callId();
        registry.notifyQueuePositions(calls);
        registry.notifyQueuePositions(calls);
        assertEquals(List.of("{\"type\":\"queue\",\"v\":1,\"callId\":\"" + second + "\",\"position\":2}"), b.sent);

        registry.disconnected("booth-b", b);
        calls.cancel(first);
        registry.notifyQueuePositions(calls); // booth-b is offline: position 1 not delivered
        FakeConnection again = new FakeConnection();
        registry.connected("booth-b", again);
        assertEquals(List.of("{\"type\":\"queue\",\"v\":1,\"callId\":\"" + second + "\",\"position\":1}"), again.sent);
        registry.notifyQueuePositions(calls);
        assertEquals(1, again.sent.size());
    }
}
