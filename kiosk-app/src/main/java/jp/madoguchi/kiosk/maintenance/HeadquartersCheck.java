package jp.madoguchi.kiosk.maintenance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.function.Supplier;

/** Headquarters answers {@code GET {hq.url}/health} within 3 s. */
public final class HeadquartersCheck implements Check {
    private final Supplier<URI> hqUrl;
    private final HttpClient client;

    public HeadquartersCheck(Supplier<URI> hqUrl, HttpClient client) {
        this.hqUrl = Objects.requireNonNull(hqUrl, "hqUrl");
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public String titleKey() {
        return "maint.check.hq.title";
    }

    @Override
    public CheckResult run() throws InterruptedException {
        URI health = HttpProbe.resolve(hqUrl.get(), "/health");
        try {
            HttpResponse<Void> response = HttpProbe.send(client, "GET", health);
            if (response.statusCode() / 100 == 2) {
                return CheckResult.ok("maint.check.hq.ok", "HTTP " + response.statusCode() + " " + health);
            }
            return CheckResult.warn("maint.check.hq.status", health.toString(), response.statusCode());
        } catch (IOException e) {
            return CheckResult.fail("maint.check.hq.unreachable", HttpProbe.describe(health, e));
        }
    }
}
