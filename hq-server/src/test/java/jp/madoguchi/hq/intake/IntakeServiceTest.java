package jp.madoguchi.hq.intake;

import jp.madoguchi.hq.testing.SignedApplications;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import jp.madoguchi.card.emulator.IssuedCredentials;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.jpki.JpkiSignatureVerifier;
import jp.madoguchi.hq.store.Applications;
import jp.madoguchi.hq.store.Booths;
import jp.madoguchi.hq.store.Database;
import jp.madoguchi.hq.store.ReferenceNumbers;
import jp.madoguchi.hqlink.message.ApplicationStatus;
import jp.madoguchi.hqlink.message.Check;
import jp.madoguchi.hqlink.message.CheckStatus;
import jp.madoguchi.hqlink.message.ErrorCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Intake with real applications, signatures, verifier and storage (SQLite). */
class IntakeServiceTest {
    private static TestAuthority authority;
    private static IssuedCredentials resident;

    @TempDir
    Path dir;
    private Database database;
    private IntakeService intake;

    @BeforeAll
    static void issue() {
        authority = TestAuthority.generate();
        resident = authority.issue("JPKI-TEST-INTAKE", new jp.madoguchi.card.mynumber.Basic4Info("見本　太郎",
                "東京都千代田区霞が関１－２－３", java.time.LocalDate.of(1980, 2, 17), jp.madoguchi.card.mynumber.Sex.MALE),
                Set.of(), Set.of());
    }

    @BeforeEach
    void open() {
        database = Database.open("jdbc:sqlite:" + dir.resolve("hq.db"));
        database.migrate();
        new Booths(database).add("booth-a", "北部出張所", java.math.BigInteger.ONE, "-", Instant.now());
        new Booths(database).add("booth-b", "南部出張所", java.math.BigInteger.TWO, "-", Instant.now());
        intake = service(authority, List.of(authority.signatureCrl()));
    }

    private IntakeService service(TestAuthority trusted, List<java.security.cert.X509CRL> crls) {
        JpkiSignatureVerifier verifier = new JpkiSignatureVerifier(
                List.of(trusted.signatureCaCertificate(), trusted.authenticationCaCertificate()), crls, Clock.systemUTC());
        return new IntakeService(new Applications(database, ReferenceNumbers.datedRandom(ZoneOffset.ofHours(9))), verifier,
                Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static IntakeService.Result.Received received(IntakeService.Result result) {
        assertInstanceOf(IntakeService.Result.Received.class, result, result.toString());
        return (IntakeService.Result.Received) result;
    }

    private static CheckStatus status(IntakeService.Result.Received r, String check) {
        return r.receipt().checks().stream().filter(c -> c.check().equals(check)).map(Check::status).findFirst().orElseThrow();
    }

    @Test
    void aValidSignedApplicationIsStoredVerifiedWithEveryCheck() throws Exception {
        byte[] json = SignedApplications.juminhyo(2, "MD-A-1");
        var r = received(intake.submit("booth-a", "key-1", SignedApplications.submission(json, SignedApplications.sign(json, resident))));
        assertEquals(ApplicationStatus.VERIFIED, r.receipt().status());
        assertFalse(r.resubmission());
        assertEquals(List.of("signature", "signing_certificate", "chain", "key_usage", "validity", "revocation", "card_data"),
                r.receipt().checks().stream().map(Check::check).toList());
        assertTrue(r.receipt().checks().stream().allMatch(c -> c.status() == CheckStatus.PASSED), r.receipt().toString());
    }

    @Test
    void aResentSubmissionIsStoredOnceAndAnsweredTheSame() throws Exception {
        byte[] json = SignedApplications.juminhyo(1, "MD-A-2");
        var submission = SignedApplications.submission(json, SignedApplications.sign(json, resident));
        var first = received(intake.submit("booth-a", "key-2", submission));
        var again = received(intake.submit("booth-a", "key-2", submission));
        assertTrue(again.resubmission());
        assertEquals(first.receipt(), again.receipt(), "the very same answer");
        byte[] otherJson = SignedApplications.juminhyo(1, "MD-B-2");
        var otherBooth = received(intake.submit("booth-b", "key-2",
                SignedApplications.submission(otherJson, SignedApplications.sign(otherJson, resident))));
        assertNotEquals(first.receipt().reference(), otherBooth.receipt().reference(),
                "an idempotency key belongs to one booth: another booth's application under it is its own");
        // (the same signed application from another booth is a replay: HostileRequestsTest)
    }

    @Test
    void theSameKeyForADifferentApplicationIsRefused() throws Exception {
        byte[] one = SignedApplications.juminhyo(1, "MD-A-3");
        byte[] two = SignedApplications.juminhyo(3, "MD-A-3");
        received(intake.submit("booth-a", "key-3", SignedApplications.submission(one, SignedApplications.sign(one, resident))));
        var refused = intake.submit("booth-a", "key-3", SignedApplications.submission(two, SignedApplications.sign(two, resident)));
        assertEquals(new IntakeService.Result.Refused(422, ErrorCodes.IDEMPOTENCY_KEY_REUSED,
                ((IntakeService.Result.Refused) refused).message()), refused);
    }

    @Test
    void aTamperedApplicationFailsTheSignatureCheckAndIsKeptForTheClerk() throws Exception {
        byte[] signedJson = SignedApplications.juminhyo(1, "MD-A-4");
        byte[] cms = SignedApplications.sign(signedJson, resident);
        byte[] tampered = SignedApplications.juminhyo(9, "MD-A-4"); // copies changed after signing
        var r = received(intake.submit("booth-a", "key-4", SignedApplications.submission(tampered, cms)));
        assertEquals(ApplicationStatus.VERIFICATION_FAILED, r.receipt().status());
        assertEquals(CheckStatus.FAILED, status(r, "signature"));
    }

    @Test
    void aSignatureFromAnotherAuthorityFailsTheChain() throws Exception {
        TestAuthority stranger = TestAuthority.generate();
        IssuedCredentials foreign = stranger.issue("JPKI-TEST-OTHER", new jp.madoguchi.card.mynumber.Basic4Info("見本　太郎",
                "東京都千代田区霞が関１－２－３", java.time.LocalDate.of(1980, 2, 17), jp.madoguchi.card.mynumber.Sex.MALE),
                Set.of(), Set.of());
        byte[] json = SignedApplications.juminhyo(1, "MD-A-5");
        var r = received(intake.submit("booth-a", "key-5", SignedApplications.submission(json, SignedApplications.sign(json, foreign))));
        assertEquals(ApplicationStatus.VERIFICATION_FAILED, r.receipt().status());
        assertEquals(CheckStatus.FAILED, status(r, "chain"));
    }

    @Test
    void anExpiredCertificateFailsValidity() throws Exception {
        Instant past = Instant.now().minus(Duration.ofDays(800));
        IssuedCredentials expired = authority.issue("JPKI-TEST-OLD", new jp.madoguchi.card.mynumber.Basic4Info("見本　太郎",
                "東京都千代田区霞が関１－２－３", java.time.LocalDate.of(1980, 2, 17), jp.madoguchi.card.mynumber.Sex.MALE),
                Set.of(), Set.of(), past, past.plus(Duration.ofDays(365)));
        byte[] json = SignedApplications.juminhyo(1, "MD-A-6");
        var r = received(intake.submit("booth-a", "key-6", SignedApplications.submission(json, SignedApplications.sign(json, expired))));
        assertEquals(ApplicationStatus.VERIFICATION_FAILED, r.receipt().status());
        assertEquals(CheckStatus.FAILED, status(r, "validity"));
    }

    @Test
    void aRevokedCertificateFailsRevocation() throws Exception {
        IssuedCredentials revoked = authority.issue("JPKI-TEST-REVOKED", new jp.madoguchi.card.mynumber.Basic4Info("見本　太郎",
                "東京都千代田区霞が関１－２－３", java.time.LocalDate.of(1980, 2, 17), jp.madoguchi.card.mynumber.Sex.MALE),
                Set.of(), Set.of());
        authority.revoke(revoked.signatureCertificate());
        IntakeService withFreshCrl = service(authority, List.of(authority.signatureCrl()));
        byte[] json = SignedApplications.juminhyo(1, "MD-A-7");
        var r = received(withFreshCrl.submit("booth-a", "key-7", SignedApplications.submission(json, SignedApplications.sign(json, revoked))));
        assertEquals(ApplicationStatus.VERIFICATION_FAILED, r.receipt().status());
        assertEquals(CheckStatus.FAILED, status(r, "revocation"));
    }

    @Test
    void jsonThatIsNotTheCanonicalApplicationIsRefusedUnstored() throws Exception {
        byte[] json = SignedApplications.juminhyo(1, "MD-A-8");
        byte[] spaced = new String(json, java.nio.charset.StandardCharsets.UTF_8).replace(",", ", ")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var r = intake.submit("booth-a", "key-8", SignedApplications.submission(spaced, SignedApplications.sign(spaced, resident)));
        assertInstanceOf(IntakeService.Result.Refused.class, r);
        assertEquals(400, ((IntakeService.Result.Refused) r).status());
        var otherForm = new jp.madoguchi.hqlink.message.Submission("inkan", "citizens",
                java.util.Base64.getEncoder().encodeToString(json),
                java.util.Base64.getEncoder().encodeToString(SignedApplications.sign(json, resident)));
        assertInstanceOf(IntakeService.Result.Refused.class, intake.submit("booth-a", "key-9", otherForm));
        var noKey = intake.submit("booth-a", " ", SignedApplications.submission(json, SignedApplications.sign(json, resident)));
        assertInstanceOf(IntakeService.Result.Refused.class, noKey);
    }
}
