package jp.madoguchi.hq.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceCaTest {

    private static final Duration ONE_YEAR = Duration.ofDays(365);

    @TempDir
    static Path shared;
    private static DeviceCa ca;

    @BeforeAll
    static void createCa() throws IOException {
        ca = DeviceCa.loadOrCreate(shared.resolve("ca"));
    }

    @Test
    void reloadsTheSameCaAndKeepsTheKeyPrivate(@TempDir Path dir) throws Exception {
        Path caDir = dir.resolve("hq/ca");
        DeviceCa created = DeviceCa.loadOrCreate(caDir);
        DeviceCa reloaded = DeviceCa.loadOrCreate(caDir);
        assertEquals(created.certificate(), reloaded.certificate());

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(caDir.resolve(DeviceCa.KEY_FILE))));
        String keyPem = Files.readString(caDir.resolve(DeviceCa.KEY_FILE));
        assertTrue(keyPem.startsWith("-----BEGIN PRIVATE KEY-----\n"), "unencrypted PKCS#8");
        assertTrue(Files.readString(caDir.resolve(DeviceCa.CERT_FILE)).startsWith("-----BEGIN CERTIFICATE-----\n"));
        try (var leftovers = Files.list(caDir)) {
            assertEquals(2, leftovers.count(), "no temporary files left behind");
        }

        // The reloaded key is the same key: a certificate it issues verifies under the original CA certificate.
        IssuedDevice issued = reloaded.issueFromCsr(csr(ecKeyPair(), "SHA256withECDSA"), "booth-1", ONE_YEAR);
        issued.certificate().verify(created.certificate().getPublicKey());
    }

    @Test
    void caCertificateIsACaForEndEntitiesOnly() throws Exception {
        X509Certificate root = ca.certificate();
        assertEquals(0, root.getBasicConstraints(), "CA with pathLen 0");
        boolean[] keyUsage = root.getKeyUsage();
        assertTrue(keyUsage[5] && keyUsage[6], "keyCertSign and cRLSign");
        assertTrue(root.getCriticalExtensionOIDs().containsAll(Set.of("2.5.29.19", "2.5.29.15")));
        assertEquals("EC", root.getPublicKey().getAlgorithm());
        root.verify(root.getPublicKey());
        assertTrue(ca.certificatePem().startsWith("-----BEGIN CERTIFICATE-----"));
    }

    @Test
    void refusesAHalfPresentCa(@TempDir Path dir) throws Exception {
        DeviceCa.loadOrCreate(dir);
        Files.delete(dir.resolve(DeviceCa.CERT_FILE));
        IOException e = assertThrows(IOException.class, () -> DeviceCa.loadOrCreate(dir));
        assertTrue(e.getMessage().contains(DeviceCa.CERT_FILE), e.getMessage());
    }

    @Test
    void refusesAKeyThatDoesNotBelongToTheCertificate(@TempDir Path dir) throws Exception {
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        DeviceCa.loadOrCreate(one);
        DeviceCa.loadOrCreate(two);
        Files.copy(two.resolve(DeviceCa.KEY_FILE), one.resolve(DeviceCa.KEY_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThrows(IOException.class, () -> DeviceCa.loadOrCreate(one));
    }

    @Test
    void issuesAClientCertificateForAnEcKey() throws Exception {
        KeyPair booth = ecKeyPair();
        IssuedDevice issued = ca.issueFromCsr(csr(booth, "SHA256withECDSA"), "booth-0042", ONE_YEAR);
        assertBoothCertificate(issued, "booth-0042", booth);
    }

    @Test
    void issuesAClientCertificateForAnRsaKey() throws Exception {
        KeyPair booth = rsaKeyPair(2048);
        IssuedDevice issued = ca.issueFromCsr(csr(booth, "SHA256withRSA"), "booth-rsa", ONE_YEAR);
        assertBoothCertificate(issued, "booth-rsa", booth);
        boolean[] keyUsage = issued.certificate().getKeyUsage();
        assertTrue(keyUsage[0]);
        for (int i = 1; i < keyUsage.length; i++) {
            assertFalse(keyUsage[i], "only digitalSignature, bit " + i);
        }
    }

    @Test
    void ignoresTheSubjectAndExtensionsTheCsrAsksFor() throws Exception {
        KeyPair booth = ecKeyPair();
        ExtensionsGenerator wished = new ExtensionsGenerator();
        wished.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        wished.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, "hq.example.lg.jp")));
        String pem = DeviceCa.pem("CERTIFICATE REQUEST",
                new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=admin, O=Madoguchi headquarters"), booth.getPublic())
                        .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, wished.generate())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(booth.getPrivate()))
                        .getEncoded());
        IssuedDevice issued = ca.issueFromCsr(pem, "booth-7", ONE_YEAR);
        assertBoothCertificate(issued, "booth-7", booth);
        assertEquals(-1, issued.certificate().getBasicConstraints(), "not a CA whatever the CSR asked");
        assertEquals(null, issued.certificate().getSubjectAlternativeNames());
    }

    @Test
    void serialsAreRandomPositiveAndUnique() throws Exception {
        Set<BigInteger> serials = new HashSet<>();
        KeyPair booth = ecKeyPair();
        String pem = csr(booth, "SHA256withECDSA");
        for (int i = 0; i < 20; i++) {
            BigInteger serial = ca.issueFromCsr(pem, "booth-" + i, ONE_YEAR).serial();
            assertTrue(serial.signum() > 0);
            assertTrue(serial.bitLength() > 64 && serial.bitLength() <= 159, "bits: " + serial.bitLength());
            assertTrue(serials.add(serial));
        }
    }

    @Test
    void validityIsCutToTheCaExpiry() throws Exception {
        IssuedDevice issued = ca.issueFromCsr(csr(ecKeyPair(), "SHA256withECDSA"), "booth-long", Duration.ofDays(100 * 365));
        assertEquals(ca.certificate().getNotAfter(), issued.certificate().getNotAfter());
        IssuedDevice shortLived = ca.issueFromCsr(csr(ecKeyPair(), "SHA256withECDSA"), "booth-short", Duration.ofDays(30));
        long days = Duration.between(Instant.now(), shortLived.notAfter()).toDays();
        assertTrue(days >= 29 && days <= 30, "days: " + days);
    }

    @Test
    void refusesATamperedCsr() throws Exception {
        String pem = csr(ecKeyPair(), "SHA256withECDSA", "CN=booth-x");
        byte[] der = der(pem);
        int at = indexOf(der, "booth-x".getBytes(StandardCharsets.US_ASCII));
        der[at + 6] = 'y'; // the subject now says booth-y; the signature was over booth-x
        BadCsrException e = assertThrows(BadCsrException.class,
                () -> ca.issueFromCsr(DeviceCa.pem("CERTIFICATE REQUEST", der), "booth-1", ONE_YEAR));
        assertTrue(e.getMessage().contains("signature"), e.getMessage());
    }

    @Test
    void refusesAWeakRsaKey() throws Exception {
        BadCsrException e = assertThrows(BadCsrException.class,
                () -> ca.issueFromCsr(csr(rsaKeyPair(1024), "SHA256withRSA"), "booth-1", ONE_YEAR));
        assertTrue(e.getMessage().contains("1024"), e.getMessage());
    }

    @Test
    void refusesAnEcKeyOnAnotherCurve() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        BadCsrException e = assertThrows(BadCsrException.class,
                () -> ca.issueFromCsr(csr(generator.generateKeyPair(), "SHA384withECDSA"), "booth-1", ONE_YEAR));
        assertTrue(e.getMessage().contains("P-256"), e.getMessage());
    }

    @Test
    void refusesASha1Signature() throws Exception {
        BadCsrException e = assertThrows(BadCsrException.class,
                () -> ca.issueFromCsr(csr(rsaKeyPair(2048), "SHA1withRSA"), "booth-1", ONE_YEAR));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void refusesGarbage() throws Exception {
        String certificateNotCsr = ca.certificatePem();
        for (String garbage : List.of("", "   ", "hello", "-----BEGIN CERTIFICATE REQUEST-----\n!!!!\n-----END CERTIFICATE REQUEST-----\n",
                "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n", certificateNotCsr,
                "x".repeat(100_000))) {
            assertThrows(BadCsrException.class, () -> ca.issueFromCsr(garbage, "booth-1", ONE_YEAR), garbage);
        }
        assertThrows(BadCsrException.class, () -> ca.issueFromCsr(null, "booth-1", ONE_YEAR));
    }

    @Test
    void refusesBoothIdsThatAreNotPlainIdentifiers() throws Exception {
        String pem = csr(ecKeyPair(), "SHA256withECDSA");
        for (String bad : new String[] {"", "booth 1", "booth-1,O=Evil", "CN=x", "x".repeat(65), "-booth"}) {
            assertThrows(IllegalArgumentException.class, () -> ca.issueFromCsr(pem, bad, ONE_YEAR), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> ca.issueFromCsr(pem, "booth-1", Duration.ZERO));
    }

    @Test
    void serverCertificateHasServerAuthAndTheNamesAsked() throws Exception {
        KeyPair server = DeviceCa.newEcKeyPair();
        X509Certificate certificate = ca.serverCertificate(List.of("localhost", "hq.example.lg.jp"), List.of("127.0.0.1"), server);
        certificate.verify(ca.certificate().getPublicKey());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), certificate.getExtendedKeyUsage());
        assertEquals(-1, certificate.getBasicConstraints());
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        assertTrue(names.contains(List.of(2, "localhost")));
        assertTrue(names.contains(List.of(2, "hq.example.lg.jp")));
        assertTrue(names.contains(List.of(7, "127.0.0.1")));
        assertEquals(server.getPublic(), certificate.getPublicKey());
        assertThrows(IllegalArgumentException.class, () -> ca.serverCertificate(List.of(), List.of(), server));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void assertBoothCertificate(IssuedDevice issued, String boothId, KeyPair booth) throws Exception {
        X509Certificate certificate = issued.certificate();
        assertEquals(new X500Principal("CN=" + boothId + ", O=Madoguchi booths"), certificate.getSubjectX500Principal());
        assertEquals(ca.certificate().getSubjectX500Principal(), certificate.getIssuerX500Principal());
        assertEquals(booth.getPublic(), certificate.getPublicKey());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), certificate.getExtendedKeyUsage(), "clientAuth only");
        assertTrue(certificate.getKeyUsage()[0], "digitalSignature");
        assertTrue(certificate.getCriticalExtensionOIDs().contains("2.5.29.15"), "keyUsage critical");
        assertEquals(-1, certificate.getBasicConstraints(), "CA:false");
        assertNotNull(certificate.getExtensionValue("2.5.29.14"), "SKI");
        assertNotNull(certificate.getExtensionValue("2.5.29.35"), "AKI");
        assertEquals(issued.serial(), certificate.getSerialNumber());
        assertEquals(boothId, issued.boothId());
        assertNotEquals(certificate.getSerialNumber(), ca.certificate().getSerialNumber());
        X509CertificateHolder holder = new X509CertificateHolder(certificate.getEncoded());
        assertTrue(holder.getExtension(Extension.basicConstraints).isCritical());
        // AKI of the booth certificate is the SKI of the CA.
        byte[] caSki = org.bouncycastle.asn1.x509.SubjectKeyIdentifier.getInstance(
                new X509CertificateHolder(ca.certificate().getEncoded()).getExtension(Extension.subjectKeyIdentifier).getParsedValue())
                .getKeyIdentifier();
        byte[] aki = org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.getInstance(
                holder.getExtension(Extension.authorityKeyIdentifier).getParsedValue()).getKeyIdentifier();
        assertArrayEquals(caSki, aki);

        // It chains to the CA under PKIX and the PEM says the same.
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(certificate)), parameters);
        assertEquals(certificate, factory.generateCertificate(
                new java.io.ByteArrayInputStream(issued.certificatePem().getBytes(StandardCharsets.US_ASCII))));
    }

    static KeyPair ecKeyPair() {
        return DeviceCa.newEcKeyPair();
    }

    static KeyPair rsaKeyPair(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    static String csr(KeyPair keyPair, String signatureAlgorithm) throws Exception {
        return csr(keyPair, signatureAlgorithm, "CN=whatever the booth says");
    }

    static String csr(KeyPair keyPair, String signatureAlgorithm, String subject) throws Exception {
        return DeviceCa.pem("CERTIFICATE REQUEST",
                new JcaPKCS10CertificationRequestBuilder(new X500Principal(subject), keyPair.getPublic())
                        .build(new JcaContentSignerBuilder(signatureAlgorithm).build(keyPair.getPrivate()))
                        .getEncoded());
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
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
        throw new AssertionError("not found");
    }
}
