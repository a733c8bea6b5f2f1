package jp.madoguchi.video.chromium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.video.ScreenRect;
import jp.madoguchi.video.testing.Poll;
import org.junit.jupiter.api.Test;

class ChromiumBrowserTest {

    @Test
    void startsWithItsOwnProfileAndDevToolsOnLoopbackOnlyAndCleansUpEverything() throws Exception {
        ChromiumBrowser browser = ChromiumBrowser.launch(ChromiumOptions.headlessWithFakeMedia(),
                URI.create("data:text/html,booth"), new ScreenRect(10, 20, 640, 360));
        Path profile = browser.profile();
        List<ProcessHandle> tree;
        try {
            assertTrue(Files.isDirectory(profile), "the profile directory exists while the browser runs");
            assertTrue(browser.endpoint().getPath().startsWith("/devtools/browser/"), browser.endpoint().toString());
            assertEquals(List.of("127.0.0.1"), listeningAddresses(browser.devToolsPort()),
                    "DevTools must listen on 127.0.0.1 only");
            String version = browser.cdp().send("Browser.getVersion", null).get(10, TimeUnit.SECONDS)
                    .path("product").asText();
            assertTrue(version.contains("Chrome") || version.contains("Chromium"), version);
            long memory = browser.memoryBytes();
            assertTrue(memory > 10L * 1024 * 1024, "a running Chromium uses more than 10 MB: " + memory);
            tree = browser.processTree();
            assertTrue(tree.size() > 1, "Chromium runs as a tree of processes: " + tree.size());
            // the crash reporter (Debian's chromium starts it always) keeps its database inside the profile, which
            // is deleted at close, and not in ~/.config/chromium
            Path crashReports = profile.resolve("config").resolve("chromium").resolve("Crash Reports");
            Poll.until(java.time.Duration.ofSeconds(10), () -> Files.isDirectory(crashReports),
                    () -> "no crash report database in the profile: " + crashReports);
            // a second start gets its own endpoint: another token (the browser id in the path), on loopback too
            ChromiumBrowser second = ChromiumBrowser.launch(ChromiumOptions.headlessWithFakeMedia(),
                    URI.create("data:text/html,booth"), null);
            try {
                assertNotEquals(browser.endpoint().getPath(), second.endpoint().getPath(), "a token per start");
                assertEquals(List.of("127.0.0.1"), listeningAddresses(second.devToolsPort()));
            } finally {
                second.close();
            }
        } finally {
            browser.close();
        }
        assertFalse(Files.exists(profile), "the profile directory is deleted at close");
        for (ProcessHandle handle : tree) {
            assertFalse(ChromiumBrowser.running(handle), "process " + handle.pid() + " is gone after close");
        }
    }

    @Test
    void whenTheMainProcessIsKilledFromOutsideCloseStillFindsItsOrphansAndDeletesTheProfile() throws Exception {
        ChromiumBrowser browser = ChromiumBrowser.launch(ChromiumOptions.headlessWithFakeMedia(),
                URI.create("data:text/html,booth"), null);
        Path profile = browser.profile();
        List<ProcessHandle> children;
        try {
            browser.cdp().send("Browser.getVersion", null).get(10, TimeUnit.SECONDS);
            Path crashReports = profile.resolve("config").resolve("chromium").resolve("Crash Reports");
            Poll.until(java.time.Duration.ofSeconds(10), () -> Files.isDirectory(crashReports),
                    () -> "no crash reporter yet");
            children = browser.processTree().stream().filter(h -> h.pid() != browser.pid()).toList();
            assertTrue(children.size() > 1, "renderers, zygotes, crash reporter: " + children.size());
            // on a busy machine the children take their time to notice their parent is gone; stopping them makes
            // that slowness certain
            signal("STOP", children);
            // SIGKILL the main process only, as the OOM killer or a person with a task manager would: its
            // children are handed to init and are no longer its descendants
            ProcessHandle.of(browser.pid()).orElseThrow().destroyForcibly();
            Poll.until(java.time.Duration.ofSeconds(10), () -> !ProcessHandle.of(browser.pid())
                    .map(ChromiumBrowser::running).orElse(false), () -> "the main process is still there");
            assertTrue(browser.processTree().containsAll(children),
                    "the orphans still count as the browser's: " + children + " vs " + browser.processTree());
        } finally {
            browser.close();
        }
        assertFalse(Files.exists(profile), "the profile directory is deleted at close");
        for (ProcessHandle handle : children) {
            assertFalse(ChromiumBrowser.running(handle), "process " + handle.pid() + " is gone after close");
        }
    }

    @Test
    void aMissingBrowserIsAClearFailure() {
        ChromiumOptions options = ChromiumOptions.headlessWithFakeMedia().withExecutable(Path.of("/nonexistent/chromium"));
        BrowserUnavailableException e = assertThrows(BrowserUnavailableException.class,
                () -> ChromiumBrowser.launch(options, URI.create("about:blank"), null));
        assertTrue(e.getMessage().contains("/nonexistent/chromium"), e.getMessage());
    }

    @Test
    void productionFlagsKeepTheSandboxForOrdinaryUsersAndNeverFakeDevices() {
        List<String> args = ChromiumBrowser.arguments(ChromiumOptions.production(), Path.of("/tmp/p"),
                URI.create("http://127.0.0.1:1/t/call.html"), new ScreenRect(100.5, 50, 800, 600));
        assertTrue(args.contains("--app=http://127.0.0.1:1/t/call.html"), args.toString());
        assertTrue(args.contains("--remote-debugging-port=0"), args.toString());
        assertTrue(args.contains("--window-position=100,50"), args.toString());
        assertTrue(args.contains("--window-size=801,600"), args.toString());
        assertTrue(args.contains("--disable-background-networking") && args.contains("--no-first-run"));
        assertFalse(args.stream().anyMatch(a -> a.startsWith("--headless") || a.contains("fake")), args.toString());
        assertEquals(ChromiumBrowser.runningAsRoot(), args.contains("--no-sandbox"));
        // seen in the demo's screenshots: without it, a bar about --no-sandbox covered the top of the call
        assertEquals(args.contains("--no-sandbox"), args.contains("--test-type"), args.toString());
    }

    private static void signal(String name, List<ProcessHandle> processes) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", "-" + name));
        processes.forEach(h -> command.add(Long.toString(h.pid())));
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor(), "kill -" + name);
    }

    /** The local addresses a TCP port listens on, from /proc/net/tcp and tcp6. */
    static List<String> listeningAddresses(int port) throws Exception {
        List<String> addresses = new ArrayList<>();
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(file);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path).subList(1, Files.readAllLines(path).size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (Integer.parseInt(local[1], 16) == port && fields[3].equals("0A")) {
                    addresses.add(decode(local[0]));
                }
            }
        }
        return addresses;
    }

    private static String decode(String hex) {
        if (hex.length() == 8) {
            long v = Long.parseLong(hex, 16);
            return (v & 0xff) + "." + (v >> 8 & 0xff) + "." + (v >> 16 & 0xff) + "." + (v >> 24 & 0xff);
        }
        return hex.toLowerCase(Locale.ROOT);
    }
}
