package jp.madoguchi.hq.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.madoguchi.card.emulator.IssuedCredentials;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.mynumber.Basic4Info;
import jp.madoguchi.card.mynumber.Sex;
import jp.madoguchi.hq.HqApplication;
import jp.madoguchi.hq.config.HqConfig;
import jp.madoguchi.hq.security.DeviceCa;
import jp.madoguchi.hq.store.ApplicationStatus;
import jp.madoguchi.hq.testing.InsistingKeyManager;
import jp.madoguchi.hq.testing.LogCapture;
import jp.madoguchi.hq.testing.SignedApplications;
import jp.madoguchi.hqlink.client.BoothTlsContexts;
import jp.madoguchi.hqlink.client.ClerkClient;
import jp.madoguchi.hqlink.client.HqClient;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.client.HqTransport;
import jp.madoguchi.hqlink.message.AnsweredCall;
import jp.madoguchi.hqlink.message.CallRequest;
import jp.madoguchi.hqlink.message.CallTicket;
import jp.madoguchi.hqlink.message.DecisionRequest;
import jp.madoguchi.hqlink.message.EnrolRequest;
import jp.madoguchi.hqlink.message.EnrolResponse;
import jp.madoguchi.hqlink.message.ErrorCodes;
import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.hqlink.message.ShowOnBooth;
import jp.madoguchi.hqlink.message.Submission;
import jp.madoguchi.hqlink.message.SubmissionReceipt;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.CollectionStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, "headquarters refuses": what a hostile or broken client sends to the real headquarters (HqApplication as
 * deployed, over loopback TLS with SQLite), one refusal per test. Each refusal is typed (an {@link ErrorCodes} value),
 * echoes no personal data and leaves nothing stored. Refusals other tests already prove are named in this class's
 * comments where they belong rather than repeated.
 */
class HostileRequestsTest {
    private static final String RESIDENT = "見本　太郎";
    private static final String ADDRESS = "東京都千代田区霞が関１－２－３";
    private static final String PASSWORD = "correct horse battery staple";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path dir;
    private static HqApplication hq;
    private static URI base;
    private static X509Certificate deviceCa;
    private static IssuedCredentials resident;
    private static Booth north;
    private static Booth south;
    private static int signed;

    /** An enrolled booth: its key and certificate, the real client, and a JDK client for what the real one never sends. */
    record Booth(String id, KeyPair keys, X509Certificate certificate, HqClient client, HttpClient raw, SSLContext tls) {
    }

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("hq-hostile-");
        TestAuthority authority = TestAuthority.generate();
        authority.exportTrustMaterial(dir.resolve("jpki-roots"));
        resident = authority.issue("JPKI-TEST-HOSTILE", new Basic4Info(RESIDENT, ADDRESS, LocalDate.of(1980, 2, 17),
                Sex.MALE), Set.of(), Set.of());
        Files.writeString(dir.resolve("jitsi-secret"), "hostile-test-secret-hostile-test-secret!!");
        HqConfig config = HqConfig.loader().defaults(Map.of(
                HqConfig.HOST, "127.0.0.1", HqConfig.PORT, "0", HqConfig.DATA_DIR, dir.resolve("data").toString(),
                HqConfig.JITSI_DOMAIN, "meet.test.example.jp", HqConfig.JITSI_APP_ID, "hostile",
                HqConfig.JITSI_SECRET_FILE, dir.resolve("jitsi-secret").toString(),
                HqConfig.JPKI_ROOTS_DIR, dir.resolve("jpki-roots").toString()), "test").load();
        hq = HqApplication.start(config, Clock.systemUTC());
        base = URI.create("https://127.0.0.1:" + hq.port());
        deviceCa = hq.deviceCa().certificate();
        north = enrol("北部 1");
        south = enrol("南部 1");
        hq.clerks().create("sato", "佐藤", PASSWORD.toCharArray());
        hq.clerks().create("suzuki", "鈴木", PASSWORD.toCharArray());
        hq.clerks().create("kanri", "管理", PASSWORD.toCharArray(), true);
    }

    @AfterAll
    static void stop() throws IOException {
        if (hq != null) {
            hq.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    // ------------------------------------------------------------------------------------------ submissions

    /**
     * No usable signature: not a CMS at all, a CMS with no signer, a real CMS with its signer's certificate stripped.
     * (A CMS that names its signer but whose content was altered is kept for the clerk, failed:
     * IntakeServiceTest.aTamperedApplicationFailsTheSignatureCheckAndIsKeptForTheClerk; decision 0008.)
     */
    @Test
    void anUnsignedSubmissionIsRefusedAndNothingIsStored() throws Exception {
        byte[] json = application(north);
        byte[] cms = SignedApplications.sign(json, resident);
        byte[] noSigner = new CMSSignedDataGenerator().generate(new CMSProcessableByteArray(json), false).getEncoded();
        byte[] certificateStripped = CMSSignedData.replaceCertificatesAndCRLs(new CMSSignedData(cms),
                new CollectionStore<>(List.of()), null, null).getEncoded();
        byte[] notCms = "this is not a signature".getBytes(StandardCharsets.UTF_8);

        long before = storedApplications();
        String log = LogCapture.during(() -> {
            for (byte[] signature : List.of(notCms, noSigner, certificateStripped)) {
                HttpResponse<String> response = submit(north, SignedApplications.submission(json, signature));
                assertRefused(422, ErrorCodes.UNSIGNED, response);
            }
        });
        assertEquals(before, storedApplications(), "nothing stored");
        assertFalse(log.contains(RESIDENT) || log.contains(ADDRESS), "no personal data in the log");

        // the same application properly signed goes through: the refusals were about the signature only
        assertEquals(201, submit(north, SignedApplications.submission(json, cms)).statusCode());
    }

    /**
     * A signed application sent again under a new Idempotency-Key: stored once. From the booth that sent it, the
     * first receipt again (a booth that lost its key after a crash delivers exactly once); from another booth (a
     * copied application, a stolen booth key) {@code 409 replayed}, without the first booth's reference.
     * (The same key again: BoothApiTest.aSubmissionIsStoredAndEveryResendGetsTheSameReceipt; concurrent resends:
     * BoothApiTest.concurrentResendsOfOneSubmissionAreStoredOnce.)
     */
    @Test
    void aReplayedSubmissionIsStoredOnce() throws Exception {
        byte[] json = application(north);
        Submission submission = SignedApplications.submission(json, SignedApplications.sign(json, resident));
        SubmissionReceipt first = north.client().submitApplication(submission, HqClient.newIdempotencyKey());
        long stored = storedApplications();

        SubmissionReceipt again = north.client().submitApplication(submission, HqClient.newIdempotencyKey());
        assertEquals(first, again, "the same booth under a new key: the first receipt, nothing new");

        HttpResponse<String> replayed = submit(south, submission);
        assertRefused(409, ErrorCodes.REPLAYED, replayed);
        assertFalse(replayed.body().contains(first.reference()), "another booth's reference is not told");
        assertEquals(stored, storedApplications(), "stored once");
    }

    /**
     * A body over the limit is refused by its declared length before it is read: the request below announces 100 MB
     * and sends only its first 64 KiB; the 413 must come without headquarters waiting for the rest. (Jetty dispatches
     * a request once its first body bytes arrive, so a request that sends headers only holds a connection, not a
     * thread, until the idle timeout.) (A body just under and just over the limit:
     * BoothApiTest.aBodyOverTheLimitIsRefusedWith413.)
     */
    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        long before = storedApplications();
        SSLContext tls = north.tls();
        long started = System.nanoTime();
        String answer;
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", hq.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/applications HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Idempotency-Key: hostile-oversized-1\r\nContent-Length: " + 100L * 1024 * 1024 + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(("{\"v\":1,\"formId\":\"" + "A".repeat(64 * 1024)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            answer = readResponse(socket.getInputStream());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("HostileRequestsTest: 100 MB declared, 64 KiB sent: 413 in %d ms%n", millis);
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("\"error\":\"" + ErrorCodes.TOO_LARGE + "\""), answer);
        assertEquals(before, storedApplications());
    }

    /**
     * Bodies that are not the message: empty, not an object, truncated, wrong types, a string where a number goes,
     * nested 100,000 deep, not UTF-8. Each a 400 with a typed error, nothing stored, nothing echoed. (Not JSON,
     * a missing field, no or another version: BoothApiTest.malformedRequestsAreRefusedWithoutEchoingThem.)
     */
    @Test
    void malformedBodiesGetATypedErrorAndLeaveNothing() throws Exception {
        String marker = RESIDENT + " " + ADDRESS;
        String b64 = Base64.getEncoder().encodeToString(marker.getBytes(StandardCharsets.UTF_8));
        List<byte[]> bodies = List.of(new byte[0], utf8("[]"), utf8("null"), utf8("\"" + marker + "\""),
                utf8("{\"v\":1,\"formId\":\"juminhyo\",\"routing\":\"citizens\",\"canonicalJsonBase64\":\"" + b64),
                utf8("{\"v\":\"1\",\"formId\":\"juminhyo\",\"routing\":\"citizens\",\"canonicalJsonBase64\":\"" + b64
                        + "\",\"cmsBase64\":\"AA==\"}"),
                utf8("{\"v\":1,\"formId\":[\"" + marker + "\"],\"routing\":\"citizens\",\"canonicalJsonBase64\":\""
                        + b64 + "\",\"cmsBase64\":12}"),
                utf8("{\"v\":1,\"formId\":\"juminhyo\",\"routing\":\"citizens\",\"canonicalJsonBase64\":\"" + marker
                        + "\",\"cmsBase64\":\"" + marker + "\"}"),
                utf8("[".repeat(100_000) + "]".repeat(100_000)),
                new byte[] {'{', '"', 'v', '"', ':', '1', ',', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
        long before = storedApplications();
        int index = 0;
        for (byte[] body : bodies) {
            HttpResponse<String> response = north.raw().send(HttpRequest.newBuilder(base.resolve("/api/v1/applications"))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "hostile-malformed-" + index++)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, response.statusCode(), "body " + index + ": " + response.body());
            String error = JSON.readTree(response.body()).path("error").asText();
            assertTrue(Set.of(ErrorCodes.BAD_REQUEST, ErrorCodes.UNSUPPORTED_VERSION).contains(error), response.body());
            assertFalse(response.body().contains(RESIDENT) || response.body().contains(ADDRESS), response.body());
        }
        assertEquals(before, storedApplications());
        assertTrue(hq.server().port() > 0 && north.client().requestCall(new CallRequest("citizens", "juminhyo", false,
                null)).callId() != null, "headquarters still serves the booth");
    }

    // ------------------------------------------------------------------------------------- who may connect

    /**
     * A valid signed application sent with no client certificate, a self-signed one naming an enrolled booth, an
     * expired one from the device CA, and a revoked booth's: refused at the handshake or with 401/403, never stored.
     * (A certificate from another CA and one without a booth id, against a stub handler: HqServerTest; a revoked
     * booth's open connection: BoothApiTest.aRevokedBoothIsRefused.)
     */
    @Test
    void aRequestWithoutAGoodBoothCertificateIsRefusedAndNothingIsStored() throws Exception {
        Booth doomed = enrol("取消 1");
        byte[] json = application(doomed);
        byte[] body = jp.madoguchi.hqlink.message.ProtocolJson.writeBytes(
                SignedApplications.submission(json, SignedApplications.sign(json, resident)));
        long before = storedApplications();

        HttpClient anonymous = HttpClient.newBuilder().sslContext(BoothTlsContexts.trustOnly(deviceCa)).build();
        assertRefused(401, "client_certificate_required", post(anonymous, body));

        KeyPair ownKeys = ecKeys();
        X509Certificate selfSigned = certificate(new X500Name("CN=" + doomed.id() + ", O=Madoguchi booths"),
                ownKeys, ownKeys.getPrivate(), Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        assertNotServed(insisting(ownKeys, selfSigned), body, "a self-signed certificate");

        X509Certificate expired = certificate(new X500Name("CN=" + doomed.id() + ", O=Madoguchi booths"),
                doomed.keys(), deviceCaKey(), Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1)));
        assertNotServed(insisting(doomed.keys(), expired), body, "an expired certificate from the device CA");

        // revoked by an admin at the console: refused from the next request on (the command line's revocation, from
        // another process, within Booths.DEFAULT_REFRESH_AFTER)
        clerk("kanri").revokeBooth(doomed.id());
        assertNotServed(HttpClient.newBuilder().sslContext(doomed.tls()).build(), body, "a revoked booth's certificate");

        assertEquals(before, storedApplications(), "nothing stored");
        byte[] good = application(north);
        assertEquals(201, submit(north, SignedApplications.submission(good, SignedApplications.sign(good, resident)))
                .statusCode(), "a good booth is still served");
    }

    // ------------------------------------------------------------------------------------------ clerks

    /**
     * A clerk's session token acts only on the call that clerk holds: another clerk can neither decide its application
     * nor show the booth anything, and an application no call carried is an admin's to decide (decision 0032).
     * (A clerk token is refused on the admin endpoints: ClerkConsoleApiTest.anOrdinaryClerkMayNotUseTheAdminEndpoints;
     * a clerk who went away and came back: VanishedClerkTest.)
     */
    @Test
    void aClerkTokenActsOnlyOnTheCallItsClerkHolds() throws Exception {
        byte[] json = application(north);
        SubmissionReceipt receipt = north.client().submitApplication(
                SignedApplications.submission(json, SignedApplications.sign(json, resident)), HqClient.newIdempotencyKey());
        CallTicket ticket = north.client().requestCall(new CallRequest("citizens", "juminhyo", false, receipt.reference()));
        ClerkClient suzuki = clerk("suzuki");
        ClerkClient sato = clerk("sato");
        AnsweredCall answered = suzuki.answer("citizens", ticket.callId()).orElseThrow();

        HqRejectedException decide = assertThrows(HqRejectedException.class,
                () -> sato.decide(new DecisionRequest(receipt.reference(), Outcome.REJECTED, "不可")));
        assertEquals(403, decide.status());
        assertEquals(ErrorCodes.NOT_YOUR_CALL, decide.errorCode());
        HqRejectedException show = assertThrows(HqRejectedException.class,
                () -> sato.show(answered.callId(), new ShowOnBooth("こちらをご覧ください", "", "")));
        assertEquals(403, show.status());
        assertEquals(ErrorCodes.NOT_YOUR_CALL, show.errorCode());
        assertEquals(ApplicationStatus.RECEIVED, status(receipt.reference()), "nothing decided");

        // the Jitsi token the clerk got names exactly the answered room: a meeting server refuses it for any other
        // room (LoopbackMeetHttpTest.withAnAppSecretOnlySignedUnexpiredTokensForTheRoomGetIn; JitsiTokens mints no "*")
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(answered.jwt().split("\\.")[1]));
        assertEquals(answered.room(), claims.path("room").asText());

        suzuki.decide(new DecisionRequest(receipt.reference(), Outcome.ACCEPTED, ""));
        assertEquals(ApplicationStatus.ACCEPTED, status(receipt.reference()));

        // an application whose call never was (the resident left before a clerk answered)
        byte[] orphanJson = application(north);
        SubmissionReceipt orphan = north.client().submitApplication(
                SignedApplications.submission(orphanJson, SignedApplications.sign(orphanJson, resident)),
                HqClient.newIdempotencyKey());
        HqRejectedException ordinary = assertThrows(HqRejectedException.class,
                () -> sato.decide(new DecisionRequest(orphan.reference(), Outcome.ACCEPTED, "")));
        assertEquals(403, ordinary.status());
        assertEquals(ErrorCodes.NOT_YOUR_CALL, ordinary.errorCode());
        clerk("kanri").decide(new DecisionRequest(orphan.reference(), Outcome.CORRECTION_NEEDED, "窓口へお越しください"));
        assertEquals(ApplicationStatus.CORRECTION_NEEDED, status(orphan.reference()));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static void assertRefused(int status, String error, HttpResponse<String> response) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(error, JSON.readTree(response.body()).path("error").asText(), response.body());
        assertFalse(response.body().contains(RESIDENT) || response.body().contains(ADDRESS), response.body());
    }

    /** Refused at the TLS handshake (an IOException here) or with 401/403 from the server's gate. */
    private static void assertNotServed(HttpClient client, byte[] body, String what) throws Exception {
        try {
            HttpResponse<String> response = post(client, body);
            assertTrue(response.statusCode() == 401 || response.statusCode() == 403, what + ": " + response.statusCode()
                    + " " + response.body());
            String error = JSON.readTree(response.body()).path("error").asText();
            assertTrue(Set.of("client_certificate_required", ErrorCodes.BOOTH_REVOKED, "bad_client_certificate")
                    .contains(error),
                    what + ": " + response.body());
            assertFalse(response.body().contains(RESIDENT), response.body());
        } catch (IOException refusedAtHandshake) {
            // the server's trust manager refused the certificate: no handler ran
        }
    }

    private static HttpResponse<String> post(HttpClient client, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve("/api/v1/applications"))
                .header("Content-Type", "application/json").header("Idempotency-Key", HqClient.newIdempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> submit(Booth booth, Submission submission) throws Exception {
        return post(booth.raw(), jp.madoguchi.hqlink.message.ProtocolJson.writeBytes(submission));
    }

    /** A fresh 住民票 application of {@link #resident} made at {@code booth}. */
    private static byte[] application(Booth booth) {
        return SignedApplications.juminhyo(new jp.madoguchi.forms.model.CardData(RESIDENT, ADDRESS,
                LocalDate.of(1980, 2, 17), "1"), 1, "MD-HOSTILE-" + ++signed, booth.id());
    }

    private static long storedApplications() {
        return hq.database().read("test: count", connection -> {
            try (var statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT COUNT(*) FROM applications")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private static ApplicationStatus status(String reference) {
        return hq.database().read("test: status", connection -> {
            try (var select = connection.prepareStatement("SELECT status FROM applications WHERE reference = ?")) {
                select.setString(1, reference);
                try (var rows = select.executeQuery()) {
                    rows.next();
                    return ApplicationStatus.fromColumn(rows.getString(1));
                }
            }
        });
    }

    private static ClerkClient clerk(String username) throws Exception {
        ClerkClient client = new ClerkClient(HqTransport.builder(base, BoothTlsContexts.trustOnly(deviceCa)).build());
        client.login(username, PASSWORD.toCharArray());
        return client;
    }

    private static Booth enrol(String name) throws Exception {
        KeyPair keys = ecKeys();
        HqClient anonymous = new HqClient(HqTransport.builder(base, BoothTlsContexts.trustOnly(deviceCa)).build());
        String code = hq.enrolment().createCode(name, Duration.ofHours(1), "test");
        EnrolResponse response = anonymous.enrol(new EnrolRequest(code, name, csr(keys)));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(response.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        SSLContext tls = BoothTlsContexts.from(keys.getPrivate(), cert, deviceCa);
        return new Booth(response.boothId(), keys, cert, new HqClient(HqTransport.builder(base, tls).build()),
                HttpClient.newBuilder().sslContext(tls).build(), tls);
    }

    /** A client that presents {@code certificate} whatever CA the server asks for (the JDK would otherwise offer none). */
    private static HttpClient insisting(KeyPair keys, X509Certificate certificate) throws Exception {
        InsistingKeyManager always = new InsistingKeyManager(keys.getPrivate(), certificate);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("device-ca", deviceCa);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {always}, trustManagers.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }

    /** The device CA's private key, read from headquarters' data directory as an attacker with the disk could not. */
    private static PrivateKey deviceCaKey() throws Exception {
        String pem = Files.readString(dir.resolve("data").resolve(HqApplication.DEVICE_CA_DIR).resolve(DeviceCa.KEY_FILE));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return KeyFactory.getInstance(hq.deviceCa().certificate().getPublicKey().getAlgorithm())
                .generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static X509Certificate certificate(X500Name subject, KeyPair subjectKeys, PrivateKey issuerKey,
            Instant notBefore, Instant notAfter) throws Exception {
        X500Name issuer = issuerKey == subjectKeys.getPrivate() ? subject
                : X500Name.getInstance(deviceCa.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(System.nanoTime()), Date.from(notBefore), Date.from(notAfter), subject,
                subjectKeys.getPublic());
        String algorithm = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder(algorithm).build(issuerKey)));
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static String csr(KeyPair keys) throws Exception {
        var request = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=ignored"), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(request);
        }
        return pem.toString();
    }

    /** The status line, headers and (Content-Length) body of one HTTP/1.1 response. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString();
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                .matcher(head);
        int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(in.readNBytes(bodyLength), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
