package jp.madoguchi.kiosk.maintenance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import jp.madoguchi.kiosk.hq.BoothCredentials;
import jp.madoguchi.kiosk.hq.BoothCredentialsException;

/**
 * One real mutual-TLS request to headquarters with the booth's enrolled credentials, as the booth's link makes them:
 * {@code GET /api/v1/applications} with the device certificate. Headquarters' gate answers a certificate it does not
 * accept with 401 or 403 (its {@code error} code says why, e.g. {@code booth_revoked}); any other answer (the path
 * has no GET route: 404 or 405) means the booth's certificate was accepted. Its {@code Date} header is kept for the
 * clock check. Made once and shared by {@link #headquartersCheck()} and {@link #clockCheck}: thread-safe.
 */
public final class BoothTlsProbe {
    /** What the request found. */
    public record Answer(Optional<BoothCredentials> credentials, String notEnrolled, Optional<Integer> status,
                         String body, Optional<Instant> date, Optional<Exception> failure, URI uri) {
    }

    private final Path credentialsDir;
    private final URI hqUrl;
    private final Function<SSLContext, HttpClient> clients;
    private Answer answer; // guarded by this

    public BoothTlsProbe(Path credentialsDir, URI hqUrl) {
        this(credentialsDir, hqUrl, tls -> HttpClient.newBuilder().sslContext(tls).connectTimeout(HttpProbe.TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build());
    }

    BoothTlsProbe(Path credentialsDir, URI hqUrl, Function<SSLContext, HttpClient> clients) {
        this.credentialsDir = Objects.requireNonNull(credentialsDir, "credentialsDir");
        this.hqUrl = Objects.requireNonNull(hqUrl, "hqUrl");
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    /** Asks once; later calls return the same answer. Blocking (at most {@link HttpProbe#TIMEOUT} and a handshake). */
    public synchronized Answer answer() throws InterruptedException {
        if (answer == null) {
            answer = ask();
        }
        return answer;
    }

    private Answer ask() throws InterruptedException {
        URI uri = HttpProbe.resolve(hqUrl, "/api/v1/applications");
        BoothCredentials credentials;
        try {
            credentials = BoothCredentials.load(credentialsDir);
        } catch (BoothCredentialsException e) {
            return new Answer(Optional.empty(), e.getMessage(), Optional.empty(), "", Optional.empty(),
                    Optional.empty(), uri);
        }
        if (!"https".equalsIgnoreCase(hqUrl.getScheme())) {
            return new Answer(Optional.of(credentials), "", Optional.empty(), "", Optional.empty(),
                    Optional.of(new IOException("not an https URL: " + hqUrl)), uri);
        }
        try {
            HttpResponse<String> response = clients.apply(credentials.tls()).send(
                    java.net.http.HttpRequest.newBuilder(uri).timeout(HttpProbe.TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Optional<Instant> date = response.headers().firstValue("Date").flatMap(BoothTlsProbe::parseDate);
            String body = response.body() == null ? "" : response.body();
            return new Answer(Optional.of(credentials), "", Optional.of(response.statusCode()),
                    body.length() > 300 ? body.substring(0, 300) : body, date, Optional.empty(), uri);
        } catch (IOException e) {
            return new Answer(Optional.of(credentials), "", Optional.empty(), "", Optional.empty(), Optional.of(e), uri);
        }
    }

    private static Optional<Instant> parseDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Headquarters accepts this booth (mutual TLS). */
    public Check headquartersCheck() {
        return new Check() {
            @Override
            public String titleKey() {
                return "maint.check.hq.title";
            }

            @Override
            public CheckResult run() throws InterruptedException {
                Answer a = answer();
                if (a.credentials().isEmpty()) {
                    return CheckResult.fail("maint.check.hq.not_enrolled", a.notEnrolled());
                }
                String booth = "booth " + a.credentials().get().boothId() + ", " + a.uri();
                if (a.failure().isPresent()) {
                    Exception e = a.failure().get();
                    boolean tls = e instanceof SSLException || e.getCause() instanceof SSLException;
                    return CheckResult.fail(tls ? "maint.check.hq.tls" : "maint.check.hq.unreachable",
                            HttpProbe.describe(a.uri(), e));
                }
                int status = a.status().orElseThrow();
                if (status == 401 || status == 403) {
                    boolean revoked = a.body().contains("booth_revoked");
                    return CheckResult.fail(revoked ? "maint.check.hq.revoked" : "maint.check.hq.refused",
                            booth + ": HTTP " + status + " " + a.body());
                }
                if (status >= 500) {
                    return CheckResult.warn("maint.check.hq.status", booth + ": HTTP " + status, status);
                }
                return CheckResult.ok("maint.check.hq.accepted", booth + ": certificate accepted (HTTP " + status
                        + "), valid until " + a.credentials().get().certificate().getNotAfter().toInstant(),
                        a.credentials().get().boothId());
            }
        };
    }

    /**
     * The clock against headquarters' {@code Date} header ({@link ClockCheck#TOLERANCE}); without an answer from
     * headquarters, only a sanity check of the local clock (a year before the booth's software was built is wrong).
     */
    public Check clockCheck(java.time.Clock clock) {
        return new Check() {
            @Override
            public String titleKey() {
                return "maint.check.clock.title";
            }

            @Override
            public CheckResult run() throws InterruptedException {
                Answer a = answer();
                Instant local = clock.instant();
                if (a.date().isPresent()) {
                    long offset = java.time.Duration.between(a.date().get(), local).toSeconds();
                    String detail = "booth " + local + ", headquarters " + a.date().get();
                    return Math.abs(offset) > ClockCheck.TOLERANCE.toSeconds()
                            ? CheckResult.warn("maint.check.clock.off", detail, offset)
                            : CheckResult.ok("maint.check.clock.ok", detail, offset);
                }
                int year = local.atZone(java.time.ZoneOffset.UTC).getYear();
                if (year < 2025 || year > 2100) {
                    return CheckResult.fail("maint.check.clock.implausible", "booth " + local, String.valueOf(year));
                }
                return CheckResult.warn("maint.check.clock.local_only", "booth " + local
                        + "; headquarters' time not known");
            }
        };
    }
}
