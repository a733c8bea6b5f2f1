package jp.madoguchi.hq.presence;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.security.auth.x500.X500Principal;

import jp.madoguchi.hq.api.ClerkApi;
import jp.madoguchi.hq.api.VanishedClerks;
import jp.madoguchi.hq.calls.HeldCalls;
import jp.madoguchi.hq.calls.CallQueue;
import jp.madoguchi.hq.calls.CallRooms;
import jp.madoguchi.hq.security.Argon2PasswordHashing;
import jp.madoguchi.hq.security.DeviceCa;
import jp.madoguchi.hq.security.IssuedDevice;
import jp.madoguchi.hq.security.JitsiTokens;
import jp.madoguchi.hq.server.HealthStatus;
import jp.madoguchi.hq.server.HqServer;
import jp.madoguchi.hq.server.ServerTls;
import jp.madoguchi.hq.store.Applications;
import jp.madoguchi.hq.store.Booths;
import jp.madoguchi.hq.store.CallLog;
import jp.madoguchi.hq.store.EnrolmentCodes;
import jp.madoguchi.hq.enrol.EnrolmentService;
import jp.madoguchi.hq.store.ClerkAccounts;
import jp.madoguchi.hq.store.ClerkSessions;
import jp.madoguchi.hq.store.Database;
import jp.madoguchi.hq.store.Decisions;
import jp.madoguchi.hq.store.LockoutPolicy;
import jp.madoguchi.hq.store.ReferenceNumbers;
import jp.madoguchi.hqlink.client.BoothTlsContexts;
import jp.madoguchi.hqlink.client.ClerkClient;
import jp.madoguchi.hqlink.client.HqTransport;
import jp.madoguchi.hqlink.client.PresenceChannel;
import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.hqlink.message.ProtocolJson;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Headquarters as the tests of presence and the clerk API need it, all real: a device CA in a temp
 * directory, HqServer on 127.0.0.1:0 over TLS, SQLite, Argon2, and booths with certificates the CA
 * issued from their own CSRs, registered in {@link Booths}, and the call log. Wiring as HqApplication does it.
 */
public final class TestHeadquarters implements AutoCloseable {
    public static final String JITSI_DOMAIN = "meet.test.example.jp";
    private static final char[] KEY_PASSWORD = "test".toCharArray();

    public final Path dir;
    public final DeviceCa ca;
    public final Database database;
    public final Booths booths;
    public final Applications applications;
    public final Decisions decisions;
    public final ClerkSessions sessions;
    public final ClerkAccounts accounts;
    public final CallQueue calls;
    public final CallRooms rooms;
    public final PresenceRegistry presence;
    public final CallLog callLog;
    /** Held calls and their return to the queue; nothing sweeps it here but the test ({@code vanished.sweep()}). */
    public final VanishedClerks vanished;
    public final EnrolmentService enrolment;
    public final List<String> gone = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final HqServer server;
    private final JitsiTokens tokens;

    public TestHeadquarters(Duration deadAfter) throws Exception {
        this(deadAfter, new Argon2PasswordHashing());
    }

    public TestHeadquarters(Duration deadAfter, jp.madoguchi.hq.security.PasswordHashing hashing) throws Exception {
        this(deadAfter, hashing, Clock.systemUTC());
    }

    /**
     * @param clock headquarters' clock for sessions, the queue and held calls (a test moves it to make a clerk "away";
     *     {@link #vanished}'s sweep is then the test's to run, as nothing schedules it here)
     */
    public TestHeadquarters(Duration deadAfter, jp.madoguchi.hq.security.PasswordHashing hashing, Clock clock)
            throws Exception {
        dir = Files.createTempDirectory("hq-test-");
        ca = DeviceCa.loadOrCreate(dir.resolve("ca"));
        database = Database.open("jdbc:sqlite:" + dir.resolve("hq.db"));
        booths = new Booths(database);
        applications = new Applications(database, ReferenceNumbers.datedRandom(ZoneId.of("Asia/Tokyo")));
        decisions = new Decisions(database);
        sessions = new ClerkSessions(database);
        accounts = new ClerkAccounts(database, hashing, clock, LockoutPolicy.DEFAULT);
        calls = new CallQueue(clock, Map.of("shimin", "shimin", "juminhyo", "shimin", "zei", "zeimu"), "general");
        callLog = new CallLog(database);
        calls.onEnded((call, reason) -> callLog.ended(ClerkApi.logged(call), reason.column()));
        enrolment = new EnrolmentService(ca, new EnrolmentCodes(database, clock), booths, clock, Duration.ofDays(1));
        tokens = new JitsiTokens("madoguchi-test", JITSI_DOMAIN,
                "0123456789abcdef0123456789abcdef-test".getBytes(StandardCharsets.UTF_8));
        rooms = new CallRooms(tokens, JITSI_DOMAIN, Duration.ofMinutes(2), clock);
        presence = new PresenceRegistry(clock, deadAfter, Duration.ofMillis(100));
        vanished = new VanishedClerks(new HeldCalls(HeldCalls.DEFAULT_VANISH_AFTER), calls, callLog, presence, clock);
        presence.onBoothState(vanished::boothState);
        presence.onBoothGone(vanished::boothGone);
        presence.onBoothGone(boothId -> {
            gone.add(boothId);
            if (!calls.cancelBooth(boothId).isEmpty()) {
                presence.notifyQueuePositions(calls);
            }
        });
        presence.start();
        ClerkApi clerkApi = new ClerkApi(accounts, sessions, calls, rooms, applications, decisions, presence, booths,
                callLog, enrolment, clock, ClerkApi.DEFAULT_ZONE, Duration.ofHours(8), vanished);

        KeyPair serverKeys = DeviceCa.newEcKeyPair();
        X509Certificate serverCert = ca.serverCertificate(List.of("localhost"), List.of("127.0.0.1"), serverKeys);
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("server", serverKeys.getPrivate(), KEY_PASSWORD,
                new X509Certificate[] {serverCert, ca.certificate()});
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("device-ca", ca.certificate());
        server = HqServer.builder()
                .host("127.0.0.1").port(0)
                .tls(ServerTls.fromKeyStores(keyStore, KEY_PASSWORD, trustStore))
                .revocations(booths)
                .health(new HealthStatus() {
                    @Override
                    public String database() {
                        return "ok";
                    }

                    @Override
                    public int boothsOnline() {
                        return presence.onlineCount();
                    }
                })
                .route(new PresenceApi(presence))
                .route(clerkApi)
                .build()
                .start();
    }

    public URI baseUrl() {
        return URI.create("https://127.0.0.1:" + server.port());
    }

    /** A booth enrolled the real way: its own key, a CSR, a certificate from the device CA, a row in booths. */
    public TestBooth enrolBooth(String boothId) throws Exception {
        return enrolBooth(boothId, "Test booth " + boothId, "");
    }

    /** As {@link #enrolBooth(String)}, with a name and a location. */
    public TestBooth enrolBooth(String boothId, String name, String location) throws Exception {
        KeyPair keys = DeviceCa.newEcKeyPair();
        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
                new X500Principal("CN=ignored"), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(csr);
        }
        IssuedDevice issued = ca.issueFromCsr(pem.toString(), boothId, Duration.ofDays(1));
        booths.add(boothId, name, location, issued.serial(), issued.certificatePem(), Instant.now());
        SSLContext tls = BoothTlsContexts.from(keys.getPrivate(), issued.certificate(), ca.certificate());
        return new TestBooth(boothId, tls, HqTransport.builder(baseUrl(), tls).build());
    }

    /** A clerk console's client (TLS trusting HQ's CA, no client certificate). */
    public ClerkClient clerkClient() {
        return new ClerkClient(HqTransport.builder(baseUrl(), clerkTls()).build());
    }

    public SSLContext clerkTls() {
        return BoothTlsContexts.trustOnly(ca.certificate());
    }

    @Override
    public void close() throws IOException {
        server.stop();
        presence.close();
        tokens.close();
        database.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Waits up to {@code timeout} for {@code condition}. */
    public static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    /** An enrolled booth: its TLS context and transport, a presence channel, or a raw WebSocket. */
    public final class TestBooth {
        public final String id;
        public final SSLContext tls;
        public final HqTransport transport;

        TestBooth(String id, SSLContext tls, HqTransport transport) {
            this.id = id;
            this.tls = tls;
            this.transport = transport;
        }

        /** hq-link's presence channel, recording the frames HQ pushes. */
        public Channel channel(Duration pingInterval) {
            return channel(pingInterval, null, false);
        }

        /**
         * As {@link #channel(Duration)}, its hellos saying this run started at {@code startedAt} (none if null),
         * after an unclean stop or not, as the booth's does.
         */
        public Channel channel(Duration pingInterval, Instant startedAt, boolean afterUncleanStop) {
            Channel channel = new Channel();
            PresenceChannel.Builder builder = PresenceChannel.builder(transport, channel)
                    .pingInterval(pingInterval).pongTimeout(Duration.ofSeconds(2))
                    .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500));
            if (startedAt != null) {
                builder.announceStart(startedAt, afterUncleanStop);
            }
            channel.channel = builder.build();
            return channel;
        }

        /** A bare WebSocket over the booth's certificate, for frames hq-link would never send. */
        public RawSocket raw() throws Exception {
            RawSocket raw = new RawSocket();
            raw.socket = HttpClient.newBuilder().sslContext(tls).build().newWebSocketBuilder()
                    .buildAsync(URI.create("wss://127.0.0.1:" + server.port() + "/api/v1/presence"), raw)
                    .get(5, TimeUnit.SECONDS);
            return raw;
        }
    }

    /** Frames and connection states a booth's presence channel saw. */
    public static final class Channel implements PresenceChannel.Listener, AutoCloseable {
        public final BlockingQueue<PresenceFrame.HqFrame> frames = new LinkedBlockingQueue<>();
        public final List<PresenceChannel.ConnectionState> states = new java.util.concurrent.CopyOnWriteArrayList<>();
        public PresenceChannel channel;

        @Override
        public void onFrame(PresenceFrame.HqFrame frame) {
            frames.add(frame);
        }

        @Override
        public void onConnectionState(PresenceChannel.ConnectionState state) {
            states.add(state);
        }

        /** The next pushed frame of {@code type} within {@code timeout}, skipping others; null if none. */
        public <T extends PresenceFrame.HqFrame> T next(Class<T> type, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                PresenceFrame.HqFrame frame = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (frame == null) {
                    return null;
                }
                if (type.isInstance(frame)) {
                    return type.cast(frame);
                }
            }
        }

        @Override
        public void close() {
            channel.close();
        }
    }

    /** A JDK WebSocket recording text frames and the close status. */
    public static final class RawSocket implements WebSocket.Listener, AutoCloseable {
        public final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        public final CompletableFuture<Integer> closed = new CompletableFuture<>();
        public WebSocket socket;
        private final StringBuilder partial = new StringBuilder();

        public void send(String text) throws Exception {
            socket.sendText(text, true).get(5, TimeUnit.SECONDS);
        }

        public void send(PresenceFrame frame) throws Exception {
            send(ProtocolJson.write(frame));
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        @Override
        public void close() {
            socket.abort();
        }
    }

    /** The payload of a JWT, as JSON text (the tests read claims from it). */
    public static String jwtPayload(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
