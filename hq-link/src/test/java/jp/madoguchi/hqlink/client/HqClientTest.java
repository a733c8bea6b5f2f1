package jp.madoguchi.hqlink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import jp.madoguchi.hqlink.message.AnsweredCall;
import jp.madoguchi.hqlink.message.ApplicationStatus;
import jp.madoguchi.hqlink.message.CallRequest;
import jp.madoguchi.hqlink.message.CheckStatus;
import jp.madoguchi.hqlink.message.ClerkLoginResponse;
import jp.madoguchi.hqlink.message.ClerkQueues;
import jp.madoguchi.hqlink.message.DecisionRequest;
import jp.madoguchi.hqlink.message.EnrolRequest;
import jp.madoguchi.hqlink.message.EnrolResponse;
import jp.madoguchi.hqlink.message.ErrorCodes;
import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.hqlink.message.Submission;
import jp.madoguchi.hqlink.message.SubmissionReceipt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HqClientTest {
    private static final String RECEIPT = """
            {"v":1,"reference":"R-2026-000123","status":"verified",
             "checks":[{"check":"signature","status":"passed"},{"check":"revocation","status":"passed","reason":"CRL 2026-11-23"}],
             "receivedAt":"2026-11-23T17:44:00Z","futureField":{"ignored":true}}""";
    private static final String PERSONAL = "U1VaVUtJIEhhbmFrbyAxOTUwLTAxLTAx"; // stands for the resident's data
    private static final Submission SUBMISSION = new Submission("juminhyo", "shimin", PERSONAL, "MIIcms");

    private static TestPki.Identity hqCa;
    private static TestPki.Identity stranger;
    private static TestPki.Identity booth;
    private static SSLContext serverTls;
    private static SSLContext boothTls;

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private TestHqServer server;

    @BeforeAll
    static void pki() {
        hqCa = TestPki.ca("Test HQ CA");
        stranger = TestPki.ca("Stranger CA");
        booth = TestPki.client(hqCa, "booth-1");
        serverTls = TestPki.serverContext(TestPki.server(hqCa), hqCa, hqCa);
        boothTls = BoothTlsContexts.from(booth.keys().getPrivate(), booth.certificate(), hqCa.certificate());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HqClient client(URI baseUrl, SSLContext tls) {
        return new HqClient(transport(baseUrl, tls).build());
    }

    private HqTransport.Builder transport(URI baseUrl, SSLContext tls) {
        return HqTransport.builder(baseUrl, tls)
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(5))
                .sleeper(sleeps::add)
                .random(() -> 0.5);
    }

    @Test
    void submitsOverMutualTlsAndReadsTheReceipt() throws Exception {
        server = new TestHqServer(serverTls).answer(201, RECEIPT);
        String key = HqClient.newIdempotencyKey();

        SubmissionReceipt receipt = client(server.baseUrl(), boothTls).submitApplication(SUBMISSION, key);

        assertEquals("R-2026-000123", receipt.reference());
        assertEquals(ApplicationStatus.VERIFIED, receipt.status());
        assertEquals(CheckStatus.PASSED, receipt.checks().get(1).status());
        assertEquals(Instant.parse("2026-11-23T17:44:00Z"), receipt.receivedAt());
        TestHqServer.Recorded request = server.requests().get(0);
        assertEquals("POST", request.method());
        assertEquals("/api/v1/applications", request.path());
        assertEquals("CN=booth-1", request.clientSubject());
        assertEquals(key, request.header("Idempotency-Key"));
        assertTrue(request.header("Content-Type").startsWith("application/json"));
        assertTrue(request.body().contains("\"v\":1"), request.body());
        assertTrue(request.body().contains("\"canonicalJsonBase64\":\"" + PERSONAL + "\""), request.body());
    }

    @Test
    void aClientWithoutTheBoothCertificateIsRefused() throws Exception {
        server = new TestHqServer(serverTls).otherwise(201, RECEIPT);
        HqClient anonymous = client(server.baseUrl(), BoothTlsContexts.trustOnly(hqCa.certificate()));

        HqUnavailableException e = assertThrows(HqUnavailableException.class,
                () -> anonymous.submitApplication(SUBMISSION, HqClient.newIdempotencyKey()));

        assertTrue(e.reason() == HqUnavailableException.Reason.TLS_REFUSED
                || e.reason() == HqUnavailableException.Reason.UNREACHABLE, e.reason().toString());
        assertEquals(List.of(), server.requests());
    }

    @Test
    void aBoothCertificateFromAnotherCaIsRefused() throws Exception {
        server = new TestHqServer(serverTls).otherwise(201, RECEIPT);
        TestPki.Identity impostor = TestPki.client(stranger, "booth-1");
        HqClient client = client(server.baseUrl(),
                BoothTlsContexts.from(impostor.keys().getPrivate(), impostor.certificate(), hqCa.certificate()));

        assertThrows(HqUnavailableException.class, () -> client.submitApplication(SUBMISSION, HqClient.newIdempotencyKey()));
        assertEquals(List.of(), server.requests());
    }

    @Test
    void aServerNotCertifiedByHqCaIsNotTrusted() throws Exception {
        SSLContext impostorTls = TestPki.serverContext(TestPki.server(stranger), stranger, hqCa);
        server = new TestHqServer(impostorTls).otherwise(201, RECEIPT);

        HqUnavailableException e = assertThrows(HqUnavailableException.class,
                () -> client(server.baseUrl(), boothTls).submitApplication(SUBMISSION, HqClient.newIdempotencyKey()));

        assertEquals(HqUnavailableException.Reason.TLS_REFUSED, e.reason());
        assertEquals(1, e.attempts(), "a certificate problem is not retried");
        assertEquals(List.of(), server.requests());
    }

    @Test
    void retriesWithBackoffOn503ThenSucceedsWithTheSameKey() throws Exception {
        server = new TestHqServer(serverTls).answer(503, "").answer(502, "").answer(201, RECEIPT);
        String key = HqClient.newIdempotencyKey();

        SubmissionReceipt receipt = client(server.baseUrl(), boothTls).submitApplication(SUBMISSION, key);

        assertEquals("R-2026-000123", receipt.reference());
        assertEquals(3, server.requests().size());
        server.requests().forEach(request -> assertEquals(key, request.header("Idempotency-Key")));
        RetryPolicy policy = RetryPolicy.defaults();
        assertEquals(List.of(policy.backoff(1, 0.5), policy.backoff(2, 0.5)), sleeps);
        assertEquals(List.of(Duration.ofNanos(187_500_000), Duration.ofMillis(375)), sleeps);
    }

    @Test
    void backoffDoublesUpToTheCeilingWithJitterWithinBounds() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofSeconds(30));
        assertEquals(Duration.ofMillis(50), policy.backoff(1, 0.0));
        assertEquals(Duration.ofMillis(100), policy.backoff(1, 1.0));
        assertEquals(Duration.ofMillis(200), policy.backoff(3, 0.0));
        assertEquals(Duration.ofMillis(800), policy.backoff(9, 1.0));
        assertEquals(Duration.ofMillis(400), policy.backoff(30, 0.0));
    }

    @Test
    void givesUpAfterMaxAttemptsOn5xxAndSaysHqIsUnavailable() {
        server = newServer().otherwise(500, "{\"v\":1,\"error\":\"internal\"}");

        HqUnavailableException e = assertThrows(HqUnavailableException.class,
                () -> client(server.baseUrl(), boothTls).submitApplication(SUBMISSION, "outbox-entry-42-key"));

        assertEquals(HqUnavailableException.Reason.SERVER_ERROR, e.reason());
        assertEquals(4, e.attempts());
        assertEquals(4, server.requests().size());
        assertEquals(3, sleeps.size());
    }

    @Test
    void neverRetriesA400AndReportsTheServersErrorCode() {
        server = newServer().answer(400, "{\"v\":1,\"error\":\"bad_request\",\"message\":\"cmsBase64 is not base64\"}");

        HqRejectedException e = assertThrows(HqRejectedException.class,
                () -> client(server.baseUrl(), boothTls).submitApplication(SUBMISSION, HqClient.newIdempotencyKey()));

        assertEquals(400, e.status());
        assertEquals(ErrorCodes.BAD_REQUEST, e.errorCode());
        assertEquals("cmsBase64 is not base64", e.serverMessage());
        assertEquals(1, server.requests().size());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void aRejectionWithoutAnErrorBodyIsNamedByItsStatus() {
        server = newServer().answer(404, "<html>not found</html>");

        HqRejectedException e = assertThrows(HqRejectedException.class,
                () -> client(server.baseUrl(), boothTls).cancelCall("call-7"));

        assertEquals("http_404", e.errorCode());
    }

    @Test
    void honoursRetryAfterInSeconds() throws Exception {
        server = newServer().answer(429, "", "Retry-After", "7").answer(201, RECEIPT);

        client(server.baseUrl(), boothTls).submitApplication(SUBMISSION, HqClient.newIdempotencyKey());

        assertEquals(List.of(Duration.ofSeconds(7)), sleeps);
        assertEquals(2, server.requests().size());
    }

    @Test
    void honoursRetryAfterAsAnHttpDate() throws Exception {
        Instant now = Instant.parse("2026-11-23T18:00:00Z");
        String inTwentySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(20).atOffset(ZoneOffset.UTC));
        server = newServer().answer(503, "", "Retry-After", inTwentySeconds).answer(201, RECEIPT);
        HqClient client = new HqClient(transport(server.baseUrl(), boothTls).clock(Clock.fixed(now, ZoneOffset.UTC)).build());

        client.submitApplication(SUBMISSION, HqClient.newIdempotencyKey());

        assertEquals(List.of(Duration.ofSeconds(20)), sleeps);
    }

    @Test
    void aRetryAfterLongerThanTheClientWaitsEndsTheRetriesAndIsReported() {
        server = newServer().answer(503, "", "Retry-After", "600").otherwise(201, RECEIPT);

        HqUnavailableException e = assertThrows(HqUnavailableException.class,
                () -> client(server.baseUrl(), boothTls).submitApplication(SUBMISSION, HqClient.newIdempotencyKey()));

        assertEquals(HqUnavailableException.Reason.BUSY, e.reason());
        assertEquals(Optional.of(Duration.ofSeconds(600)), e.retryAfter());
        assertEquals(1, server.requests().size());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void aResendAfterARestartCarriesTheSameKey() throws Exception {
        server = newServer().otherwise(503, "");
        String persistedKey = HqClient.newIdempotencyKey();
        assertThrows(HqUnavailableException.class,
                () -> client(server.baseUrl(), boothTls).submitApplication(SUBMISSION, persistedKey));

        // the booth restarts: a new client, the key read back from the outbox
        server.otherwise(200, RECEIPT);
        SubmissionReceipt receipt = client(server.baseUrl(), boothTls).submitApplication(SUBMISSION, persistedKey);

        assertEquals("R-2026-000123", receipt.reference());
        assertEquals(5, server.requests().size());
        server.requests().forEach(request -> assertEquals(persistedKey, request.header("Idempotency-Key")));
    }

    @Test
    void newIdempotencyKeysAreDistinctUuids() {
        String first = HqClient.newIdempotencyKey();
        assertFalse(first.equals(HqClient.newIdempotencyKey()));
        assertEquals(36, first.length());
        assertThrows(IllegalArgumentException.class, () -> client(URI.create("https://127.0.0.1:1"), boothTls)
                .submitApplication(SUBMISSION, "short"));
    }

    @Test
    void unavailableWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }

        HqUnavailableException e = assertThrows(HqUnavailableException.class,
                () -> client(URI.create("https://127.0.0.1:" + port), boothTls)
                        .submitApplication(SUBMISSION, HqClient.newIdempotencyKey()));

        assertEquals(HqUnavailableException.Reason.UNREACHABLE, e.reason());
        assertEquals(4, e.attempts());
        assertEquals(3, sleeps.size(), "connection failures are retried with backoff");
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() throws Exception {
        server = newServer().answerLate(Duration.ofSeconds(2), 201, RECEIPT).answer(200, RECEIPT);
        HqClient client = new HqClient(transport(server.baseUrl(), boothTls).requestTimeout(Duration.ofMillis(300)).build());

        SubmissionReceipt receipt = client.submitApplication(SUBMISSION, "outbox-entry-43-key");

        assertEquals("R-2026-000123", receipt.reference());
        assertEquals(1, sleeps.size());
        assertEquals(2, server.requests().size());
    }

    @Test
    void aSlowAnswerToARequestSentOnceIsATimeout() {
        server = newServer().answerLate(Duration.ofSeconds(2), 201, "{}");
        HqClient client = new HqClient(transport(server.baseUrl(), boothTls).requestTimeout(Duration.ofMillis(300)).build());

        HqUnavailableException e = assertThrows(HqUnavailableException.class,
                () -> client.requestCall(new CallRequest("shimin", "juminhyo", false, null)));

        assertEquals(HqUnavailableException.Reason.TIMEOUT, e.reason());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void headquartersMustBeAnHttpsUrl() {
        assertThrows(IllegalArgumentException.class, () -> HqTransport.builder(URI.create("http://127.0.0.1:8080"), boothTls));
        assertThrows(IllegalArgumentException.class, () -> HqTransport.builder(URI.create("https://hq/?x=1"), boothTls));
    }

    @Test
    void aCallRequestIsNotRetried() {
        server = newServer().otherwise(503, "");

        HqUnavailableException e = assertThrows(HqUnavailableException.class,
                () -> client(server.baseUrl(), boothTls).requestCall(new CallRequest("shimin", "juminhyo", true, "R-1")));

        assertEquals(1, e.attempts());
        assertEquals(1, server.requests().size());
        assertTrue(server.requests().get(0).body().contains("\"priority\":true"));
    }

    @Test
    void requestsAndCancelsACall() throws Exception {
        server = newServer().answer(201, "{\"v\":1,\"callId\":\"call-7\",\"position\":3,\"estimatedWaitSeconds\":240}")
                .answer(204, "");
        HqClient client = client(server.baseUrl(), boothTls);

        var ticket = client.requestCall(new CallRequest("shimin", "juminhyo", false, null));
        client.cancelCall(ticket.callId());

        assertEquals(3, ticket.position());
        assertEquals("DELETE", server.requests().get(1).method());
        assertEquals("/api/v1/calls/call-7", server.requests().get(1).path());
        assertFalse(server.requests().get(0).body().contains("reference"), "absent optional fields are omitted");
    }

    @Test
    void anUnreadableSuccessIsReportedAsABadResponse() {
        server = newServer().answer(201, "{\"v\":1,\"status\":\"verified\"}");

        HqUnavailableException e = assertThrows(HqUnavailableException.class,
                () -> client(server.baseUrl(), boothTls).submitApplication(SUBMISSION, HqClient.newIdempotencyKey()));

        assertEquals(HqUnavailableException.Reason.BAD_RESPONSE, e.reason());
        assertTrue(e.getMessage().contains("missing required field 'reference'"), e.getMessage());
    }

    @Test
    void enrolsWithoutAClientCertificateAndReportsAUsedCode() throws Exception {
        server = new TestHqServer(serverTls, false)
                .answer(201, "{\"v\":1,\"boothId\":\"booth-9\",\"certificatePem\":\"-----BEGIN CERTIFICATE-----\","
                        + "\"caCertificatePem\":\"-----BEGIN CERTIFICATE-----\"}")
                .answer(409, "{\"v\":1,\"error\":\"code_used\",\"message\":\"this code was used on 2026-11-20\"}");
        HqClient enrolment = client(server.baseUrl(), BoothTlsContexts.trustOnly(hqCa.certificate()));
        EnrolRequest request = new EnrolRequest("ABCD-EFGH-2345", "Kita branch booth 1", "-----BEGIN CERTIFICATE REQUEST-----");

        EnrolResponse response = enrolment.enrol(request);
        HqRejectedException e = assertThrows(HqRejectedException.class, () -> enrolment.enrol(request));

        assertEquals("booth-9", response.boothId());
        assertEquals(null, response.hqCaCertificatePem());
        assertEquals(ErrorCodes.CODE_USED, e.errorCode());
        assertEquals(null, server.requests().get(0).clientSubject());
        assertFalse(request.toString().contains("ABCD"), "the one-time code is not in toString");
    }

    @Test
    void clerkLogsInAndUsesTheSessionToken() throws Exception {
        server = new TestHqServer(serverTls, false)
                .answer(200, "{\"v\":1,\"token\":\"tok-123\",\"expiresAt\":\"2026-11-23T20:00:00Z\",\"displayName\":\"Sato\"}")
                .answer(200, "{\"v\":1,\"queues\":[{\"routing\":\"shimin\",\"calls\":[{\"callId\":\"c1\","
                        + "\"procedureId\":\"juminhyo\",\"priority\":true,\"waitingSeconds\":42}]}]}")
                .answer(204, "")
                .answer(200, "{\"v\":1,\"callId\":\"c1\",\"room\":\"r-x\",\"jwt\":\"j\",\"jitsiDomain\":\"meet.example\"}")
                .answer(204, "");
        ClerkClient clerk = new ClerkClient(transport(server.baseUrl(), BoothTlsContexts.trustOnly(hqCa.certificate())).build());
        char[] password = "correct horse".toCharArray();

        ClerkLoginResponse session = clerk.login("sato", password);
        ClerkQueues queues = clerk.queues();
        Optional<AnsweredCall> nobody = clerk.answerNext("shimin");
        Optional<AnsweredCall> answered = clerk.answerNext("shimin");
        clerk.decide(new DecisionRequest("R-1", Outcome.CORRECTION_NEEDED, "add the purpose"));

        assertEquals("Sato", session.displayName());
        assertEquals(42, queues.queues().get(0).calls().get(0).waitingSeconds());
        assertEquals(Optional.empty(), nobody);
        assertEquals("r-x", answered.orElseThrow().room());
        assertEquals(null, answered.get().application());
        assertTrue(server.requests().get(0).body().contains("\"password\":\"correct horse\""));
        assertEquals("Bearer tok-123", server.requests().get(1).header("Authorization"));
        assertEquals("GET", server.requests().get(1).method());
        assertEquals("/api/v1/clerk/decisions", server.requests().get(4).path());
        assertTrue(server.requests().get(4).body().contains("\"outcome\":\"correction_needed\""));
        assertEquals("Bearer tok-123", server.requests().get(4).header("Authorization"));
    }

    @Test
    void logsTheReferenceButNeverTheApplicationOrTheKey() throws Exception {
        server = newServer().answer(503, "").answer(201, RECEIPT);
        String key = HqClient.newIdempotencyKey();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            client(server.baseUrl(), boothTls).submitApplication(SUBMISSION, key);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("R-2026-000123"), log);
        assertFalse(log.contains(PERSONAL), log);
        assertFalse(log.contains("MIIcms"), log);
        assertFalse(SUBMISSION.toString().contains(PERSONAL));
    }

    private TestHqServer newServer() {
        try {
            return new TestHqServer(serverTls);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
