package jp.madoguchi.card.pcsc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import jnasmartcardio.Smartcardio;

/**
 * A pcscd of the tests' own, with the vpcd driver on a free TCP port, so integration tests run
 * through the real stack (Java → jnasmartcardio → libpcsclite → pcscd → vpcd → our emulator)
 * without touching a pcscd the machine may already run.
 *
 * <p>pcscd's socket path is compiled in ({@code /run/pcscd/pcscd.comm}), so pcscd runs in a private
 * mount namespace in which {@link #SOCKET_DIR} is bind-mounted over {@code /run/pcscd}:
 * {@code unshare --mount --propagation private sh -c 'mount --bind DIR /run/pcscd && exec pcscd -f -c CONF'}.
 * Clients (this JVM) find it through {@code PCSCLITE_CSOCK_NAME=DIR/pcscd.comm}, which libpcsclite
 * reads once; surefire sets it (see card-reader/pom.xml), and this class refuses to start if the
 * variable points elsewhere. Needs root (for the namespace and the mount) and the packages from
 * {@code scripts/install-system-deps.sh}; without them it fails loudly, it never skips.
 *
 * <p>{@link #stop()} and {@link #restart()} keep the socket directory and port, to simulate a
 * pcscd restart. The process is killed on {@link #close()} and, failing that, by a shutdown hook.
 * pcscd's output goes to {@link #logFile()}.
 *
 * <p>Public, in card-reader's test-jar, for kiosk-app's booth-level test against a real pcscd (whose surefire sets
 * the same variable). One at a time per JVM (the socket directory is fixed by the environment variable). Side
 * effect on the host: {@code /run/pcscd} is created if missing (as an empty mount point).
 *
 * <p>Thread-safety: methods are synchronized; meant to be driven from the test thread.
 */
public final class PrivatePcscd implements AutoCloseable {
    static final String SOCKET_ENV = "PCSCLITE_CSOCK_NAME";
    static final String VPCD_DRIVER = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so";
    public static final String FIRST_READER = "Virtual PCD 00 00";
    public static final String SECOND_READER = "Virtual PCD 00 01";
    private static final String FIX = "Run scripts/install-system-deps.sh (as root) and run the tests as root.";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Path socketDir;
    private final Path workDir;
    private final Path readerConf;
    private final Path logFile;
    private final int port;
    private final Thread shutdownHook;
    private Process process;

    private PrivatePcscd(Path socketDir, Path workDir, int port) throws IOException {
        this.socketDir = socketDir;
        this.workDir = workDir;
        this.port = port;
        this.readerConf = workDir.resolve("reader.conf");
        this.logFile = workDir.resolve("pcscd.log");
        // the same content as Debian's /etc/reader.conf.d/vpcd, on our own port
        Files.writeString(readerConf, String.format(Locale.ROOT,
                "FRIENDLYNAME \"Virtual PCD\"%nDEVICENAME   /dev/null:0x%04X%nLIBPATH      %s%nCHANNELID    0x%04X%n",
                port, VPCD_DRIVER, port), StandardCharsets.US_ASCII);
        this.shutdownHook = new Thread(this::kill, "private-pcscd-killer");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a private pcscd and waits until "Virtual PCD 00 00" is listed through jnasmartcardio.
     * Fails (never skips) with instructions when the machine cannot run one.
     */
    public static PrivatePcscd start() throws IOException {
        Path socketDir = checkPrerequisites();
        Path target = socketDir.getParent();
        killLeftover(socketDir);
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePortPair();
            Path workDir = Files.createTempDirectory(target, "pcscd-conf-");
            PrivatePcscd pcscd = new PrivatePcscd(socketDir, workDir, port);
            try {
                pcscd.launch();
                return pcscd;
            } catch (IOException e) {
                // most likely the port was taken between probing and pcscd binding it: try another
                last = e;
                pcscd.close();
            }
        }
        throw last;
    }

    /** vpcd's port for "Virtual PCD 00 00"; the second slot listens on {@code port() + 1}. */
    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    Path socketDir() {
        return socketDir;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops pcscd (SIGTERM, as a service manager would) and waits until it is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Kills pcscd with SIGKILL, as a crash would (no clean-up of its own), and waits until it is gone. */
    public synchronized void killNow() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops and starts pcscd again with the same socket directory and port. */
    public synchronized void restart() throws IOException {
        stop();
        launch();
    }

    /** Starts pcscd again after {@link #stop()}, same socket directory and port. */
    public synchronized void startAgain() throws IOException {
        if (isRunning()) {
            throw new IllegalStateException("already running");
        }
        launch();
    }

    /** Lines of pcscd's output that report a problem (pcscd logs at error level by default). */
    List<String> problemsInLog() throws IOException {
        List<String> problems = new ArrayList<>();
        if (!Files.exists(logFile)) {
            return problems;
        }
        for (String line : Files.readAllLines(logFile, StandardCharsets.UTF_8)) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.contains("error") || lower.contains("critical") || lower.contains("fail")
                    || lower.contains("segmentation") || lower.contains("abort")) {
                problems.add(line);
            }
        }
        return problems;
    }

    @Override
    public synchronized void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }

    private void kill() {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    private synchronized void launch() throws IOException {
        clearSocketDir();
        String script = "mkdir -p /run/pcscd && mount --bind '" + socketDir + "' /run/pcscd && exec pcscd -f -c '"
                + readerConf + "'";
        ProcessBuilder builder = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", script)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // pcscd must not inherit the client variable (it would not use it, but keep it clean)
        builder.environment().remove(SOCKET_ENV);
        process = builder.start();
        awaitReader();
    }

    private void awaitReader() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Path socket = socketDir.resolve("pcscd.comm");
        String lastProblem = "socket " + socket + " did not appear";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("private pcscd exited with status " + process.exitValue() + "; its log "
                        + logFile + ":\n" + tail() + "\n" + FIX);
            }
            if (Files.exists(socket)) {
                try {
                    List<String> names = listReaders();
                    if (names.contains(FIRST_READER)) {
                        return;
                    }
                    lastProblem = "readers listed: " + names;
                } catch (Exception e) {
                    lastProblem = PcscFailures.describe(e);
                }
            }
            sleep(50);
        }
        stop();
        throw new IOException("private pcscd did not list \"" + FIRST_READER + "\" within " + START_TIMEOUT.toSeconds()
                + " s (" + lastProblem + "); its log " + logFile + ":\n" + tail());
    }

    /**
     * Stops pcscd and fails the test class if it died while the tests ran or logged a crash. Its
     * problem lines are printed for the record: "Error resetting card" is expected, from a
     * connection that closes (with reset) after its card was pulled.
     */
    public void closeAndAssertHealthy() throws IOException {
        boolean survived = isRunning();
        close();
        List<String> problems = problemsInLog();
        System.out.println("private pcscd log " + logFile() + ": " + problems.size() + " problem line(s)");
        problems.forEach(line -> System.out.println("  " + line));
        org.junit.jupiter.api.Assertions.assertTrue(survived, "pcscd died during the tests; see " + logFile());
        List<String> crashes = problems.stream().filter(line -> line.matches("(?i).*(critical|segmentation|abort).*")).toList();
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), crashes, "pcscd reported a crash; see " + logFile());
    }

    /** Waits until pcscd reports {@code reader} with or without a card, failing the test after {@code wait}. */
    public static void awaitPresence(Readers readers, String reader, boolean present, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        List<ReaderInfo> last = List.of();
        while (System.nanoTime() < deadline) {
            last = readers.list();
            if (last.contains(new ReaderInfo(reader, present))) {
                return;
            }
            Thread.sleep(50);
        }
        org.junit.jupiter.api.Assertions.fail("\"" + reader + "\" did not become " + (present ? "occupied" : "empty") + ": " + last);
    }

    private static List<String> listReaders() throws Exception {
        TerminalFactory factory = TerminalFactory.getInstance("PC/SC", null, new Smartcardio());
        var terminals = factory.terminals();
        try {
            List<String> names = new ArrayList<>();
            for (CardTerminal terminal : terminals.list()) {
                names.add(terminal.getName());
            }
            return names;
        } finally {
            if (terminals instanceof Smartcardio.JnaCardTerminals jna) {
                jna.close();
            }
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private void clearSocketDir() throws IOException {
        Files.createDirectories(socketDir);
        try (Stream<Path> files = Files.list(socketDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Checks everything a private pcscd needs; returns the socket directory. */
    private static Path checkPrerequisites() throws IOException {
        String socketName = System.getenv(SOCKET_ENV);
        if (socketName == null || !socketName.endsWith("/pcscd.comm")) {
            throw new IllegalStateException(SOCKET_ENV + " is " + socketName + ", expected .../pcscd-it/pcscd.comm: "
                    + "run the tests through Maven (card-reader's and kiosk-app's pom.xml set it for surefire)");
        }
        List<String> missing = new ArrayList<>();
        if (findExecutable("pcscd") == null) {
            missing.add("pcscd (package pcscd)");
        }
        if (findExecutable("unshare") == null) {
            missing.add("unshare (package util-linux)");
        }
        if (!Files.exists(Path.of(VPCD_DRIVER))) {
            missing.add(VPCD_DRIVER + " (package vsmartcard-vpcd)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("cannot start a private pcscd, missing: " + missing + ". " + FIX);
        }
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (!Integer.valueOf(0).equals(uid)) {
            throw new IllegalStateException("cannot start a private pcscd: a private mount namespace and a bind mount "
                    + "need root, and this JVM runs as uid " + uid + ". " + FIX);
        }
        return Path.of(socketName).toAbsolutePath().getParent();
    }

    private static Path findExecutable(String name) {
        List<String> dirs = new ArrayList<>(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        for (String dir : dirs) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * A pcscd of an earlier, crashed test run may still hold our socket directory; pcscd would
     * refuse to start. Kill it, but only if its command line names our own directory.
     */
    private static void killLeftover(Path socketDir) {
        Path pidFile = socketDir.resolve("pcscd.pid");
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).ifPresent(handle -> {
                String cmdline = handle.info().commandLine().orElse("");
                if (cmdline.contains("pcscd") && cmdline.contains(socketDir.getParent().toString())) {
                    handle.destroyForcibly();
                }
            });
        } catch (IOException | NumberFormatException e) {
            // nothing usable to clean up
        }
    }

    /** A free port p such that p + 1 is free too (vpcd's second slot). */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                port = probe.getLocalPort();
            }
            if (port >= 65535) {
                continue;
            }
            try (ServerSocket first = new ServerSocket(); ServerSocket second = new ServerSocket()) {
                first.bind(new InetSocketAddress(port));
                second.bind(new InetSocketAddress(port + 1));
                return port;
            } catch (IOException e) {
                // one of the two is taken: try another
            }
        }
        throw new IOException("no free pair of TCP ports found");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
