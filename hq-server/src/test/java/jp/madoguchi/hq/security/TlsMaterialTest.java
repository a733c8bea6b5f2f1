package jp.madoguchi.hq.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS over loopback with the contexts headquarters and booths will use. */
class TlsMaterialTest {

    private static final int TIMEOUT_MILLIS = 10_000;

    @TempDir
    static Path dir;
    private static DeviceCa ca;
    private static DeviceCa otherCa;
    private static KeyPair serverKey;
    private static X509Certificate serverCertificate;
    private static ExecutorService serverThread;

    @BeforeAll
    static void setUp() throws IOException {
        ca = DeviceCa.loadOrCreate(dir.resolve("hq"));
        otherCa = DeviceCa.loadOrCreate(dir.resolve("impostor"));
        serverKey = DeviceCa.newEcKeyPair();
        serverCertificate = ca.serverCertificate(List.of("localhost"), List.of("127.0.0.1"), serverKey);
        serverThread = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void tearDown() {
        serverThread.shutdownNow();
    }

    @Test
    void enrolledBoothCompletesAHandshakeWithClientAuthRequired() throws Exception {
        KeyPair booth = DeviceCa.newEcKeyPair();
        IssuedDevice issued = ca.issueFromCsr(DeviceCaTest.csr(booth, "SHA256withECDSA"), "booth-0042", Duration.ofDays(30));
        SSLContext client = TlsMaterial.clientContext(booth.getPrivate(), List.of(issued.certificate()), ca.certificate());

        Exchange exchange = exchange(serverContext(serial -> false), client);

        assertEquals(42 + 1, exchange.clientReceived);
        assertEquals("CN=booth-0042,O=Madoguchi booths", exchange.server.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
    }

    @Test
    void rsaBoothAlsoWorks() throws Exception {
        KeyPair booth = DeviceCaTest.rsaKeyPair(2048);
        IssuedDevice issued = ca.issueFromCsr(DeviceCaTest.csr(booth, "SHA256withRSA"), "booth-rsa", Duration.ofDays(30));
        SSLContext client = TlsMaterial.clientContext(booth.getPrivate(), List.of(issued.certificate()), ca.certificate());

        Exchange exchange = exchange(serverContext(serial -> false), client);

        assertEquals("CN=booth-rsa,O=Madoguchi booths", exchange.server.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
    }

    @Test
    void boothWithACertificateFromAnotherCaIsRefused() throws Exception {
        KeyPair impostor = DeviceCa.newEcKeyPair();
        IssuedDevice issued = otherCa.issueFromCsr(DeviceCaTest.csr(impostor, "SHA256withECDSA"), "booth-0042", Duration.ofDays(30));
        SSLContext client = TlsMaterial.clientContext(impostor.getPrivate(), List.of(issued.certificate()), ca.certificate());

        assertRefused(serverContext(serial -> false), client, "does not chain with any of the trust anchors");
    }

    @Test
    void revokedBoothIsRefused() throws Exception {
        KeyPair booth = DeviceCa.newEcKeyPair();
        IssuedDevice issued = ca.issueFromCsr(DeviceCaTest.csr(booth, "SHA256withECDSA"), "booth-stolen", Duration.ofDays(30));
        SSLContext client = TlsMaterial.clientContext(booth.getPrivate(), List.of(issued.certificate()), ca.certificate());

        assertRefused(serverContext(serial -> serial.equals(issued.serial())), client, "is revoked");
    }

    @Test
    void clientWithoutACertificateIsRefused() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(TlsMaterial.trustStore(ca.certificate()));
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trust.getTrustManagers(), null);

        assertRefused(serverContext(serial -> false), client, "Empty client certificate chain");
    }

    @Test
    void serverCertificateIsCheckedByTheClient() throws Exception {
        // A booth that trusts only the other CA must not accept headquarters' server certificate. The client
        // refuses here, so its own exception is asserted; the server sees either the client's
        // certificate_unknown alert or a reset, depending on timing.
        KeyPair booth = DeviceCa.newEcKeyPair();
        IssuedDevice issued = ca.issueFromCsr(DeviceCaTest.csr(booth, "SHA256withECDSA"), "booth-1", Duration.ofDays(30));
        SSLContext client = TlsMaterial.clientContext(booth.getPrivate(), List.of(issued.certificate()), otherCa.certificate());

        Exchange exchange = exchange(serverContext(serial -> false), client);

        SSLHandshakeException refused = assertInstanceOf(SSLHandshakeException.class, exchange.clientFailure);
        assertTrue(refused.getMessage().contains("PKIX"), refused.getMessage());
        ExecutionException serverSide = assertThrows(ExecutionException.class,
                () -> exchange.server.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        assertInstanceOf(IOException.class, serverSide.getCause());
    }

    // ---------------------------------------------------------------------------------------------------------

    private static SSLContext serverContext(BoothRevocations revocations) {
        return TlsMaterial.serverContext(serverKey.getPrivate(), List.of(serverCertificate, ca.certificate()),
                ca.certificate(), revocations);
    }

    private record Exchange(int clientReceived, IOException clientFailure, Future<String> server) {
    }

    /**
     * Server: accept one connection, handshake, answer one byte with byte + 1, report the client's subject.
     * Client: connect to 127.0.0.1 (checking the server's IP SAN), send 42, read the answer.
     */
    private static Exchange exchange(SSLContext serverContext, SSLContext clientContext) throws Exception {
        SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        listener.setSSLParameters(TlsMaterial.serverParameters(serverContext));
        listener.setSoTimeout(TIMEOUT_MILLIS);
        Future<String> server = serverThread.submit(() -> {
            try (listener; SSLSocket socket = (SSLSocket) listener.accept()) {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.startHandshake();
                String subject = ((X509Certificate) socket.getSession().getPeerCertificates()[0])
                        .getSubjectX500Principal().getName();
                int received = socket.getInputStream().read();
                socket.getOutputStream().write(received + 1);
                socket.getOutputStream().flush();
                return subject;
            }
        });
        try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setProtocols(TlsMaterial.PROTOCOLS.toArray(String[]::new));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(42);
            out.flush();
            InputStream in = socket.getInputStream();
            int answer = in.read();
            if (answer < 0) {
                throw new EOFException("server closed the connection");
            }
            return new Exchange(answer, null, server);
        } catch (IOException clientFailed) {
            // Let the server side finish so that its failure is observable and the listener is closed.
            return new Exchange(-1, clientFailed, server);
        }
    }

    /** The handshake fails on the server side for {@code reason} (a fragment of JSSE's message) and the client gets nothing. */
    private static void assertRefused(SSLContext serverContext, SSLContext clientContext, String reason) throws Exception {
        Exchange exchange = exchange(serverContext, clientContext);
        assertEquals(-1, exchange.clientReceived, "the client must not get an answer");
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> exchange.server.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        SSLHandshakeException handshake = assertInstanceOf(SSLHandshakeException.class, failure.getCause());
        assertTrue(handshake.getMessage().contains(reason), handshake.getMessage());
    }
}
