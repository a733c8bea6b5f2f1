package jp.madoguchi.video.chromium.cdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.video.chromium.ChromiumBrowser;
import jp.madoguchi.video.chromium.ChromiumOptions;
import jp.madoguchi.video.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DevTools connection against a real headless Chromium (one for the class). */
class CdpConnectionTest {
    private static ChromiumBrowser browser;

    @BeforeAll
    static void start() {
        browser = ChromiumBrowser.launch(ChromiumOptions.headlessWithFakeMedia(),
                URI.create("data:text/html,cdp"), null);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private static String attachPage() throws Exception {
        CdpConnection cdp = browser.cdp();
        JsonNode targets = cdp.send("Target.getTargets", null).get(10, TimeUnit.SECONDS).path("targetInfos");
        String targetId = null;
        for (JsonNode t : targets) {
            if (t.path("type").asText().equals("page")) {
                targetId = t.path("targetId").asText();
            }
        }
        return cdp.send("Target.attachToTarget", CdpConnection.params("targetId", targetId, "flatten", true))
                .get(10, TimeUnit.SECONDS).path("sessionId").asText();
    }

    @Test
    void commandsInAFlattenedSessionGetTheirOwnReplies() throws Exception {
        String session = attachPage();
        CdpConnection cdp = browser.cdp();
        CompletableFuture<JsonNode> a = cdp.send("Runtime.evaluate", CdpConnection.params("expression", "6*7",
                "returnByValue", true), session);
        CompletableFuture<JsonNode> b = cdp.send("Runtime.evaluate", CdpConnection.params("expression", "'x'+'y'",
                "returnByValue", true), session);
        assertEquals("xy", b.get(10, TimeUnit.SECONDS).path("result").path("value").asText());
        assertEquals(42, a.get(10, TimeUnit.SECONDS).path("result").path("value").asInt());
    }

    @Test
    void anErrorReplyFailsTheCommandWithItsCode() {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> browser.cdp().send("No.suchMethod", null).get(10, TimeUnit.SECONDS));
        CdpException cdp = assertInstanceOf(CdpException.class, e.getCause());
        assertEquals("No.suchMethod", cdp.method());
        assertEquals(-32601, cdp.code(), cdp.getMessage());
    }

    @Test
    void aMessageLargerThanOneFrameArrivesWhole() throws Exception {
        String session = attachPage();
        JsonNode reply = browser.cdp().send("Runtime.evaluate", CdpConnection.params("expression",
                "'abc'.repeat(1000000)", "returnByValue", true), session).get(20, TimeUnit.SECONDS);
        assertEquals(3_000_000, reply.path("result").path("value").asText().length());
    }

    @Test
    void eventsOfOneSessionReachItsSubscribersOnly() throws Exception {
        String session = attachPage();
        String other = attachPage();
        CdpConnection cdp = browser.cdp();
        BlockingQueue<CdpEvent> mine = new LinkedBlockingQueue<>();
        BlockingQueue<CdpEvent> theirs = new LinkedBlockingQueue<>();
        CdpConnection.Subscription s1 = cdp.on("Runtime.bindingCalled", session, Runnable::run, mine::add);
        CdpConnection.Subscription s2 = cdp.on("Runtime.bindingCalled", other, Runnable::run, theirs::add);
        try {
            cdp.send("Runtime.addBinding", CdpConnection.params("name", "ping"), session).get(10, TimeUnit.SECONDS);
            cdp.send("Runtime.evaluate", CdpConnection.params("expression", "ping('hello')"), session)
                    .get(10, TimeUnit.SECONDS);
            CdpEvent event = mine.poll(10, TimeUnit.SECONDS);
            assertEquals("hello", event.params().path("payload").asText());
            assertEquals(session, event.sessionId());
            assertTrue(theirs.isEmpty(), "the other session's subscriber hears nothing");
        } finally {
            s1.cancel();
            s2.cancel();
        }
    }

    @Test
    void aCommandWithoutReplyTimesOutAndAClosedConnectionTellsItsListener() throws Exception {
        ChromiumBrowser own = ChromiumBrowser.launch(ChromiumOptions.headlessWithFakeMedia(),
                URI.create("data:text/html,timeouts"), null);
        try {
            CdpConnection cdp = CdpConnection.connect(own.endpoint(), Duration.ofMillis(300));
            String target = null;
            for (JsonNode t : cdp.send("Target.getTargets", null).get(10, TimeUnit.SECONDS).path("targetInfos")) {
                if (t.path("type").asText().equals("page")) {
                    target = t.path("targetId").asText();
                }
            }
            String session = cdp.send("Target.attachToTarget", CdpConnection.params("targetId", target, "flatten",
                    true)).get(10, TimeUnit.SECONDS).path("sessionId").asText();
            awaitLoaded(cdp, session);
            ExecutionException timeout = assertThrows(ExecutionException.class, () -> cdp.send("Runtime.evaluate",
                    CdpConnection.params("expression", "new Promise(r => setTimeout(r, 5000))", "awaitPromise", true),
                    session).get(10, TimeUnit.SECONDS));
            assertInstanceOf(CdpException.class, timeout.getCause());
            assertTrue(timeout.getCause().getMessage().contains("no reply"), timeout.getCause().getMessage());

            CompletableFuture<Boolean> closedByUs = new CompletableFuture<>();
            cdp.addCloseListener((byUs, cause) -> closedByUs.complete(byUs));
            ProcessHandle.of(own.pid()).orElseThrow().destroyForcibly();
            assertFalse(closedByUs.get(10, TimeUnit.SECONDS), "the browser's death is reported as not ours");
            assertFalse(cdp.isOpen());
            ExecutionException afterwards = assertThrows(ExecutionException.class,
                    () -> cdp.send("Browser.getVersion", null).get(5, TimeUnit.SECONDS));
            assertInstanceOf(CdpException.class, afterwards.getCause());
        } finally {
            own.close();
        }
    }

    /**
     * Waits until the page has finished loading its data: URL, so that the next evaluation is not cut short by the
     * navigation from about:blank ("Execution context was destroyed") — on a busy machine that navigation can still
     * be under way when the session attaches. The connection's own timeout is short, so each try may time out.
     */
    private static void awaitLoaded(CdpConnection cdp, String session) {
        Poll.until(Duration.ofSeconds(20), () -> "complete".equals(cdp.send("Runtime.evaluate",
                        CdpConnection.params("expression", "document.URL.startsWith('data:') && document.readyState",
                                "returnByValue", true), session).join().path("result").path("value").asText()),
                () -> "the data: page did not finish loading");
    }
}
