package jp.madoguchi.card.jpki;

import static jp.madoguchi.card.jpki.JpkiTestSupport.HOLDER;
import static jp.madoguchi.card.jpki.JpkiTestSupport.credentials;
import static jp.madoguchi.card.jpki.JpkiTestSupport.otherAuthority;
import static jp.madoguchi.card.jpki.JpkiTestSupport.softwareCard;
import static jp.madoguchi.card.jpki.JpkiTestSupport.verifierFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.SignatureException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.emulator.IssuedCredentials;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.jpki.VerificationReport.Check;
import jp.madoguchi.card.jpki.VerificationReport.Status;
import jp.madoguchi.card.mynumber.MyNumberSpec;

import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JpkiSignatureVerifierTest {
    private static final byte[] PAYLOAD = "住民票の写し交付申請 / application #42".getBytes(StandardCharsets.UTF_8);

    private static byte[] sign(IssuedCredentials credentials, boolean encapsulate) throws Exception {
        return new CmsSigner().sign(PAYLOAD, credentials.signatureCertificate(),
                List.of(credentials.signatureCaCertificate()), softwareCard(credentials.signatureKey()), encapsulate);
    }

    private static void assertOnlyRevocationUnchecked(VerificationReport report) {
        for (Check check : Check.values()) {
            Status expected = check == Check.REVOCATION ? Status.NOT_CHECKED : Status.PASSED;
            assertEquals(expected, report.status(check), report::toString);
        }
        assertTrue(report.valid(), report::toString);
    }

    @Test
    void encapsulatedSignatureVerifies() throws Exception {
        byte[] cms = sign(credentials(), true);

        VerificationReport report = verifierFor(TestAuthority.shared(), List.of()).verify(cms, null);

        assertOnlyRevocationUnchecked(report);
        assertArrayEquals(PAYLOAD, report.signedContent().orElseThrow());
        assertEquals(credentials().signatureCertificate(), report.signerCertificate().orElseThrow());
        assertTrue(report.signingTime().isPresent());
        JpkiCertificateInfo holder = report.holder().orElseThrow();
        assertEquals(HOLDER.name(), holder.name());
        assertEquals(HOLDER.birthDate(), holder.birthDate());
    }

    @Test
    void detachedSignatureVerifiesWithTheContentAndFailsWithout() throws Exception {
        byte[] cms = sign(credentials(), false);
        JpkiSignatureVerifier verifier = verifierFor(TestAuthority.shared(), List.of());

        VerificationReport withContent = verifier.verify(cms, PAYLOAD);
        assertOnlyRevocationUnchecked(withContent);
        assertArrayEquals(PAYLOAD, withContent.signedContent().orElseThrow());

        VerificationReport without = verifier.verify(cms, null);
        assertEquals(Status.FAILED, without.status(Check.SIGNATURE));
        assertFalse(without.valid());
    }

    @Test
    void tamperedContentFailsTheSignature() throws Exception {
        JpkiSignatureVerifier verifier = verifierFor(TestAuthority.shared(), List.of());

        byte[] detached = sign(credentials(), false);
        byte[] altered = PAYLOAD.clone();
        altered[altered.length - 1] ^= 1;
        VerificationReport report = verifier.verify(detached, altered);
        assertEquals(Status.FAILED, report.status(Check.SIGNATURE));
        assertTrue(report.result(Check.SIGNATURE).reason().contains("digest"), report::toString);

        byte[] encapsulated = sign(credentials(), true);
        int at = indexOf(encapsulated, PAYLOAD);
        assertTrue(at > 0);
        encapsulated[at + 3] ^= 1;
        assertEquals(Status.FAILED, verifier.verify(encapsulated, null).status(Check.SIGNATURE));
    }

    @Test
    void encapsulatedContentMustEqualContentGivenAlongside() throws Exception {
        byte[] cms = sign(credentials(), true);
        JpkiSignatureVerifier verifier = verifierFor(TestAuthority.shared(), List.of());

        assertTrue(verifier.verify(cms, PAYLOAD).valid());
        assertEquals(Status.FAILED, verifier.verify(cms, "other".getBytes(StandardCharsets.UTF_8))
                .status(Check.SIGNATURE));
    }

    @Test
    void rootsOfAnotherAuthorityFailTheChain() throws Exception {
        VerificationReport report = verifierFor(otherAuthority(), List.of(otherAuthority().signatureCrl()))
                .verify(sign(credentials(), true), null);

        assertEquals(Status.PASSED, report.status(Check.SIGNATURE));
        assertEquals(Status.FAILED, report.status(Check.CHAIN));
        assertEquals(Status.NOT_CHECKED, report.status(Check.REVOCATION));
        assertFalse(report.valid());
    }

    @Test
    void issuerIsChosenBySignatureAmongRootsSharingTheDn() throws Exception {
        TestAuthority shared = TestAuthority.shared();
        assertEquals(otherAuthority().signatureCaCertificate().getSubjectX500Principal(),
                shared.signatureCaCertificate().getSubjectX500Principal());
        // The other generation's root comes first, and so does its CRL, which has the same issuer DN.
        JpkiSignatureVerifier verifier = new JpkiSignatureVerifier(
                List.of(otherAuthority().signatureCaCertificate(), shared.signatureCaCertificate()),
                List.of(otherAuthority().signatureCrl()), Clock.systemUTC());

        VerificationReport report = verifier.verify(sign(credentials(), true), null);

        assertEquals(Status.PASSED, report.status(Check.CHAIN), report::toString);
        assertTrue(report.result(Check.CHAIN).reason()
                .contains(shared.signatureCaCertificate().getSerialNumber().toString(16)));
        assertEquals(Status.NOT_CHECKED, report.status(Check.REVOCATION));
        assertTrue(report.result(Check.REVOCATION).reason().contains("did not verify"), report::toString);
        assertTrue(report.valid());
    }

    @Test
    void authenticationCertificateFailsKeyUsage() throws Exception {
        IssuedCredentials credentials = credentials();
        byte[] cms = new CmsSigner().sign(PAYLOAD, credentials.authenticationCertificate(), List.of(),
                softwareCard(credentials.authenticationKey()), true);

        VerificationReport report = verifierFor(TestAuthority.shared(), List.of()).verify(cms, null);

        assertEquals(Status.PASSED, report.status(Check.SIGNATURE));
        assertEquals(Status.PASSED, report.status(Check.CHAIN));
        assertEquals(Status.FAILED, report.status(Check.KEY_USAGE));
        assertTrue(report.holder().isEmpty());
        assertFalse(report.valid());
    }

    @Test
    void expiredCertificateFailsValidityButPassesForASigningTimeInsideIt() throws Exception {
        Instant now = Instant.now();
        IssuedCredentials expired = TestAuthority.shared().issue("JPKI-TEST-EXPIRED", HOLDER, Set.of(), Set.of(),
                now.minus(Duration.ofMinutes(50)), now.minus(Duration.ofMinutes(10)));
        JpkiSignatureVerifier verifier = verifierFor(TestAuthority.shared(), List.of());

        VerificationReport signedNow = verifier.verify(sign(expired, true), null);
        assertEquals(Status.FAILED, signedNow.status(Check.VALIDITY));
        assertTrue(signedNow.result(Check.VALIDITY).reason().contains("expired"));
        assertFalse(signedNow.valid());

        // The shared CA is only an hour old, so "then" must be inside its validity too.
        byte[] signedThen = new CmsSigner(Clock.fixed(now.minus(Duration.ofMinutes(30)), ZoneOffset.UTC))
                .sign(PAYLOAD, expired.signatureCertificate(), List.of(), softwareCard(expired.signatureKey()), true);
        assertEquals(Status.PASSED, verifier.verify(signedThen, null).status(Check.VALIDITY));
    }

    @Test
    void rootNotYetValidAtTheSigningTimeFailsValidity() throws Exception {
        Instant now = Instant.now();
        IssuedCredentials older = TestAuthority.shared().issue("JPKI-TEST-OLDER", HOLDER, Set.of(), Set.of(),
                now.minus(Duration.ofDays(100)), now.plus(Duration.ofDays(100)));
        byte[] cms = new CmsSigner(Clock.fixed(now.minus(Duration.ofDays(10)), ZoneOffset.UTC))
                .sign(PAYLOAD, older.signatureCertificate(), List.of(), softwareCard(older.signatureKey()), true);

        VerificationReport report = verifierFor(TestAuthority.shared(), List.of()).verify(cms, null);

        assertEquals(Status.FAILED, report.status(Check.VALIDITY));
        assertTrue(report.result(Check.VALIDITY).reason().startsWith("issuing root"), report::toString);
    }

    @Test
    void signingTimeInTheFutureFailsValidity() throws Exception {
        Instant later = Instant.now().plus(Duration.ofHours(1));
        byte[] cms = new CmsSigner(Clock.fixed(later, ZoneOffset.UTC)).sign(PAYLOAD,
                credentials().signatureCertificate(), List.of(), softwareCard(credentials().signatureKey()), true);

        VerificationReport report = verifierFor(TestAuthority.shared(), List.of()).verify(cms, null);

        assertEquals(Status.FAILED, report.status(Check.VALIDITY));
        assertTrue(report.result(Check.VALIDITY).reason().contains("future"));
    }

    @Test
    void revokedCertificateFailsRevocation() throws Exception {
        TestAuthority authority = TestAuthority.shared();
        IssuedCredentials revoked = authority.issue("JPKI-TEST-REVOKED", HOLDER, Set.of(), Set.of());
        authority.revoke(revoked.signatureCertificate());

        VerificationReport report = verifierFor(authority, List.of(authority.signatureCrl()))
                .verify(sign(revoked, true), null);

        assertEquals(Status.FAILED, report.status(Check.REVOCATION), report::toString);
        assertTrue(report.result(Check.REVOCATION).reason().contains("revoked"));
        assertFalse(report.valid());
    }

    @Test
    void freshCrlWithoutTheSerialPassesAndAStaleOneFails() throws Exception {
        TestAuthority authority = TestAuthority.shared();
        byte[] cms = sign(credentials(), true);

        VerificationReport fresh = verifierFor(authority, List.of(authority.signatureCrl())).verify(cms, null);
        assertEquals(Status.PASSED, fresh.status(Check.REVOCATION));
        assertTrue(fresh.valid());

        Instant now = Instant.now();
        VerificationReport stale = verifierFor(authority, List.of(
                authority.signatureCrl(now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)))))
                .verify(cms, null);
        assertEquals(Status.FAILED, stale.status(Check.REVOCATION));
        assertTrue(stale.result(Check.REVOCATION).reason().contains("stale"));
    }

    @Test
    void noCrlMeansRevocationNotCheckedAndStillValid() throws Exception {
        VerificationReport report = verifierFor(TestAuthority.shared(), List.of()).verify(sign(credentials(), true), null);

        assertEquals(Status.NOT_CHECKED, report.status(Check.REVOCATION));
        assertTrue(report.valid());
    }

    @Test
    void garbageAndTruncatedInputAreReportedNotThrown() throws Exception {
        JpkiSignatureVerifier verifier = verifierFor(TestAuthority.shared(), List.of());
        byte[] good = sign(credentials(), true);
        byte[] random = new byte[300];
        new Random(7).nextBytes(random);

        List<byte[]> inputs = List.of(
                new byte[0],
                "not a signature at all".getBytes(StandardCharsets.US_ASCII),
                random,
                Arrays.copyOf(good, good.length / 2),
                Arrays.copyOf(good, good.length - 1),
                credentials().signatureCertificate().getEncoded(),
                new byte[] {0x30, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        for (byte[] input : inputs) {
            VerificationReport report = verifier.verify(input, null);
            assertEquals(Status.FAILED, report.status(Check.SIGNATURE), report::toString);
            assertFalse(report.result(Check.SIGNATURE).reason().isBlank());
            assertFalse(report.valid());
        }
        assertEquals(Status.FAILED, verifier.verify(null, null).status(Check.SIGNATURE));
    }

    @Test
    void bytesAppendedAfterTheStructureAreRefused() throws Exception {
        JpkiSignatureVerifier verifier = verifierFor(TestAuthority.shared(), List.of());
        byte[] good = sign(credentials(), true);
        assertTrue(verifier.verify(good, null).valid());
        byte[] appended = Arrays.copyOf(good, good.length + 1);
        appended[good.length] = 'X';
        VerificationReport report = verifier.verify(appended, null);
        assertEquals(Status.FAILED, report.status(Check.SIGNATURE));
        assertTrue(report.result(Check.SIGNATURE).reason().contains("1 byte(s) after the end"), report::toString);
    }

    @Test
    void aLargeEncapsulatedPayloadNeedingFourLengthBytesVerifies() throws Exception {
        byte[] big = new byte[70_000]; // the outer SEQUENCE needs an 83 LL LL LL length
        Arrays.fill(big, (byte) 'a');
        byte[] cms = new CmsSigner().sign(big, credentials().signatureCertificate(), List.of(),
                softwareCard(credentials().signatureKey()), true);
        assertEquals((byte) 0x83, cms[1]);
        assertTrue(verifierFor(TestAuthority.shared(), List.of()).verify(cms, null).valid());
    }

    @Test
    void signedDataWithoutSignerFails() throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addCertificates(new JcaCertStore(List.of(credentials().signatureCertificate())));
        byte[] cms = generator.generate(new CMSProcessableByteArray(PAYLOAD), true).getEncoded();

        VerificationReport report = verifierFor(TestAuthority.shared(), List.of()).verify(cms, null);

        assertEquals(Status.FAILED, report.status(Check.SIGNATURE));
        assertTrue(report.result(Check.SIGNATURE).reason().contains("no signer"));
    }

    @Test
    void signatureWithoutEssAttributeFailsSigningCertificate() throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                .build("SHA256withRSA", credentials().signatureKey(), credentials().signatureCertificate()));
        generator.addCertificates(new JcaCertStore(List.of(credentials().signatureCertificate())));
        byte[] cms = generator.generate(new CMSProcessableByteArray(PAYLOAD), true).getEncoded();

        VerificationReport report = verifierFor(TestAuthority.shared(), List.of()).verify(cms, null);

        assertEquals(Status.PASSED, report.status(Check.SIGNATURE));
        assertEquals(Status.FAILED, report.status(Check.SIGNING_CERTIFICATE));
        assertFalse(report.valid());
    }

    @Test
    void cardRemovedMidSignatureReachesTheCallerAsItself() {
        CardException removed = new CardException(CardError.CARD_REMOVED, "card pulled");
        CardException thrown = assertThrows(CardException.class, () -> new CmsSigner().sign(PAYLOAD,
                credentials().signatureCertificate(), List.of(), digestInfo -> {
                    throw removed;
                }, true));

        assertSame(removed, thrown);
        assertEquals(CardError.CARD_REMOVED, thrown.error());
    }

    @Test
    void cardSignsOnceOverTheSha256DigestInfoAndTheResultVerifiesAsSha256WithRsa() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        DigestSigner card = softwareCard(credentials().signatureKey());
        byte[] cms = new CmsSigner().sign(PAYLOAD, credentials().signatureCertificate(), List.of(), digestInfo -> {
            calls.incrementAndGet();
            assertEquals(51, digestInfo.length);
            assertArrayEquals(MyNumberSpec.DIGEST_INFO_SHA256,
                    Arrays.copyOf(digestInfo, 19));
            return card.sign(digestInfo);
        }, true);
        assertEquals(1, calls.get());

        SignerInformation signer = new CMSSignedData(cms).getSignerInfos().getSigners().iterator().next();
        assertEquals(PKCSObjectIdentifiers.sha256WithRSAEncryption.getId(), signer.getEncryptionAlgOID());
        Signature sha256WithRsa = Signature.getInstance("SHA256withRSA");
        sha256WithRsa.initVerify(credentials().signatureCertificate().getPublicKey());
        sha256WithRsa.update(signer.getEncodedSignedAttributes());
        assertTrue(sha256WithRsa.verify(signer.getSignature()));

        AttributeTable attributes = signer.getSignedAttributes();
        assertNotNull(attributes.get(CMSAttributes.contentType));
        assertNotNull(attributes.get(CMSAttributes.messageDigest));
        assertNotNull(attributes.get(CMSAttributes.signingTime));
        assertNotNull(attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2));
    }

    @Test
    void aCardHoldingAnotherKeyThanTheCertificateIsCaught() {
        assertThrows(SignatureException.class, () -> new CmsSigner().sign(PAYLOAD,
                credentials().signatureCertificate(), List.of(), softwareCard(credentials().authenticationKey()), true));
    }

    @Test
    void reportsNeverShowPersonalData() throws Exception {
        VerificationReport report = verifierFor(TestAuthority.shared(), List.of()).verify(sign(credentials(), true), null);

        String text = report.toString() + report.holder().orElseThrow();
        assertFalse(text.contains("見本"), text);
        assertFalse(text.contains("霞が関"), text);
        assertFalse(text.contains("1980"), text);
    }

    @Test
    void trustMaterialExportedByTheAuthorityLoadsFromADirectory(@TempDir Path dir) throws Exception {
        TestAuthority authority = TestAuthority.shared();
        authority.exportTrustMaterial(dir);

        VerificationReport report = JpkiSignatureVerifier.fromDirectory(dir).verify(sign(credentials(), true), null);

        assertOnlyRevocationPassed(report);
    }

    @Test
    void aTrustDirectoryWithAKeyOrNoCertificateIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("readme.txt"), "ignored");
        assertThrows(IOException.class, () -> JpkiSignatureVerifier.fromDirectory(dir));

        Files.writeString(dir.resolve("stray.pem"),
                "-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA\n-----END PRIVATE KEY-----\n");
        assertThrows(IOException.class, () -> JpkiSignatureVerifier.fromDirectory(dir));
    }

    @Test
    void derCertificatesAreReadToo(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("root.cer"), TestAuthority.shared().signatureCaCertificate().getEncoded());

        VerificationReport report = JpkiSignatureVerifier.fromDirectory(dir).verify(sign(credentials(), true), null);

        assertOnlyRevocationUnchecked(report);
    }

    private static void assertOnlyRevocationPassed(VerificationReport report) {
        for (Check check : Check.values()) {
            assertEquals(Status.PASSED, report.status(check), report::toString);
        }
        assertTrue(report.valid());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
