package jp.madoguchi.video.chromium;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>Where {@code setsid} exists (Linux), the browser starts as the leader of its own session: when its main process
 * dies, its zygotes, renderers and GPU process are handed to init and are no longer its descendants, but they keep
 * the session, so they can still be found and killed. Chromium's crash reporter starts sessions of its own; it is
 * found by an environment variable naming this browser's profile, which every process the browser starts inherits.
 */
public final class ChromiumBrowser implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChromiumBrowser.class);

    private final Process process;
    private final Path profile;
    private final int devToolsPort;
    private final URI endpoint;
    private final CdpConnection cdp;
    private final ChromiumOptions options;
    /** The browser's session id, when it leads a session of its own; -1 otherwise. */
    private final long session;

    /** The environment variable that marks every process of one browser; its value is the profile's path. */
    static final String PROFILE_MARKER = "MADOGUCHI_CALL_PROFILE";
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private ChromiumBrowser(Process process, Path profile, int devToolsPort, URI endpoint, CdpConnection cdp,
                            ChromiumOptions options) {
        this.session = ownSession(process);
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
        if (Files.isExecutable(SETSID)) {
            // -w: should setsid have to fork, it waits for the browser, so the process we hold lives as long
            command.add(SETSID.toString());
            command.add("-w");
        }
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
            builder.environment().put(PROFILE_MARKER, profile.toString());
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
            kill(process, profile);
            deleteTree(profile);
            throw new BrowserUnavailableException("interrupted while starting the browser", e);
        } catch (IOException | RuntimeException e) {
            kill(process, profile);
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

    /**
     * The browser's main process and every process it started (renderers, GPU, network service, zygotes, the crash
     * reporter), including those orphaned when the main process died.
     */
    public List<ProcessHandle> processTree() {
        Map<Long, ProcessHandle> tree = new LinkedHashMap<>();
        tree.put(process.pid(), process.toHandle());
        process.descendants().forEach(h -> tree.put(h.pid(), h));
        for (ProcessHandle handle : strays(profile, session)) {
            tree.putIfAbsent(handle.pid(), handle);
        }
        return new ArrayList<>(tree.values());
    }

    /** Processes in the browser's session, or carrying its profile marker, wherever they were reparented to. */
    private static List<ProcessHandle> strays(Path profile, long session) {
        List<ProcessHandle> found = new ArrayList<>();
        String marker = PROFILE_MARKER + "=" + profile;
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(p -> p.getFileName().toString())
                    .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
                    .mapToLong(Long::parseLong)
                    .filter(pid -> pid != ProcessHandle.current().pid())
                    .filter(pid -> (session > 0 && sessionOf(pid) == session) || environHas(pid, marker))
                    .forEach(pid -> ProcessHandle.of(pid).ifPresent(found::add));
        } catch (IOException | RuntimeException e) {
            // not Linux: the descendants are all we know
        }
        return found;
    }

    private static long ownSession(Process process) {
        long mine = sessionOf(ProcessHandle.current().pid());
        long main = sessionOf(process.pid());
        if (main > 0 && main != mine) {
            return main;
        }
        // setsid had to fork: the browser is its child
        return process.descendants().mapToLong(h -> sessionOf(h.pid())).filter(s -> s > 0 && s != mine)
                .findFirst().orElse(-1);
    }

    /** The session id from /proc/PID/stat (field 6), or -1. */
    static long sessionOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state ppid pgrp session
            return Long.parseLong(fields[3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean environHas(long pid, String entry) {
        try {
            byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            String text = new String(environ, StandardCharsets.UTF_8);
            return text.startsWith(entry + "\0") || text.contains("\0" + entry + "\0");
        } catch (IOException | RuntimeException e) {
            return false;
        }
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
        Set<ProcessHandle> tree = new LinkedHashSet<>(processTree());
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
        // the main process may have died on its own (a crash, a kill): its orphans are found by session and marker
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        do {
            tree.addAll(processTree());
            tree.forEach(ProcessHandle::destroyForcibly);
            waitUntilGone(tree, Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(2)));
            deleteTree(profile);
        } while (Files.exists(profile) && System.nanoTime() < deadline && pause(50));
        tree.stream().filter(ChromiumBrowser::running)
                .forEach(h -> LOG.warn("browser process {} is still running after being killed", h.pid()));
        if (Files.exists(profile)) {
            LOG.warn("could not delete the browser profile {}", profile);
        }
    }

    private static void waitUntilGone(Collection<ProcessHandle> tree, long deadline) {
        while (tree.stream().anyMatch(ChromiumBrowser::running) && System.nanoTime() < deadline && pause(10)) {
            // waiting
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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

    /** A browser that did not start: its tree, found as {@link #processTree()} finds it, is killed. */
    private static void kill(Process process, Path profile) {
        Set<ProcessHandle> tree = new LinkedHashSet<>(process.descendants().toList());
        tree.addAll(strays(profile, ownSession(process)));
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        waitUntilGone(tree, System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
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
    }

}
