package jp.madoguchi.video.loopback;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.video.chromium.BrowserUnavailableException;
import jp.madoguchi.video.chromium.ChromiumBrowser;
import jp.madoguchi.video.chromium.ChromiumOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One headless Chromium on one page, with fake camera and microphone, for the loopback server's tests: the
 * production launcher ({@link ChromiumBrowser}, the same flags a booth's browser gets, headless and with fake media),
 * used as a plain browser. {@link #close()} kills the whole process tree and deletes the profile directory.
 *
 * <p>The browser is found as the booth finds it ({@link ChromiumOptions#resolveExecutable()}: {@code
 * -Dmadoguchi.browser}, {@code $MADOGUCHI_BROWSER}, then the usual paths). A missing browser is an
 * {@link AssertionError}: the media tests fail, never skip.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeadlessChromium.class);
    /** Pages in a background tab must keep their timers and media running: two meetings share one machine. */
    private static final List<String> TEST_ARGS = List.of("--disable-background-timer-throttling",
            "--disable-renderer-backgrounding", "--window-size=800,600");

    private final String name;
    private final ChromiumBrowser browser;

    private HeadlessChromium(String name, ChromiumBrowser browser) {
        this.name = name;
        this.browser = browser;
    }

    /** The Chromium binary the tests use; fails the test with a clear message when it is not installed. */
    static Path binary() {
        try {
            return ChromiumOptions.headlessWithFakeMedia().resolveExecutable();
        } catch (BrowserUnavailableException e) {
            throw new AssertionError("Chromium is not installed: the WebRTC tests need a real browser ("
                    + e.getMessage() + "). Install it (Debian: apt-get install chromium, which"
                    + " scripts/install-system-deps.sh does) or point -D" + ChromiumOptions.BROWSER_PROPERTY
                    + " at Chromium, Chrome or Edge.", e);
        }
    }

    /** Starts Chromium headless on {@code url}; {@code name} labels it in the log. */
    static HeadlessChromium open(String name, String url) {
        binary();
        ChromiumBrowser browser = ChromiumBrowser.launch(ChromiumOptions.headlessWithFakeMedia()
                .withExtraArgs(TEST_ARGS), URI.create(url), null);
        LOG.info("Chromium '{}' started (pid {})", name, browser.pid());
        return new HeadlessChromium(name, browser);
    }

    boolean isAlive() {
        return browser.isAlive();
    }

    /**
     * Kills the browser's whole process tree now (a crash, as far as the meeting can tell) and keeps the profile
     * until {@link #close()}.
     */
    void kill() {
        List<ProcessHandle> tree = browser.processTree();
        tree.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tree.stream().anyMatch(ChromiumBrowser::running) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        tree.stream().filter(ChromiumBrowser::running)
                .forEach(h -> LOG.warn("Chromium '{}' process {} did not exit", name, h.pid()));
    }

    @Override
    public void close() {
        browser.close();
        LOG.info("Chromium '{}' stopped and its profile deleted", name);
    }
}
