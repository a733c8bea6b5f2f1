package jp.madoguchi.kiosk.maintenance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One bounded HTTP request for the reachability checks: the request timeout ({@value #TIMEOUT_SECONDS} s) runs
 * from sending until the response headers, connecting included; the body is discarded.
 */
final class HttpProbe {
    static final int TIMEOUT_SECONDS = 3;
    static final Duration TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS);

    private HttpProbe() {
    }

    static HttpResponse<Void> send(HttpClient client, String method, URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding());
    }

    /** {@code base} with {@code path} appended (no double slash). */
    static URI resolve(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }

    static String describe(URI uri, Throwable e) {
        return uri + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
