package jp.madoguchi.video.chromium;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the call page on 127.0.0.1, on a free port, under a random path: the page that loads the meeting
 * server's {@code external_api.js} and creates {@code JitsiMeetExternalAPI} when told to. Any other path is 404.
 */
public final class CallPageServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI pageUri;
    private final byte[] page;

    private CallPageServer(HttpServer server, ExecutorService executor, URI pageUri, byte[] page) {
        this.server = server;
        this.executor = executor;
        this.pageUri = pageUri;
        this.page = page;
    }

    public static CallPageServer start() {
        byte[] page;
        try (InputStream in = CallPageServer.class.getResourceAsStream("call.html")) {
            if (in == null) {
                throw new IllegalStateException("call.html is missing from the jar");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "call-page-http");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            String path = "/" + token + "/call.html";
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
            CallPageServer callPage = new CallPageServer(server, executor, uri, page);
            server.createContext("/", exchange -> callPage.handle(exchange, path));
            server.start();
            return callPage;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the call page's port on 127.0.0.1", e);
        }
    }

    /** The call page, {@code http://127.0.0.1:PORT/TOKEN/call.html}. */
    public URI pageUri() {
        return pageUri;
    }

    /** The page's origin, {@code http://127.0.0.1:PORT}. */
    public String origin() {
        return "http://127.0.0.1:" + pageUri.getPort();
    }

    private void handle(HttpExchange exchange, String path) throws IOException {
        try (exchange) {
            boolean found = "GET".equals(exchange.getRequestMethod()) && path.equals(exchange.getRequestURI().getPath());
            if (!found) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
