package jp.madoguchi.hq.server;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jp.madoguchi.hq.config.HqConfig;
import jp.madoguchi.hq.config.HqConfigException;

/**
 * The server's TLS identity (its key and certificate chain) and the device CA that booth client
 * certificates must chain to, as one {@link SSLContext}. The trust store should hold the device CA
 * only: whatever it trusts can act as a booth. Immutable and thread-safe.
 */
public final class ServerTls {
    private final SSLContext sslContext;

    private ServerTls(SSLContext sslContext) {
        this.sslContext = sslContext;
    }

    /**
     * From key stores held in memory.
     *
     * @param keyStore    the server's private key and certificate chain (one key entry)
     * @param keyPassword the key entry's password; copied, the caller may wipe it
     * @param trustStore  the device CA certificate(s)
     */
    public static ServerTls fromKeyStores(KeyStore keyStore, char[] keyPassword, KeyStore trustStore) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, keyPassword);
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return new ServerTls(context);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot build the server's TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * From an {@link SSLContext} someone else built (its key managers give the server certificate,
     * its trust managers must trust only the device CA).
     */
    public static ServerTls fromSslContext(SSLContext sslContext) {
        return new ServerTls(sslContext);
    }

    /** From the key and trust store files named in the configuration. Errors name the key at fault. */
    public static ServerTls fromConfig(HqConfig config) {
        char[] keyPassword = config.tlsKeystorePassword().chars();
        char[] trustPassword = config.tlsTruststorePassword().map(s -> s.chars()).orElse(null);
        try {
            KeyStore keyStore = load(config.tlsKeystore(), keyPassword, HqConfig.TLS_KEYSTORE);
            KeyStore trustStore = load(config.tlsTruststore(), trustPassword, HqConfig.TLS_TRUSTSTORE);
            try {
                if (trustStore.size() == 0) {
                    throw new HqConfigException(HqConfig.TLS_TRUSTSTORE, "holds no certificate: " + config.tlsTruststore());
                }
            } catch (java.security.KeyStoreException e) {
                throw new HqConfigException(HqConfig.TLS_TRUSTSTORE, "unusable: " + e.getMessage());
            }
            try {
                return fromKeyStores(keyStore, keyPassword, trustStore);
            } catch (IllegalArgumentException e) {
                throw new HqConfigException(HqConfig.TLS_KEYSTORE, e.getMessage());
            }
        } finally {
            Arrays.fill(keyPassword, '\0');
            if (trustPassword != null) {
                Arrays.fill(trustPassword, '\0');
            }
        }
    }

    private static KeyStore load(Path file, char[] password, String key) {
        try {
            return KeyStore.getInstance(file.toFile(), password);
        } catch (IOException | GeneralSecurityException e) {
            // IOException here is most often a wrong password (PKCS#12 MAC check): say so without echoing anything
            throw new HqConfigException(key, "cannot open key store " + file + " (wrong password or not PKCS#12/JKS): "
                    + e.getClass().getSimpleName());
        }
    }

    public SSLContext sslContext() {
        return sslContext;
    }
}
