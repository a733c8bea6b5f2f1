package jp.madoguchi.hq.server;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import jp.madoguchi.hq.config.HqConfig;
import jp.madoguchi.hq.security.BoothRevocations;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headquarters' HTTP server: Javalin on Jetty with one port that speaks TLS 1.2/1.3 and, for
 * {@code GET /health} only, plain HTTP (see {@code docs/decisions/0013-hq-server-one-port.md}).
 * Client certificates are wanted, not needed, at the TLS layer; booth endpoints then require one
 * that chained to the device CA and is not revoked (see {@link AccessPolicy}, {@link BoothIdentity}).
 *
 * <pre>{@code
 * HqServer server = HqServer.builder()
 *         .config(config)                       // host and port
 *         .tls(ServerTls.fromConfig(config))
 *         .revocations(store::isRevoked)
 *         .health(healthStatus)
 *         .route(app -> app.post("/api/v1/applications", intake::submit))
 *         .build()
 *         .start();
 * int port = server.port();
 * server.stop();
 * }</pre>
 * A handler gets the booth with {@link BoothIdentity#of(Context)}, adds reference numbers and the
 * clerk to the request's log line with {@link RequestLog}, and answers errors by throwing
 * {@link ApiException}. Thread-safe; start and stop once.
 */
public final class HqServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HqServer.class);
    private static final long STOP_TIMEOUT_MILLIS = 3_000;

    private final Builder settings;
    private final ObjectMapper json;
    private final Javalin app;
    private final long startedNanos = System.nanoTime();
    private volatile boolean started;
    private volatile boolean running;

    private HqServer(Builder settings) {
        this.settings = settings;
        this.json = settings.json.mapper();
        AccessGate gate = new AccessGate(new AccessPolicy(settings.openPaths), settings.revocations, json);
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.http.defaultContentType = "application/json";
            cfg.jetty.modifyServer(server -> server.setStopTimeout(STOP_TIMEOUT_MILLIS));
            cfg.jetty.modifyServletContextHandler(handler -> handler.addFilter(new FilterHolder(gate), "/*",
                    EnumSet.of(DispatcherType.REQUEST)));
            cfg.jetty.addConnector((server, httpConfiguration) -> connector(server, httpConfiguration));
            cfg.requestLogger.http((ctx, millis) -> ctx.attribute(RequestLog.ROUTE, routeTemplate(ctx)));
        });
        registerErrors();
        app.get(AccessPolicy.HEALTH, this::health);
        app.head(AccessPolicy.HEALTH, this::health);
        for (Consumer<Javalin> routes : settings.routes) {
            routes.accept(app);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving; throws if the port cannot be bound or TLS is unusable. */
    public HqServer start() {
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("already started");
            }
            started = true;
        }
        try {
            app.start(); // on failure Javalin has already stopped Jetty, freeing threads and sockets
        } catch (Exception e) { // Javalin (Kotlin) may throw checked exceptions undeclared
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof java.net.BindException) {
                    throw new IllegalStateException("cannot bind " + settings.host + ":" + settings.port
                            + " (is the port taken?)", e);
                }
            }
            throw new IllegalStateException("cannot start the server: " + Failures.describe(e), e);
        }
        running = true;
        LOG.info("headquarters server listening on {}:{} (HTTPS; plain HTTP for GET /health only), version {}",
                settings.host, port(), settings.version);
        return this;
    }

    /** The bound port (useful after binding port 0). */
    public int port() {
        if (!running) {
            throw new IllegalStateException("the server is not running");
        }
        return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
    }

    /** Stops accepting, lets running requests finish for a few seconds, closes WebSockets, frees the port. */
    public void stop() {
        if (running) {
            running = false;
            app.stop();
            LOG.info("headquarters server stopped");
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The shared JSON mapper (the one Javalin uses for bodies and WebSocket messages). */
    public ObjectMapper json() {
        return json;
    }

    public String version() {
        return settings.version;
    }

    private ServerConnector connector(org.eclipse.jetty.server.Server server, HttpConfiguration httpConfiguration) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(settings.tls.sslContext());
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ssl.setWantClientAuth(true); // booths present a certificate; enrolment and clerks do not
        ssl.setRenegotiationAllowed(false);
        ssl.setSniRequired(false);

        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // one certificate only; booths may connect by IP address
        httpConfiguration.addCustomizer(secure);
        httpConfiguration.setSecureScheme("https");
        httpConfiguration.setSendServerVersion(false);
        httpConfiguration.setSendXPoweredBy(false);

        HttpConnectionFactory http = new HttpConnectionFactory(httpConfiguration);
        SslConnectionFactory tls = new SslConnectionFactory(ssl, http.getProtocol());
        // TLS if the first bytes are a TLS ClientHello, plain HTTP otherwise (the gate admits only /health)
        DetectorConnectionFactory detector = new DetectorConnectionFactory(tls);
        ServerConnector connector = new ServerConnector(server, detector, http);
        connector.setHost(settings.host);
        connector.setPort(settings.port);
        connector.setIdleTimeout(60_000);
        return connector;
    }

    private void health(Context ctx) {
        String database;
        int boothsOnline;
        try {
            database = settings.health.database();
            boothsOnline = settings.health.boothsOnline();
        } catch (RuntimeException e) {
            LOG.warn("health status failed: {}", Failures.describe(e));
            database = "error";
            boothsOnline = -1;
        }
        boolean ok = "ok".equals(database);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ok ? "ok" : "degraded");
        body.put("version", settings.version);
        body.put("uptimeSeconds", (System.nanoTime() - startedNanos) / 1_000_000_000L);
        body.put("database", database);
        body.put("boothsOnline", boothsOnline);
        ctx.header("Cache-Control", "no-store");
        ctx.status(ok ? 200 : 503).json(body);
    }

    private void registerErrors() {
        app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> {
            int status = e.getStatus();
            String code = switch (status) {
                case 400 -> "invalid_request";
                case 401 -> "unauthorized";
                case 403 -> "forbidden";
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                case 409 -> "conflict";
                case 413 -> "too_large";
                case 415 -> "unsupported_media_type";
                case 503 -> "unavailable";
                default -> status >= 500 ? "internal_error" : "invalid_request";
            };
            String message = status == 404 ? "no such endpoint or resource" : e.getMessage();
            error(ctx, status, code, message);
        });
        app.exception(JacksonException.class, (e, ctx) ->
                // never echo Jackson's message: it quotes the offending input, which may be personal data
                error(ctx, 400, "invalid_request", "the request body is not valid JSON for this endpoint"));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("request id={} failed: {}", RequestLog.requestId(ctx), Failures.describe(e));
            error(ctx, 500, "internal_error", "internal error; the request id identifies it in the server log");
        });
    }

    private static void error(Context ctx, int status, String code, String message) {
        ctx.status(status).json(new ApiError(code, message, RequestLog.requestId(ctx)));
    }

    private static String routeTemplate(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            return path == null || path.isEmpty() || "*".equals(path) ? "unmatched" : path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    /** Collects the server's parts; {@link #tls} is required, the rest have defaults. Not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private ServerTls tls;
        private BoothRevocations revocations = serial -> false;
        private boolean revocationsSet;
        private HealthStatus health = HealthStatus.stub();
        private HqJson json = HqJson.standard();
        private String version = defaultVersion();
        private final List<Consumer<Javalin>> routes = new ArrayList<>();
        private final List<String> openPaths = new ArrayList<>();

        private Builder() {
        }

        /** Host and port from the configuration. */
        public Builder config(HqConfig config) {
            return host(config.host()).port(config.port());
        }

        /** The address to bind (default 127.0.0.1). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** The one port for HTTPS (and plain-HTTP /health); 0 picks a free port (default). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder tls(ServerTls tls) {
            this.tls = Objects.requireNonNull(tls);
            return this;
        }

        /** Asked on every booth request and WebSocket upgrade; required (pass {@code s -> false} knowingly). */
        public Builder revocations(BoothRevocations revocations) {
            this.revocations = Objects.requireNonNull(revocations);
            this.revocationsSet = true;
            return this;
        }

        public Builder health(HealthStatus health) {
            this.health = Objects.requireNonNull(health);
            return this;
        }

        public Builder json(HqJson json) {
            this.json = Objects.requireNonNull(json);
            return this;
        }

        public Builder version(String version) {
            this.version = Objects.requireNonNull(version);
            return this;
        }

        /**
         * Registers routes: {@code app.get/post/ws(...)}, before/after handlers, exception mappers.
         * Called once, in order, before the server starts. Paths are booth paths unless open.
         */
        public Builder route(Consumer<Javalin> routes) {
            this.routes.add(Objects.requireNonNull(routes));
            return this;
        }

        /** Serves {@code prefix} and everything below it without a booth certificate (it must authenticate itself). */
        public Builder openPath(String prefix) {
            if (!prefix.startsWith("/") || prefix.endsWith("/") || prefix.length() < 2) {
                throw new IllegalArgumentException("an open path is like /api/v1/something: " + prefix);
            }
            openPaths.add(prefix);
            return this;
        }

        public HqServer build() {
            if (tls == null) {
                throw new IllegalStateException("tls(...) is required: the server speaks HTTPS only");
            }
            if (!revocationsSet) {
                throw new IllegalStateException("revocations(...) is required: booth certificates are checked on every request");
            }
            return new HqServer(this);
        }

        private static String defaultVersion() {
            String version = HqServer.class.getPackage().getImplementationVersion();
            return version == null ? "development" : version;
        }
    }
}
