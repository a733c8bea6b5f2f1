package jp.madoguchi.hq.server;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.madoguchi.hq.security.BoothRevocations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servlet filter in front of every HTTP request and WebSocket upgrade, before any route:
 * <ol>
 * <li>gives the request an id;</li>
 * <li>refuses paths with dot segments, doubled or encoded slashes (400), so the path checked here is
 * the path routed;</li>
 * <li>over plain HTTP lets only {@code GET/HEAD /health} through (403 {@code https_required});</li>
 * <li>on booth paths (everything that is not {@link AccessPolicy#isOpen open}) requires a client
 * certificate that TLS verified against the device CA (401 without), with a booth id CN (403) and a
 * serial that {@link BoothRevocations} does not revoke, asked on every request (403);</li>
 * <li>writes one access log line per request when the response is complete.</li>
 * </ol>
 * Thread-safe.
 */
final class AccessGate implements Filter {
    static final Logger ACCESS_LOG = LoggerFactory.getLogger("jp.madoguchi.hq.access");
    private static final Logger LOG = LoggerFactory.getLogger(AccessGate.class);
    /** Where Javalin keeps the upgrade's context (its matched path is the route template). */
    private static final String WS_UPGRADE_CONTEXT = "javalin-ws-upgrade-context";
    private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";
    private static final Pattern INBOUND_REQUEST_ID = Pattern.compile("[A-Za-z0-9-]{8,64}");
    private static final Pattern UNSAFE_PATH = Pattern.compile("(?i)//|/\\./|/\\.\\./|/\\.{1,2}$|%2e|%2f|%5c|\\\\|%00|;");

    private final AccessPolicy policy;
    private final BoothRevocations revocations;
    private final ObjectMapper json;

    AccessGate(AccessPolicy policy, BoothRevocations revocations, ObjectMapper json) {
        this.policy = policy;
        this.revocations = revocations;
        this.json = json;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        long started = System.nanoTime();
        String requestId = requestId(request);
        request.setAttribute(RequestLog.REQUEST_ID, requestId);
        response.setHeader("X-Request-Id", requestId);
        try {
            if (admit(request, response)) {
                chain.doFilter(request, response);
            }
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new LogWhenComplete(started));
            } else {
                logLine(request, response, started);
            }
        }
    }

    /** Whether the request may go on to the routes; if not, the error answer has been written. */
    private boolean admit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if (path == null || !path.startsWith("/") || UNSAFE_PATH.matcher(path).find()) {
            return refuse(request, response, 400, "invalid_request", "the request path is not in canonical form");
        }
        if (!request.isSecure()) {
            boolean health = AccessPolicy.HEALTH.equals(path)
                    && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()));
            if (!health) {
                return refuse(request, response, 403, "https_required",
                        "only GET /health is served over plain HTTP; use HTTPS on this port");
            }
            return true;
        }
        if (policy.isOpen(path)) {
            return true;
        }
        X509Certificate[] chain = (X509Certificate[]) request.getAttribute(CERTIFICATES);
        if (chain == null || chain.length == 0) {
            return refuse(request, response, 401, "client_certificate_required",
                    "this endpoint needs the booth's device certificate");
        }
        Optional<BoothIdentity> identity = BoothIdentity.fromCertificate(chain[0]);
        if (identity.isEmpty()) {
            return refuse(request, response, 403, "bad_client_certificate",
                    "the client certificate does not name a booth");
        }
        BigInteger serial = identity.get().serial();
        boolean revoked;
        try {
            revoked = revocations.isRevoked(serial);
        } catch (RuntimeException e) {
            LOG.error("revocation check failed; refusing the booth (fail closed)", e);
            return refuse(request, response, 503, "unavailable", "cannot check the device certificate now; try again");
        }
        request.setAttribute(BoothIdentity.ATTRIBUTE, identity.get());
        if (revoked) {
            return refuse(request, response, 403, "booth_revoked", "this booth's device certificate has been revoked");
        }
        return true;
    }

    private boolean refuse(HttpServletRequest request, HttpServletResponse response, int status, String code,
            String message) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        if (!"HEAD".equals(request.getMethod())) {
            json.writeValue(response.getOutputStream(), new ApiError(code, message, RequestLog.requestId(request)));
        }
        request.setAttribute(RequestLog.ROUTE, "refused:" + code);
        return false;
    }

    private static String requestId(HttpServletRequest request) {
        String inbound = request.getHeader("X-Request-Id");
        if (inbound != null && INBOUND_REQUEST_ID.matcher(inbound).matches()) {
            return inbound;
        }
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }

    private static void logLine(HttpServletRequest request, HttpServletResponse response, long startedNanos) {
        if (!ACCESS_LOG.isInfoEnabled()) {
            return;
        }
        StringBuilder line = new StringBuilder(160).append("request");
        line.append(" id=").append(RequestLog.requestId(request));
        line.append(" scheme=").append(request.isSecure() ? "https" : "http");
        line.append(" method=").append(token(request.getMethod()));
        Object route = request.getAttribute(RequestLog.ROUTE);
        if (route == null && request.getAttribute(WS_UPGRADE_CONTEXT) instanceof io.javalin.http.Context upgrade) {
            route = "ws:" + upgrade.matchedPath();
        }
        line.append(" route=").append(route != null ? route : "unmatched");
        line.append(" status=").append(response.getStatus());
        line.append(" ms=").append((System.nanoTime() - startedNanos) / 1_000_000);
        Object booth = request.getAttribute(BoothIdentity.ATTRIBUTE);
        if (booth instanceof BoothIdentity identity) {
            line.append(" booth=").append(identity.boothId()).append(" serial=").append(identity.serial().toString(16));
        }
        Object clerk = request.getAttribute(RequestLog.CLERK);
        if (clerk != null) {
            line.append(" clerk=").append(clerk);
        }
        Object references = request.getAttribute(RequestLog.REFERENCES);
        if (references instanceof List<?> list && !list.isEmpty()) {
            line.append(" refs=");
            for (int i = 0; i < list.size(); i++) {
                line.append(i == 0 ? "" : ",").append(list.get(i));
            }
        }
        ACCESS_LOG.info(line.toString());
    }

    /** An HTTP method as a log token: anything odd is shown as "other", never echoed. */
    private static String token(String method) {
        return method != null && method.matches("[A-Z]{1,10}") ? method : "other";
    }

    private static final class LogWhenComplete implements AsyncListener {
        private final long startedNanos;

        LogWhenComplete(long startedNanos) {
            this.startedNanos = startedNanos;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            logLine((HttpServletRequest) event.getSuppliedRequest(), (HttpServletResponse) event.getSuppliedResponse(),
                    startedNanos);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
