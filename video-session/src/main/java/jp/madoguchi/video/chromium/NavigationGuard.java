package jp.madoguchi.video.chromium;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import jp.madoguchi.video.chromium.cdp.CdpConnection;
import jp.madoguchi.video.chromium.cdp.CdpEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the managed browser load documents only from the call page's origin and the meeting server's origin (and
 * {@code data:}, {@code blob:}, {@code about:}): every document request of every frame is paused by the
 * browser-wide {@code Fetch} domain (which also sees out-of-process iframes and new windows) and continued or
 * aborted here. A new window or tab other than the call page is closed at once; downloads are denied.
 *
 * <p>Blocked requests fail with {@code Aborted} rather than {@code BlockedByClient}: an aborted navigation leaves
 * the frame as it was (the call goes on), while a blocked one would replace it with an error page. Only the host
 * of a blocked URL is logged, never its path or query (a token may be in them).
 *
 * <p>Runs on the connection's event thread and never waits there.
 */
final class NavigationGuard {
    private static final Logger LOG = LoggerFactory.getLogger(NavigationGuard.class);

    private final CdpConnection cdp;
    private final String callPageOrigin;
    private final Supplier<String> mainTargetId;
    private final AtomicReference<Set<String>> meetingOrigins = new AtomicReference<>(Set.of());
    private final List<String> blockedHosts = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger closedWindows = new java.util.concurrent.atomic.AtomicInteger();

    NavigationGuard(CdpConnection cdp, String callPageOrigin, Supplier<String> mainTargetId) {
        this.cdp = cdp;
        this.callPageOrigin = callPageOrigin;
        this.mainTargetId = mainTargetId;
    }

    /** Installs the guard on the browser's own session; completes when the browser confirmed it. */
    CompletableFuture<Void> install() {
        cdp.on("Fetch.requestPaused", this::paused);
        cdp.on("Target.targetCreated", this::targetCreated);
        var patterns = CdpConnection.json().createArrayNode();
        patterns.addObject().put("urlPattern", "*").put("resourceType", "Document").put("requestStage", "Request");
        var fetch = CdpConnection.params("patterns", patterns);
        return CompletableFuture.allOf(
                cdp.send("Fetch.enable", fetch),
                cdp.send("Target.setDiscoverTargets", CdpConnection.params("discover", true)),
                cdp.send("Browser.setDownloadBehavior", CdpConnection.params("behavior", "deny")));
    }

    /** The meeting server whose documents may load from now on (replacing the previous one). */
    void allowMeeting(URI meetingServer) {
        meetingOrigins.set(Set.of(origin(meetingServer)));
    }

    /** Hosts of documents blocked so far, in order (for tests and the maintenance log). */
    List<String> blockedHosts() {
        return List.copyOf(blockedHosts);
    }

    /** How many new windows were closed so far. */
    int closedWindows() {
        return closedWindows.get();
    }

    boolean allowed(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("data") || scheme.equals("blob") || scheme.equals("about")) {
            return true;
        }
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return false;
        }
        String origin = origin(uri);
        return origin.equals(callPageOrigin) || meetingOrigins.get().contains(origin);
    }

    static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port < 0) {
            port = scheme.equals("https") ? 443 : 80;
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    private void paused(CdpEvent event) {
        JsonNode params = event.params();
        String requestId = params.path("requestId").asText();
        String url = params.path("request").path("url").asText("");
        if (allowed(url)) {
            cdp.send("Fetch.continueRequest", CdpConnection.params("requestId", requestId), event.sessionId())
                    .exceptionally(e -> {
                        LOG.debug("continueRequest: {}", e.toString());
                        return null;
                    });
            return;
        }
        String host = hostOf(url);
        blockedHosts.add(host);
        LOG.warn("blocked a page from {} in the call window (only the call page and the meeting server may load)",
                host);
        cdp.send("Fetch.failRequest", CdpConnection.params("requestId", requestId, "errorReason", "Aborted"),
                event.sessionId()).exceptionally(e -> {
                    LOG.debug("failRequest: {}", e.toString());
                    return null;
                });
    }

    private void targetCreated(CdpEvent event) {
        JsonNode info = event.params().path("targetInfo");
        String type = info.path("type").asText();
        String targetId = info.path("targetId").asText();
        String main = mainTargetId.get();
        if (!"page".equals(type) || main == null || main.equals(targetId)) {
            return;
        }
        closedWindows.incrementAndGet();
        LOG.warn("closed a new window the call tried to open");
        cdp.send("Target.closeTarget", CdpConnection.params("targetId", targetId)).exceptionally(e -> {
            LOG.debug("closeTarget: {}", e.toString());
            return null;
        });
    }

    static String hostOf(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() != null) {
                return uri.getHost();
            }
            return uri.getScheme() == null ? "(no host)" : uri.getScheme() + ":";
        } catch (IllegalArgumentException e) {
            return "(unreadable address)";
        }
    }
}
