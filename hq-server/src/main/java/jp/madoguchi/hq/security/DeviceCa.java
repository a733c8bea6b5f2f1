package jp.madoguchi.hq.security;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Headquarters' own certificate authority for booth device certificates.
 *
 * <p>A booth enrols with a one-time code, sends a PKCS#10 request for a key it generated itself, and gets back
 * a client certificate ({@code CN=<boothId>, O=Madoguchi booths}, digitalSignature, clientAuth) issued here.
 * From then on the HTTPS server trusts exactly this CA for client authentication (see {@link TlsMaterial}).
 * Only headquarters decides what goes into a certificate: the subject and any extensions in the request are
 * ignored; only its public key is used, after its signature proves the booth holds the private key.
 *
 * <p><b>Key type: ECDSA P-256.</b> Every TLS stack the booths and clerk consoles use (JDK 17 JSSE, Chromium,
 * OpenSSL) supports it for client and server authentication in TLS 1.2 and 1.3; it gives ~128-bit security like
 * RSA-3072 at a fraction of the cost: key generation is instant instead of seconds on a 2-core machine, and a
 * signature (once per issued certificate, once per TLS handshake for the demo server certificate) is far
 * cheaper; certificates stay small. Booth keys may be EC P-256 or RSA ≥ 2048 (some Windows TPM/CNG key stores
 * only make RSA).
 *
 * <p><b>Files.</b> {@code device-ca.key.pem} (unencrypted PKCS#8, POSIX permissions 0600, written to a
 * temporary file in the same directory and atomically renamed) and {@code device-ca.cert.pem}. The key is
 * unencrypted because headquarters must start unattended; the directory must be protected like any server
 * key. If only one of the two files exists, {@link #loadOrCreate} refuses to continue rather than make a new
 * CA, since a new CA would silently lock out every enrolled booth.
 *
 * <p>Thread-safe: immutable after construction; issuing uses per-call builders and a thread-safe
 * {@link SecureRandom}. Two processes creating a CA in the same empty directory at the same moment is not
 * supported (headquarters runs once per directory).
 */
public final class DeviceCa {

    public static final String KEY_FILE = "device-ca.key.pem";
    public static final String CERT_FILE = "device-ca.cert.pem";
    /** The O= of every booth certificate. */
    public static final String BOOTH_ORGANISATION = "Madoguchi booths";

    static final Duration CA_VALIDITY = Duration.ofDays(20 * 365);
    /** Certificates start a little in the past so that a booth whose clock is slightly behind accepts them. */
    static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final Duration SERVER_VALIDITY = Duration.ofDays(397);
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final int MIN_RSA_BITS = 2048;
    private static final int MAX_RSA_BITS = 16384;
    private static final int MAX_CSR_CHARS = 64 * 1024;
    private static final Pattern BOOTH_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Signature algorithms a CSR may use: SHA-2 family only; SHA-1 and MD5 are refused. */
    private static final Set<ASN1ObjectIdentifier> CSR_SIGNATURE_ALGORITHMS = Set.of(
            PKCSObjectIdentifiers.sha256WithRSAEncryption, PKCSObjectIdentifiers.sha384WithRSAEncryption,
            PKCSObjectIdentifiers.sha512WithRSAEncryption, PKCSObjectIdentifiers.id_RSASSA_PSS,
            X9ObjectIdentifiers.ecdsa_with_SHA256, X9ObjectIdentifiers.ecdsa_with_SHA384,
            X9ObjectIdentifiers.ecdsa_with_SHA512);

    /** Used only to verify CSR signatures (it accepts every encoding BC parses); never registered globally. */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey privateKey;
    private final X509Certificate certificate;

    private DeviceCa(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = privateKey;
        this.certificate = certificate;
    }

    /**
     * The CA kept in {@code dir}: loaded if both files exist, created (with the directory) if neither does.
     *
     * @throws IOException if the files cannot be read or written, only one of them exists, or the key does
     *     not belong to the certificate
     */
    public static DeviceCa loadOrCreate(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Path keyFile = dir.resolve(KEY_FILE);
        Path certFile = dir.resolve(CERT_FILE);
        boolean haveKey = Files.exists(keyFile);
        boolean haveCert = Files.exists(certFile);
        if (haveKey && haveCert) {
            return load(keyFile, certFile);
        }
        if (haveKey || haveCert) {
            throw new IOException("device CA in " + dir + " is incomplete: " + (haveKey ? CERT_FILE : KEY_FILE)
                    + " is missing. Restore it from backup; making a new CA would lock out every enrolled booth.");
        }
        Files.createDirectories(dir);
        DeviceCa created = create();
        writeAtomically(keyFile, pem("PRIVATE KEY", created.privateKey.getEncoded()), true);
        try {
            writeAtomically(certFile, pem("CERTIFICATE", created.certificate.getEncoded()), false);
        } catch (CertificateException e) {
            throw new IOException("cannot encode the new CA certificate", e);
        }
        return created;
    }

    /** The CA certificate: the trust anchor booths get at enrolment and the server trusts for client auth. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA certificate in PEM, as sent to booths. */
    public String certificatePem() {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks a booth's PKCS#10 request and issues its client certificate.
     *
     * @param csrPem the request in PEM ({@code -----BEGIN CERTIFICATE REQUEST-----})
     * @param boothId the booth's identifier, which becomes the certificate's CN; letters, digits, {@code . _ -},
     *     at most 64 characters
     * @param validity how long the certificate is valid; cut to the CA's own expiry
     * @throws BadCsrException if the request is not a PEM PKCS#10 request, its signature does not verify, it is
     *     signed with SHA-1 or worse, or its key is neither EC P-256 nor RSA of at least 2048 bits
     */
    public IssuedDevice issueFromCsr(String csrPem, String boothId, Duration validity) throws BadCsrException {
        if (boothId == null || !BOOTH_ID.matcher(boothId).matches()) {
            throw new IllegalArgumentException("booth id must be 1-64 letters, digits, '.', '_' or '-'");
        }
        requirePositive(validity);
        PKCS10CertificationRequest csr = parseCsr(csrPem);
        SubjectPublicKeyInfo key = csr.getSubjectPublicKeyInfo();
        checkKey(key);
        checkSignature(csr);

        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, BOOTH_ORGANISATION)
                .addRDN(BCStyle.CN, boothId)
                .build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), randomSerial(),
                    Date.from(now.minus(BACKDATE)), Date.from(notAfter(now, validity)), subject, key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(certificate));
            X509Certificate issued = sign(builder);
            return new IssuedDevice(boothId, issued, pem("CERTIFICATE", issued.getEncoded()), issued.getSerialNumber(),
                    issued.getNotAfter().toInstant());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("issuing a booth certificate failed", e);
        }
    }

    /**
     * HQ's own TLS server certificate, issued by this CA, for demo and test mode (production puts a certificate
     * from the municipality's usual CA in front). Booths that trust the device CA then trust this server.
     *
     * @param dnsNames DNS subjectAltNames, e.g. {@code localhost}; the first one (or the first IP) is the CN
     * @param ips IP subjectAltNames, e.g. {@code 127.0.0.1}
     * @param keyPair the server's key pair (EC or RSA)
     */
    public X509Certificate serverCertificate(List<String> dnsNames, List<String> ips, KeyPair keyPair) {
        Objects.requireNonNull(keyPair, "keyPair");
        List<GeneralName> names = new ArrayList<>();
        for (String dns : List.copyOf(dnsNames)) {
            names.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (String ip : List.copyOf(ips)) {
            if (!ip.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
                throw new IllegalArgumentException("not an IP address literal: " + ip);
            }
            names.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one DNS name or IP address");
        }
        String commonName = !dnsNames.isEmpty() ? dnsNames.get(0) : ips.get(0);
        PublicKey publicKey = keyPair.getPublic();
        int keyUsage = KeyUsage.digitalSignature | ("RSA".equals(publicKey.getAlgorithm()) ? KeyUsage.keyEncipherment : 0);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, randomSerial(),
                    Date.from(now.minus(BACKDATE)), Date.from(notAfter(now, SERVER_VALIDITY)),
                    new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Madoguchi headquarters")
                            .addRDN(BCStyle.CN, commonName).build(),
                    publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(GeneralName[]::new)))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(publicKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(certificate));
            return sign(builder);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("issuing the server certificate failed", e);
        }
    }

    /** A fresh EC P-256 key pair, the kind this CA recommends for server and booth keys. */
    public static KeyPair newEcKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "DeviceCa[" + certificate.getSubjectX500Principal().getName() + "]";
    }

    // ---------------------------------------------------------------------------------------------------------

    private static DeviceCa create() {
        KeyPair keyPair = newEcKeyPair();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Madoguchi")
                .addRDN(BCStyle.CN, "Madoguchi device CA")
                .build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, randomSerial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), name, keyPair.getPublic())
                    // pathLen 0: this CA signs end-entity certificates only, never another CA.
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(keyPair.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new DeviceCa(keyPair.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("creating the device CA failed", e);
        }
    }

    private static DeviceCa load(Path keyFile, Path certFile) throws IOException {
        PrivateKey key;
        X509Certificate certificate;
        try {
            byte[] pkcs8 = unpem(Files.readString(keyFile, StandardCharsets.US_ASCII), "PRIVATE KEY");
            key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            java.util.Arrays.fill(pkcs8, (byte) 0);
            try (var in = Files.newInputStream(certFile)) {
                certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("device CA files in " + keyFile.getParent() + " cannot be read: " + e.getMessage(), e);
        }
        if (!(key instanceof ECPrivateKey) || !belongTogether(key, certificate.getPublicKey())) {
            throw new IOException(KEY_FILE + " does not belong to " + CERT_FILE + " in " + keyFile.getParent());
        }
        return new DeviceCa(key, certificate);
    }

    /** Whether the private key signs what the certificate's public key verifies. */
    private static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
        try {
            byte[] challenge = new byte[32];
            RANDOM.nextBytes(challenge);
            Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private X509Certificate sign(X509v3CertificateBuilder builder) throws CertificateException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(privateKey);
            X509CertificateHolder holder = builder.build(signer);
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (OperatorCreationException e) {
            throw new CertificateException(e);
        }
    }

    private Instant notAfter(Instant now, Duration validity) {
        Instant wanted = now.plus(validity);
        Instant caEnd = certificate.getNotAfter().toInstant();
        return wanted.isAfter(caEnd) ? caEnd : wanted;
    }

    private static PKCS10CertificationRequest parseCsr(String csrPem) throws BadCsrException {
        if (csrPem == null || csrPem.isBlank()) {
            throw new BadCsrException("the certificate request is empty");
        }
        if (csrPem.length() > MAX_CSR_CHARS) {
            throw new BadCsrException("the certificate request is too large (" + csrPem.length() + " characters)");
        }
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new BadCsrException("the certificate request is not valid PEM/DER: " + e.getClass().getSimpleName(), e);
        }
        if (parsed == null) {
            throw new BadCsrException("no PEM block found; expected -----BEGIN CERTIFICATE REQUEST-----");
        }
        if (!(parsed instanceof PKCS10CertificationRequest csr)) {
            throw new BadCsrException("the PEM block is not a PKCS#10 certificate request");
        }
        return csr;
    }

    private static void checkKey(SubjectPublicKeyInfo key) throws BadCsrException {
        AlgorithmIdentifier algorithm = key.getAlgorithm();
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            if (!SECObjectIdentifiers.secp256r1.equals(algorithm.getParameters())) {
                throw new BadCsrException("EC key on an unsupported curve; only P-256 (secp256r1) is accepted");
            }
            return;
        }
        if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
            int bits;
            try {
                bits = RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength();
            } catch (IOException | RuntimeException e) {
                throw new BadCsrException("the RSA public key in the request cannot be parsed", e);
            }
            if (bits < MIN_RSA_BITS) {
                throw new BadCsrException("RSA key of " + bits + " bits; at least " + MIN_RSA_BITS + " required");
            }
            if (bits > MAX_RSA_BITS) {
                throw new BadCsrException("RSA key of " + bits + " bits; at most " + MAX_RSA_BITS + " accepted");
            }
            return;
        }
        throw new BadCsrException("unsupported key algorithm " + oid + "; use EC P-256 or RSA (2048 bits or more)");
    }

    private static void checkSignature(PKCS10CertificationRequest csr) throws BadCsrException {
        ASN1ObjectIdentifier signatureAlgorithm = csr.getSignatureAlgorithm().getAlgorithm();
        if (!CSR_SIGNATURE_ALGORITHMS.contains(signatureAlgorithm)) {
            throw new BadCsrException("the request is signed with " + signatureAlgorithm
                    + "; a SHA-256 (or stronger) RSA or ECDSA signature is required");
        }
        boolean valid;
        try {
            valid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BC)
                    .build(csr.getSubjectPublicKeyInfo()));
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            throw new BadCsrException("the request's signature cannot be checked: " + e.getClass().getSimpleName(), e);
        }
        if (!valid) {
            throw new BadCsrException("the request's signature does not verify with its own public key "
                    + "(altered in transit, or not signed by the key it carries)");
        }
    }

    private static BigInteger randomSerial() {
        // 159 random bits, made non-zero: positive and within RFC 5280's 20-octet limit.
        return new BigInteger(159, RANDOM).setBit(0);
    }

    private static void requirePositive(Duration validity) {
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive");
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String text, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + type + " PEM block");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }

    private static void writeAtomically(Path target, String content, boolean secret) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp;
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--");
            temp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(permissions));
        } else {
            temp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        }
        try {
            Files.writeString(temp, content, StandardCharsets.US_ASCII);
            if (posix) { // createTempFile's attribute is masked by umask only downwards; make it exact.
                Files.setPosixFilePermissions(temp,
                        PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException(target + " appeared while creating the device CA; another process is creating it", e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

}
