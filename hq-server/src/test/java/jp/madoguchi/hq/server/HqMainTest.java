package jp.madoguchi.hq.server;

import jp.madoguchi.hq.testing.LogCapture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jp.madoguchi.hq.config.HqConfig;
import jp.madoguchi.hq.config.HqConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hq-server --demo --port N --data-dir DIR}, run in-process the way the jar runs it. */
class HqMainTest {
    @TempDir
    Path dataDir;

    @Test
    void demoModeAnswersHealthOverHttpsAndHttpOnTheGivenPortAndStopsCleanly() throws Exception {
        int port = freePort();
        StringWriter printed = new StringWriter();
        AtomicReference<jp.madoguchi.hq.HqApplication> started = new AtomicReference<>();
        String log = LogCapture.during(() -> started.set(HqMain.launch(
                new String[] {"--demo", "--port", Integer.toString(port), "--data-dir", dataDir.toString(),
                    "--test-authority", dataDir.resolve("test-authority").toString()},
                Map.of(), new PrintWriter(printed, true))));
        jp.madoguchi.hq.HqApplication server = started.get();
        try {
            assertEquals(port, server.port());
            Path caPem = dataDir.resolve("device-ca").resolve(jp.madoguchi.hq.security.DeviceCa.CERT_FILE);
            assertTrue(printed.toString().contains(caPem.toString()), printed.toString());
            assertTrue(printed.toString().contains("http://127.0.0.1:" + port + "/health"), printed.toString());

            HttpResponse<String> secure = Http.get(Http.client(trusting(caPem)), "https://localhost:" + port + "/health");
            assertEquals(200, secure.statusCode());
            assertEquals("ok", Http.json(secure).get("status"));
            HttpResponse<String> plain = Http.get(Http.client(null), "http://127.0.0.1:" + port + "/health");
            assertEquals(200, plain.statusCode());

            String secret = Files.readString(dataDir.resolve("demo").resolve("jitsi-secret")).strip();
            assertFalse(log.contains(secret), "the Jitsi secret appears in the log");
            assertFalse(printed.toString().contains(secret), "the Jitsi secret appears in the output");
            assertTrue(log.contains("jitsiSecret=<redacted>"), log);
            assertTrue(printed.toString().contains("enrolment-code --booth-name"), printed.toString());
            assertTrue(Files.exists(dataDir.resolve("demo").resolve("booth").resolve("booth.cert.pem")), "the demo booth is enrolled");
            assertTrue(printed.toString().contains("demo clerk: demo / "), printed.toString());
            assertTrue(printed.toString().contains("second demo clerk: demo2 / madoguchi-demo2"), printed.toString());
            assertTrue(server.clerks().findByUsername("demo").orElseThrow().admin(), "the demo clerk is an admin");
            assertFalse(server.clerks().findByUsername("demo2").orElseThrow().admin(), "demo2 is an ordinary clerk");
            assertEquals(List.of("北部出張所 1階"), new jp.madoguchi.hq.store.Booths(server.database()).list().stream()
                    .map(jp.madoguchi.hq.store.Booth::location).toList(), "the demo booth has a location");
        } finally {
            server.close();
        }
        try (ServerSocket again = new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort(), "the port is free again after stop");
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("JettyServerThreadPool")), "Jetty threads left running");
    }

    @Test
    void demoMaterialIsMadeOnceAndReused() throws Exception {
        String[] args = {"--demo", "--port", "0", "--data-dir", dataDir.toString(),
            "--test-authority", dataDir.resolve("test-authority").toString()};
        HqMain.launch(args, Map.of(), new PrintWriter(new StringWriter())).close();
        Path caPem = dataDir.resolve("device-ca").resolve(jp.madoguchi.hq.security.DeviceCa.CERT_FILE);
        byte[] ca = Files.readAllBytes(caPem);
        byte[] roots = Files.readAllBytes(dataDir.resolve("demo").resolve("jpki-roots").resolve("jpki-test-signature-ca.pem"));
        HqMain.launch(args, Map.of(), new PrintWriter(new StringWriter())).close();
        assertEquals(new String(ca), Files.readString(caPem), "the device CA is kept: enrolled booths stay trusted");
        assertArrayEquals(roots, Files.readAllBytes(dataDir.resolve("demo").resolve("jpki-roots").resolve("jpki-test-signature-ca.pem")));
    }

    @Test
    void aBadPortFromTheEnvironmentNamesTheKey() {
        HqConfigException error = assertThrows(HqConfigException.class, () -> HqMain.launch(
                new String[] {"--demo", "--data-dir", dataDir.toString()}, Map.of("MADOGUCHI_HQ_PORT", "http"),
                new PrintWriter(new StringWriter())));
        assertEquals(HqConfig.PORT, error.key());
        assertTrue(error.getMessage().contains("MADOGUCHI_HQ_PORT"), error.getMessage());
    }

    @Test
    void withoutDemoModeTheJitsiSecretIsRequired() {
        HqConfigException error = assertThrows(HqConfigException.class, () -> HqMain.launch(
                new String[] {"--port", "0", "--data-dir", dataDir.toString()},
                Map.of("MADOGUCHI_HQ_JITSI_DOMAIN", "meet.example.jp", "MADOGUCHI_HQ_JITSI_APP_ID", "hq"),
                new PrintWriter(new StringWriter())));
        assertEquals(HqConfig.JITSI_SECRET_FILE, error.key());
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem))));
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
