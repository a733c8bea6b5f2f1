package jp.madoguchi.card.emulator;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * One of the test authority's two CAs (signature or authentication): its self-signed
 * certificate, its key, and the serials it has revoked. Thread-safe: the certificate and key never
 * change and the revocation list is a concurrent map.
 */
final class TestAuthorityCa {
    static final int RSA_BITS = 2048;
    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final String crlDistributionPoint;
    private final NavigableMap<BigInteger, Instant> revoked = new ConcurrentSkipListMap<>();

    TestAuthorityCa(X509Certificate certificate, PrivateKey key, String crlDistributionPoint) {
        this.certificate = certificate;
        this.key = key;
        this.crlDistributionPoint = crlDistributionPoint;
    }

    /** A fresh self-signed CA valid from {@code notBefore} to {@code notAfter}. */
    static TestAuthorityCa create(X500Name name, String crlDistributionPoint, Instant notBefore, Instant notAfter) {
        KeyPair pair = newRsaKeyPair();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name, randomSerial(), toDate(notBefore), toDate(notAfter), name, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(pair.getPublic()));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(signer(pair.getPrivate())));
            return new TestAuthorityCa(cert, pair.getPrivate(), crlDistributionPoint);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("could not build a test CA certificate", e);
        }
    }

    X509Certificate certificate() {
        return certificate;
    }

    PrivateKey key() {
        return key;
    }

    String crlDistributionPoint() {
        return crlDistributionPoint;
    }

    /**
     * Whether this CA's key signed {@code cert}. Decided by the signature, not the issuer name,
     * because every generation of the test authority shares one DN.
     */
    boolean issued(X509Certificate cert) {
        try {
            cert.verify(certificate.getPublicKey());
            return cert.getIssuerX500Principal().equals(certificate.getSubjectX500Principal());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Signs an end-entity certificate. The caller supplies the profile-specific extensions; this
     * adds the ones every JPKI end-entity certificate has (SKI, AKI, CRL distribution point).
     */
    X509Certificate issue(X500Name subject, PublicKey subjectKey, Instant notBefore, Instant notAfter,
            List<Extension> profileExtensions) {
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                    randomSerial(), toDate(notBefore), toDate(notAfter), subject, subjectKey)
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(certificate.getPublicKey()))
                    .addExtension(Extension.cRLDistributionPoints, false,
                            TestAuthorityProfiles.crlDistributionPoints(crlDistributionPoint));
            for (Extension extension : profileExtensions) {
                builder.addExtension(extension);
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(key)));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("could not build a test end-entity certificate", e);
        }
    }

    void revoke(BigInteger serial, Instant when) {
        revoked.putIfAbsent(serial, when.truncatedTo(ChronoUnit.SECONDS));
    }

    Map<BigInteger, Instant> revoked() {
        return Collections.unmodifiableMap(revoked);
    }

    X509CRL crl(Instant thisUpdate, Instant nextUpdate) {
        if (!nextUpdate.isAfter(thisUpdate)) {
            throw new IllegalArgumentException("nextUpdate must be after thisUpdate");
        }
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), toDate(thisUpdate));
            builder.setNextUpdate(toDate(nextUpdate));
            // Entries carry no reason code: RFC 5280 says to omit "unspecified" rather than send it.
            revoked.forEach((serial, when) -> builder.addCRLEntry(serial, toDate(when), (Extensions) null));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate.getPublicKey()));
            // Monotonic enough for a test authority: later CRLs get larger numbers.
            builder.addExtension(Extension.cRLNumber, false,
                    new CRLNumber(BigInteger.valueOf(thisUpdate.toEpochMilli())));
            return new JcaX509CRLConverter().getCRL(builder.build(signer(key)));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("could not build a test CRL", e);
        }
    }

    /** Whether {@code candidate} is the private half of this CA's certified key (checked on load). */
    boolean matches(PrivateKey candidate) {
        return candidate instanceof RSAPrivateKey rsa
                && certificate.getPublicKey() instanceof RSAPublicKey pub
                && rsa.getModulus().equals(pub.getModulus());
    }

    static KeyPair newRsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(RSA_BITS, RSAKeyGenParameterSpec.F4), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is not available", e);
        }
    }

    /** Positive, at most 16 bytes of entropy, so it fits RFC 5280's 20-octet limit with room. */
    static BigInteger randomSerial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("SHA256withRSA is not available", e);
        }
    }

    /** X.509 times have one-second resolution; truncating keeps saved and reloaded data equal. */
    static Date toDate(Instant instant) {
        return Date.from(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
