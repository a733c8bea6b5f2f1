package jp.madoguchi.hq.server;

import jp.madoguchi.hq.testing.LogCapture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server as booths, clerks and monitoring see it: over loopback TLS with real certificates,
 * through the JDK's HTTP and WebSocket clients.
 */
class HqServerTest {
    private static final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean revocationStoreDown = new AtomicBoolean();
    private static TestPki deviceCa;
    private static TestPki otherCa;
    private static TestPki.Issued booth;
    private static TestPki.Issued revokedBooth;
    private static TestPki.Issued foreignBooth;
    private static TestPki.Issued nameless;
    private static HqServer server;
    private static String https;
    private static String http;

    @BeforeAll
    static void start() throws Exception {
        deviceCa = TestPki.create("Test device CA");
        otherCa = TestPki.create("Some other CA");
        booth = deviceCa.booth("CN=booth-0001, O=Test city");
        revokedBooth = deviceCa.booth("CN=booth-0666");
        foreignBooth = otherCa.booth("CN=booth-0001");
        nameless = deviceCa.booth("O=Test city, OU=no common name");
        revoked.add(revokedBooth.serial());
        server = HqServer.builder()
                .host("127.0.0.1").port(0)
                .tls(deviceCa.serverTls(deviceCa))
                .revocations(serial -> {
                    if (revocationStoreDown.get()) {
                        throw new IllegalStateException("revocation store unreachable");
                    }
                    return revoked.contains(serial);
                })
                .health(new HealthStatus() {
                    @Override
                    public String database() {
                        return "ok";
                    }

                    @Override
                    public int boothsOnline() {
                        return 3;
                    }
                })
                .route(app -> {
                    app.get("/api/v1/applications/{reference}", ctx -> {
                        BoothIdentity identity = BoothIdentity.of(ctx);
                        RequestLog.reference(ctx, ctx.pathParam("reference"));
                        ctx.json(Map.of("boothId", identity.boothId(), "serial", identity.serial().toString(16)));
                    });
                    app.post("/api/v1/calls", ctx -> {
                        throw new ApiException(409, "conflict", "a call is already waiting for this booth");
                    });
                    app.get("/api/v1/calls/broken", ctx -> {
                        throw new IllegalStateException("resident Yamada Taro, 1-2-3 Chiyoda");
                    });
                    app.post("/api/v1/enrol", ctx -> ctx.json(Map.of("enrolled", BoothIdentity.optional(ctx).isPresent())));
                    app.get("/api/v1/clerk/queues", ctx -> {
                        RequestLog.clerk(ctx, "clerk-42");
                        ctx.json(Map.of("queues", 0));
                    });
                    app.ws("/api/v1/presence", ws -> ws.onConnect(ctx -> ctx.send("hello " + BoothIdentity.of(ctx).boothId())));
                })
                .build()
                .start();
        https = "https://127.0.0.1:" + server.port();
        http = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void healthAnswersOverHttpsWithoutClientCertificate() throws Exception {
        HttpResponse<String> response = Http.get(Http.client(deviceCa.clientContext(null)), https + "/health");
        assertEquals(200, response.statusCode());
        Map<String, Object> body = Http.json(response);
        assertEquals("ok", body.get("status"));
        assertEquals("ok", body.get("database"));
        assertEquals(3, body.get("boothsOnline"));
        assertEquals(server.version(), body.get("version"));
        assertInstanceOf(Integer.class, body.get("uptimeSeconds"));
    }

    @Test
    void healthAnswersOverPlainHttpOnTheSamePort() throws Exception {
        HttpResponse<String> response = Http.get(Http.client(null), http + "/health");
        assertEquals(200, response.statusCode());
        assertEquals("ok", Http.json(response).get("status"));
    }

    @Test
    void everythingButHealthIsRefusedOverPlainHttp() throws Exception {
        HttpClient plain = Http.client(null);
        for (String path : new String[] {"/api/v1/applications/R-1", "/api/v1/enrol", "/api/v1/clerk/queues", "/nothing"}) {
            HttpResponse<String> response = Http.get(plain, http + path);
            assertEquals(403, response.statusCode(), path);
            assertEquals("https_required", Http.json(response).get("error"), path);
        }
        assertEquals(403, Http.post(plain, http + "/health", "{}").statusCode());
    }

    @Test
    void boothEndpointWithoutClientCertificateIs401() throws Exception {
        HttpResponse<String> response = Http.get(Http.client(deviceCa.clientContext(null)), https + "/api/v1/applications/R-1");
        assertEquals(401, response.statusCode());
        Map<String, Object> body = Http.json(response);
        assertEquals("client_certificate_required", body.get("error"));
        assertTrue(body.get("message") instanceof String);
        assertEquals(response.headers().firstValue("X-Request-Id").orElseThrow(), body.get("requestId"));
    }

    @Test
    void boothWithGoodCertificateIsServedAndItsIdentityReachesTheHandler() throws Exception {
        HttpResponse<String> response = Http.get(Http.client(deviceCa.clientContext(booth)), https + "/api/v1/applications/R-1");
        assertEquals(200, response.statusCode());
        Map<String, Object> body = Http.json(response);
        assertEquals("booth-0001", body.get("boothId"));
        assertEquals(booth.serial().toString(16), body.get("serial"));
    }

    @Test
    void revokedBoothIsRefusedAtOnceOnTheSameConnection() throws Exception {
        TestPki.Issued flipping = deviceCa.booth("CN=booth-0777");
        HttpClient client = Http.client(deviceCa.clientContext(flipping));
        String url = https + "/api/v1/applications/R-7";
        assertEquals(200, Http.get(client, url).statusCode());
        revoked.add(flipping.serial());
        try {
            HttpResponse<String> refused = Http.get(client, url); // same keep-alive connection, same TLS session
            assertEquals(403, refused.statusCode());
            assertEquals("booth_revoked", Http.json(refused).get("error"));
        } finally {
            revoked.remove(flipping.serial());
        }
        assertEquals(200, Http.get(client, url).statusCode());
        assertEquals(403, Http.get(Http.client(deviceCa.clientContext(revokedBooth)), url).statusCode());
    }

    @Test
    void aFailingRevocationCheckRefusesTheBooth() throws Exception {
        HttpClient client = Http.client(deviceCa.clientContext(booth));
        revocationStoreDown.set(true);
        try {
            HttpResponse<String> response = Http.get(client, https + "/api/v1/applications/R-1");
            assertEquals(503, response.statusCode());
            assertEquals("unavailable", Http.json(response).get("error"));
        } finally {
            revocationStoreDown.set(false);
        }
    }

    @Test
    void healthAnswersHeadOverPlainHttp() throws Exception {
        HttpResponse<String> response = Http.client(null).send(java.net.http.HttpRequest
                .newBuilder(URI.create(http + "/health")).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
    }

    @Test
    void aTakenPortFailsTheStartAndTheServerCanStillBeBuiltAnew() throws Exception {
        HqServer.Builder second = HqServer.builder().port(server.port()).tls(deviceCa.serverTls(deviceCa))
                .revocations(serial -> false);
        HqServer clash = second.build();
        assertThrows(RuntimeException.class, clash::start);
        clash.stop();
        assertThrows(IllegalStateException.class, () -> HqServer.builder().port(0).tls(deviceCa.serverTls(deviceCa))
                .revocations(serial -> false).build().port(), "port() before start");
        assertThrows(IllegalStateException.class, () -> HqServer.builder().tls(deviceCa.serverTls(deviceCa)).build(),
                "revocations are required");
    }

    @Test
    void certificateFromAnotherCa() throws Exception {
        // The server names the device CA in its certificate request, so the JDK client offers no
        // certificate from another CA at all: the booth endpoint answers 401.
        HttpResponse<String> response = Http.get(Http.client(deviceCa.clientContext(foreignBooth)), https + "/api/v1/applications/R-1");
        assertEquals(401, response.statusCode());
        // A client that presents it anyway fails the TLS handshake: TLS verifies the chain, no handler runs.
        HttpClient insisting = Http.client(deviceCa.clientContext(foreignBooth, true));
        assertThrows(IOException.class, () -> Http.get(insisting, https + "/api/v1/applications/R-1"));
    }

    @Test
    void certificateWithoutBoothIdIsRefused() throws Exception {
        HttpResponse<String> response = Http.get(Http.client(deviceCa.clientContext(nameless)), https + "/api/v1/applications/R-1");
        assertEquals(403, response.statusCode());
        assertEquals("bad_client_certificate", Http.json(response).get("error"));
    }

    @Test
    void enrolmentAndClerkEndpointsNeedNoClientCertificate() throws Exception {
        HttpClient anonymous = Http.client(deviceCa.clientContext(null));
        HttpResponse<String> enrol = Http.post(anonymous, https + "/api/v1/enrol", "{}");
        assertEquals(200, enrol.statusCode());
        assertEquals(false, Http.json(enrol).get("enrolled"));
        assertEquals(200, Http.get(anonymous, https + "/api/v1/clerk/queues").statusCode());
    }

    @Test
    void unknownPathsAreBoothPathsByDefault() throws Exception {
        HttpResponse<String> anonymous = Http.get(Http.client(deviceCa.clientContext(null)), https + "/api/v2/anything");
        assertEquals(401, anonymous.statusCode());
        HttpResponse<String> asBooth = Http.get(Http.client(deviceCa.clientContext(booth)), https + "/api/v2/anything");
        assertEquals(404, asBooth.statusCode());
        assertEquals("not_found", Http.json(asBooth).get("error"));
    }

    @Test
    void pathsThatCouldDisguiseARouteAreRefused() throws Exception {
        HttpClient anonymous = Http.client(deviceCa.clientContext(null));
        for (String path : new String[] {"/api/v1/clerk/../applications/R-1", "/api/v1/clerk/%2e%2e/applications/R-1",
                "/api/v1/enrol/..%2Fapplications", "//api/v1/applications/R-1", "/api/v1/clerk;x/../applications/R-1"}) {
            HttpResponse<String> response = Http.get(anonymous, https + path);
            assertEquals(400, response.statusCode(), path);
        }
    }

    @Test
    void handlerErrorsAreJsonWithTheirStatus() throws Exception {
        HttpClient client = Http.client(deviceCa.clientContext(booth));
        HttpResponse<String> conflict = Http.post(client, https + "/api/v1/calls", "{}");
        assertEquals(409, conflict.statusCode());
        assertEquals("conflict", Http.json(conflict).get("error"));
        HttpResponse<String> broken = Http.get(client, https + "/api/v1/calls/broken");
        assertEquals(500, broken.statusCode());
        assertEquals("internal_error", Http.json(broken).get("error"));
        assertFalse(broken.body().contains("Yamada"), broken.body());
    }

    @Test
    void oneLogLinePerRequestWithRouteBoothAndReferenceButNoQueryOrPersonalData() throws Exception {
        String log = LogCapture.during(() -> {
            HttpClient client = Http.client(deviceCa.clientContext(booth));
            Http.get(client, https + "/api/v1/applications/R-2026-0042?name=Yamada%20Taro");
            Http.get(client, https + "/api/v1/calls/broken");
            Http.get(Http.client(deviceCa.clientContext(null)), https + "/api/v1/clerk/queues?q=Yamada");
            Http.get(Http.client(deviceCa.clientContext(revokedBooth)), https + "/api/v1/applications/R-1");
        }, captured -> captured.lines().filter(l -> l.contains(" jp.madoguchi.hq.access - ")).count() >= 4);
        String served = line(log, "refs=R-2026-0042");
        assertTrue(served.contains("method=GET"), served);
        assertTrue(served.contains("route=/api/v1/applications/{reference}"), served);
        assertTrue(served.contains("status=200"), served);
        assertTrue(served.contains("booth=booth-0001"), served);
        assertTrue(served.matches(".*\\bid=[0-9a-f]+ .*"), served);
        assertTrue(served.matches(".*\\bms=\\d+.*"), served);
        assertTrue(line(log, "route=/api/v1/clerk/queues").contains("clerk=clerk-42"));
        assertTrue(line(log, "route=/api/v1/calls/broken").contains("status=500"));
        assertTrue(line(log, "booth=booth-0666").contains("status=403"));
        assertFalse(log.contains("Yamada"), log);
        assertFalse(log.contains("Chiyoda"), log);
        assertFalse(log.contains("?"), log);
    }

    @Test
    void webSocketUpgradeNeedsAGoodBoothCertificate() throws Exception {
        String url = "wss://127.0.0.1:" + server.port() + "/api/v1/presence";
        assertEquals(401, refusedUpgrade(deviceCa.clientContext(null), url));
        assertEquals(403, refusedUpgrade(deviceCa.clientContext(revokedBooth), url));
        assertEquals(401, refusedUpgrade(deviceCa.clientContext(foreignBooth), url));
        assertEquals(403, refusedUpgrade(deviceCa.clientContext(nameless), url));

        CompletableFuture<String> greeting = new CompletableFuture<>();
        WebSocket socket = Http.client(deviceCa.clientContext(booth)).newWebSocketBuilder()
                .buildAsync(URI.create(url), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        greeting.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        assertEquals("hello booth-0001", greeting.get(10, TimeUnit.SECONDS));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
    }

    @Test
    void stoppingClosesOpenWebSocketsPromptlyAndFreesThePort() throws Exception {
        HqServer own = HqServer.builder().port(0).tls(deviceCa.serverTls(deviceCa)).revocations(serial -> false)
                .route(app -> app.ws("/api/v1/presence", ws -> ws.onConnect(ctx -> ctx.send("hi"))))
                .build().start();
        int port = own.port();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        Http.client(deviceCa.clientContext(booth)).newWebSocketBuilder()
                .buildAsync(URI.create("wss://127.0.0.1:" + port + "/api/v1/presence"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.complete(-1);
                    }
                }).get(10, TimeUnit.SECONDS);
        long before = System.nanoTime();
        own.stop();
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(5), "stop took too long");
        assertEquals(1001, closed.get(10, TimeUnit.SECONDS), "going away");
        try (java.net.ServerSocket again = new java.net.ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort());
        }
    }

    @Test
    void plainWebSocketIsRefused() throws Exception {
        assertEquals(403, refusedUpgrade(null, "ws://127.0.0.1:" + server.port() + "/api/v1/presence"));
    }

    private static int refusedUpgrade(javax.net.ssl.SSLContext context, String url) throws Exception {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> Http.client(context)
                .newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
                }).get(10, TimeUnit.SECONDS));
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, failure.getCause());
        return handshake.getResponse().statusCode();
    }

    private static String line(String log, String containing) {
        return log.lines().filter(l -> l.contains(" jp.madoguchi.hq.access - request id=") && l.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no access log line with " + containing + " in:\n" + log));
    }
}
