package jp.madoguchi.kiosk.maintenance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The video meeting server serves its IFrame API: {@code HEAD https://<domain>/external_api.js} within 3 s. The
 * domain comes from the last call (or configuration); before any call it is unknown, which is a warning.
 */
public final class JitsiCheck implements Check {
    private final Supplier<Optional<String>> domain;
    private final HttpClient client;
    private final Function<String, URI> scriptAddress;

    public JitsiCheck(Supplier<Optional<String>> domain, HttpClient client) {
        this(domain, client, d -> URI.create("https://" + d + "/external_api.js"));
    }

    /** With another address rule: tests point it at a loopback http server. */
    JitsiCheck(Supplier<Optional<String>> domain, HttpClient client, Function<String, URI> scriptAddress) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.client = Objects.requireNonNull(client, "client");
        this.scriptAddress = scriptAddress;
    }

    @Override
    public String titleKey() {
        return "maint.check.jitsi.title";
    }

    @Override
    public CheckResult run() throws InterruptedException {
        Optional<String> known = domain.get().filter(d -> !d.isBlank());
        if (known.isEmpty()) {
            return CheckResult.warn("maint.check.jitsi.unknown", "");
        }
        URI script;
        try {
            script = scriptAddress.apply(known.get());
        } catch (IllegalArgumentException e) {
            return CheckResult.fail("maint.check.jitsi.unreachable", known.get() + ": " + e.getMessage());
        }
        try {
            HttpResponse<Void> response = HttpProbe.send(client, "HEAD", script);
            if (response.statusCode() / 100 == 2) {
                return CheckResult.ok("maint.check.jitsi.ok", "HTTP " + response.statusCode() + " " + script);
            }
            return CheckResult.warn("maint.check.jitsi.status", script.toString(), response.statusCode());
        } catch (IOException e) {
            return CheckResult.fail("maint.check.jitsi.unreachable", HttpProbe.describe(script, e));
        }
    }
}
