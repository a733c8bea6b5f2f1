package jp.madoguchi.hq.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throwaway PostgreSQL cluster for the store tests: {@code initdb} into a directory under /tmp,
 * {@code pg_ctl start} listening on 127.0.0.1 at a free port (and a private socket directory),
 * one fresh database per {@link #createDatabase()}, stopped and deleted at the end of the test run
 * ({@link StopAtEnd}) or, failing that, when the JVM exits. Uses the Debian packages' binaries in
 * {@code /usr/lib/postgresql/<version>/bin}; initdb refuses to run as root, so as root every
 * command runs as the {@code postgres} user via {@code runuser}. Durability is switched off
 * ({@code fsync=off}): the cluster lives for one test run.
 *
 * <p>If PostgreSQL is not installed the tests fail and say how to install it; they are never skipped.
 */
final class PrivatePostgres implements AutoCloseable {
    private static final Path INSTALL_ROOT = Path.of("/usr/lib/postgresql");
    private static final String SUPERUSER = "postgres";
    private static final String OS_USER = "postgres";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private static PrivatePostgres shared;
    private static RuntimeException startFailure;

    private final Path binaries;
    private final Path root;
    private final Path data;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();
    private boolean stopped;

    private PrivatePostgres(Path binaries, Path root, int port) {
        this.binaries = binaries;
        this.root = root;
        this.data = root.resolve("data");
        this.port = port;
    }

    /** The cluster of this test run, started on first use. */
    static synchronized PrivatePostgres shared() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (shared == null) {
            try {
                shared = start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            PrivatePostgres cluster = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "stop-private-postgres"));
        }
        return shared;
    }

    static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /** A new empty database; returns its JDBC URL (user {@code postgres}, trust authentication on loopback). */
    String createDatabase() {
        String name = "store_test_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + " in the private PostgreSQL", e);
        }
        return url(name);
    }

    int port() {
        return port;
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER;
    }

    private static PrivatePostgres start() {
        Path binaries = findBinaries(INSTALL_ROOT);
        try {
            Path root = Files.createTempDirectory("madoguchi-pg-");
            Path socketDirectory = Files.createDirectory(root.resolve("socket"));
            if (runningAsRoot()) {
                UserPrincipal postgres = root.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName(OS_USER);
                Files.setOwner(root, postgres);
                Files.setOwner(socketDirectory, postgres);
            }
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
            int port = freePort();
            PrivatePostgres cluster = new PrivatePostgres(binaries, root, port);
            cluster.run("initdb", "-D", cluster.data.toString(), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
                    "--locale=C", "--no-sync");
            cluster.run("pg_ctl", "-D", cluster.data.toString(), "-l", root.resolve("postgres.log").toString(),
                    "-w", "-t", "60", "-o",
                    "-p " + port + " -k " + socketDirectory + " -c listen_addresses=127.0.0.1"
                            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                            + " -c max_connections=200",
                    "start");
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException("could not set up a private PostgreSQL cluster", e);
        }
    }

    /** The newest {@code <installRoot>/<version>/bin} with initdb and pg_ctl; fails saying how to install them. */
    static Path findBinaries(Path installRoot) {
        List<Path> candidates = new ArrayList<>();
        if (Files.isDirectory(installRoot)) {
            try (Stream<Path> versions = Files.list(installRoot)) {
                versions.map(version -> version.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb"))
                                && Files.isExecutable(bin.resolve("pg_ctl")))
                        .forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return candidates.stream()
                .max(Comparator.comparingInt(bin -> versionNumber(bin.getParent().getFileName().toString())))
                .orElseThrow(() -> new IllegalStateException(
                        "PostgreSQL is not installed (no initdb and pg_ctl under " + installRoot + "/*/bin)."
                                + " The store tests run against a real PostgreSQL server: run"
                                + " scripts/install-system-deps.sh (as root, or with sudo), then run the tests again."));
    }

    private static int versionNumber(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void run(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            command.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        command.add(binaries.resolve(program).toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
                        + process.exitValue() + ":\n" + new String(output, StandardCharsets.UTF_8) + serverLog());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + program, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + program, e);
        }
    }

    private String serverLog() {
        try {
            Path log = root.resolve("postgres.log");
            return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops the server (fast shutdown: its databases are throwaway) and deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } catch (RuntimeException e) {
            System.err.println("could not stop the private PostgreSQL: " + e.getMessage());
        }
        deleteRecursively(root);
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e.getMessage());
        }
    }

    /**
     * Registers, once per test run, the cluster's stop with JUnit's root context, which closes it
     * when all tests have run (the JVM shutdown hook is the fallback).
     */
    static final class StopAtEnd implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(StopAtEnd.class.getName(),
                            key -> (AutoCloseable) PrivatePostgres::stopShared, AutoCloseable.class);
        }
    }
}
