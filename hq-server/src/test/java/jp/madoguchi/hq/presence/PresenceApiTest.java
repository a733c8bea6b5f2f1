package jp.madoguchi.hq.presence;

import static jp.madoguchi.hq.presence.TestHeadquarters.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jp.madoguchi.hq.calls.CallQueue;
import jp.madoguchi.hqlink.client.PresenceChannel.ConnectionState;
import jp.madoguchi.hqlink.message.BoothState;
import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.hqlink.message.ProtocolJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The presence WebSocket through hq-link's PresenceChannel and a bare JDK WebSocket, over real mutual TLS. */
class PresenceApiTest {
    private static final Duration DEAD_AFTER = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static TestHeadquarters hq;

    @BeforeAll
    static void start() throws Exception {
        hq = new TestHeadquarters(DEAD_AFTER);
    }

    @AfterAll
    static void stop() throws Exception {
        hq.close();
    }

    private static PresenceRegistry.BoothPresence presenceOf(String boothId) {
        return hq.presence.snapshot().stream().filter(p -> p.boothId().equals(boothId)).findFirst().orElse(null);
    }

    @Test
    void helloAndStateAreTrackedAndPingsKeepABoothAlive() throws Exception {
        TestHeadquarters.TestBooth booth = hq.enrolBooth("booth-alive");
        int before = hq.presence.onlineCount();
        try (TestHeadquarters.Channel channel = booth.channel(Duration.ofMillis(200))) {
            channel.channel.start(BoothState.IDLE);
            assertTrue(await(WAIT, () -> presenceOf(booth.id) != null && presenceOf(booth.id).state() == BoothState.IDLE));
            assertEquals(before + 1, hq.presence.onlineCount());
            assertTrue(hq.presence.isOnline(booth.id));

            channel.channel.updateState(BoothState.WITH_RESIDENT);
            assertTrue(await(WAIT, () -> presenceOf(booth.id).state() == BoothState.WITH_RESIDENT));

            // three times deadAfter: pongs keep the channel CONNECTED, pings keep HQ from declaring it gone
            Thread.sleep(DEAD_AFTER.toMillis() * 3);
            assertEquals(java.util.List.of(ConnectionState.CONNECTED), channel.states);
            assertFalse(hq.gone.contains(booth.id));
            assertTrue(hq.presence.isOnline(booth.id));
        }
        assertTrue(await(WAIT, () -> !hq.presence.isOnline(booth.id)), "a closed channel is offline at once");
        assertTrue(await(WAIT, () -> hq.gone.contains(booth.id)), "and gone after deadAfter");
        assertEquals(before, hq.presence.onlineCount());
    }

    @Test
    void pingIsAnsweredWithPongEchoingT() throws Exception {
        TestHeadquarters.TestBooth booth = hq.enrolBooth("booth-ping");
        try (TestHeadquarters.RawSocket raw = booth.raw()) {
            raw.send(new PresenceFrame.Hello(BoothState.IDLE));
            raw.send(new PresenceFrame.Ping(1_763_900_000_123L));
            String answer = raw.texts.poll(5, TimeUnit.SECONDS);
            assertNotNull(answer);
            assertEquals(new PresenceFrame.Pong(1_763_900_000_123L), ProtocolJson.readFrame(answer));
        }
    }

    @Test
    void aSilentBoothIsDeclaredGoneWithinTwoSecondsAndItsCallsAreRemoved() throws Exception {
        TestHeadquarters.TestBooth silent = hq.enrolBooth("booth-silent");
        TestHeadquarters.TestBooth other = hq.enrolBooth("booth-other");
        try (TestHeadquarters.RawSocket raw = silent.raw();
             TestHeadquarters.Channel channel = other.channel(Duration.ofMillis(200))) {
            channel.channel.start(BoothState.WITH_RESIDENT);
            raw.send(new PresenceFrame.Hello(BoothState.WITH_RESIDENT));
            assertTrue(await(WAIT, () -> hq.presence.isOnline(silent.id) && hq.presence.isOnline(other.id)));
            CallQueue.Ticket silentCall = hq.calls.enqueue(silent.id, "zei", "kazei", false, null);
            CallQueue.Ticket otherCall = hq.calls.enqueue(other.id, "zei", "kazei", false, null);
            assertEquals(2, otherCall.position());
            long sent = System.nanoTime();

            // the silent booth sends nothing more: gone after deadAfter (1 s), seen by a sweep (100 ms)
            assertEquals(PresenceRegistry.CLOSE_GONE, raw.closed.get(3, TimeUnit.SECONDS));
            long millis = (System.nanoTime() - sent) / 1_000_000;
            assertTrue(millis < 2_000, "declared gone after " + millis + " ms");
            assertTrue(await(WAIT, () -> hq.gone.contains(silent.id)));
            assertFalse(hq.presence.isOnline(silent.id));
            assertTrue(hq.calls.position(silentCall.callId()).isEmpty(), "the gone booth's call is removed");
            assertEquals(1, hq.calls.position(otherCall.callId()).orElseThrow());
            // and the booth still waiting hears it moved up
            PresenceFrame.QueuePosition moved = channel.next(PresenceFrame.QueuePosition.class, WAIT);
            assertEquals(new PresenceFrame.QueuePosition(otherCall.callId(), 1), moved);
            assertFalse(hq.gone.contains(other.id));
            hq.calls.cancel(otherCall.callId());
        }
    }

    @Test
    void aReconnectingBoothReplacesItsOldConnection() throws Exception {
        TestHeadquarters.TestBooth booth = hq.enrolBooth("booth-twice");
        int before = hq.presence.onlineCount();
        try (TestHeadquarters.RawSocket first = booth.raw()) {
            first.send(new PresenceFrame.Hello(BoothState.IDLE));
            assertTrue(await(WAIT, () -> hq.presence.isOnline(booth.id)));
            try (TestHeadquarters.RawSocket second = booth.raw()) {
                second.send(new PresenceFrame.Hello(BoothState.IN_CALL));
                assertEquals(PresenceRegistry.CLOSE_REPLACED, first.closed.get(3, TimeUnit.SECONDS));
                assertTrue(await(WAIT, () -> presenceOf(booth.id).state() == BoothState.IN_CALL));
                // the old connection's close must not take the new one offline
                Thread.sleep(200);
                assertTrue(hq.presence.isOnline(booth.id));
                assertEquals(before + 1, hq.presence.onlineCount());
                assertTrue(hq.presence.send(booth.id, new PresenceFrame.QueuePosition("call-x", 3)));
                assertEquals(new PresenceFrame.QueuePosition("call-x", 3),
                        ProtocolJson.readFrame(second.texts.poll(5, TimeUnit.SECONDS)));
                second.send(new PresenceFrame.Ping(7));
                assertEquals(new PresenceFrame.Pong(7), ProtocolJson.readFrame(second.texts.poll(5, TimeUnit.SECONDS)));
            }
        }
    }

    @Test
    void unknownAndMalformedFramesAreSkippedButGarbageClosesWithPolicyViolation() throws Exception {
        TestHeadquarters.TestBooth booth = hq.enrolBooth("booth-garbage");
        try (TestHeadquarters.RawSocket raw = booth.raw()) {
            raw.send(new PresenceFrame.Hello(BoothState.IDLE));
            raw.send("{\"v\":1,\"type\":\"selfie\",\"data\":\"x\"}");
            raw.send("{\"v\":1,\"type\":\"state\"}");
            raw.send("{\"v\":2,\"type\":\"ping\",\"t\":1}");
            raw.send(new PresenceFrame.Ping(5));
            assertEquals(new PresenceFrame.Pong(5), ProtocolJson.readFrame(raw.texts.poll(5, TimeUnit.SECONDS)),
                    "the connection survived unknown and malformed frames");
            raw.send("this is not JSON");
            assertEquals(1008, raw.closed.get(3, TimeUnit.SECONDS));
        }
        assertTrue(await(WAIT, () -> !hq.presence.isOnline(booth.id)));
    }

    @Test
    void waitingBoothsHearTheirPositionAndOnlyWhenItChanges() throws Exception {
        TestHeadquarters.TestBooth first = hq.enrolBooth("booth-q1");
        TestHeadquarters.TestBooth second = hq.enrolBooth("booth-q2");
        try (TestHeadquarters.Channel one = first.channel(Duration.ofMillis(200));
             TestHeadquarters.Channel two = second.channel(Duration.ofMillis(200))) {
            one.channel.start(BoothState.WITH_RESIDENT);
            two.channel.start(BoothState.WITH_RESIDENT);
            assertTrue(await(WAIT, () -> hq.presence.isOnline(first.id) && hq.presence.isOnline(second.id)));
            CallQueue.Ticket a = hq.calls.enqueue(first.id, "juminhyo", "juminhyo", false, null);
            CallQueue.Ticket b = hq.calls.enqueue(second.id, "juminhyo", "juminhyo", false, null);
            hq.presence.notifyQueuePositions(hq.calls);
            assertEquals(new PresenceFrame.QueuePosition(a.callId(), 1), one.next(PresenceFrame.QueuePosition.class, WAIT));
            assertEquals(new PresenceFrame.QueuePosition(b.callId(), 2), two.next(PresenceFrame.QueuePosition.class, WAIT));

            hq.presence.notifyQueuePositions(hq.calls); // nothing moved: nothing sent
            assertEquals(null, one.next(PresenceFrame.QueuePosition.class, Duration.ofMillis(300)));

            hq.calls.cancel(a.callId());
            hq.presence.notifyQueuePositions(hq.calls);
            assertEquals(new PresenceFrame.QueuePosition(b.callId(), 1), two.next(PresenceFrame.QueuePosition.class, WAIT));
            hq.calls.cancel(b.callId());
        }
    }
}
