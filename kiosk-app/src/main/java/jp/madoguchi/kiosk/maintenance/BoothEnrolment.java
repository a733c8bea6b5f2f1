package jp.madoguchi.kiosk.maintenance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.security.auth.x500.X500Principal;
import jp.madoguchi.hqlink.client.BoothTlsContexts;
import jp.madoguchi.hqlink.client.HqClient;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.client.HqTransport;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import jp.madoguchi.hqlink.client.RetryPolicy;
import jp.madoguchi.hqlink.message.EnrolRequest;
import jp.madoguchi.hqlink.message.EnrolResponse;
import jp.madoguchi.hqlink.message.ErrorCodes;
import jp.madoguchi.kiosk.hq.BoothCredentials;
import jp.madoguchi.kiosk.hq.BoothCredentialsException;
import jp.madoguchi.kiosk.store.SettingKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrols this booth with headquarters ({@code POST /api/v1/enrol}, hq-link PROTOCOL.md "Enrolment"): makes the
 * booth's EC P-256 key pair and a PKCS#10 request for it here, sends it with the one-time code over TLS trusting
 * only headquarters' CA (the PEM file IT staff get with the code), and writes what {@link BoothCredentials} reads
 * ({@value BoothCredentials#KEY_FILE}, {@value BoothCredentials#CERT_FILE}, {@value BoothCredentials#CA_FILE},
 * {@value BoothCredentials#ID_FILE}) into the credentials directory.
 *
 * <p>The files are written into a new owner-only ({@code 0700}) directory beside the credentials directory, each
 * {@code 0600}, checked by loading them as the booth will, and only then moved into place: a failed enrolment leaves
 * what was there untouched. An existing enrolment is refused unless {@code replace}; replaced, it is moved to
 * {@code credentials.previous-<UTC time>} (kept: IT staff delete it once the new one works). The private key never
 * leaves this machine and is never logged; nor is the code. Blocking (the request, the key generation): call it off
 * the FX thread. Thread-safe (no state).
 */
public final class BoothEnrolment {
    private static final Logger log = LoggerFactory.getLogger(BoothEnrolment.class);
    /** How long the enrolment request may take, connecting included. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final DateTimeFormatter BACKUP_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** Why an enrolment did not happen; each with its explanation's bundle key. */
    public enum Problem {
        /** The code is not known at headquarters (mistyped, or for another headquarters). */
        CODE_UNKNOWN("maint.enrol.error.code_unknown"),
        /** The code was already used by a booth. */
        CODE_USED("maint.enrol.error.code_used"),
        /** The code has expired. */
        CODE_EXPIRED("maint.enrol.error.code_expired"),
        /** Headquarters refused the booth's certificate request. */
        BAD_CSR("maint.enrol.error.bad_csr"),
        /** Headquarters refused for another reason (the detail says which). */
        REFUSED("maint.enrol.error.refused"),
        /** Nothing answered at the server URL (or too late). */
        UNREACHABLE("maint.enrol.error.unreachable"),
        /** The TLS handshake failed: the server's certificate is not from the given CA, or TLS broke. */
        TLS("maint.enrol.error.tls"),
        /** Headquarters answered something this booth cannot read, or an error of its own. */
        BAD_ANSWER("maint.enrol.error.bad_answer"),
        /** The server URL is not usable (https, a host). */
        BAD_URL("maint.enrol.error.bad_url"),
        /** The code is empty. */
        NO_CODE("maint.enrol.error.no_code"),
        /** No CA file was given. */
        NO_CA("maint.enrol.error.no_ca"),
        /** The CA file is missing or holds no certificate. */
        BAD_CA("maint.enrol.error.bad_ca"),
        /** The booth is enrolled already and replacing was not asked for. */
        ALREADY_ENROLLED("maint.enrol.error.already_enrolled"),
        /** The files could not be written (or read back). */
        WRITE_FAILED("maint.enrol.error.write_failed");

        private final String key;

        Problem(String key) {
            this.key = key;
        }

        /** The bundle key of the explanation. */
        public String messageKey() {
            return key;
        }
    }

    /** An enrolment that did not happen: the problem, and a technical detail (never the code or the key). */
    public static final class EnrolmentException extends Exception {
        private static final long serialVersionUID = 1L;
        private final Problem problem;
        private final String detail;

        EnrolmentException(Problem problem, String detail, Throwable cause) {
            super(problem + (detail.isEmpty() ? "" : ": " + detail), cause);
            this.problem = problem;
            this.detail = detail;
        }

        public Problem problem() {
            return problem;
        }

        public String detail() {
            return detail;
        }

        /** The explanation in IT staff's language, with the detail after it. */
        public String describe(MaintenanceText text) {
            return text.text(problem.messageKey()) + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    /**
     * What to enrol with.
     *
     * @param server headquarters' URL, {@code https://…}
     * @param code the one-time enrolment code (a secret: wiped by the caller afterwards is not possible for a
     *        String; it is never logged)
     * @param boothName the booth's name; empty: the name headquarters gave the code
     * @param hqCaFile headquarters' CA certificate (PEM) that came with the code
     * @param credentialsDir where the booth's credentials go ({@code DATA_DIR/credentials})
     * @param replace replace an existing enrolment (kept as a backup)
     */
    public record Request(URI server, String code, String boothName, Path hqCaFile, Path credentialsDir,
                          boolean replace) {
        public Request {
            Objects.requireNonNull(credentialsDir, "credentialsDir");
            boothName = boothName == null ? "" : boothName.strip();
            code = code == null ? "" : code.strip();
        }

        @Override
        public String toString() {
            return "Request[server=" + server + ", code=***, boothName=" + boothName + ", hqCaFile=" + hqCaFile
                    + ", credentialsDir=" + credentialsDir + ", replace=" + replace + "]";
        }
    }

    /**
     * A finished enrolment.
     *
     * @param boothId the id headquarters gave the booth
     * @param boothName the name headquarters recorded (the one given, else the code's; from an older headquarters the
     *        one given, possibly empty)
     * @param credentialsDir where the files are
     * @param backup the replaced enrolment's files, if one was replaced
     */
    public record Enrolled(String boothId, String boothName, Path credentialsDir, Optional<Path> backup) {
    }

    private final Clock clock;

    public BoothEnrolment(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether {@code credentialsDir} holds an enrolment (any of the booth's credential files). */
    public static boolean isEnrolled(Path credentialsDir) {
        if (credentialsDir == null || !Files.isDirectory(credentialsDir)) {
            return false;
        }
        return Stream.of(BoothCredentials.KEY_FILE, BoothCredentials.CERT_FILE, BoothCredentials.ID_FILE)
                .anyMatch(name -> Files.exists(credentialsDir.resolve(name), LinkOption.NOFOLLOW_LINKS));
    }

    /** Checks the request, enrols and writes the files. */
    public Enrolled enrol(Request request) throws EnrolmentException {
        Objects.requireNonNull(request, "request");
        URI server = checkServer(request.server());
        if (request.code().isEmpty()) {
            throw new EnrolmentException(Problem.NO_CODE, "", null);
        }
        X509Certificate hqCa = readCa(request.hqCaFile());
        Path target = request.credentialsDir().toAbsolutePath().normalize();
        if (isEnrolled(target) && !request.replace()) {
            throw new EnrolmentException(Problem.ALREADY_ENROLLED, target.toString(), null);
        }
        KeyPair keys = newKeyPair();
        String csr = csr(keys);
        SSLContext tls = BoothTlsContexts.trustOnly(hqCa);
        HqClient client = new HqClient(HqTransport.builder(server, tls).retryPolicy(RetryPolicy.none())
                .connectTimeout(TIMEOUT).requestTimeout(TIMEOUT).build());
        EnrolResponse response;
        log.info("enrolling with {} (booth name '{}')", server, request.boothName());
        try {
            response = client.enrol(new EnrolRequest(request.code(), request.boothName(), csr));
        } catch (HqRejectedException e) {
            throw new EnrolmentException(rejection(e.errorCode()), "HTTP " + e.status() + " " + e.errorCode()
                    + (e.serverMessage().isEmpty() ? "" : ": " + e.serverMessage()), e);
        } catch (HqUnavailableException e) {
            Problem problem = switch (e.reason()) {
                case TLS_REFUSED -> Problem.TLS;
                case UNREACHABLE, TIMEOUT, INTERRUPTED -> Problem.UNREACHABLE;
                default -> Problem.BAD_ANSWER;
            };
            throw new EnrolmentException(problem, server + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // a malformed answer, e.g. a certificate field missing
            throw new EnrolmentException(Problem.BAD_ANSWER, server + ": " + e.getMessage(), e);
        }
        String caPem = response.hqCaCertificatePem() != null && !response.hqCaCertificatePem().isBlank()
                ? response.hqCaCertificatePem() : pem("CERTIFICATE", encoded(hqCa));
        Optional<Path> backup = install(target, keys, response, caPem);
        log.info("enrolled as booth {}{}", response.boothId(),
                backup.map(b -> "; the previous enrolment is kept in " + b).orElse(""));
        String name = response.boothName() != null && !response.boothName().isBlank() ? response.boothName()
                : request.boothName();
        return new Enrolled(response.boothId(), name, target, backup);
    }

    private static URI checkServer(URI server) throws EnrolmentException {
        if (server == null) {
            throw new EnrolmentException(Problem.BAD_URL, "", null);
        }
        String text = server.toString();
        Optional<String> problem = SettingKey.HQ_URL.validate(text);
        if (problem.isPresent() || !"https".equalsIgnoreCase(server.getScheme())) {
            throw new EnrolmentException(Problem.BAD_URL, text, null);
        }
        return server;
    }

    /** Reads headquarters' CA from a PEM (or DER) file. */
    static X509Certificate readCa(Path file) throws EnrolmentException {
        if (file == null) {
            throw new EnrolmentException(Problem.NO_CA, "", null);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new EnrolmentException(Problem.BAD_CA, file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(bytes));
            if (certificate == null) {
                throw new CertificateException("no certificate");
            }
            return certificate;
        } catch (CertificateException | ClassCastException e) {
            throw new EnrolmentException(Problem.BAD_CA, file + " holds no X.509 certificate (PEM)", e);
        }
    }

    private static Problem rejection(String errorCode) {
        return switch (errorCode) {
            case ErrorCodes.CODE_UNKNOWN -> Problem.CODE_UNKNOWN;
            case ErrorCodes.CODE_USED -> Problem.CODE_USED;
            case ErrorCodes.CODE_EXPIRED -> Problem.CODE_EXPIRED;
            case ErrorCodes.BAD_CSR -> Problem.BAD_CSR;
            default -> Problem.REFUSED;
        };
    }

    private static KeyPair newKeyPair() throws EnrolmentException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new EnrolmentException(Problem.WRITE_FAILED, "no EC P-256 key generator: " + e, e);
        }
    }

    private static String csr(KeyPair keys) throws EnrolmentException {
        try {
            Object request = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=madoguchi booth"),
                    keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(request);
            }
            return out.toString();
        } catch (OperatorCreationException | IOException e) {
            throw new EnrolmentException(Problem.WRITE_FAILED, "cannot sign the certificate request: " + e, e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Writes the new files beside the target, checks them, moves the old ones aside and the new ones in. */
    private Optional<Path> install(Path target, KeyPair keys, EnrolResponse response, String caPem)
            throws EnrolmentException {
        Path parent = target.getParent();
        Path staging = parent.resolve(target.getFileName() + ".new-" + BACKUP_TIME.format(clock.instant()));
        try {
            ownerOnlyDirectory(parent, false);
            deleteTree(staging);
            ownerOnlyDirectory(staging, true);
            byte[] keyDer = keys.getPrivate().getEncoded();
            try {
                writeOwnerOnly(staging.resolve(BoothCredentials.KEY_FILE), pem("PRIVATE KEY", keyDer));
            } finally {
                Arrays.fill(keyDer, (byte) 0);
            }
            writeOwnerOnly(staging.resolve(BoothCredentials.CERT_FILE), response.certificatePem());
            writeOwnerOnly(staging.resolve(BoothCredentials.CA_FILE), caPem);
            writeOwnerOnly(staging.resolve(BoothCredentials.ID_FILE), response.boothId() + "\n");
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new EnrolmentException(Problem.WRITE_FAILED, staging + ": " + e, e);
        }
        try {
            BoothCredentials.load(staging);
        } catch (BoothCredentialsException e) {
            deleteQuietly(staging);
            throw new EnrolmentException(Problem.BAD_ANSWER, "the certificate headquarters sent does not work: "
                    + e.getMessage(), e);
        }
        Optional<Path> backup = Optional.empty();
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Path aside = parent.resolve(target.getFileName() + ".previous-" + BACKUP_TIME.format(clock.instant()));
                move(target, aside);
                backup = Optional.of(aside);
            }
            try {
                move(staging, target);
            } catch (IOException e) {
                if (backup.isPresent()) {
                    move(backup.get(), target); // the old enrolment back in place
                }
                throw e;
            }
            ownerOnlyDirectory(target, false);
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new EnrolmentException(Problem.WRITE_FAILED, target + ": " + e, e);
        }
        return backup;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Makes the directory ({@code 0700}) if missing; {@code narrow}: also an existing one. */
    private static void ownerOnlyDirectory(Path directory, boolean narrow) throws IOException {
        boolean made = false;
        if (!Files.isDirectory(directory)) {
            if (posix()) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
            made = true;
        }
        if (posix() && (made || narrow || directory.getFileName().toString().startsWith("credentials"))) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Creates the file {@code 0600} from the start (never readable by others, not even for a moment), and syncs it. */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        try {
            if (posix()) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            if (posix()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static void deleteQuietly(Path directory) {
        try {
            deleteTree(directory);
        } catch (IOException e) {
            log.warn("could not remove {}: {}", directory, e.toString());
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(directory)) {
            paths = walk.sorted(java.util.Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
