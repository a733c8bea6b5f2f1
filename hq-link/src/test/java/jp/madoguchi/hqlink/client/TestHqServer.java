package jp.madoguchi.hqlink.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/** A loopback HTTPS server that requires a client certificate and answers with scripted responses, recording each request. */
final class TestHqServer implements AutoCloseable {

    record Recorded(String method, String path, Map<String, List<String>> headers, String body, String clientSubject) {
        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }
    }

    record Scripted(int status, Map<String, String> headers, String body, Duration delay) {
    }

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Scripted> script = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile Scripted fallback = new Scripted(500, Map.of(), "{\"v\":1,\"error\":\"unscripted\"}", Duration.ZERO);

    TestHqServer(SSLContext tls) throws IOException {
        this(tls, true);
    }

    /** @param requireClientCertificate false for enrolment, where the booth has no certificate yet */
    TestHqServer(SSLContext tls, boolean requireClientCertificate) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                parameters.setNeedClientAuth(requireClientCertificate);
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI baseUrl() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    TestHqServer answer(int status, String body, String... headerNamesAndValues) {
        script.add(new Scripted(status, HqTransport.headers(headerNamesAndValues), body, Duration.ZERO));
        return this;
    }

    /** Answers only after {@code delay}, as an overloaded headquarters would. */
    TestHqServer answerLate(Duration delay, int status, String body) {
        script.add(new Scripted(status, Map.of(), body, delay));
        return this;
    }

    TestHqServer otherwise(int status, String body) {
        fallback = new Scripted(status, Map.of(), body, Duration.ZERO);
        return this;
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String subject = null;
        SSLSession session = ((com.sun.net.httpserver.HttpsExchange) exchange).getSSLSession();
        try {
            subject = session.getPeerPrincipal().getName();
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            subject = null;
        }
        requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()), body, subject));
        Scripted answer = script.poll();
        if (answer == null) {
            answer = fallback;
        }
        if (!answer.delay().isZero()) {
            try {
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
                return;
            }
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
