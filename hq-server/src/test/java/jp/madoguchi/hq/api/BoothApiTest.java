package jp.madoguchi.hq.api;

import jp.madoguchi.hq.testing.LogCapture;
import jp.madoguchi.hq.testing.SignedApplications;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.security.auth.x500.X500Principal;
import jp.madoguchi.card.emulator.IssuedCredentials;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.jpki.JpkiSignatureVerifier;
import jp.madoguchi.card.mynumber.Basic4Info;
import jp.madoguchi.card.mynumber.Sex;
import jp.madoguchi.forms.model.CardData;
import jp.madoguchi.hq.calls.CallQueue;
import jp.madoguchi.hq.enrol.EnrolmentService;
import jp.madoguchi.hq.intake.IntakeService;
import jp.madoguchi.hq.security.DeviceCa;
import jp.madoguchi.hq.store.Applications;
import jp.madoguchi.hq.store.Booths;
import jp.madoguchi.hq.store.Database;
import jp.madoguchi.hq.store.EnrolmentCodes;
import jp.madoguchi.hq.store.ReferenceNumbers;
import jp.madoguchi.hq.store.StoredApplication;
import jp.madoguchi.hq.server.HqJson;
import jp.madoguchi.hq.server.HqServer;
import jp.madoguchi.hq.server.ServerTls;
import jp.madoguchi.hqlink.client.BoothTlsContexts;
import jp.madoguchi.hqlink.client.HqClient;
import jp.madoguchi.hqlink.client.HqException;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.client.HqTransport;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import jp.madoguchi.hqlink.client.RetryPolicy;
import jp.madoguchi.hqlink.message.ApplicationStatus;
import jp.madoguchi.hqlink.message.CallRequest;
import jp.madoguchi.hqlink.message.CallTicket;
import jp.madoguchi.hqlink.message.EnrolRequest;
import jp.madoguchi.hqlink.message.EnrolResponse;
import jp.madoguchi.hqlink.message.ErrorCodes;
import jp.madoguchi.hqlink.message.ErrorResponse;
import jp.madoguchi.hqlink.message.ProtocolJson;
import jp.madoguchi.hqlink.message.Submission;
import jp.madoguchi.hqlink.message.SubmissionReceipt;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The booth endpoints end to end, as booths use them: hq-link's real {@link HqClient} over loopback
 * mutual TLS with device certificates the booths got by enrolling, a real device CA, real signed
 * applications, the real JPKI verifier and SQLite storage.
 */
class BoothApiTest {
    private static final int CROWD = 200;
    private static final int CROWD_THREADS = 32;
    private static final String CALL_ROUTING = "koseki";

    @TempDir
    static Path dir;
    private static Database database;
    private static DeviceCa ca;
    private static Booths booths;
    private static Applications applications;
    private static EnrolmentService enrolment;
    private static CallQueue calls;
    private static HqServer server;
    private static String baseUrl;
    private static HqClient enrolClient;
    private static final List<IssuedCredentials> residents = new ArrayList<>();
    private static final List<CardData> holders = new ArrayList<>();
    private static final List<Booth> crowd = new ArrayList<>();
    private static Booth boothA;
    private static Booth boothB;

    /** An enrolled booth: its id, key, certificate and its own client. */
    record Booth(String id, KeyPair keys, X509Certificate certificate, SSLContext tls, HqClient client) {
    }

    @BeforeAll
    static void start() throws Exception {
        Clock clock = Clock.systemUTC();
        database = Database.open("jdbc:sqlite:" + dir.resolve("hq.db"));
        ca = DeviceCa.loadOrCreate(dir.resolve("device-ca"));
        booths = new Booths(database);
        applications = new Applications(database, ReferenceNumbers.datedRandom(ZoneOffset.ofHours(9)));
        enrolment = new EnrolmentService(ca, new EnrolmentCodes(database, clock), booths, clock, Duration.ofDays(30));

        TestAuthority authority = TestAuthority.generate();
        String[][] people = {{"見本　太郎", "東京都千代田区霞が関１－２－３"}, {"見本　花子", "大阪府大阪市北区中之島１－３－２０"},
                {"試験　一郎", "北海道札幌市中央区北一条西２"}, {"試験　桜", "福岡県福岡市中央区天神１－８－１"}};
        for (int i = 0; i < people.length; i++) {
            LocalDate born = LocalDate.of(1970 + 7 * i, 1 + i, 10 + i);
            Sex sex = i % 2 == 0 ? Sex.MALE : Sex.FEMALE;
            residents.add(authority.issue("JPKI-TEST-API-" + i, new Basic4Info(people[i][0], people[i][1], born, sex),
                    Set.of(), Set.of()));
            holders.add(new CardData(people[i][0], people[i][1], born, sex == Sex.MALE ? "1" : "2"));
        }
        JpkiSignatureVerifier verifier = new JpkiSignatureVerifier(
                List.of(authority.signatureCaCertificate(), authority.authenticationCaCertificate()),
                List.of(authority.signatureCrl()), clock);
        IntakeService intake = new IntakeService(applications, verifier, clock);
        calls = new CallQueue(clock, Map.of(CALL_ROUTING, "koseki-queue"), "general");

        // HQ's TLS server certificate from the device CA (demo/test mode); client certificates must chain to the
        // device CA, and a revoked booth is refused at a full handshake as well as by the per-request gate
        KeyPair serverKeys = DeviceCa.newEcKeyPair();
        X509Certificate serverCertificate = ca.serverCertificate(List.of("localhost"), List.of("127.0.0.1"), serverKeys);
        SSLContext serverContext = jp.madoguchi.hq.security.TlsMaterial.serverContext(serverKeys.getPrivate(),
                List.of(serverCertificate, ca.certificate()), ca.certificate(), booths);
        server = HqServer.builder()
                .host("127.0.0.1").port(0)
                .tls(ServerTls.fromSslContext(serverContext))
                .revocations(booths)
                .json(HqJson.protocol()) // hq-link's mapper: error bodies and anything else Javalin writes
                .route(new BoothApi(enrolment, intake, calls, clock))
                .build()
                .start();
        baseUrl = "https://127.0.0.1:" + server.port();
        enrolClient = new HqClient(HqTransport.builder(URI.create(baseUrl), BoothTlsContexts.trustOnly(ca.certificate())).build());

        boothA = enrol("北部出張所 1");
        boothB = enrol("南部出張所 1");

        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Booth>> enrolled = new ArrayList<>();
            for (int i = 0; i < CROWD; i++) {
                String name = "crowd booth " + i;
                enrolled.add(pool.submit(() -> enrol(name)));
            }
            for (Future<Booth> booth : enrolled) {
                crowd.add(booth.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("BoothApiTest: enrolled %d booths through POST /api/v1/enrol in %d ms%n", CROWD,
                (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (database != null) {
            database.close();
        }
    }

    // ---------------------------------------------------------------------------------------------- enrolment

    @Test
    void anEnrolledBoothGetsADeviceCertificateForItsOwnKeyNamingItsBoothId() throws Exception {
        KeyPair keys = DeviceCa.newEcKeyPair();
        String code = enrolment.createCode("東部出張所", Duration.ofHours(1), "it-staff");
        EnrolResponse response = enrolClient.enrol(new EnrolRequest(code, "東部出張所 1", csr(keys)));
        X509Certificate certificate = certificate(response.certificatePem());
        assertEquals(keys.getPublic(), certificate.getPublicKey());
        assertTrue(certificate.getSubjectX500Principal().getName().contains("CN=" + response.boothId()));
        certificate.verify(ca.certificate().getPublicKey());
        assertEquals(ca.certificate(), certificate(response.caCertificatePem()));
        assertTrue(booths.findById(response.boothId()).isPresent());
    }

    @Test
    void aBoothThatSendsNoNameKeepsTheCodesNameAndIsToldIt() throws Exception {
        String code = enrolment.createCode("南部出張所 2", Duration.ofHours(1), "it-staff");
        EnrolResponse unnamed = enrolClient.enrol(new EnrolRequest(code, "", csr(DeviceCa.newEcKeyPair())));
        assertEquals("南部出張所 2", unnamed.boothName());
        assertEquals("南部出張所 2", booths.findById(unnamed.boothId()).orElseThrow().name());
        String other = enrolment.createCode("南部出張所", Duration.ofHours(1), "it-staff");
        EnrolResponse named = enrolClient.enrol(new EnrolRequest(other, "南部出張所 3", csr(DeviceCa.newEcKeyPair())));
        assertEquals("南部出張所 3", named.boothName());
    }

    @Test
    void anEnrolmentCodeWorksOnce() throws Exception {
        String code = enrolment.createCode("西部出張所", Duration.ofHours(1), "it-staff");
        enrolClient.enrol(new EnrolRequest(code, "西部出張所 1", csr(DeviceCa.newEcKeyPair())));
        HqRejectedException again = assertThrows(HqRejectedException.class,
                () -> enrolClient.enrol(new EnrolRequest(code, "西部出張所 2", csr(DeviceCa.newEcKeyPair()))));
        assertEquals(409, again.status());
        assertEquals(ErrorCodes.CODE_USED, again.errorCode());
    }

    @Test
    void anUnknownOrExpiredCodeIsRefused() throws Exception {
        HqRejectedException unknown = assertThrows(HqRejectedException.class, () -> enrolClient.enrol(
                new EnrolRequest(jp.madoguchi.hq.security.EnrolmentCodes.generate(), "x", csr(DeviceCa.newEcKeyPair()))));
        assertEquals(404, unknown.status());
        assertEquals(ErrorCodes.CODE_UNKNOWN, unknown.errorCode());

        HqRejectedException garbage = assertThrows(HqRejectedException.class,
                () -> enrolClient.enrol(new EnrolRequest("not a code", "x", csr(DeviceCa.newEcKeyPair()))));
        assertEquals(ErrorCodes.CODE_UNKNOWN, garbage.errorCode());

        String expired = enrolment.createCode("古い出張所", Duration.ofSeconds(-1), "it-staff");
        HqRejectedException late = assertThrows(HqRejectedException.class,
                () -> enrolClient.enrol(new EnrolRequest(expired, "x", csr(DeviceCa.newEcKeyPair()))));
        assertEquals(410, late.status());
        assertEquals(ErrorCodes.CODE_EXPIRED, late.errorCode());
    }

    @Test
    void aBadCsrIsRefusedWithoutBurningTheCode() throws Exception {
        String code = enrolment.createCode("中央出張所", Duration.ofHours(1), "it-staff");
        String bad = "-----BEGIN CERTIFICATE REQUEST-----\nbm90IGEgcmVxdWVzdA==\n-----END CERTIFICATE REQUEST-----\n";
        HqRejectedException refused = assertThrows(HqRejectedException.class,
                () -> enrolClient.enrol(new EnrolRequest(code, "中央出張所 1", bad)));
        assertEquals(400, refused.status());
        assertEquals(ErrorCodes.BAD_CSR, refused.errorCode());
        enrolClient.enrol(new EnrolRequest(code, "中央出張所 1", csr(DeviceCa.newEcKeyPair()))); // still works
    }

    @Test
    void theEnrolmentCodeIsNeverLogged() throws Exception {
        String code = enrolment.createCode("秘密出張所", Duration.ofHours(1), "it-staff");
        String used = enrolment.createCode("秘密出張所", Duration.ofHours(1), "it-staff");
        enrolClient.enrol(new EnrolRequest(used, "秘密出張所 0", csr(DeviceCa.newEcKeyPair())));
        String log = captureLog(() -> {
            enrolClient.enrol(new EnrolRequest(code, "秘密出張所 1", csr(DeviceCa.newEcKeyPair())));
            assertThrows(HqRejectedException.class,
                    () -> enrolClient.enrol(new EnrolRequest(used, "秘密出張所 2", csr(DeviceCa.newEcKeyPair()))));
        }, text -> text.split("route=/api/v1/enrol", -1).length >= 3);
        assertTrue(log.contains("route=/api/v1/enrol status=201"), log);
        assertTrue(log.contains("route=/api/v1/enrol status=409"), log);
        assertFalse(log.contains(code), "the one-time code must not appear in any log line");
        assertFalse(log.contains(used), "the one-time code must not appear in any log line");
        assertFalse(log.contains(code.replace("-", "")));
    }

    // ---------------------------------------------------------------------------------------------- intake

    @Test
    void aSubmissionIsStoredAndEveryResendGetsTheSameReceipt() throws Exception {
        byte[] json = SignedApplications.juminhyo(holders.get(0), 2, "MD-A-1", boothA.id());
        Submission submission = SignedApplications.submission(json, SignedApplications.sign(json, residents.get(0)));
        String key = HqClient.newIdempotencyKey();
        SubmissionReceipt first = boothA.client().submitApplication(submission, key);
        assertEquals(ApplicationStatus.VERIFIED, first.status(), first.toString());
        SubmissionReceipt again = boothA.client().submitApplication(submission, key);
        assertEquals(first, again);

        StoredApplication stored = applications.findByReference(first.reference()).orElseThrow();
        assertEquals(boothA.id(), stored.boothId());
        assertArrayEquals(json, stored.canonicalJson());

        // the same signed application under another key is still one application (decision 0032): the first receipt
        HttpResponse<byte[]> underNewKey = post(boothA, "/api/v1/applications", ProtocolJson.writeBytes(submission),
                HqClient.newIdempotencyKey());
        assertEquals(200, underNewKey.statusCode());
        assertEquals(first.reference(), ProtocolJson.read(underNewKey.body(), SubmissionReceipt.class).reference(),
                "one signed application, one reference, whatever key it comes with");

        // on the wire: 201 the first time, 200 for each repeat, and the very same bytes
        byte[] otherJson = SignedApplications.juminhyo(holders.get(0), 1, "MD-A-1b", boothA.id());
        byte[] other = ProtocolJson.writeBytes(
                SignedApplications.submission(otherJson, SignedApplications.sign(otherJson, residents.get(0))));
        String otherKey = HqClient.newIdempotencyKey();
        HttpResponse<byte[]> created = post(boothA, "/api/v1/applications", other, otherKey);
        HttpResponse<byte[]> repeated = post(boothA, "/api/v1/applications", other, otherKey);
        assertEquals(201, created.statusCode());
        assertEquals(200, repeated.statusCode());
        assertArrayEquals(created.body(), repeated.body(), "a resend is answered byte for byte as the first time");
        assertNotEquals(first.reference(), ProtocolJson.read(created.body(), SubmissionReceipt.class).reference(),
                "another application is another reference");
    }

    @Test
    void theSameKeyForADifferentApplicationIsRefused() throws Exception {
        byte[] one = SignedApplications.juminhyo(holders.get(1), 1, "MD-A-2", boothA.id());
        byte[] two = SignedApplications.juminhyo(holders.get(1), 3, "MD-A-2", boothA.id());
        String key = HqClient.newIdempotencyKey();
        boothA.client().submitApplication(SignedApplications.submission(one, SignedApplications.sign(one, residents.get(1))), key);
        HqRejectedException refused = assertThrows(HqRejectedException.class, () -> boothA.client().submitApplication(
                SignedApplications.submission(two, SignedApplications.sign(two, residents.get(1))), key));
        assertEquals(422, refused.status());
        assertEquals(ErrorCodes.IDEMPOTENCY_KEY_REUSED, refused.errorCode());
    }

    @Test
    void anIdempotencyKeyBelongsToOneBooth() throws Exception {
        String key = HqClient.newIdempotencyKey();
        byte[] a = SignedApplications.juminhyo(holders.get(0), 1, "MD-K-1", boothA.id());
        byte[] b = SignedApplications.juminhyo(holders.get(2), 1, "MD-K-1", boothB.id());
        SubmissionReceipt receiptA = boothA.client().submitApplication(
                SignedApplications.submission(a, SignedApplications.sign(a, residents.get(0))), key);
        SubmissionReceipt receiptB = boothB.client().submitApplication(
                SignedApplications.submission(b, SignedApplications.sign(b, residents.get(2))), key);
        assertNotEquals(receiptA.reference(), receiptB.reference(), "booth B must never get booth A's receipt");
        assertArrayEquals(b, applications.findByReference(receiptB.reference()).orElseThrow().canonicalJson());
        assertEquals(boothB.id(), applications.findByReference(receiptB.reference()).orElseThrow().boothId());
    }

    @Test
    void aRevokedBoothIsRefused() throws Exception {
        Booth booth = enrol("取消出張所 1");
        byte[] json = SignedApplications.juminhyo(holders.get(3), 1, "MD-R-1", booth.id());
        Submission submission = SignedApplications.submission(json, SignedApplications.sign(json, residents.get(3)));
        booth.client().submitApplication(submission, HqClient.newIdempotencyKey());

        assertTrue(booths.revoke(booth.id(), java.time.Instant.now()));
        // the booth's open connection: the per-request check answers 403 booth_revoked ("call IT")
        HqRejectedException refused = assertThrows(HqRejectedException.class,
                () -> booth.client().submitApplication(submission, HqClient.newIdempotencyKey()));
        assertEquals(403, refused.status());
        assertEquals(ErrorCodes.BOOTH_REVOKED, refused.errorCode());
        // a new connection is refused as well, at the handshake or by the gate, and nothing is stored
        HqClient fresh = client(booth.keys(), booth.certificate());
        HqException alsoRefused = assertThrows(HqException.class,
                () -> fresh.submitApplication(submission, HqClient.newIdempotencyKey()));
        if (alsoRefused instanceof HqRejectedException rejected) {
            assertEquals(ErrorCodes.BOOTH_REVOKED, rejected.errorCode());
        } else {
            assertEquals(HqUnavailableException.Reason.TLS_REFUSED, ((HqUnavailableException) alsoRefused).reason());
        }
    }

    @Test
    void malformedRequestsAreRefusedWithoutEchoingThem() throws Exception {
        String key = HqClient.newIdempotencyKey();
        String secret = "見本　太郎の住所";
        HttpResponse<byte[]> notJson = post(boothA, "/api/v1/applications",
                ("{\"v\":1,\"formId\":\"" + secret + "\"").getBytes(StandardCharsets.UTF_8), key);
        assertError(400, ErrorCodes.BAD_REQUEST, notJson);
        assertFalse(new String(notJson.body(), StandardCharsets.UTF_8).contains(secret));

        HttpResponse<byte[]> missingField = post(boothA, "/api/v1/applications",
                ("{\"v\":1,\"formId\":\"juminhyo\",\"routing\":\"" + secret + "\",\"canonicalJsonBase64\":\"\"}")
                        .getBytes(StandardCharsets.UTF_8), key);
        assertError(400, ErrorCodes.BAD_REQUEST, missingField);
        assertFalse(new String(missingField.body(), StandardCharsets.UTF_8).contains(secret));

        HttpResponse<byte[]> wrongType = post(boothA, "/api/v1/calls",
                "{\"v\":1,\"routing\":\"koseki\",\"procedureId\":\"x\",\"priority\":\"yes\"}".getBytes(StandardCharsets.UTF_8), null);
        assertError(400, ErrorCodes.BAD_REQUEST, wrongType);

        HttpResponse<byte[]> noVersion = post(boothA, "/api/v1/applications",
                "{\"formId\":\"juminhyo\",\"routing\":\"c\",\"canonicalJsonBase64\":\"e30=\",\"cmsBase64\":\"AA==\"}"
                        .getBytes(StandardCharsets.UTF_8), key);
        assertError(400, ErrorCodes.UNSUPPORTED_VERSION, noVersion);
        HttpResponse<byte[]> otherVersion = post(boothA, "/api/v1/enrol",
                "{\"v\":2,\"code\":\"A\",\"boothName\":\"b\",\"csrPem\":\"c\"}".getBytes(StandardCharsets.UTF_8), null);
        assertError(400, ErrorCodes.UNSUPPORTED_VERSION, otherVersion);

        byte[] valid = ProtocolJson.writeBytes(new Submission("juminhyo", "citizens", "e30=", "AA=="));
        assertError(400, ErrorCodes.BAD_REQUEST, post(boothA, "/api/v1/applications", valid, null));
        assertError(400, ErrorCodes.BAD_REQUEST, post(boothA, "/api/v1/applications", valid, "short"));
        assertError(400, ErrorCodes.BAD_REQUEST, post(boothA, "/api/v1/applications", valid, key),
                "not a canonical application");
        assertTrue(applications.findByIdempotencyKey(boothA.id(), key).isEmpty());
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        // a signed application of several hundred KB is accepted (it gets past the size check to the content checks)
        String padding = "A".repeat(600 * 1024);
        byte[] big = ProtocolJson.writeBytes(new Submission("juminhyo", "citizens", padding, "AA=="));
        assertTrue(big.length < BoothApi.MAX_SUBMISSION_BYTES);
        assertError(400, ErrorCodes.BAD_REQUEST, post(boothA, "/api/v1/applications", big, HqClient.newIdempotencyKey()));

        byte[] tooBig = ProtocolJson.writeBytes(new Submission("juminhyo", "citizens",
                "A".repeat(BoothApi.MAX_SUBMISSION_BYTES), "AA=="));
        assertError(413, ErrorCodes.TOO_LARGE, post(boothA, "/api/v1/applications", tooBig, HqClient.newIdempotencyKey()));
    }

    // ---------------------------------------------------------------------------------------------- calls

    @Test
    void callsQueueInOrderAndABoothCancelsOnlyItsOwn() throws Exception {
        CallTicket a = boothA.client().requestCall(new CallRequest(CALL_ROUTING, "koseki-tohon", false, null));
        CallTicket b = boothB.client().requestCall(new CallRequest(CALL_ROUTING, "koseki-tohon", false, null));
        assertEquals(1, a.position());
        assertEquals(2, b.position());
        assertEquals(240, a.estimatedWaitSeconds());
        assertEquals(480, b.estimatedWaitSeconds());

        boothB.client().cancelCall(a.callId()); // 204, but booth A's resident keeps waiting
        assertEquals(Optional.of(1), calls.position(a.callId()));

        boothA.client().cancelCall(a.callId());
        assertEquals(Optional.empty(), calls.position(a.callId()));
        boothA.client().cancelCall(a.callId()); // already gone: 204 again
        HttpResponse<byte[]> raw = send(boothA, HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/calls/" + a.callId()))
                .DELETE().build());
        assertEquals(204, raw.statusCode());
        assertEquals(Optional.of(1), calls.position(b.callId()), "booth B moved up");
        boothB.client().cancelCall(b.callId());
        assertEquals(Optional.empty(), calls.position(b.callId()));
    }

    @Test
    void aCallMayNameOnlyTheBoothsOwnApplication() throws Exception {
        byte[] json = SignedApplications.juminhyo(holders.get(2), 1, "MD-C-1", boothA.id());
        SubmissionReceipt receipt = boothA.client().submitApplication(
                SignedApplications.submission(json, SignedApplications.sign(json, residents.get(2))), HqClient.newIdempotencyKey());

        HqRejectedException refused = assertThrows(HqRejectedException.class, () -> boothB.client().requestCall(
                new CallRequest("citizens", "juminhyo", false, receipt.reference())));
        assertEquals(404, refused.status());
        assertEquals(ErrorCodes.UNKNOWN_REFERENCE, refused.errorCode());

        CallTicket own = boothA.client().requestCall(new CallRequest("citizens", "juminhyo", true, receipt.reference()));
        CallQueue.WaitingCall waiting = calls.snapshot().get("general").stream()
                .filter(c -> c.callId().equals(own.callId())).findFirst().orElseThrow();
        assertEquals(receipt.reference(), waiting.reference());
        assertEquals(boothA.id(), waiting.boothId());
        boothA.client().cancelCall(own.callId());
    }

    // ---------------------------------------------------------------------------------------------- concurrency

    /**
     * 200 booths submit at the same moment, each its own resident's signed application: each is stored once with
     * exactly the bytes that booth sent, and each booth's receipt names its own application (a real コンビニ交付
     * system once printed another resident's certificate because simultaneous requests overwrote each other).
     */
    @Test
    void twoHundredBoothsSubmittingAtOnceEachGetTheirOwnReceipt() throws Exception {
        List<byte[]> contents = new ArrayList<>();
        List<Submission> submissions = new ArrayList<>();
        for (int i = 0; i < CROWD; i++) {
            Booth booth = crowd.get(i);
            int resident = i % residents.size();
            byte[] json = SignedApplications.juminhyo(holders.get(resident), 1 + i % 5, "MD-CROWD-" + i, booth.id());
            contents.add(json);
            submissions.add(SignedApplications.submission(json, SignedApplications.sign(json, residents.get(resident))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(CROWD_THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SubmissionReceipt>> futures = new ArrayList<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            for (int i = 0; i < CROWD; i++) {
                Booth booth = crowd.get(i);
                Submission submission = submissions.get(i);
                futures.add(pool.submit(() -> {
                    go.await();
                    long t = System.nanoTime();
                    SubmissionReceipt receipt = booth.client().submitApplication(submission, HqClient.newIdempotencyKey());
                    latencies.add((System.nanoTime() - t) / 1_000_000);
                    return receipt;
                }));
            }
            long started = System.nanoTime();
            go.countDown();
            List<SubmissionReceipt> receipts = new ArrayList<>();
            for (Future<SubmissionReceipt> future : futures) {
                receipts.add(future.get(60, TimeUnit.SECONDS));
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            List<Long> sorted = latencies.stream().sorted().toList();
            System.out.printf("BoothApiTest: %d booths submitted at once (%d client threads) in %d ms: %.1f/s,"
                            + " latency p50 %d ms, p99 %d ms, max %d ms%n", CROWD, CROWD_THREADS, millis,
                    CROWD * 1000.0 / Math.max(1, millis), sorted.get(sorted.size() / 2),
                    sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1), sorted.get(sorted.size() - 1));

            Set<String> references = new HashSet<>();
            for (int i = 0; i < CROWD; i++) {
                SubmissionReceipt receipt = receipts.get(i);
                assertTrue(references.add(receipt.reference()), "every booth has its own reference");
                assertEquals(ApplicationStatus.VERIFIED, receipt.status());
                StoredApplication stored = applications.findByReference(receipt.reference()).orElseThrow();
                assertEquals(crowd.get(i).id(), stored.boothId(), "booth " + i + " got another booth's receipt");
                assertArrayEquals(contents.get(i), stored.canonicalJson(), "booth " + i + " got another application's receipt");
                assertArrayEquals(java.util.Base64.getDecoder().decode(submissions.get(i).cmsBase64()), stored.cms(),
                        "stored with the signature of the resident who signed at booth " + i);
            }
            for (Booth booth : crowd) {
                assertEquals(1, countForBooth(booth.id()), "booth " + booth.id() + ": stored exactly once");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Twenty copies of one submission at once (a booth retrying hard): one row, one reference for all. */
    @Test
    void concurrentResendsOfOneSubmissionAreStoredOnce() throws Exception {
        Booth booth = enrol("再送出張所 1");
        byte[] json = SignedApplications.juminhyo(holders.get(1), 2, "MD-RESEND-1", booth.id());
        Submission submission = SignedApplications.submission(json, SignedApplications.sign(json, residents.get(1)));
        String key = HqClient.newIdempotencyKey();
        // as patient as the booth's outbox, which keeps retrying: on a busy machine the first copy may be in flight
        // for longer than the default policy's four attempts of one second (seen once in CI)
        HqClient patient = new HqClient(HqTransport.builder(URI.create(baseUrl), booth.tls())
                .retryPolicy(new RetryPolicy(30, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(30)))
                .build());
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<SubmissionReceipt>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(pool.submit((Callable<SubmissionReceipt>) () -> {
                    go.await();
                    return patient.submitApplication(submission, key);
                }));
            }
            String log = captureLog(() -> {
                go.countDown();
                for (Future<SubmissionReceipt> future : futures) {
                    future.get(60, TimeUnit.SECONDS);
                }
            }, text -> text.split("route=/api/v1/applications status=20", -1).length > 20);
            Set<SubmissionReceipt> receipts = new HashSet<>();
            for (Future<SubmissionReceipt> future : futures) {
                receipts.add(future.get());
            }
            assertEquals(1, receipts.size(), "every copy gets the same receipt");
            assertEquals(1, countForBooth(booth.id()));
            assertArrayEquals(json, applications.findByReference(receipts.iterator().next().reference())
                    .orElseThrow().canonicalJson());
            long busy = log.lines().filter(l -> l.contains("booth=" + booth.id()) && l.contains("status=429")).count();
            System.out.printf("BoothApiTest: 20 concurrent resends: %d answered 429 (Retry-After: 1) and retried%n", busy);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * On the wire, while the first copy is being processed a repeat gets 429 with {@code Retry-After: 1} (never a
     * 409, which a booth would take as final); exactly one copy is answered 201, the others 200 or 429.
     */
    @Test
    void aRepeatWhileTheFirstIsInFlightIsAskedToRetryAfterOneSecond() throws Exception {
        Booth booth = enrol("再送出張所 2");
        byte[] json = SignedApplications.juminhyo(holders.get(3), 1, "MD-RESEND-2", booth.id());
        byte[] body = ProtocolJson.writeBytes(
                SignedApplications.submission(json, SignedApplications.sign(json, residents.get(3))));
        String key = HqClient.newIdempotencyKey();
        HttpClient http = HttpClient.newBuilder().sslContext(booth.tls()).version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/applications"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> copies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            copies.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
        }
        int created = 0;
        int busy = 0;
        for (var copy : copies) {
            HttpResponse<byte[]> response = copy.get(30, TimeUnit.SECONDS);
            switch (response.statusCode()) {
                case 201 -> created++;
                case 200 -> { }
                case 429 -> {
                    busy++;
                    assertEquals(Optional.of("1"), response.headers().firstValue("Retry-After"));
                    assertError(429, "busy", response);
                }
                default -> throw new AssertionError("unexpected " + response.statusCode());
            }
        }
        assertEquals(1, created, "stored once");
        assertEquals(1, countForBooth(booth.id()));
        System.out.printf("BoothApiTest: 12 raw copies at once: %d answered 429 with Retry-After: 1%n", busy);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** Enrols a booth through the API with a fresh one-time code and a key it made itself. */
    private static Booth enrol(String name) throws Exception {
        KeyPair keys = DeviceCa.newEcKeyPair();
        String code = enrolment.createCode(name, Duration.ofHours(1), "it-staff");
        EnrolResponse response = enrolClient.enrol(new EnrolRequest(code, name, csr(keys)));
        X509Certificate certificate = certificate(response.certificatePem());
        X509Certificate trusted = certificate(response.caCertificatePem());
        SSLContext tls = BoothTlsContexts.from(keys.getPrivate(), certificate, trusted);
        return new Booth(response.boothId(), keys, certificate, tls,
                new HqClient(HqTransport.builder(URI.create(baseUrl), tls).build()));
    }

    private static HqClient client(KeyPair keys, X509Certificate certificate) {
        return new HqClient(HqTransport.builder(URI.create(baseUrl),
                BoothTlsContexts.from(keys.getPrivate(), certificate, ca.certificate())).build());
    }

    private static long countForBooth(String boothId) {
        return database.read("count", connection -> {
            try (var select = connection.prepareStatement("SELECT COUNT(*) FROM applications WHERE booth_id = ?")) {
                select.setString(1, boothId);
                try (var rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    static String csr(KeyPair keys) throws Exception {
        var request = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=whatever the booth says"), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(request);
        }
        return pem.toString();
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A raw POST as the booth (JDK client, booth's TLS identity), for what the typed client does not show. */
    private static HttpResponse<byte[]> post(Booth booth, String path, byte[] body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(booth, request.build());
    }

    private static HttpResponse<byte[]> send(Booth booth, HttpRequest request) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(booth.tls()).version(HttpClient.Version.HTTP_1_1).build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertError(int status, String code, HttpResponse<byte[]> response) throws Exception {
        assertError(status, code, response, "");
    }

    private static void assertError(int status, String code, HttpResponse<byte[]> response, String why) throws Exception {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.statusCode(), why + ": " + body);
        ErrorResponse error = ProtocolJson.read(response.body(), ErrorResponse.class); // v:1, readable by hq-link
        assertEquals(code, error.error(), body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    interface Action {
        void run() throws Exception;
    }

    /** What slf4j-simple writes to System.err while {@code action} runs, until {@code until} holds (at most 5 s). */
    private static String captureLog(Action action, Predicate<String> until) throws Exception {
        return LogCapture.during(action::run, until);
    }
}
