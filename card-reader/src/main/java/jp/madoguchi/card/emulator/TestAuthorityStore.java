package jp.madoguchi.card.emulator;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * The test authority on disk: PEM certificates, PKCS#8 PEM keys (owner-only where the file system
 * has POSIX permissions) and a text list of revoked serials. Keys are named {@code *.key}, not
 * {@code *.pem}, so pointing a verifier's trust directory here by mistake can never read a key as
 * a root. Every file is written to a temporary file and moved into place, so a crash never leaves
 * half a key.
 */
final class TestAuthorityStore {
    static final String SIGNATURE_CA_CERT = "signature-ca.pem";
    static final String SIGNATURE_CA_KEY = "signature-ca.key";
    static final String AUTHENTICATION_CA_CERT = "authentication-ca.pem";
    static final String AUTHENTICATION_CA_KEY = "authentication-ca.key";
    static final String INTEGRITY_ISSUER_KEY = "integrity-issuer.key";
    static final String REVOKED = "revoked.txt";

    static final String SIGNATURE_LABEL = "signature";
    static final String AUTHENTICATION_LABEL = "authentication";

    private static final List<String> REQUIRED = List.of(
            SIGNATURE_CA_CERT, SIGNATURE_CA_KEY, AUTHENTICATION_CA_CERT, AUTHENTICATION_CA_KEY, INTEGRITY_ISSUER_KEY);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private TestAuthorityStore() {
    }

    /** Which of the required files are present: all (load), none (create), or some (refuse). */
    static List<String> presentFiles(Path dir) {
        List<String> present = new ArrayList<>();
        for (String name : REQUIRED) {
            if (Files.exists(dir.resolve(name))) {
                present.add(name);
            }
        }
        return present;
    }

    static boolean isComplete(List<String> present) {
        return present.size() == REQUIRED.size();
    }

    static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
        writePublic(file, pem(certificate).getBytes(StandardCharsets.US_ASCII));
    }

    static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        writeSecret(file, pem(new JcaPKCS8Generator(key, null).generate()).getBytes(StandardCharsets.US_ASCII));
    }

    static X509Certificate readCertificate(Path file) throws IOException {
        Object object = readPem(file);
        if (!(object instanceof X509CertificateHolder holder)) {
            throw new IOException(file + " does not hold a PEM certificate");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new IOException(file + " holds an unreadable certificate", e);
        }
    }

    static PrivateKey readPrivateKey(Path file) throws IOException {
        Object object = readPem(file);
        if (!(object instanceof PrivateKeyInfo info)) {
            throw new IOException(file + " does not hold a PKCS#8 PEM private key");
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (PEMException e) {
            throw new IOException(file + " holds an unreadable private key", e);
        }
    }

    private static Object readPem(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            if (object == null) {
                throw new IOException(file + " holds no PEM object");
            }
            return object;
        }
    }

    /** One line per revoked certificate: {@code <ca label> <serial hex> <ISO-8601 instant>}. */
    static void writeRevoked(Path file, Map<String, Map<BigInteger, Instant>> revokedByCa) throws IOException {
        StringBuilder text = new StringBuilder("# test authority revocations: ca serial(hex) revoked-at\n");
        revokedByCa.forEach((label, entries) -> entries.forEach((serial, when) -> text
                .append(label).append(' ').append(serial.toString(16)).append(' ').append(when).append('\n')));
        writePublic(file, text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    interface RevocationSink {
        void revoked(String caLabel, BigInteger serial, Instant when) throws IOException;
    }

    static void readRevoked(Path file, RevocationSink sink) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            try {
                if (fields.length != 3) {
                    throw new IllegalArgumentException("expected 3 fields");
                }
                sink.revoked(fields[0], new BigInteger(fields[1], 16), Instant.parse(fields[2]));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new IOException(file + " line " + lineNumber + " is not '<ca> <serial hex> <instant>'", e);
            }
        }
    }

    static void writePublic(Path file, byte[] content) throws IOException {
        write(file, content, WORLD_READABLE);
    }

    static void writeSecret(Path file, byte[] content) throws IOException {
        write(file, content, OWNER_ONLY);
    }

    /**
     * Writes through a temporary file in the same directory. {@link Files#createTempFile} already
     * creates it owner-only on POSIX systems, so a key is never readable by others, not even for
     * the moment before the permissions are set.
     */
    private static void write(Path file, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            if (Files.getFileAttributeView(tmp, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(tmp, permissions);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
