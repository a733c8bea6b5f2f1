package jp.madoguchi.hq.enrol;

import static org.junit.jupiter.api.Assertions.*;

import java.io.StringWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.security.auth.x500.X500Principal;
import jp.madoguchi.hq.security.DeviceCa;
import jp.madoguchi.hq.store.Booths;
import jp.madoguchi.hq.store.Database;
import jp.madoguchi.hq.store.EnrolmentCodes;
import jp.madoguchi.hqlink.message.ErrorCodes;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enrolment with a real device CA, real CSRs and real storage (SQLite). */
class EnrolmentServiceTest {
    @TempDir
    Path dir;
    private Database database;
    private DeviceCa ca;
    private Booths booths;
    private final Instant start = Instant.parse("2026-11-23T09:00:00Z");
    private Clock clock = Clock.fixed(start, ZoneOffset.UTC);

    @BeforeEach
    void open() throws Exception {
        database = Database.open("jdbc:sqlite:" + dir.resolve("hq.db"));
        database.migrate();
        ca = DeviceCa.loadOrCreate(dir.resolve("device-ca"));
        booths = new Booths(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private EnrolmentService service() {
        return new EnrolmentService(ca, new EnrolmentCodes(database, clock), booths, clock, Duration.ofDays(730));
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

    static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    @Test
    void aCodeEnrolsOneBoothWhoseCertificateChainsToTheDeviceCa() throws Exception {
        String code = service().createCode("北部出張所", Duration.ofHours(24), "it-staff");
        KeyPair keys = ecKeys();
        var result = service().enrol(code, null, csr(keys));
        var enrolled = assertInstanceOf(EnrolmentService.Result.Enrolled.class, result);
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(enrolled.response().certificatePem().getBytes()));
        cert.verify(ca.certificate().getPublicKey());
        assertEquals(keys.getPublic(), cert.getPublicKey(), "the booth's own key, generated on the booth");
        assertTrue(cert.getSubjectX500Principal().getName().contains("CN=" + enrolled.response().boothId()));
        assertEquals("北部出張所", booths.findById(enrolled.response().boothId()).orElseThrow().name());
        assertFalse(booths.isRevoked(cert.getSerialNumber()));
    }

    @Test
    void aCodeWorksOnce() throws Exception {
        String code = service().createCode("北部出張所", Duration.ofHours(24), "it-staff");
        assertInstanceOf(EnrolmentService.Result.Enrolled.class, service().enrol(code, null, csr(ecKeys())));
        var again = service().enrol(code, null, csr(ecKeys()));
        assertEquals(ErrorCodes.CODE_USED, ((EnrolmentService.Result.Refused) again).error());
        assertEquals(409, ((EnrolmentService.Result.Refused) again).status());
        assertEquals(1, booths.list().size());
    }

    @Test
    void anExpiredCodeIsRefused() throws Exception {
        String code = service().createCode("北部出張所", Duration.ofHours(1), "it-staff");
        clock = Clock.fixed(start.plus(Duration.ofHours(2)), ZoneOffset.UTC);
        var refused = (EnrolmentService.Result.Refused) service().enrol(code, null, csr(ecKeys()));
        assertEquals(ErrorCodes.CODE_EXPIRED, refused.error());
        assertEquals(410, refused.status());
    }

    @Test
    void anUnknownOrMalformedCodeIsRefused() throws Exception {
        assertEquals(ErrorCodes.CODE_UNKNOWN, ((EnrolmentService.Result.Refused) service().enrol("ABCD-EFGH-JKMN", null,
                csr(ecKeys()))).error());
        assertEquals(ErrorCodes.CODE_UNKNOWN, ((EnrolmentService.Result.Refused) service().enrol("nonsense!", null,
                csr(ecKeys()))).error());
    }

    @Test
    void aBadCsrDoesNotBurnTheCode() throws Exception {
        String code = service().createCode("北部出張所", Duration.ofHours(24), "it-staff");
        var bad = (EnrolmentService.Result.Refused) service().enrol(code, null, "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n");
        assertEquals(ErrorCodes.BAD_CSR, bad.error());
        assertInstanceOf(EnrolmentService.Result.Enrolled.class, service().enrol(code, null, csr(ecKeys())),
                "the code still works after a booth sent a broken request");
    }

    @Test
    void twoBoothsRacingForOneCodeEnrolExactlyOnce() throws Exception {
        String code = service().createCode("北部出張所", Duration.ofHours(24), "it-staff");
        List<String> csrs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            csrs.add(csr(ecKeys()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<EnrolmentService.Result>> results = new ArrayList<>();
        for (String request : csrs) {
            results.add(pool.submit(() -> {
                go.await();
                return service().enrol(code, null, request);
            }));
        }
        go.countDown();
        int enrolled = 0;
        for (Future<EnrolmentService.Result> r : results) {
            if (r.get() instanceof EnrolmentService.Result.Enrolled) {
                enrolled++;
            }
        }
        pool.shutdown();
        assertEquals(1, enrolled);
        assertEquals(1, booths.list().size());
    }
}
