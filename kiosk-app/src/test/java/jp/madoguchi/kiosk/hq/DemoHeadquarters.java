package jp.madoguchi.kiosk.hq;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.hq.HqApplication;
import jp.madoguchi.hq.server.HqMain;
import jp.madoguchi.hq.server.demo.DemoSetup;
import jp.madoguchi.hqlink.client.BoothTlsContexts;
import jp.madoguchi.hqlink.client.ClerkClient;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.client.HqTransport;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import jp.madoguchi.hqlink.client.RetryPolicy;

/**
 * A real headquarters in demo mode, in this JVM, for the booth's tests: {@code hq-server --demo} started through
 * {@link HqMain#launch} exactly as the jar starts it, on a free port of 127.0.0.1, with a temporary data directory
 * and a card-emulator test authority of its own ({@link #authority()}), so applications signed by an emulated
 * card ({@link SignedSubmissions}) verify. Demo mode enrols a demo booth ({@link #boothDir()}, read with
 * {@link BoothCredentials#load}) and creates the demo clerk ({@link #clerk()}).
 *
 * <p>{@link #stop()} makes headquarters unreachable; {@link #restart()} brings it back on the same port with the
 * same data (database, device CA, demo booth), as a real outage would. {@link #close()} stops it and deletes the
 * directory. Not thread-safe: one test drives it.
 *
 * <pre>{@code
 * try (DemoHeadquarters hq = DemoHeadquarters.start()) {
 *     HqLinkService link = HqLinkService.create(hq.url(), hq.boothCredentials(), outbox, audit, settings, clock);
 *     ClerkClient clerk = hq.clerk();   // logged in as demo / madoguchi-demo
 * }
 * }</pre>
 */
public final class DemoHeadquarters implements AutoCloseable {
    private final Path dataDir;
    private final Path authorityDir;
    private final TestAuthority authority;
    private final int port;
    private final String jitsiDomain;
    private final StringWriter banner = new StringWriter();
    private HqApplication running;

    private DemoHeadquarters(Path dataDir, int port, String jitsiDomain) throws IOException {
        this.dataDir = dataDir;
        this.port = port;
        this.jitsiDomain = jitsiDomain;
        this.authorityDir = dataDir.resolve("test-authority");
        // made before headquarters starts, so HQ trusts exactly the authority the emulated cards are issued by
        this.authority = TestAuthority.loadOrCreate(authorityDir);
    }

    /**
     * Starts headquarters on a free 127.0.0.1 port with a new temporary data directory; its calls name demo mode's
     * meeting domain, {@code localhost}.
     */
    public static DemoHeadquarters start() throws IOException {
        return start(null);
    }

    /**
     * As {@link #start()}, with the meeting domain headquarters names in {@code call_answered} frames and tokens,
     * e.g. {@code 127.0.0.1:PORT} of video-session's {@code LoopbackMeet} for a full journey with video
     * ({@code JoinRequest.forDomain} joins a loopback domain over http).
     */
    public static DemoHeadquarters start(String jitsiDomain) throws IOException {
        Path dir = Files.createTempDirectory("madoguchi-demo-hq-");
        DemoHeadquarters hq = new DemoHeadquarters(dir, freePort(), jitsiDomain);
        try {
            hq.launch();
        } catch (IOException | RuntimeException e) {
            hq.deleteDir();
            throw e;
        }
        return hq;
    }

    private void launch() throws IOException {
        // after a stop the port may take a moment to be free again (a busy machine): try for up to 20 s
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                launchOnce();
                return;
            } catch (IOException | RuntimeException e) {
                if (System.nanoTime() > deadline || !portInUse(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean portInUse(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    private void launchOnce() throws IOException {
        running = HqMain.launch(new String[] {"--demo", "--port", Integer.toString(port),
            "--data-dir", dataDir.toString(), "--test-authority", authorityDir.toString()},
                jitsiDomain == null ? Map.of() : Map.of("MADOGUCHI_HQ_JITSI_DOMAIN", jitsiDomain),
                new PrintWriter(banner, true));
    }

    /** Headquarters' base URL, {@code https://127.0.0.1:PORT}. */
    public URI url() {
        return URI.create("https://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** The meeting domain headquarters sends to booths and clerks ({@code localhost} unless started with one). */
    public String jitsiDomain() {
        return jitsiDomain == null ? "localhost" : jitsiDomain;
    }

    /**
     * The meeting deployment's app secret demo mode made (its {@code jitsi-secret} file, as {@code video-session meet
     * --app-secret-file} reads it), to start a {@code LoopbackMeet} that checks headquarters' room tokens.
     */
    public byte[] jitsiAppSecret() throws IOException {
        return Files.readString(dataDir.resolve("demo").resolve("jitsi-secret"), java.nio.charset.StandardCharsets.UTF_8)
                .strip().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The demo booth's directory: booth.key.pem, booth.cert.pem, hq-ca.pem, booth-id. */
    public Path boothDir() {
        return dataDir.resolve("demo").resolve("booth");
    }

    public BoothCredentials boothCredentials() {
        return BoothCredentials.load(boothDir());
    }

    /** The test authority headquarters trusts; issue emulated cards from it. */
    public TestAuthority authority() {
        return authority;
    }

    /** What {@code hq-server --demo} printed when it started (last start). */
    public String banner() {
        return banner.toString();
    }

    /** A clerk console's client, logged in as the demo clerk (demo / madoguchi-demo). */
    public ClerkClient clerk() throws HqUnavailableException, HqRejectedException {
        ClerkClient clerk = new ClerkClient(HqTransport.builder(url(),
                BoothTlsContexts.trustOnly(boothCredentials().headquartersCa())).retryPolicy(RetryPolicy.none()).build());
        char[] password = DemoSetup.DEMO_CLERK_PASSWORD.toCharArray();
        try {
            clerk.login(DemoSetup.DEMO_CLERK, password);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
        return clerk;
    }

    /**
     * A one-time enrolment code for a new booth named {@code boothName}, valid for {@code ttl} (negative: already
     * expired), as IT staff at headquarters make one ({@code hq-server enrolment-code}).
     */
    public String newEnrolmentCode(String boothName, java.time.Duration ttl) {
        return running().enrolment().createCode(boothName, ttl, "test");
    }

    /** Headquarters' CA certificate (PEM), the one IT staff hand out with an enrolment code. */
    public Path caFile() {
        return boothDir().resolve(BoothCredentials.CA_FILE);
    }

    public boolean isRunning() {
        return running != null;
    }

    /** Headquarters goes away: the port refuses connections and open WebSockets close. */
    public void stop() {
        HqApplication stopping = running;
        running = null;
        if (stopping == null) {
            return;
        }
        try {
            stopping.close();
        } catch (RuntimeException e) {
            // Jetty's graceful stop timed out (open WebSockets on a busy machine): Jetty has stopped all the same,
            // but HqApplication.close() gave up before closing the rest
            try {
                stopping.presence().close();
            } finally {
                stopping.database().close();
            }
        }
    }

    /** Headquarters comes back on the same port with the same data directory. */
    public void restart() throws IOException {
        stop();
        banner.getBuffer().setLength(0);
        launch();
    }

    /**
     * Revokes the demo booth's certificate ({@code revoked=true}) or lifts the revocation, as IT staff at
     * headquarters would with {@code revoke-booth}, and restarts headquarters so its gate reads it (headquarters
     * keeps revocations in memory from its start): the booth's requests are then answered {@code 403 booth_revoked}.
     * Headquarters itself never lifts a revocation (it is final there); this test hook does, so a test can show
     * what the booth does afterwards.
     */
    public void setBoothRevoked(boolean revoked) throws IOException {
        String boothId = boothCredentials().boothId();
        running().database().write("revoking the demo booth (test)", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE booths SET revoked_at = ? WHERE id = ?")) {
                if (revoked) {
                    update.setLong(1, System.currentTimeMillis());
                } else {
                    update.setNull(1, java.sql.Types.BIGINT);
                }
                update.setString(2, boothId);
                return update.executeUpdate();
            }
        });
        restart();
    }

    /** How many applications headquarters has stored from any booth (from its own database). */
    public int storedApplications() {
        return running().database().read("counting applications (test)", c -> {
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM applications");
                 ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        });
    }

    /** How many applications headquarters stored under {@code idempotencyKey}. */
    public int storedApplications(String idempotencyKey) {
        return running().database().read("counting applications by key (test)", c -> {
            try (PreparedStatement count = c.prepareStatement(
                    "SELECT COUNT(*) FROM applications WHERE idempotency_key = ?")) {
                count.setString(1, idempotencyKey);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    /**
     * The idempotency keys of every application headquarters has stored, in the order it stored them (its
     * database's row order): what "received in order" means at headquarters.
     */
    public java.util.List<String> idempotencyKeysInArrivalOrder() {
        return running().database().read("listing applications in arrival order (test)", c -> {
            java.util.List<String> keys = new java.util.ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT idempotency_key FROM applications ORDER BY rowid");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        });
    }

    /** Headquarters' reference of the application stored under {@code idempotencyKey}, if any. */
    public Optional<String> referenceFor(String idempotencyKey) {
        return running().database().read("finding an application by key (test)", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT reference FROM applications WHERE idempotency_key = ?")) {
                select.setString(1, idempotencyKey);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /**
     * Sends {@code frame} to the demo booth over its presence connection, as headquarters' own endpoints do (for
     * frames whose endpoint a test does not need); false if the booth is not connected.
     */
    public boolean sendToBooth(jp.madoguchi.hqlink.message.PresenceFrame.HqFrame frame) {
        return running().presence().send(boothCredentials().boothId(), frame);
    }

    private HqApplication running() {
        if (running == null) {
            throw new IllegalStateException("headquarters is stopped");
        }
        return running;
    }

    @Override
    public void close() {
        stop();
        deleteDir();
    }

    private void deleteDir() {
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the OS cleans it eventually
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
