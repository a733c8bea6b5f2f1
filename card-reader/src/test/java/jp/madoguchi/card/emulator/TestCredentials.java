package jp.madoguchi.card.emulator;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throw-away RSA-2048 keys and minimal self-signed certificates for emulator tests (the real test
 * authority is {@code TestAuthority}, written elsewhere). Keys are generated once per test run
 * because RSA key generation is slow.
 */
final class TestCredentials {
    private static final KeyPair SIGNATURE = generate();
    private static final KeyPair AUTHENTICATION = generate();
    private static final KeyPair CA = generate();
    private static final KeyPair INTEGRITY_ISSUER = generate();
    private static final IssuedCredentials ISSUED = new IssuedCredentials(
            selfSigned("CN=test signature", SIGNATURE, 1),
            SIGNATURE.getPrivate(),
            selfSigned("CN=test signature CA", CA, 2),
            selfSigned("CN=test authentication", AUTHENTICATION, 3),
            AUTHENTICATION.getPrivate(),
            selfSigned("CN=test authentication CA", CA, 4));

    private TestCredentials() {
    }

    static IssuedCredentials issued() {
        return ISSUED;
    }

    static KeyPair integrityIssuer() {
        return INTEGRITY_ISSUER;
    }

    static EmulatedMyNumberCard card(Persona persona) {
        return new EmulatedMyNumberCard(persona, ISSUED, INTEGRITY_ISSUER.getPrivate());
    }

    static EmulatedMyNumberCard card(String builtInPersonaId) {
        return card(Personas.builtIn(builtInPersonaId));
    }

    static PrivateKey integrityIssuerKey() {
        return INTEGRITY_ISSUER.getPrivate();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate selfSigned(String subject, KeyPair keys, long serial) {
        try {
            Instant now = Instant.now();
            X500Name name = new X500Name(subject);
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serial),
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)),
                    name, keys.getPublic());
            var signer = new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }
}
