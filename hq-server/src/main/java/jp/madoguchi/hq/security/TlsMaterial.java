package jp.madoguchi.hq.security;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Key stores and {@link SSLContext}s for mutual TLS between booths and headquarters, built in memory from keys
 * and certificates (nothing is written to disk here).
 *
 * <p>The server's trust store holds <em>only</em> the device CA: a certificate from any other CA, including the
 * JDK's public roots, cannot authenticate a booth. The server's trust manager additionally asks
 * {@link BoothRevocations} about the client certificate's serial in every full handshake, so a revoked booth
 * cannot open a new TLS session. A resumed TLS session skips certificate checks by design, so the HTTP layer
 * must also ask {@link BoothRevocations} per request (as that interface says) — or the server can disable
 * session resumption.
 *
 * <p>Client authentication is <em>required</em> through {@link #requireClientAuth(SSLParameters)} /
 * {@link #serverParameters(SSLContext)}: an {@link SSLContext} alone cannot demand it.
 *
 * <p>Thread-safe: static methods; the returned contexts are thread-safe as JSSE documents.
 */
public final class TlsMaterial {

    /** Protocols offered on both sides: TLS 1.3, and 1.2 for older clerk machines. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * In-memory key stores still need a password for the key entry. It protects nothing (the store never
     * leaves memory), so it is not a secret.
     */
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();
    private static final String KEY_ALIAS = "key";

    private TlsMaterial() {
    }

    /** A PKCS#12 key store in memory holding {@code key} with its certificate {@code chain} (leaf first). */
    public static KeyStore keyStore(PrivateKey key, List<X509Certificate> chain) {
        Objects.requireNonNull(key, "key");
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("a key needs its certificate chain, leaf first");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(KEY_ALIAS, key, IN_MEMORY_PASSWORD, chain.toArray(X509Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an in-memory key store", e);
        }
    }

    /** A trust store containing exactly {@code anchors}. */
    public static KeyStore trustStore(X509Certificate... anchors) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < anchors.length; i++) {
                store.setCertificateEntry("anchor-" + i, Objects.requireNonNull(anchors[i], "anchor"));
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an in-memory trust store", e);
        }
    }

    /**
     * Headquarters' server context: presents {@code key}/{@code chain}, trusts only {@code deviceCa} for client
     * certificates, and refuses a client whose certificate serial {@code revocations} reports revoked.
     * Combine with {@link #serverParameters(SSLContext)} to require a client certificate.
     */
    public static SSLContext serverContext(PrivateKey key, List<X509Certificate> chain, X509Certificate deviceCa,
            BoothRevocations revocations) {
        Objects.requireNonNull(revocations, "revocations");
        X509ExtendedTrustManager trust = new RevocationCheckingTrustManager(defaultTrustManager(trustStore(deviceCa)),
                revocations);
        return context(keyStore(key, chain), new TrustManager[] {trust});
    }

    /**
     * A booth's (or test client's) context: presents its device certificate and trusts only
     * {@code serverTrustAnchor} for the server (the device CA in demo mode, the production server's CA otherwise).
     */
    public static SSLContext clientContext(PrivateKey key, List<X509Certificate> chain, X509Certificate serverTrustAnchor) {
        return context(keyStore(key, chain), new TrustManager[] {defaultTrustManager(trustStore(serverTrustAnchor))});
    }

    /** The server context's default parameters with TLS 1.3/1.2 only and a client certificate required. */
    public static SSLParameters serverParameters(SSLContext serverContext) {
        return requireClientAuth(serverContext.getDefaultSSLParameters());
    }

    /** Restricts {@code parameters} to {@link #PROTOCOLS} and requires a client certificate; returns it. */
    public static SSLParameters requireClientAuth(SSLParameters parameters) {
        parameters.setProtocols(PROTOCOLS.toArray(String[]::new));
        parameters.setNeedClientAuth(true);
        return parameters;
    }

    private static SSLContext context(KeyStore keyStore, TrustManager[] trustManagers) {
        try {
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, IN_MEMORY_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context", e);
        }
    }

    private static X509ExtendedTrustManager defaultTrustManager(KeyStore trustStore) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust manager", e);
        }
    }

    /**
     * PKIX validation against the device CA (done by the JDK's manager, including the clientAuth EKU check), then
     * the revocation question. Server-side use only.
     */
    private static final class RevocationCheckingTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private final BoothRevocations revocations;

        RevocationCheckingTrustManager(X509ExtendedTrustManager delegate, BoothRevocations revocations) {
            this.delegate = delegate;
            this.revocations = revocations;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
            refuseRevoked(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
            refuseRevoked(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
            refuseRevoked(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }

        private void refuseRevoked(X509Certificate[] chain) throws CertificateException {
            if (revocations.isRevoked(chain[0].getSerialNumber())) {
                throw new CertificateException("booth certificate " + chain[0].getSerialNumber().toString(16) + " is revoked");
            }
        }
    }
}
