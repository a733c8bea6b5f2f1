package jp.madoguchi.video.loopback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One headless Chromium process on one page, with fake camera and microphone, for tests that need real WebRTC but
 * no DevTools control. {@link #close()} kills the whole process tree and deletes the profile directory.
 *
 * <p>The browser is {@code -Dmadoguchi.chromium=PATH}, else {@code $MADOGUCHI_CHROMIUM}, else
 * {@code /usr/bin/chromium}. A missing browser is an {@link AssertionError}: the media tests fail, never skip.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeadlessChromium.class);

    private final String name;
    private final Process process;
    private final Path profile;

    private HeadlessChromium(String name, Process process, Path profile) {
        this.name = name;
        this.process = process;
        this.profile = profile;
    }

    /** The Chromium binary the tests use; fails the test with a clear message when it is not installed. */
    static Path binary() {
        String configured = System.getProperty("madoguchi.chromium", System.getenv("MADOGUCHI_CHROMIUM"));
        Path path = Paths.get(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
        if (!Files.isExecutable(path)) {
            throw new AssertionError("Chromium is not installed at " + path + ": the WebRTC tests need a real browser."
                    + " Install it (Debian: apt-get install chromium) or point -Dmadoguchi.chromium (or"
                    + " MADOGUCHI_CHROMIUM) at Chromium, Chrome or Edge.");
        }
        return path;
    }

    /** Starts Chromium headless on {@code url}; {@code name} labels its log in target/chromium-logs. */
    static HeadlessChromium open(String name, String url) {
        Path binary = binary();
        Path profile;
        try {
            profile = Files.createTempDirectory("madoguchi-meet-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--headless",
                "--no-sandbox",
                "--user-data-dir=" + profile,
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                "--autoplay-policy=no-user-gesture-required",
                "--disable-features=WebRtcHideLocalIpsWithMdns",
                "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding",
                "--window-size=800,600",
                url));
        try {
            Path logs = Paths.get("target", "chromium-logs");
            Files.createDirectories(logs);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logs.resolve(name + ".log").toFile())
                    .start();
            LOG.info("Chromium '{}' started (pid {})", name, process.pid());
            return new HeadlessChromium(name, process, profile);
        } catch (IOException e) {
            deleteTree(profile);
            throw new AssertionError("Chromium " + binary + " would not start: " + e.getMessage(), e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Kills the browser's whole process tree now (a crash, as far as the meeting can tell) and keeps the profile.
     * The browser goes first, so that it starts no new child; then its children, and any process that still runs
     * on this profile (a child forked while we were killing has been handed to init and is no longer in the tree).
     */
    void kill() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        tree.addAll(process.descendants().toList());
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> strays = ProcessHandle.allProcesses().filter(this::onThisProfile).toList();
            strays.forEach(ProcessHandle::destroyForcibly);
            if (tree.stream().noneMatch(HeadlessChromium::running) && strays.stream().noneMatch(HeadlessChromium::running)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        tree.stream().filter(HeadlessChromium::running)
                .forEach(h -> LOG.warn("Chromium '{}' process {} did not exit", name, h.pid()));
    }

    private boolean onThisProfile(ProcessHandle handle) {
        String marker = "--user-data-dir=" + profile;
        return handle.info().arguments().map(args -> List.of(args).contains(marker)).orElse(false)
                || handle.info().commandLine().map(line -> line.contains(marker)).orElse(false);
    }

    /** Alive and not a zombie: a killed process whose parent died waits for init to reap it, which can take seconds. */
    private static boolean running(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Paths.get("/proc", Long.toString(handle.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || stat.length() < afterName + 3 || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException e) {
            return handle.isAlive(); // no /proc (not Linux), or it just went away
        }
    }

    @Override
    public void close() {
        kill();
        deleteTree(profile);
        LOG.info("Chromium '{}' stopped and its profile deleted", name);
    }

    private static void deleteTree(Path root) {
        for (int attempt = 0; attempt < 5 && Files.exists(root); attempt++) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException e) {
                        // a late writer; the next attempt catches it
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // files vanished while walking; try again
            }
        }
        if (Files.exists(root)) {
            LOG.warn("could not delete Chromium profile {}", root);
        }
    }
}
