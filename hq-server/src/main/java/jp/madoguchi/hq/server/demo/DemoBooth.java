package jp.madoguchi.hq.server.demo;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import javax.security.auth.x500.X500Principal;
import jp.madoguchi.hq.enrol.EnrolmentService;
import jp.madoguchi.hq.security.DeviceCa;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Demo mode's booth, enrolled once through the same enrolment a real booth uses (a one-time code
 * and a CSR for a key made here), with its key, certificate and headquarters' CA written to
 * {@code DATA_DIR/demo/booth/} for a demo booth (or {@code curl --cert/--key}) to use.
 */
public final class DemoBooth {
    public static final String KEY_FILE = "booth.key.pem";
    public static final String CERT_FILE = "booth.cert.pem";
    public static final String CA_FILE = "hq-ca.pem";
    public static final String ID_FILE = "booth-id";

    private DemoBooth() {
    }

    /** The demo booth's directory, enrolling it first if it has no certificate yet. */
    public static Path ensure(Path demoDir, EnrolmentService enrolment, DeviceCa ca) throws IOException {
        Path dir = Files.createDirectories(demoDir.resolve("booth"));
        if (Files.exists(dir.resolve(CERT_FILE)) && Files.exists(dir.resolve(KEY_FILE))) {
            return dir;
        }
        KeyPair keys = DeviceCa.newEcKeyPair();
        String code = enrolment.issueCode("demo booth", DemoSetup.DEMO_BOOTH_LOCATION, Duration.ofMinutes(5), "demo").code();
        EnrolmentService.Result result = enrolment.enrol(code, "デモブース", csr(keys));
        if (!(result instanceof EnrolmentService.Result.Enrolled enrolled)) {
            throw new IOException("the demo booth could not enrol: " + result);
        }
        Path key = dir.resolve(KEY_FILE);
        // PKCS#8 ("PRIVATE KEY"), which names its curve: what OpenSSL, curl and Java all read
        Files.writeString(key, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keys.getPrivate(), null)),
                StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not POSIX: the data directory's permissions protect it
        }
        Files.writeString(dir.resolve(CERT_FILE), enrolled.response().certificatePem(), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(CA_FILE), ca.certificatePem(), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(ID_FILE), enrolled.response().boothId() + "\n", StandardCharsets.US_ASCII);
        return dir;
    }

    private static String csr(KeyPair keys) throws IOException {
        try {
            return pem(new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=demo booth"), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new IOException("cannot sign the demo booth's CSR", e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
