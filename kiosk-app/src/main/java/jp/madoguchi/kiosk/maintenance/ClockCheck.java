package jp.madoguchi.kiosk.maintenance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The booth's clock against headquarters' HTTP {@code Date} header: more than {@link #TOLERANCE} apart is a
 * warning, because signatures, certificates and the audit trail's times depend on it. Unknown when headquarters
 * cannot be reached.
 */
public final class ClockCheck implements Check {
    public static final Duration TOLERANCE = Duration.ofSeconds(60);
    private final Supplier<URI> hqUrl;
    private final HttpClient client;
    private final Clock clock;

    public ClockCheck(Supplier<URI> hqUrl, HttpClient client, Clock clock) {
        this.hqUrl = Objects.requireNonNull(hqUrl, "hqUrl");
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String titleKey() {
        return "maint.check.clock.title";
    }

    @Override
    public CheckResult run() throws InterruptedException {
        URI health = HttpProbe.resolve(hqUrl.get(), "/health");
        HttpResponse<Void> response;
        try {
            response = HttpProbe.send(client, "GET", health);
        } catch (IOException e) {
            return CheckResult.warn("maint.check.clock.unknown", HttpProbe.describe(health, e));
        }
        Instant local = clock.instant();
        Optional<String> date = response.headers().firstValue("Date");
        if (date.isEmpty()) {
            return CheckResult.warn("maint.check.clock.unknown", health + ": no Date header");
        }
        Instant remote;
        try {
            remote = ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return CheckResult.warn("maint.check.clock.unknown", health + ": unreadable Date header");
        }
        long offsetSeconds = Duration.between(remote, local).toSeconds();
        String detail = "booth " + local + ", headquarters " + remote;
        if (Math.abs(offsetSeconds) > TOLERANCE.toSeconds()) {
            return CheckResult.warn("maint.check.clock.off", detail, offsetSeconds);
        }
        return CheckResult.ok("maint.check.clock.ok", detail, offsetSeconds);
    }
}
