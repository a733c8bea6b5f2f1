package jp.madoguchi.hqlink.client;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts for talking to headquarters. Both trust exactly one anchor, HQ's CA: never the JDK's
 * default trust store, so a certificate from any public CA does not impersonate headquarters.
 */
public final class BoothTlsContexts {
    private BoothTlsContexts() {
    }

    /**
     * Mutual TLS: the booth presents its device certificate (and the chain up to, optionally including,
     * the device CA) with its private key, and trusts only {@code trustedCa}.
     */
    public static SSLContext from(PrivateKey key, List<X509Certificate> chain, X509Certificate trustedCa) {
        Objects.requireNonNull(key, "key");
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("the booth's certificate chain is empty");
        }
        char[] password = randomPassword();
        try {
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry("booth", key, password, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust(trustedCa).getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot build the booth's TLS identity: " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** {@link #from(PrivateKey, List, X509Certificate)} with the device certificate alone. */
    public static SSLContext from(PrivateKey key, X509Certificate deviceCertificate, X509Certificate trustedCa) {
        return from(key, List.of(deviceCertificate), trustedCa);
    }

    /**
     * Server-authenticated TLS without a client certificate, trusting only {@code trustedCa}: for enrolment
     * (the booth has no certificate yet) and for the clerk console (clerks log in with a password).
     */
    public static SSLContext trustOnly(X509Certificate trustedCa) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust(trustedCa).getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot build a TLS context trusting headquarters' CA: " + e.getMessage(), e);
        }
    }

    private static TrustManagerFactory trust(X509Certificate trustedCa) throws GeneralSecurityException, IOException {
        Objects.requireNonNull(trustedCa, "trustedCa");
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("hq-ca", trustedCa);
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(anchors);
        return trust;
    }

    private static char[] randomPassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + random.nextInt(26));
        }
        return password;
    }
}
