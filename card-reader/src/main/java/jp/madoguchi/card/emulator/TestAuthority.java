package jp.madoguchi.card.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jp.madoguchi.card.mynumber.Basic4Info;

/**
 * A JPKI-like certificate authority for the emulated card, the demo mode and tests. It ships in
 * the main jar on purpose (the demo serves an emulated card), so it holds no key material in
 * source: keys are generated, or loaded from a directory the demo owns.
 *
 * <p>Two self-signed CAs mirror JPKI's: one issues signature certificates (whose subjectAltName
 * carries the holder's basic four facts), the other authentication certificates (no personal
 * data). A third key, the integrity issuer, signs the text AP's integrity record.
 *
 * <p>Thread-safe. {@link #shared()} is one instance per JVM; revoking on it affects every user of
 * that instance, so tests revoke only certificates they issued themselves.
 */
public final class TestAuthority {
    /** CA certificates outlive any demo installation; an expired demo root would be a puzzle. */
    private static final Duration CA_VALIDITY = Duration.ofDays(20L * 365);
    /** JPKI signature certificates last about five years. */
    private static final Duration END_ENTITY_VALIDITY = Duration.ofDays(5L * 365);
    /** Back-dating tolerates a verifier whose clock is a little behind the booth's. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    /** A test CRL stays fresh for a week, long enough for a demo left running over a weekend. */
    private static final Duration CRL_VALIDITY = Duration.ofDays(7);

    private final TestAuthorityCa signatureCa;
    private final TestAuthorityCa authenticationCa;
    private final KeyPair integrityIssuer;
    /** Where revocations are written through to, or null for an in-memory authority. */
    private final Path directory;

    private TestAuthority(TestAuthorityCa signatureCa, TestAuthorityCa authenticationCa, KeyPair integrityIssuer,
            Path directory) {
        this.signatureCa = signatureCa;
        this.authenticationCa = authenticationCa;
        this.integrityIssuer = integrityIssuer;
        this.directory = directory;
    }

    /**
     * A new in-memory authority: three RSA-2048 key generations, so it takes a noticeable
     * fraction of a second (or more on a busy machine). Prefer {@link #shared()} in tests.
     */
    public static TestAuthority generate() {
        Instant now = Instant.now();
        Instant notBefore = now.minus(BACKDATE);
        Instant notAfter = now.plus(CA_VALIDITY);
        return new TestAuthority(
                TestAuthorityCa.create(TestAuthorityProfiles.SIGNATURE_CA_NAME,
                        TestAuthorityProfiles.SIGNATURE_CRL_URI, notBefore, notAfter),
                TestAuthorityCa.create(TestAuthorityProfiles.AUTHENTICATION_CA_NAME,
                        TestAuthorityProfiles.AUTHENTICATION_CRL_URI, notBefore, notAfter),
                TestAuthorityCa.newRsaKeyPair(),
                null);
    }

    /** One lazily generated in-memory authority per JVM, for tests and the demo. */
    public static TestAuthority shared() {
        return SharedHolder.INSTANCE;
    }

    private static final class SharedHolder {
        static final TestAuthority INSTANCE = generate();
    }

    /**
     * The authority kept in {@code dir}, created there on first use, so a demo's roots stay the
     * same across runs and relying parties keep trusting them. Revocations made on the returned
     * instance are written back to {@code dir}. A directory holding only some of the files is
     * refused rather than overwritten: it may be someone's half-restored backup.
     */
    public static TestAuthority loadOrCreate(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        List<String> present = TestAuthorityStore.presentFiles(dir);
        if (TestAuthorityStore.isComplete(present)) {
            return load(dir);
        }
        if (!present.isEmpty()) {
            throw new IOException(dir + " holds an incomplete test authority (found only " + present + ")");
        }
        TestAuthority fresh = generate();
        TestAuthority stored = new TestAuthority(fresh.signatureCa, fresh.authenticationCa, fresh.integrityIssuer, dir);
        stored.save();
        return stored;
    }

    private static TestAuthority load(Path dir) throws IOException {
        TestAuthorityCa signature = loadCa(dir, TestAuthorityStore.SIGNATURE_CA_CERT,
                TestAuthorityStore.SIGNATURE_CA_KEY, TestAuthorityProfiles.SIGNATURE_CRL_URI);
        TestAuthorityCa authentication = loadCa(dir, TestAuthorityStore.AUTHENTICATION_CA_CERT,
                TestAuthorityStore.AUTHENTICATION_CA_KEY, TestAuthorityProfiles.AUTHENTICATION_CRL_URI);
        PrivateKey integrityKey = TestAuthorityStore.readPrivateKey(dir.resolve(TestAuthorityStore.INTEGRITY_ISSUER_KEY));
        KeyPair integrity = new KeyPair(publicKeyOf(integrityKey), integrityKey);
        TestAuthorityStore.readRevoked(dir.resolve(TestAuthorityStore.REVOKED), (label, serial, when) -> {
            switch (label) {
                case TestAuthorityStore.SIGNATURE_LABEL -> signature.revoke(serial, when);
                case TestAuthorityStore.AUTHENTICATION_LABEL -> authentication.revoke(serial, when);
                default -> throw new IOException("unknown CA '" + label + "' in the revocation list");
            }
        });
        return new TestAuthority(signature, authentication, integrity, dir);
    }

    private static TestAuthorityCa loadCa(Path dir, String certFile, String keyFile, String crlUri) throws IOException {
        X509Certificate certificate = TestAuthorityStore.readCertificate(dir.resolve(certFile));
        PrivateKey key = TestAuthorityStore.readPrivateKey(dir.resolve(keyFile));
        TestAuthorityCa ca = new TestAuthorityCa(certificate, key, crlUri);
        if (!ca.matches(key)) {
            throw new IOException(keyFile + " is not the key of " + certFile);
        }
        return ca;
    }

    /** The integrity key is stored alone; its public half is recomputed from the CRT key. */
    private static PublicKey publicKeyOf(PrivateKey key) throws IOException {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IOException("the integrity issuer key is not an RSA CRT private key");
        }
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot derive the integrity issuer's public key", e);
        }
    }

    private synchronized void save() throws IOException {
        TestAuthorityStore.writeCertificate(directory.resolve(TestAuthorityStore.SIGNATURE_CA_CERT),
                signatureCa.certificate());
        TestAuthorityStore.writePrivateKey(directory.resolve(TestAuthorityStore.SIGNATURE_CA_KEY), signatureCa.key());
        TestAuthorityStore.writeCertificate(directory.resolve(TestAuthorityStore.AUTHENTICATION_CA_CERT),
                authenticationCa.certificate());
        TestAuthorityStore.writePrivateKey(directory.resolve(TestAuthorityStore.AUTHENTICATION_CA_KEY),
                authenticationCa.key());
        TestAuthorityStore.writePrivateKey(directory.resolve(TestAuthorityStore.INTEGRITY_ISSUER_KEY),
                integrityIssuer.getPrivate());
        saveRevocations();
    }

    private synchronized void saveRevocations() throws IOException {
        Map<String, Map<BigInteger, Instant>> revoked = new LinkedHashMap<>();
        revoked.put(TestAuthorityStore.SIGNATURE_LABEL, signatureCa.revoked());
        revoked.put(TestAuthorityStore.AUTHENTICATION_LABEL, authenticationCa.revoked());
        TestAuthorityStore.writeRevoked(directory.resolve(TestAuthorityStore.REVOKED), revoked);
    }

    /**
     * Writes what a relying party needs into {@code dir}: both CA certificates
     * ({@code jpki-test-signature-ca.pem}, {@code jpki-test-authentication-ca.pem}) and a CRL from
     * each as DER ({@code jpki-test-signature.crl}, {@code jpki-test-authentication.crl}). Never
     * a key. The result is what {@code JpkiSignatureVerifier.fromDirectory} reads.
     */
    public void exportTrustMaterial(Path dir) throws IOException {
        Files.createDirectories(dir);
        TestAuthorityStore.writeCertificate(dir.resolve("jpki-test-signature-ca.pem"), signatureCa.certificate());
        TestAuthorityStore.writeCertificate(dir.resolve("jpki-test-authentication-ca.pem"),
                authenticationCa.certificate());
        try {
            TestAuthorityStore.writePublic(dir.resolve("jpki-test-signature.crl"), signatureCrl().getEncoded());
            TestAuthorityStore.writePublic(dir.resolve("jpki-test-authentication.crl"),
                    authenticationCrl().getEncoded());
        } catch (CRLException e) {
            throw new IOException("cannot encode a CRL", e);
        }
    }

    /** Issues a card's credentials valid from an hour ago for five years (capped by the CA). */
    public IssuedCredentials issue(String opaqueId, Basic4Info holder, Set<Integer> nameSubstitutedPositions,
            Set<Integer> addressSubstitutedPositions) {
        Instant now = Instant.now();
        Instant notAfter = now.plus(END_ENTITY_VALIDITY);
        Instant caNotAfter = signatureCa.certificate().getNotAfter().toInstant();
        return issue(opaqueId, holder, nameSubstitutedPositions, addressSubstitutedPositions,
                now.minus(BACKDATE), notAfter.isAfter(caNotAfter) ? caNotAfter : notAfter);
    }

    /**
     * Issues a card's credentials with an explicit validity, e.g. already expired, for tests.
     * Positions are code point indexes (0-based) of substituted characters (外字) in the name and
     * address; they become the '1' flags of the certificate.
     */
    public IssuedCredentials issue(String opaqueId, Basic4Info holder, Set<Integer> nameSubstitutedPositions,
            Set<Integer> addressSubstitutedPositions, Instant notBefore, Instant notAfter) {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(nameSubstitutedPositions, "nameSubstitutedPositions");
        Objects.requireNonNull(addressSubstitutedPositions, "addressSubstitutedPositions");
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter must be after notBefore");
        }
        // Build the profile first, so bad input fails before the slow key generation.
        var signatureExtensions = List.of(TestAuthorityProfiles.signatureKeyUsage(),
                TestAuthorityProfiles.holderAltName(holder, nameSubstitutedPositions, addressSubstitutedPositions));
        var signatureSubject = TestAuthorityProfiles.signatureSubject(opaqueId);
        var authenticationSubject = TestAuthorityProfiles.authenticationSubject(opaqueId);

        KeyPair signatureKeys = TestAuthorityCa.newRsaKeyPair();
        KeyPair authenticationKeys = TestAuthorityCa.newRsaKeyPair();
        X509Certificate signatureCert = signatureCa.issue(signatureSubject, signatureKeys.getPublic(),
                notBefore, notAfter, signatureExtensions);
        X509Certificate authenticationCert = authenticationCa.issue(authenticationSubject,
                authenticationKeys.getPublic(), notBefore, notAfter,
                List.of(TestAuthorityProfiles.authenticationKeyUsage()));
        return new IssuedCredentials(signatureCert, signatureKeys.getPrivate(), signatureCa.certificate(),
                authenticationCert, authenticationKeys.getPrivate(), authenticationCa.certificate());
    }

    /**
     * Revokes a certificate this authority issued (either CA; found by signature). On an authority
     * from {@link #loadOrCreate} the revocation is saved at once; a failure to save is thrown as
     * {@link UncheckedIOException} so the caller does not believe it was kept.
     *
     * @throws IllegalArgumentException if neither CA of this authority issued {@code certificate}
     */
    public void revoke(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        TestAuthorityCa issuer = signatureCa.issued(certificate) ? signatureCa
                : authenticationCa.issued(certificate) ? authenticationCa : null;
        if (issuer == null) {
            throw new IllegalArgumentException("certificate was not issued by this test authority");
        }
        issuer.revoke(certificate.getSerialNumber(), Instant.now());
        if (directory != null) {
            try {
                saveRevocations();
            } catch (IOException e) {
                throw new UncheckedIOException("revocation not saved to " + directory, e);
            }
        }
    }

    /** A CRL from the signature CA, issued now and fresh for a week. */
    public X509CRL signatureCrl() {
        Instant now = Instant.now();
        return signatureCrl(now, now.plus(CRL_VALIDITY));
    }

    /** A CRL from the signature CA with chosen times, e.g. a stale one for tests. */
    public X509CRL signatureCrl(Instant thisUpdate, Instant nextUpdate) {
        return signatureCa.crl(thisUpdate, nextUpdate);
    }

    /** A CRL from the authentication CA, issued now and fresh for a week. */
    public X509CRL authenticationCrl() {
        Instant now = Instant.now();
        return authenticationCrl(now, now.plus(CRL_VALIDITY));
    }

    public X509CRL authenticationCrl(Instant thisUpdate, Instant nextUpdate) {
        return authenticationCa.crl(thisUpdate, nextUpdate);
    }

    public X509Certificate signatureCaCertificate() {
        return signatureCa.certificate();
    }

    public X509Certificate authenticationCaCertificate() {
        return authenticationCa.certificate();
    }

    /** Signs the text AP's integrity record (DF33). */
    public PrivateKey integrityIssuerKey() {
        return integrityIssuer.getPrivate();
    }

    /** What a reader checks the integrity record's signature with. */
    public PublicKey integrityIssuerPublicKey() {
        return integrityIssuer.getPublic();
    }

    @Override
    public String toString() {
        return "TestAuthority[signatureCa=" + signatureCa.certificate().getSerialNumber().toString(16)
                + ", authenticationCa=" + authenticationCa.certificate().getSerialNumber().toString(16)
                + (directory == null ? ", in memory" : ", " + directory) + "]";
    }
}
