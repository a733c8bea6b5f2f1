package jp.madoguchi.hqlink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import jp.madoguchi.hqlink.client.PresenceChannel.ConnectionState;
import jp.madoguchi.hqlink.message.BoothState;
import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.hqlink.message.PresenceFrame.HqFrame;
import jp.madoguchi.hqlink.message.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PresenceChannelTest {
    private static final long WAIT_SECONDS = 5;

    private static TestPki.Identity hqCa;
    private static SSLContext serverTls;
    private static SSLContext boothTls;

    private final BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
    private final BlockingQueue<HqFrame> frames = new LinkedBlockingQueue<>();
    private TestWebSocketServer server;
    private PresenceChannel channel;

    @BeforeAll
    static void pki() {
        hqCa = TestPki.ca("Test HQ CA");
        TestPki.Identity booth = TestPki.client(hqCa, "booth-1");
        serverTls = TestPki.serverContext(TestPki.server(hqCa), hqCa, hqCa);
        boothTls = BoothTlsContexts.from(booth.keys().getPrivate(), booth.certificate(), hqCa.certificate());
    }

    @AfterEach
    void stop() throws Exception {
        if (channel != null) {
            channel.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private PresenceChannel channel(SSLContext tls) {
        return builder(tls).build();
    }

    private PresenceChannel.Builder builder(SSLContext tls) {
        HqTransport transport = HqTransport.builder(server.baseUrl(), tls).connectTimeout(Duration.ofSeconds(2)).build();
        return PresenceChannel.builder(transport, new PresenceChannel.Listener() {
                    @Override
                    public void onFrame(HqFrame frame) {
                        frames.add(frame);
                    }

                    @Override
                    public void onConnectionState(ConnectionState state) {
                        states.add(state);
                    }
                })
                .pingInterval(Duration.ofMillis(100))
                .pongTimeout(Duration.ofMillis(300))
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200));
    }

    @Test
    void saysHelloPingsAndDeliversHeadquartersFrames() throws Exception {
        server = new TestWebSocketServer(serverTls);
        channel = channel(boothTls);

        channel.start(BoothState.IDLE);

        assertEquals(ConnectionState.CONNECTED, states.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(new PresenceFrame.Hello(BoothState.IDLE), nextFrame(1, frame -> !(frame instanceof PresenceFrame.Ping)));
        assertInstanceOf(PresenceFrame.Ping.class, nextFrame(1, frame -> frame instanceof PresenceFrame.Ping));

        channel.updateState(BoothState.WITH_RESIDENT);
        assertEquals(new PresenceFrame.State(BoothState.WITH_RESIDENT), nextFrame(1, frame -> frame instanceof PresenceFrame.State));

        server.send(new PresenceFrame.CallAnswered("call-7", "room-x", "jwt-guest", "meet.example.lg.jp"));
        server.send(new PresenceFrame.QueuePosition("call-8", 2));
        server.send(new PresenceFrame.Decision("R-2026-000123", Outcome.CORRECTION_NEEDED, "please re-sign"));
        assertEquals(new PresenceFrame.CallAnswered("call-7", "room-x", "jwt-guest", "meet.example.lg.jp"),
                frames.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(new PresenceFrame.QueuePosition("call-8", 2), frames.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(new PresenceFrame.Decision("R-2026-000123", Outcome.CORRECTION_NEEDED, "please re-sign"),
                frames.poll(WAIT_SECONDS, TimeUnit.SECONDS));

        Thread.sleep(500); // several ping intervals, each answered: the connection stays
        assertEquals(1, server.connections());
        assertNull(states.poll());
        assertEquals(ConnectionState.CONNECTED, channel.connectionState());
    }

    @Test
    void reconnectsAfterTheServerDropsTheConnectionAndSaysHelloAgain() throws Exception {
        server = new TestWebSocketServer(serverTls);
        channel = channel(boothTls);
        channel.start(BoothState.IDLE);
        assertEquals(ConnectionState.CONNECTED, states.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        channel.updateState(BoothState.IN_CALL);
        nextFrame(1, frame -> frame instanceof PresenceFrame.State);

        server.dropCurrent();

        assertEquals(ConnectionState.RECONNECTING, states.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(ConnectionState.CONNECTED, states.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(new PresenceFrame.Hello(BoothState.IN_CALL), nextFrame(2, frame -> frame instanceof PresenceFrame.Hello));
    }

    @Test
    void everyHelloOfTheRunSaysWhenItStartedAndThatTheRunBeforeStoppedUncleanly() throws Exception {
        java.time.Instant startedAt = java.time.Instant.parse("2026-11-23T08:30:00Z");
        server = new TestWebSocketServer(serverTls);
        channel = builder(boothTls).announceStart(startedAt, true).build();
        channel.start(BoothState.IDLE);
        assertEquals(ConnectionState.CONNECTED, states.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        PresenceFrame.Hello expected = new PresenceFrame.Hello(BoothState.IDLE, startedAt, true);
        assertEquals(expected, nextFrame(1, frame -> frame instanceof PresenceFrame.Hello));

        server.dropCurrent();

        assertEquals(ConnectionState.RECONNECTING, states.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(ConnectionState.CONNECTED, states.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(expected, nextFrame(2, frame -> frame instanceof PresenceFrame.Hello),
                "the same start on every connection of this run: headquarters tells a reconnection from a restart");
    }

    @Test
    void reconnectsWhenAPingGoesUnanswered() throws Exception {
        server = new TestWebSocketServer(serverTls);
        channel = channel(boothTls);
        channel.start(BoothState.IDLE);
        assertEquals(ConnectionState.CONNECTED, states.poll(WAIT_SECONDS, TimeUnit.SECONDS));

        server.answerPings(false); // the connection stays open but headquarters no longer answers
        long silentSince = System.nanoTime();

        assertEquals(ConnectionState.RECONNECTING, states.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        long detectedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silentSince);
        assertTrue(detectedAfterMillis < 1_500, "dead connection noticed after " + detectedAfterMillis + " ms");
        server.answerPings(true);
        assertEquals(ConnectionState.CONNECTED, states.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        assertNotNull(nextFrame(2, frame -> frame instanceof PresenceFrame.Hello));
    }

    @Test
    void goesOfflineWhileHeadquartersIsGoneAndCloseStopsIt() throws Exception {
        server = new TestWebSocketServer(serverTls);
        channel = channel(boothTls);
        channel.start(BoothState.IDLE);
        assertEquals(ConnectionState.CONNECTED, states.poll(WAIT_SECONDS, TimeUnit.SECONDS));

        server.close();

        assertEquals(ConnectionState.RECONNECTING, states.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(ConnectionState.OFFLINE, states.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        channel.close();
        assertEquals(ConnectionState.OFFLINE, channel.connectionState());
        server = null;
    }

    @Test
    void skipsUnknownAndMalformedFramesAndStaysConnected() throws Exception {
        server = new TestWebSocketServer(serverTls);
        channel = channel(boothTls);
        channel.start(BoothState.IDLE);
        assertEquals(ConnectionState.CONNECTED, states.poll(WAIT_SECONDS, TimeUnit.SECONDS));

        server.sendText("{\"v\":1,\"type\":\"fireworks\",\"colour\":\"red\"}");
        server.sendText("not json");
        server.sendText("{\"v\":1,\"type\":\"decision\",\"outcome\":\"accepted\"}");
        server.sendText("{\"v\":1,\"type\":\"decision\",\"reference\":\"R-1\",\"outcome\":\"accepted\",\"message\":\"\"}");

        assertEquals(new PresenceFrame.Decision("R-1", Outcome.ACCEPTED, ""), frames.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        assertNull(frames.poll());
        assertEquals(1, server.connections());
    }

    @Test
    void aBoothWithoutItsCertificateNeverConnects() throws Exception {
        server = new TestWebSocketServer(serverTls);
        channel = channel(BoothTlsContexts.trustOnly(hqCa.certificate()));

        channel.start(BoothState.IDLE);
        Thread.sleep(700);

        assertEquals(ConnectionState.OFFLINE, channel.connectionState());
        assertTrue(!states.contains(ConnectionState.CONNECTED), states.toString());
        assertEquals(0, server.connections());
    }

    private PresenceFrame nextFrame(int connection, Predicate<PresenceFrame> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            TestWebSocketServer.Received received = server.received().poll(100, TimeUnit.MILLISECONDS);
            if (received != null && received.connection() == connection) {
                PresenceFrame frame = ProtocolJson.readFrame(received.text());
                if (wanted.test(frame)) {
                    return frame;
                }
            }
        }
        throw new AssertionError("no such frame on connection " + connection);
    }
}
