package jp.madoguchi.video.chromium;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jp.madoguchi.video.ScreenRect;
import jp.madoguchi.video.chromium.cdp.CdpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running browser: its process, its own fresh profile directory, and the DevTools connection to it.
 *
 * <p>The DevTools endpoint listens on 127.0.0.1 only, on a port the browser picks ({@code --remote-debugging-port=0})
 * and writes into the profile's {@code DevToolsActivePort} file together with the browser's path, a random id
 * that acts as the endpoint's token. {@link #close()} asks the browser to close, kills the process tree after a
 * grace period, and deletes the profile.
 */
public final class ChromiumBrowser implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChromiumBrowser.class);

    private final Process process;
    private final Path profile;
    private final int devToolsPort;
    private final URI endpoint;
    private final CdpConnection cdp;
    private final ChromiumOptions options;

    private ChromiumBrowser(Process process, Path profile, int devToolsPort, URI endpoint, CdpConnection cdp,
                            ChromiumOptions options) {
        this.process = process;
        this.profile = profile;
        this.devToolsPort = devToolsPort;
        this.endpoint = endpoint;
        this.cdp = cdp;
        this.options = options;
    }

    /**
     * Starts a browser with an app window showing {@code appUrl}.
     *
     * @param bounds where the window appears first (JavaFX screen coordinates), or {@code null} for the default
     * @throws BrowserUnavailableException when the browser is missing, or does not start within the start timeout
     */
    public static ChromiumBrowser launch(ChromiumOptions options, URI appUrl, ScreenRect bounds) {
        Path executable = options.resolveExecutable();
        Path profile;
        try {
            profile = Files.createTempDirectory("madoguchi-call-");
        } catch (IOException e) {
            throw new BrowserUnavailableException("cannot create a profile directory", e);
        }
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments(options, profile, appUrl, bounds));
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(profile.resolve("browser-output.log").toFile());
            // Debian's chromium always starts its crash reporter, whose database lives under $XDG_CONFIG_HOME
            // (~/.config/chromium/Crash Reports) whatever --user-data-dir says: keep it, and any cache, inside
            // the call's own profile, which is deleted when the call ends
            builder.environment().put("XDG_CONFIG_HOME", profile.resolve("config").toString());
            builder.environment().put("XDG_CACHE_HOME", profile.resolve("cache").toString());
            process = builder.start();
        } catch (IOException e) {
            deleteTree(profile);
            throw new BrowserUnavailableException("cannot start " + executable + ": " + e.getMessage(), e);
        }
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + options.startTimeout().toNanos();
            List<String> lines = List.of();
            while (lines.size() < 2) {
                if (!process.isAlive()) {
                    throw new BrowserUnavailableException(executable + " exited at start with code "
                            + process.exitValue() + ": " + tail(profile.resolve("browser-output.log")));
                }
                if (System.nanoTime() > deadline) {
                    throw new BrowserUnavailableException(executable + " did not open its DevTools endpoint within "
                            + options.startTimeout().toSeconds() + " s");
                }
                if (Files.exists(portFile)) {
                    lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
                }
                if (lines.size() < 2) {
                    Thread.sleep(25);
                }
            }
            int port = Integer.parseInt(lines.get(0).trim());
            URI endpoint = URI.create("ws://127.0.0.1:" + port + lines.get(1).trim());
            CdpConnection cdp = CdpConnection.connect(endpoint, Duration.ofSeconds(10));
            LOG.info("browser started: {} (pid {}, DevTools on 127.0.0.1:{})", executable.getFileName(),
                    process.pid(), port);
            return new ChromiumBrowser(process, profile, port, endpoint, cdp, options);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            deleteTree(profile);
            throw new BrowserUnavailableException("interrupted while starting the browser", e);
        } catch (IOException | RuntimeException e) {
            kill(process);
            deleteTree(profile);
            if (e instanceof BrowserUnavailableException b) {
                throw b;
            }
            throw new BrowserUnavailableException("the browser did not start: " + e.getMessage(), e);
        }
    }

    static List<String> arguments(ChromiumOptions options, Path profile, URI appUrl, ScreenRect bounds) {
        List<String> args = new ArrayList<>();
        args.add("--user-data-dir=" + profile);
        args.add("--no-first-run");
        args.add("--no-default-browser-check");
        args.add("--disable-background-networking");
        args.add("--disable-component-update");
        args.add("--disable-sync");
        args.add("--disable-default-apps");
        args.add("--disable-extensions");
        args.add("--disable-translate");
        args.add("--password-store=basic");
        args.add("--remote-debugging-port=0");
        args.add("--remote-debugging-address=127.0.0.1");
        // kiosk-friendly: no pinch zoom, no swipe back/forward, no crash bubbles or error dialogs
        args.add("--disable-pinch");
        args.add("--overscroll-history-navigation=0");
        args.add("--noerrdialogs");
        args.add("--disable-infobars");
        args.add("--disable-session-crashed-bubble");
        args.add("--hide-crash-restore-bubble");
        args.add("--autoplay-policy=no-user-gesture-required");
        args.add("--disable-features=Translate,MediaRouter,GlobalMediaControls"
                + (options.loopbackWebRtc() ? ",WebRtcHideLocalIpsWithMdns" : ""));
        if (bounds != null) {
            args.add("--window-position=" + bounds.left() + "," + bounds.top());
            args.add("--window-size=" + Math.max(1, bounds.pixelWidth()) + "," + Math.max(1, bounds.pixelHeight()));
        }
        if (runningAsRoot()) {
            // Chromium's sandbox refuses to run as root; a booth runs as an ordinary user and keeps it
            args.add("--no-sandbox");
            // and, in a window, Chromium would put a "--no-sandbox is unsupported" bar over the top of the call
            args.add("--test-type");
        }
        if (options.headless()) {
            args.add("--headless");
        }
        if (options.fakeMedia()) {
            args.add("--use-fake-ui-for-media-stream");
            args.add("--use-fake-device-for-media-stream");
        }
        args.addAll(options.extraArgs());
        args.add("--app=" + appUrl);
        return args;
    }

    static boolean runningAsRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).trim().split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return "root".equals(System.getProperty("user.name"));
    }

    public CdpConnection cdp() {
        return cdp;
    }

    /** The port of the DevTools endpoint (on 127.0.0.1). */
    public int devToolsPort() {
        return devToolsPort;
    }

    /** The DevTools endpoint, with its per-start token in the path. */
    public URI endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    /** The browser's profile directory (gone after {@link #close()}). */
    public Path profile() {
        return profile;
    }

    public boolean isAlive() {
        return process.isAlive() && cdp.isOpen();
    }

    /** The browser's main process and all its children (renderers, GPU, network service, zygotes). */
    public List<ProcessHandle> processTree() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        return tree;
    }

    /**
     * The memory of the whole process tree, in bytes: the sum of each process's proportional set size (shared
     * pages counted once over all), or of the resident set sizes where PSS cannot be read; -1 off Linux.
     */
    public long memoryBytes() {
        long total = 0;
        boolean any = false;
        for (ProcessHandle handle : processTree()) {
            long kb = procKb(handle.pid(), "smaps_rollup", "Pss:");
            if (kb < 0) {
                kb = procKb(handle.pid(), "status", "VmRSS:");
            }
            if (kb >= 0) {
                total += kb * 1024;
                any = true;
            }
        }
        return any ? total : -1;
    }

    private static long procKb(long pid, String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, not Linux, or not readable
        }
        return -1;
    }

    /** Asks the browser to close, kills what is left after the grace period, deletes the profile. Idempotent. */
    @Override
    public void close() {
        List<ProcessHandle> tree = processTree();
        if (process.isAlive() && cdp.isOpen()) {
            cdp.expectClose();
            try {
                cdp.send("Browser.close", null).get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("Browser.close: {}", e.toString());
            }
        }
        cdp.close();
        try {
            if (!process.waitFor(options.closeGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("the browser (pid {}) did not close within {} ms; killing it", process.pid(),
                        options.closeGrace().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.addAll(process.descendants().toList());
        for (ProcessHandle handle : tree) {
            handle.destroyForcibly();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (tree.stream().anyMatch(ChromiumBrowser::running) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        tree.stream().filter(ChromiumBrowser::running)
                .forEach(h -> LOG.warn("browser process {} is still running after being killed", h.pid()));
        deleteTree(profile);
    }

    /** Alive and not a zombie (a killed grandchild may wait for a reaper that a container's init is not). */
    public static boolean running(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return handle.isAlive();
        }
    }

    private static void kill(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() > 600 ? text.substring(text.length() - 600) : text;
        } catch (IOException e) {
            return "(no output)";
        }
    }

    static void deleteTree(Path dir) {
        for (int attempt = 0; attempt < 3 && Files.exists(dir); attempt++) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        // a late writer; retried below
                    }
                });
            } catch (IOException | java.io.UncheckedIOException e) {
                LOG.debug("deleting {}: {}", dir, e.toString());
            }
        }
        if (Files.exists(dir)) {
            LOG.warn("could not delete the browser profile {}", dir);
        }
    }

}
