package jp.madoguchi.hq.server.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Demo-mode TLS material, made once under {@code DATA_DIR/demo-tls/} and reused afterwards: a
 * self-made device CA (which also signs the server certificate), a server certificate for
 * {@code localhost}, {@code 127.0.0.1} and {@code ::1}, the key and trust stores the server loads,
 * their password files, the CA as PEM for {@code curl --cacert} and booths, and a random Jitsi app
 * secret. For demonstrations only: the real device CA ({@code jp.madoguchi.hq.security}) replaces
 * this. Not thread-safe across processes sharing one data directory.
 */
public final class DemoTls {
    /** What {@link #ensure} made or found; all paths absolute. */
    public record Material(Path directory, Path caPem, Path caKeystore, Path caPasswordFile, Path serverKeystore,
            Path serverPasswordFile, Path truststore, Path truststorePasswordFile, Path jitsiSecretFile) {
        private List<Path> files() {
            return List.of(caPem, caKeystore, caPasswordFile, serverKeystore, serverPasswordFile, truststore,
                    truststorePasswordFile, jitsiSecretFile);
        }
    }

    public static final String CA_ALIAS = "device-ca";
    public static final String SERVER_ALIAS = "server";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoTls() {
    }

    /** Finds the demo material under {@code dataDir}, or makes all of it afresh if any part is missing. */
    public static Material ensure(Path dataDir) {
        Path directory = dataDir.toAbsolutePath().normalize().resolve("demo-tls");
        Material material = new Material(directory, directory.resolve("device-ca.pem"),
                directory.resolve("device-ca.p12"), directory.resolve("device-ca.password"),
                directory.resolve("server.p12"), directory.resolve("server.password"),
                directory.resolve("truststore.p12"), directory.resolve("truststore.password"),
                directory.resolve("jitsi-secret"));
        if (material.files().stream().allMatch(Files::isRegularFile)) {
            return material;
        }
        try {
            Files.createDirectories(directory);
            generate(material);
            return material;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write demo TLS material under " + directory, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate demo TLS material: " + e.getMessage(), e);
        }
    }

    private static void generate(Material material)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        Instant now = Instant.now();
        KeyPair caKeys = ecKeyPair();
        X500Principal caName = new X500Principal("CN=Madoguchi demo device CA, O=Madoguchi demo");
        X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(3650))), caName,
                caKeys.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        ca.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
        X509Certificate caCertificate = sign(ca, caKeys);

        KeyPair serverKeys = ecKeyPair();
        X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(caCertificate, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(825))),
                new X500Principal("CN=localhost, O=Madoguchi demo"), serverKeys.getPublic());
        server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        server.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        server.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        server.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1")}));
        server.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(caCertificate));
        X509Certificate serverCertificate = sign(server, caKeys);

        char[] caPassword = writePassword(material.caPasswordFile());
        char[] serverPassword = writePassword(material.serverPasswordFile());
        char[] trustPassword = writePassword(material.truststorePasswordFile());
        try {
            KeyStore caStore = KeyStore.getInstance("PKCS12");
            caStore.load(null, null);
            caStore.setKeyEntry(CA_ALIAS, caKeys.getPrivate(), caPassword, new Certificate[] {caCertificate});
            store(caStore, caPassword, material.caKeystore());

            KeyStore serverStore = KeyStore.getInstance("PKCS12");
            serverStore.load(null, null);
            serverStore.setKeyEntry(SERVER_ALIAS, serverKeys.getPrivate(), serverPassword,
                    new Certificate[] {serverCertificate, caCertificate});
            store(serverStore, serverPassword, material.serverKeystore());

            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry(CA_ALIAS, caCertificate);
            store(trustStore, trustPassword, material.truststore());
        } finally {
            Arrays.fill(caPassword, '\0');
            Arrays.fill(serverPassword, '\0');
            Arrays.fill(trustPassword, '\0');
        }
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(caCertificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        writeAtomically(material.caPem(), pem.getBytes(StandardCharsets.US_ASCII), false);
        byte[] jitsiSecret = new byte[48];
        RANDOM.nextBytes(jitsiSecret);
        writeAtomically(material.jitsiSecretFile(),
                Base64.getUrlEncoder().withoutPadding().encode(jitsiSecret), true);
        Arrays.fill(jitsiSecret, (byte) 0);
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(96, RANDOM).setBit(95);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }

    private static char[] writePassword(Path file) throws IOException {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        byte[] text = Base64.getUrlEncoder().withoutPadding().encode(random);
        Arrays.fill(random, (byte) 0);
        try {
            writeAtomically(file, text, true);
            char[] password = new char[text.length];
            for (int i = 0; i < text.length; i++) {
                password[i] = (char) text[i];
            }
            return password;
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }

    private static void store(KeyStore keyStore, char[] password, Path file) throws IOException, GeneralSecurityException {
        Path temporary = temporaryBeside(file, true);
        try (OutputStream out = Files.newOutputStream(temporary)) {
            keyStore.store(out, password);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeAtomically(Path file, byte[] content, boolean secret) throws IOException {
        Path temporary = temporaryBeside(file, secret);
        Files.write(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A new file next to {@code file}, readable by the owner only when it will hold a secret. */
    private static Path temporaryBeside(Path file, boolean secret) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(temporary);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process is writing " + file, e);
        }
        return temporary;
    }
}
