package jp.madoguchi.kiosk.hq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.stream.Stream;
import jp.madoguchi.hqlink.client.HqClient;
import jp.madoguchi.hqlink.client.HqTransport;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import jp.madoguchi.hqlink.client.RetryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The booth directory hq-server's demo enrolment writes, read the way the booth reads it at start. */
class BoothCredentialsTest {
    private static DemoHeadquarters hq;

    @TempDir
    Path dir;
    private Path booth;

    @BeforeAll
    static void startHeadquarters() throws Exception {
        hq = DemoHeadquarters.start();
    }

    @AfterAll
    static void stopHeadquarters() {
        hq.close();
    }

    @BeforeEach
    void copyTheDemoBooth() throws Exception {
        booth = Files.createDirectories(dir.resolve("booth"));
        try (Stream<Path> files = Files.list(hq.boothDir())) {
            for (Path file : files.toList()) {
                Files.copy(file, booth.resolve(file.getFileName()));
            }
        }
        Files.setPosixFilePermissions(booth.resolve(BoothCredentials.KEY_FILE), PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void theEnrolledBoothTalksToHeadquartersOverMutualTls() throws Exception {
        BoothCredentials credentials = BoothCredentials.load(booth);
        assertEquals(Files.readString(booth.resolve(BoothCredentials.ID_FILE)).strip(), credentials.boothId());
        assertFalse(credentials.keyReadableByOthers());
        // cancelling an unknown call needs a device certificate headquarters accepts: 204
        new HqClient(HqTransport.builder(hq.url(), credentials.tls()).build()).cancelCall("no-such-call");
        String shown = credentials.toString();
        assertTrue(shown.contains(credentials.boothId()), shown);
        assertFalse(shown.contains("PRIVATE"), shown);
    }

    @Test
    void headquartersRefusesTheHandshakeOfACertificateItDidNotIssue() throws Exception {
        // the booth's own CA file replaced by another CA: the booth no longer trusts headquarters
        try (DemoHeadquarters elsewhere = DemoHeadquarters.start()) {
            Files.copy(elsewhere.boothDir().resolve(BoothCredentials.CA_FILE), booth.resolve(BoothCredentials.CA_FILE),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        BoothCredentials credentials = BoothCredentials.load(booth);
        HqUnavailableException refused = assertThrows(HqUnavailableException.class, () ->
                new HqClient(HqTransport.builder(hq.url(), credentials.tls()).retryPolicy(RetryPolicy.none()).build())
                        .cancelCall("no-such-call"));
        assertEquals(HqUnavailableException.Reason.TLS_REFUSED, refused.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {BoothCredentials.KEY_FILE, BoothCredentials.CERT_FILE, BoothCredentials.CA_FILE,
        BoothCredentials.ID_FILE})
    void aMissingFileIsNamedWithWhatToDo(String file) throws Exception {
        Files.delete(booth.resolve(file));
        BoothCredentialsException error = assertThrows(BoothCredentialsException.class, () -> BoothCredentials.load(booth));
        assertTrue(error.getMessage().contains(booth.resolve(file).toString()), error.getMessage());
        assertTrue(error.getMessage().contains("missing"), error.getMessage());
        assertTrue(error.getMessage().contains("enrol the booth"), error.getMessage());
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path nowhere = dir.resolve("nowhere");
        BoothCredentialsException error = assertThrows(BoothCredentialsException.class, () -> BoothCredentials.load(nowhere));
        assertTrue(error.getMessage().contains(nowhere.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("enrol the booth"), error.getMessage());
    }

    @Test
    void anUnreadableKeyFileIsNamed() throws Exception {
        Path key = booth.resolve(BoothCredentials.KEY_FILE);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("---------"));
        if (Files.isReadable(key)) {
            return; // running as root: every file is readable
        }
        BoothCredentialsException error = assertThrows(BoothCredentialsException.class, () -> BoothCredentials.load(booth));
        assertTrue(error.getMessage().contains(key + " (the booth's private key) cannot be read"), error.getMessage());
    }

    @Test
    void aCertificateFileWithoutACertificateIsNamed() throws Exception {
        Files.writeString(booth.resolve(BoothCredentials.CERT_FILE), "not a certificate\n");
        BoothCredentialsException error = assertThrows(BoothCredentialsException.class, () -> BoothCredentials.load(booth));
        assertTrue(error.getMessage().contains(BoothCredentials.CERT_FILE), error.getMessage());
        assertTrue(error.getMessage().contains("CERTIFICATE"), error.getMessage());
    }

    @Test
    void aKeyFromAnotherEnrolmentIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(booth.resolve(BoothCredentials.KEY_FILE), pem);
        BoothCredentialsException error = assertThrows(BoothCredentialsException.class, () -> BoothCredentials.load(booth));
        assertTrue(error.getMessage().contains("is not the key of"), error.getMessage());
        assertFalse(error.getMessage().contains("BEGIN"), "no key material in the message");
    }

    @Test
    void aKeyOthersCanReadIsFlaggedButStillLoads() throws Exception {
        Files.setPosixFilePermissions(booth.resolve(BoothCredentials.KEY_FILE), PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(BoothCredentials.load(booth).keyReadableByOthers());
        Files.setPosixFilePermissions(booth.resolve(BoothCredentials.KEY_FILE), PosixFilePermissions.fromString("rw-r-----"));
        assertTrue(BoothCredentials.load(booth).keyReadableByOthers(), "group-readable too");
    }

    @Test
    void aBoothIdThatIsNotAnIdIsRefused() throws Exception {
        Files.writeString(booth.resolve(BoothCredentials.ID_FILE), "booth one/../x\n");
        BoothCredentialsException error = assertThrows(BoothCredentialsException.class, () -> BoothCredentials.load(booth));
        assertTrue(error.getMessage().contains(BoothCredentials.ID_FILE), error.getMessage());
    }
}
