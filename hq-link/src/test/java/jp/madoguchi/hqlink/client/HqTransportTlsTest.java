package jp.madoguchi.hqlink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Security review (issue 9): every path to headquarters — the booth's {@link HqClient}, the clerk console's
 * {@link ClerkClient} and the presence WebSocket — goes through {@link HqTransport}, which takes only an https
 * URL (not even plain http on loopback: the demo and the tests run TLS too), never follows a redirect (so a
 * 3xx cannot send a request, or its bearer token, to plain http or another host) and opens its WebSocket as wss.
 */
class HqTransportTlsTest {
    private static SSLContext tls;

    @BeforeAll
    static void pki() {
        TestPki.Identity ca = TestPki.ca("Test HQ CA");
        tls = BoothTlsContexts.trustOnly(ca.certificate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hq.example.lg.jp:8443", "http://127.0.0.1:8443", "http://localhost:8443",
        "http://[::1]:8443", "HTTP://hq.example.lg.jp", "ws://hq.example.lg.jp", "wss://hq.example.lg.jp",
        "ftp://hq.example.lg.jp", "https:hq.example.lg.jp", "hq.example.lg.jp:8443"})
    void anythingButAnHttpsUrlIsRefused(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HqTransport.builder(URI.create(url), tls));
        assertEquals("headquarters must be an https URL: " + url, e.getMessage());
    }

    @Test
    void redirectsAreNeverFollowedAndTheWebSocketIsWss() {
        HqTransport transport = HqTransport.builder(URI.create("https://hq.example.lg.jp:8443/madoguchi"), tls).build();
        assertEquals(HttpClient.Redirect.NEVER, transport.httpClient().followRedirects());
        assertEquals(tls, transport.httpClient().sslContext());
        assertEquals("wss", transport.webSocketUri("/api/v1/presence").getScheme());
    }

    @Test
    void theClerkConsoleAndTheBoothShareTheTransportsCheck() {
        // ClerkClient and HqClient take an HqTransport and nothing else: there is no constructor with a bare URL
        for (Class<?> client : new Class<?>[] {ClerkClient.class, HqClient.class}) {
            for (var constructor : client.getConstructors()) {
                assertEquals(1, constructor.getParameterCount(), client + ": " + constructor);
                assertEquals(HqTransport.class, constructor.getParameterTypes()[0], client + ": " + constructor);
            }
        }
    }
}
