package jp.madoguchi.hqlink.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import jp.madoguchi.hqlink.message.ErrorResponse;
import jp.madoguchi.hqlink.message.ProtocolException;
import jp.madoguchi.hqlink.message.ProtocolJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS transport to headquarters shared by the booth's {@link HqClient}, the clerk console's
 * {@link ClerkClient} and the {@link PresenceChannel}: one {@link HttpClient} over the given TLS context,
 * timeouts, and retries with backoff for idempotent requests. Thread-safe and immutable.
 *
 * <p>A request is retried only if it is idempotent ({@code GET}, {@code DELETE}, or a {@code POST} carrying
 * an {@code Idempotency-Key}), and only on a connection failure, a timeout, 5xx or 429; never on another
 * 4xx and never after a failed TLS handshake (a certificate problem does not heal in a second).
 * Bodies are never logged.
 */
public final class HqTransport {
    private static final Logger log = LoggerFactory.getLogger(HqTransport.class);
    private static final String JSON = "application/json";

    private final URI baseUrl;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier random;
    private final SSLContext tls;

    private HqTransport(Builder builder) {
        this.baseUrl = builder.baseUrl;
        this.tls = builder.tls;
        this.requestTimeout = builder.requestTimeout;
        this.connectTimeout = builder.connectTimeout;
        this.retryPolicy = builder.retryPolicy;
        this.sleeper = builder.sleeper;
        this.clock = builder.clock;
        this.random = builder.random;
        this.http = HttpClient.newBuilder()
                .sslContext(builder.tls)
                .connectTimeout(builder.connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param baseUrl headquarters, e.g. {@code https://hq.example.lg.jp:8443}; must be {@code https}
     * @param tls from {@link BoothTlsContexts}
     */
    public static Builder builder(URI baseUrl, SSLContext tls) {
        return new Builder(baseUrl, tls);
    }

    public URI baseUrl() {
        return baseUrl;
    }

    HttpClient httpClient() {
        return http;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    SSLContext tls() {
        return tls;
    }

    /** The {@code wss} URI of a path on headquarters. */
    URI webSocketUri(String path) {
        return URI.create("wss://" + baseUrl.getRawAuthority() + basePath() + path);
    }

    private String basePath() {
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** One request to headquarters. */
    record Call(String method, String path, Object body, Map<String, String> headers, boolean idempotent) {
    }

    static Call get(String path, Map<String, String> headers) {
        return new Call("GET", path, null, headers, true);
    }

    static Call delete(String path, Map<String, String> headers) {
        return new Call("DELETE", path, null, headers, true);
    }

    static Call post(String path, Object body, Map<String, String> headers, boolean idempotent) {
        return new Call("POST", path, body, headers, idempotent);
    }

    /**
     * Sends the call and reads the answer as {@code responseType}; {@code responseType == Void.class}
     * accepts any 2xx and reads nothing. Returns empty on 204 No Content.
     */
    <T> Optional<T> send(Call call, Class<T> responseType) throws HqUnavailableException, HqRejectedException {
        HttpRequest request = buildRequest(call);
        int maxAttempts = call.idempotent() ? retryPolicy.maxAttempts() : 1;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HqUnavailableException(HqUnavailableException.Reason.INTERRUPTED,
                        call.method() + " " + call.path() + " interrupted", attempt, null, e);
            } catch (SSLHandshakeException e) {
                log.warn("{} {}: TLS handshake with headquarters failed: {}", call.method(), call.path(), e.getMessage());
                throw new HqUnavailableException(HqUnavailableException.Reason.TLS_REFUSED,
                        call.method() + " " + call.path() + ": TLS handshake failed: " + e.getMessage(), attempt, null, e);
            } catch (IOException e) {
                HqUnavailableException.Reason reason = e instanceof HttpTimeoutException ? HqUnavailableException.Reason.TIMEOUT : HqUnavailableException.Reason.UNREACHABLE;
                String what = describe(e);
                if (attempt >= maxAttempts) {
                    log.warn("{} {}: headquarters unavailable after {} attempt(s): {}", call.method(), call.path(), attempt, what);
                    throw new HqUnavailableException(reason, call.method() + " " + call.path() + ": " + what
                            + " (after " + attempt + " attempt(s))", attempt, null, e);
                }
                Duration wait = retryPolicy.backoff(attempt, random.getAsDouble());
                log.info("{} {}: {}; retry {} in {} ms", call.method(), call.path(), what, attempt, wait.toMillis());
                pause(call, wait, attempt);
                continue;
            }

            int status = response.statusCode();
            log.debug("{} {} -> {} (attempt {})", call.method(), call.path(), status, attempt);
            if (status >= 200 && status < 300) {
                return read(call, response, responseType, attempt);
            }
            if (status == 429 || status >= 500) {
                Duration retryAfter = retryAfter(response).orElse(null);
                HqUnavailableException.Reason reason = status == 429 || status == 503 && retryAfter != null
                        ? HqUnavailableException.Reason.BUSY : HqUnavailableException.Reason.SERVER_ERROR;
                boolean waitTooLong = retryAfter != null && retryAfter.compareTo(retryPolicy.maxRetryAfter()) > 0;
                if (attempt >= maxAttempts || waitTooLong) {
                    log.warn("{} {}: headquarters answered {} (attempt {}{})", call.method(), call.path(), status, attempt,
                            waitTooLong ? ", asked to wait " + retryAfter.toSeconds() + " s" : "");
                    throw new HqUnavailableException(reason, call.method() + " " + call.path() + ": HTTP " + status
                            + " (after " + attempt + " attempt(s))", attempt, retryAfter, null);
                }
                Duration wait = retryAfter != null ? retryAfter : retryPolicy.backoff(attempt, random.getAsDouble());
                log.info("{} {}: HTTP {}; retry {} in {} ms{}", call.method(), call.path(), status, attempt, wait.toMillis(),
                        retryAfter != null ? " (Retry-After)" : "");
                pause(call, wait, attempt);
                continue;
            }
            if (status >= 400) {
                throw rejected(call, response);
            }
            throw new HqUnavailableException(HqUnavailableException.Reason.BAD_RESPONSE,
                    call.method() + " " + call.path() + ": unexpected HTTP " + status, attempt, null, null);
        }
    }

    private HttpRequest buildRequest(Call call) {
        URI uri = URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + basePath() + call.path());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", JSON)
                .header("User-Agent", "madoguchi-hq-link/1");
        call.headers().forEach(builder::header);
        if (call.body() != null) {
            builder.header("Content-Type", JSON);
            builder.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(ProtocolJson.writeBytes(call.body())));
        } else {
            builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    private <T> Optional<T> read(Call call, HttpResponse<byte[]> response, Class<T> type, int attempt)
            throws HqUnavailableException {
        if (type == Void.class || response.statusCode() == 204) {
            return Optional.empty();
        }
        try {
            return Optional.of(ProtocolJson.read(response.body(), type));
        } catch (ProtocolException e) {
            log.warn("{} {}: unreadable answer from headquarters: {}", call.method(), call.path(), e.getMessage());
            throw new HqUnavailableException(HqUnavailableException.Reason.BAD_RESPONSE,
                    call.method() + " " + call.path() + ": " + e.getMessage(), attempt, null, e);
        }
    }

    private HqRejectedException rejected(Call call, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String code = "http_" + status;
        String message = "";
        try {
            ErrorResponse error = ProtocolJson.read(response.body(), ErrorResponse.class);
            code = error.error();
            message = error.message();
        } catch (ProtocolException e) {
            // an answer without our error body (a proxy, a framework default page): the status says enough
        }
        log.warn("{} {}: headquarters refused: HTTP {} {}", call.method(), call.path(), status, code);
        return new HqRejectedException(status, code, message);
    }

    private void pause(Call call, Duration wait, int attempt) throws HqUnavailableException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HqUnavailableException(HqUnavailableException.Reason.INTERRUPTED,
                    call.method() + " " + call.path() + " interrupted while waiting to retry", attempt, null, e);
        }
    }

    /** Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::trim);
        if (header.isEmpty() || header.get().isEmpty()) {
            return Optional.empty();
        }
        String value = header.get();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return Optional.of(Duration.ofDays(1)); // absurdly large: treated as "longer than we wait"
            }
        }
        try {
            ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration delay = Duration.between(clock.instant(), when.toInstant());
            return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "request timed out";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Headers for a call, in order. */
    static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    /** Not thread-safe; build once. */
    public static final class Builder {
        private final URI baseUrl;
        private final SSLContext tls;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(15);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Sleeper sleeper = Sleeper.REAL;
        private Clock clock = Clock.systemUTC();
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder(URI baseUrl, SSLContext tls) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            if (!"https".equalsIgnoreCase(baseUrl.getScheme()) || baseUrl.getRawAuthority() == null) {
                throw new IllegalArgumentException("headquarters must be an https URL: " + baseUrl);
            }
            if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
                throw new IllegalArgumentException("headquarters URL must not have a query or fragment: " + baseUrl);
            }
            this.baseUrl = baseUrl;
            this.tls = Objects.requireNonNull(tls, "tls");
        }

        /** How long to wait for the TCP+TLS connection (default 5 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How long to wait for each answer (default 15 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** For tests: how retries wait. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** For tests: the clock an HTTP-date Retry-After is measured against. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** For tests: the source of jitter, numbers in [0, 1). */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public HqTransport build() {
            return new HqTransport(this);
        }

        private static Duration positive(Duration duration, String name) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + duration);
            }
            return duration;
        }
    }
}
