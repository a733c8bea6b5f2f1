package jp.madoguchi.card.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jp.madoguchi.card.mynumber.Basic4Info;
import jp.madoguchi.card.mynumber.MyNumberSpec;
import jp.madoguchi.card.mynumber.Sex;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestAuthorityTest {
    private static final Basic4Info HOLDER = new Basic4Info("見本　太郎", "東京都千代田区霞が関１－２－３",
            LocalDate.of(1989, 1, 7), Sex.MALE);

    private static final class Lazy {
        static final IssuedCredentials ISSUED = TestAuthority.shared().issue("JPKI-TEST-PROFILE", HOLDER,
                Set.of(1), Set.of(0, 14));
    }

    // keyUsage bits as java.security.cert.X509Certificate#getKeyUsage numbers them
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;

    @Test
    void bothCasFollowTheJpkiProfile() throws Exception {
        TestAuthority authority = TestAuthority.shared();
        assertCa(authority.signatureCaCertificate(), "JPKI for digital signature");
        assertCa(authority.authenticationCaCertificate(), "JPKI for user authentication");
    }

    private static void assertCa(X509Certificate ca, String purpose) throws Exception {
        assertEquals("OU=Japan Agency for Local Authority Information Systems,OU=" + purpose + ",O=JPKI-TEST,C=JP",
                ca.getSubjectX500Principal().getName());
        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
        ca.verify(ca.getPublicKey());
        assertEquals("SHA256withRSA", ca.getSigAlgName());
        assertEquals(2048, ((RSAPublicKey) ca.getPublicKey()).getModulus().bitLength());
        assertTrue(ca.getCriticalExtensionOIDs().containsAll(Set.of(Extension.keyUsage.getId(),
                Extension.basicConstraints.getId())));
        assertEquals(Set.of(KEY_CERT_SIGN, CRL_SIGN), setBits(ca.getKeyUsage()));
        assertTrue(ca.getBasicConstraints() >= 0);
        assertArrayEquals(ski(ca), aki(ca));
    }

    @Test
    void signatureCertificateFollowsTheJpkiProfile() throws Exception {
        IssuedCredentials issued = Lazy.ISSUED;
        X509Certificate cert = issued.signatureCertificate();
        X509Certificate ca = issued.signatureCaCertificate();

        cert.verify(ca.getPublicKey());
        assertEquals(ca.getSubjectX500Principal(), cert.getIssuerX500Principal());
        assertEquals("CN=JPKI-TEST-PROFILE,C=JP", cert.getSubjectX500Principal().getName());
        assertEquals(Set.of(DIGITAL_SIGNATURE, NON_REPUDIATION), setBits(cert.getKeyUsage()));
        assertTrue(cert.getCriticalExtensionOIDs().contains(Extension.keyUsage.getId()));
        assertEquals(-1, cert.getBasicConstraints());
        assertArrayEquals(ski(ca), aki(cert));
        assertEquals(List.of("http://crl.jpki-test.invalid/signature.crl"), crlUris(cert));
        assertTrue(cert.getSerialNumber().signum() > 0);
        assertEquals(2048, ((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength());
        assertEquals("SHA256withRSA", cert.getSigAlgName());
        assertTrue(keyMatches(cert, issued.signatureKey()));
    }

    @Test
    void authenticationCertificateCarriesNoPersonalData() throws Exception {
        IssuedCredentials issued = Lazy.ISSUED;
        X509Certificate cert = issued.authenticationCertificate();
        X509Certificate ca = issued.authenticationCaCertificate();

        cert.verify(ca.getPublicKey());
        assertEquals("CN=JPKI-TEST-PROFILE", cert.getSubjectX500Principal().getName());
        assertEquals(Set.of(DIGITAL_SIGNATURE), setBits(cert.getKeyUsage()));
        assertTrue(cert.getCriticalExtensionOIDs().contains(Extension.keyUsage.getId()));
        assertNull(cert.getExtensionValue(Extension.subjectAlternativeName.getId()));
        assertArrayEquals(ski(ca), aki(cert));
        assertEquals(List.of("http://crl.jpki-test.invalid/authentication.crl"), crlUris(cert));
        assertTrue(keyMatches(cert, issued.authenticationKey()));
        assertFalse(cert.getSerialNumber().equals(issued.signatureCertificate().getSerialNumber()));
    }

    @Test
    void otherNamesAreExplicitlyTaggedUtf8Strings() throws Exception {
        byte[] san = Lazy.ISSUED.signatureCertificate().getExtensionValue(Extension.subjectAlternativeName.getId());
        GeneralName[] names = GeneralNames.getInstance(JcaX509ExtensionUtils.parseExtensionValue(san)).getNames();

        Map<String, String> values = new LinkedHashMap<>();
        for (GeneralName name : names) {
            assertEquals(GeneralName.otherName, name.getTagNo());
            ASN1Sequence otherName = ASN1Sequence.getInstance(name.getName());
            ASN1TaggedObject value = ASN1TaggedObject.getInstance(otherName.getObjectAt(1));
            assertEquals(BERTags.CONTEXT_SPECIFIC, value.getTagClass());
            assertEquals(0, value.getTagNo());
            assertTrue(value.isExplicit());
            values.put(ASN1ObjectIdentifier.getInstance(otherName.getObjectAt(0)).getId(),
                    DERUTF8String.getInstance(value.getExplicitBaseObject()).getString());
        }

        assertEquals(HOLDER.name(), values.get(MyNumberSpec.OID_NAME));
        assertEquals("01000", values.get(MyNumberSpec.OID_NAME_SUBSTITUTED));
        assertEquals("1", values.get(MyNumberSpec.OID_SEX));
        assertEquals("319890107", values.get(MyNumberSpec.OID_BIRTH_DATE)); // 昭和64年1月7日, the last day of 昭和
        assertEquals(HOLDER.address(), values.get(MyNumberSpec.OID_ADDRESS));
        assertEquals("100000000000001", values.get(MyNumberSpec.OID_ADDRESS_SUBSTITUTED));
        assertFalse(Lazy.ISSUED.signatureCertificate().getSubjectX500Principal().getName().contains("見本"));
    }

    @Test
    void badIssueArgumentsFailBeforeKeyGeneration() {
        TestAuthority authority = TestAuthority.shared();
        assertThrows(IllegalArgumentException.class, () -> authority.issue("id", HOLDER, Set.of(5), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> authority.issue("id", HOLDER, Set.of(), Set.of(-1)));
        assertThrows(IllegalArgumentException.class, () -> authority.issue(" ", HOLDER, Set.of(), Set.of()));
    }

    @Test
    void revokedSerialAppearsOnTheMatchingCrl() throws Exception {
        TestAuthority authority = TestAuthority.shared();
        IssuedCredentials issued = authority.issue("JPKI-TEST-CRL", HOLDER, Set.of(), Set.of());
        authority.revoke(issued.signatureCertificate());
        authority.revoke(issued.authenticationCertificate());

        X509CRL signatureCrl = authority.signatureCrl();
        X509CRL authenticationCrl = authority.authenticationCrl();

        signatureCrl.verify(authority.signatureCaCertificate().getPublicKey());
        authenticationCrl.verify(authority.authenticationCaCertificate().getPublicKey());
        assertTrue(signatureCrl.isRevoked(issued.signatureCertificate()));
        assertTrue(authenticationCrl.isRevoked(issued.authenticationCertificate()));
        assertNull(signatureCrl.getRevokedCertificate(issued.authenticationCertificate().getSerialNumber()));
        assertFalse(signatureCrl.isRevoked(Lazy.ISSUED.signatureCertificate()));
        assertNotNull(signatureCrl.getNextUpdate());
        assertTrue(signatureCrl.getNextUpdate().after(signatureCrl.getThisUpdate()));
        assertEquals(authority.signatureCaCertificate().getSubjectX500Principal(), signatureCrl.getIssuerX500Principal());
        assertNotNull(signatureCrl.getExtensionValue(Extension.authorityKeyIdentifier.getId()));
    }

    @Test
    void revokingAForeignCertificateIsRefused() {
        TestAuthority other = TestAuthority.generate();
        assertThrows(IllegalArgumentException.class, () -> other.revoke(Lazy.ISSUED.signatureCertificate()));
    }

    @Test
    void integrityIssuerKeysArePairedAndDistinctFromTheCas() throws Exception {
        TestAuthority authority = TestAuthority.shared();
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(authority.integrityIssuerKey());
        rsa.update(new byte[] {1, 2, 3});
        byte[] signature = rsa.sign();
        rsa.initVerify(authority.integrityIssuerPublicKey());
        rsa.update(new byte[] {1, 2, 3});
        assertTrue(rsa.verify(signature));
        assertFalse(authority.integrityIssuerPublicKey().equals(authority.signatureCaCertificate().getPublicKey()));
    }

    @Test
    void savedAuthorityLoadsBackIdentically(@TempDir Path dir) throws Exception {
        TestAuthority created = TestAuthority.loadOrCreate(dir);
        IssuedCredentials issued = created.issue("JPKI-TEST-STORE", HOLDER, Set.of(), Set.of());
        created.revoke(issued.signatureCertificate());

        TestAuthority loaded = TestAuthority.loadOrCreate(dir);

        assertEquals(created.signatureCaCertificate(), loaded.signatureCaCertificate());
        assertEquals(created.authenticationCaCertificate(), loaded.authenticationCaCertificate());
        assertEquals(created.integrityIssuerPublicKey(), loaded.integrityIssuerPublicKey());
        assertArrayEquals(created.integrityIssuerKey().getEncoded(), loaded.integrityIssuerKey().getEncoded());
        assertTrue(loaded.signatureCrl().isRevoked(issued.signatureCertificate()));
        loaded.revoke(issued.signatureCertificate()); // the loaded authority recognises its own issue

        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            for (String key : List.of("signature-ca.key", "authentication-ca.key", "integrity-issuer.key")) {
                assertEquals("rw-------", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(dir.resolve(key))), key);
            }
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void anIncompleteDirectoryIsNotOverwritten(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("signature-ca.pem"), "half a backup");

        assertThrows(IOException.class, () -> TestAuthority.loadOrCreate(dir));
        assertEquals("half a backup", Files.readString(dir.resolve("signature-ca.pem")));
    }

    @Test
    void exportedTrustMaterialHoldsCertificatesAndCrlsButNoKey(@TempDir Path dir) throws Exception {
        TestAuthority.shared().exportTrustMaterial(dir);

        try (var files = Files.list(dir)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(List.of("jpki-test-authentication-ca.pem", "jpki-test-authentication.crl",
                    "jpki-test-signature-ca.pem", "jpki-test-signature.crl"), names);
        }
        for (String name : List.of("jpki-test-authentication-ca.pem", "jpki-test-signature-ca.pem")) {
            assertFalse(Files.readString(dir.resolve(name)).contains("PRIVATE KEY"));
        }
    }

    @Test
    void sharedIsOneInstance() {
        assertTrue(TestAuthority.shared() == TestAuthority.shared());
    }

    private static Set<Integer> setBits(boolean[] bits) {
        Set<Integer> set = new TreeSet<>();
        for (int i = 0; i < bits.length; i++) {
            if (bits[i]) {
                set.add(i);
            }
        }
        return set;
    }

    private static byte[] ski(X509Certificate cert) throws IOException {
        return SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                cert.getExtensionValue(Extension.subjectKeyIdentifier.getId()))).getKeyIdentifier();
    }

    private static byte[] aki(X509Certificate cert) throws IOException {
        return AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                cert.getExtensionValue(Extension.authorityKeyIdentifier.getId()))).getKeyIdentifier();
    }

    private static List<String> crlUris(X509Certificate cert) throws IOException {
        CRLDistPoint points = CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                cert.getExtensionValue(Extension.cRLDistributionPoints.getId())));
        return Arrays.stream(points.getDistributionPoints())
                .map(DistributionPoint::getDistributionPoint)
                .flatMap(name -> Arrays.stream(GeneralNames.getInstance(name.getName()).getNames()))
                .map(name -> name.getName().toString())
                .toList();
    }

    private static boolean keyMatches(X509Certificate cert, PrivateKey key) {
        return key instanceof RSAPrivateKey rsa
                && rsa.getModulus().equals(((RSAPublicKey) cert.getPublicKey()).getModulus());
    }
}
