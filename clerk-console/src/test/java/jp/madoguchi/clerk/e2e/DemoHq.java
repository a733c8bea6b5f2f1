package jp.madoguchi.clerk.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.hq.HqApplication;
import jp.madoguchi.hq.server.HqMain;
import jp.madoguchi.hqlink.client.BoothTlsContexts;
import jp.madoguchi.hqlink.client.ClerkClient;
import jp.madoguchi.hqlink.client.HqClient;
import jp.madoguchi.hqlink.client.HqTransport;
import jp.madoguchi.hqlink.client.PresenceChannel;
import jp.madoguchi.hqlink.client.RetryPolicy;

/**
 * A real headquarters in demo mode in the test's JVM ({@code hq-server --demo} through {@link HqMain#launch}, as the
 * jar starts it) on a free 127.0.0.1 port, with its own data directory and the card-emulator test authority it
 * trusts. Its demo booth's credentials let a test act as the booth (submit, call, receive frames); its demo clerks
 * (demo, an administrator, and demo2) log in from the console. {@link #close()} stops it and deletes everything.
 */
final class DemoHq implements AutoCloseable {
    final Path dir;
    final TestAuthority authority;
    final int port;
    private final HqApplication running;

    private DemoHq(Path dir, TestAuthority authority, int port, HqApplication running) {
        this.dir = dir;
        this.authority = authority;
        this.port = port;
        this.running = running;
    }

    static DemoHq start() throws Exception {
        Path dir = Files.createTempDirectory("clerk-e2e-hq-");
        Path authorityDir = dir.resolve("test-authority");
        TestAuthority authority = TestAuthority.loadOrCreate(authorityDir);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        HqApplication app = HqMain.launch(new String[] {"--demo", "--port", Integer.toString(port), "--data-dir",
            dir.toString(), "--test-authority", authorityDir.toString()},
                Map.of("MADOGUCHI_HQ_JITSI_DOMAIN", "127.0.0.1:9"), new PrintWriter(new StringWriter(), true));
        DemoHq hq = new DemoHq(dir, authority, port, app);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.isRegularFile(hq.boothDir().resolve("booth-id")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return hq;
    }

    URI url() {
        return URI.create("https://localhost:" + port);
    }

    Path boothDir() {
        return dir.resolve("demo").resolve("booth");
    }

    /** Headquarters' CA, which the console trusts ({@code --hq-ca}). */
    X509Certificate ca() throws Exception {
        try (InputStream in = Files.newInputStream(boothDir().resolve("hq-ca.pem"))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** A clerk console's client (not logged in), without retries so a test sees failures at once. */
    ClerkClient clerkClient() throws Exception {
        return new ClerkClient(HqTransport.builder(url(), BoothTlsContexts.trustOnly(ca()))
                .retryPolicy(RetryPolicy.none()).build());
    }

    /** The demo booth's mutual-TLS transport. */
    HqTransport boothTransport() throws Exception {
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(boothDir().resolve("booth.cert.pem"))) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        String pem = Files.readString(boothDir().resolve("booth.key.pem"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (java.security.spec.InvalidKeySpecException e) {
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
        SSLContext tls = BoothTlsContexts.from(key, cert, ca());
        return HqTransport.builder(url(), tls).retryPolicy(RetryPolicy.none()).build();
    }

    HqClient booth() throws Exception {
        return new HqClient(boothTransport());
    }

    /** The demo booth's presence channel, connected; frames go to {@code listener}. */
    PresenceChannel presence(PresenceChannel.Listener listener) throws Exception {
        PresenceChannel channel = PresenceChannel.builder(boothTransport(), listener)
                .pingInterval(Duration.ofSeconds(5)).pongTimeout(Duration.ofSeconds(5))
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500)).build();
        channel.start(jp.madoguchi.hqlink.message.BoothState.WITH_RESIDENT);
        return channel;
    }

    @Override
    public void close() throws IOException {
        running.close();
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
