package jp.madoguchi.card.emulator;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * What a JPKI-like authority issues for one card: the two key pairs with their certificates and
 * the CA certificates that go on the card.
 */
public record IssuedCredentials(
        X509Certificate signatureCertificate,
        PrivateKey signatureKey,
        X509Certificate signatureCaCertificate,
        X509Certificate authenticationCertificate,
        PrivateKey authenticationKey,
        X509Certificate authenticationCaCertificate) {

    @Override
    public String toString() {
        return "IssuedCredentials[serial=" + signatureCertificate.getSerialNumber().toString(16) + "]";
    }
}
