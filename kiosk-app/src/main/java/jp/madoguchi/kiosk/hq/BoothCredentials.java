package jp.madoguchi.kiosk.hq;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import jp.madoguchi.hqlink.client.BoothTlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The booth's identity towards headquarters, as enrolment leaves it in the booth's directory: its private
 * key ({@value #KEY_FILE}, PKCS#8 PEM), its device certificate ({@value #CERT_FILE}), headquarters' CA
 * ({@value #CA_FILE}) and its id ({@value #ID_FILE}); the same four files hq-server's demo enrolment writes
 * ({@code DATA_DIR/demo/booth/}). {@link #tls()} is mutual TLS trusting only that CA.
 *
 * <p>{@link #toString()} names the booth and never the key.
 */
public final class BoothCredentials {
    private static final Logger log = LoggerFactory.getLogger(BoothCredentials.class);

    public static final String KEY_FILE = "booth.key.pem";
    public static final String CERT_FILE = "booth.cert.pem";
    public static final String CA_FILE = "hq-ca.pem";
    public static final String ID_FILE = "booth-id";

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");
    private static final Pattern BOOTH_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String WHAT_TO_DO = "enrol the booth (maintenance screen, with an enrolment code from"
            + " headquarters) or restore the booth directory from its backup";

    private final String boothId;
    private final SSLContext tls;
    private final X509Certificate certificate;
    private final X509Certificate headquartersCa;
    private final boolean keyReadableByOthers;

    private BoothCredentials(String boothId, SSLContext tls, X509Certificate certificate,
                             X509Certificate headquartersCa, boolean keyReadableByOthers) {
        this.boothId = boothId;
        this.tls = tls;
        this.certificate = certificate;
        this.headquartersCa = headquartersCa;
        this.keyReadableByOthers = keyReadableByOthers;
    }

    /**
     * Reads the four files from {@code boothDir}.
     *
     * @throws BoothCredentialsException naming the file that is missing or unreadable and what to do
     */
    public static BoothCredentials load(Path boothDir) {
        Objects.requireNonNull(boothDir, "boothDir");
        if (!Files.isDirectory(boothDir)) {
            throw new BoothCredentialsException("the booth directory " + boothDir + " does not exist: " + WHAT_TO_DO);
        }
        Path keyFile = boothDir.resolve(KEY_FILE);
        String boothId = readBoothId(boothDir.resolve(ID_FILE));
        X509Certificate certificate = readCertificate(boothDir.resolve(CERT_FILE), "the booth's certificate");
        X509Certificate ca = readCertificate(boothDir.resolve(CA_FILE), "headquarters' CA certificate");
        boolean exposed = keyReadableByOthers(keyFile);
        PrivateKey key = readPrivateKey(keyFile);
        if (!Arrays.equals(publicKeyOf(key, certificate), certificate.getPublicKey().getEncoded())) {
            throw new BoothCredentialsException(keyFile + " is not the key of " + boothDir.resolve(CERT_FILE)
                    + " (the files come from different enrolments): " + WHAT_TO_DO);
        }
        SSLContext tls;
        try {
            tls = BoothTlsContexts.from(key, certificate, ca);
        } catch (IllegalArgumentException e) {
            throw new BoothCredentialsException("the booth's key and certificate in " + boothDir
                    + " do not make a TLS identity (" + e.getMessage() + "): " + WHAT_TO_DO, e);
        }
        log.info("booth credentials loaded: booth {}, certificate valid until {}", boothId, certificate.getNotAfter());
        return new BoothCredentials(boothId, tls, certificate, ca, exposed);
    }

    /** The id headquarters gave this booth at enrolment (also in its certificate). */
    public String boothId() {
        return boothId;
    }

    /** Mutual TLS with the booth's certificate, trusting only headquarters' CA. */
    public SSLContext tls() {
        return tls;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public X509Certificate headquartersCa() {
        return headquartersCa;
    }

    /** The key file could be read by the file's group or by others when it was loaded (a warning was logged). */
    public boolean keyReadableByOthers() {
        return keyReadableByOthers;
    }

    @Override
    public String toString() {
        return "BoothCredentials[boothId=" + boothId + ", certificate=" + certificate.getSubjectX500Principal()
                + ", key=***]";
    }

    private static String readBoothId(Path file) {
        String id = readText(file, "the booth's id").strip();
        if (!BOOTH_ID.matcher(id).matches()) {
            throw new BoothCredentialsException(file + " does not hold a booth id (1 to 64 letters, digits, '.', '_'"
                    + " or '-'): " + WHAT_TO_DO);
        }
        return id;
    }

    private static X509Certificate readCertificate(Path file, String what) {
        byte[] der = pem(file, what, "CERTIFICATE");
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new BoothCredentialsException(file + " (" + what + ") is not a readable X.509 certificate: "
                    + WHAT_TO_DO, e);
        }
    }

    private static PrivateKey readPrivateKey(Path file) {
        byte[] der = pem(file, "the booth's private key", "PRIVATE KEY");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        try {
            List<GeneralSecurityException> failures = new ArrayList<>();
            for (String algorithm : List.of("EC", "RSA")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(spec);
                } catch (GeneralSecurityException e) {
                    failures.add(e);
                }
            }
            throw failures.get(0);
        } catch (GeneralSecurityException e) {
            throw new BoothCredentialsException(file + " is not an EC or RSA private key in PKCS#8 PEM"
                    + " (\"BEGIN PRIVATE KEY\"): " + WHAT_TO_DO, e);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    /** The DER of the first PEM block of {@code type} in {@code file}. */
    private static byte[] pem(Path file, String what, String type) {
        String text = readText(file, what);
        Matcher matcher = PEM.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).equals(type)) {
                try {
                    return Base64.getMimeDecoder().decode(matcher.group(2));
                } catch (IllegalArgumentException e) {
                    break;
                }
            }
        }
        throw new BoothCredentialsException(file + " (" + what + ") holds no PEM \"" + type + "\" block: "
                + WHAT_TO_DO);
    }

    private static String readText(Path file, String what) {
        if (!Files.exists(file)) {
            throw new BoothCredentialsException(file + " (" + what + ") is missing: " + WHAT_TO_DO);
        }
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new BoothCredentialsException(file + " (" + what + ") cannot be read (" + e.getClass().getSimpleName()
                    + "); check that the booth's user may read it, or " + WHAT_TO_DO, e);
        }
    }

    private static boolean keyReadableByOthers(Path keyFile) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
            boolean exposed = permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ);
            if (exposed) {
                log.warn("the booth's private key {} can be read by other users of this machine; make it readable by"
                        + " the booth's user only (chmod 600)", keyFile);
            }
            return exposed;
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system (or missing: reported when it is read)
            return false;
        }
    }

    /** The public key matching {@code key}, encoded, by signing and verifying a probe with the certificate. */
    private static byte[] publicKeyOf(PrivateKey key, X509Certificate certificate) {
        try {
            String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            java.security.Signature signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(key);
            byte[] probe = "madoguchi booth key check".getBytes(StandardCharsets.US_ASCII);
            signer.update(probe);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature) ? certificate.getPublicKey().getEncoded() : new byte[0];
        } catch (GeneralSecurityException e) {
            return new byte[0];
        }
    }
}
