package jp.madoguchi.hq.server;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import jp.madoguchi.hq.config.HqConfig;
import jp.madoguchi.hq.config.HqConfigException;
import jp.madoguchi.hq.server.demo.DemoTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar hq-server.jar [--demo] [--port N] [--config FILE] [--data-dir DIR]}: starts
 * headquarters and serves until the process is stopped. Exit codes: 2 for a usage or configuration
 * error (the message names the key), 1 when the server cannot start (e.g. the port is taken).
 */
@Command(name = "hq-server", mixinStandardHelpOptions = true, versionProvider = HqMain.Version.class,
        description = "Madoguchi headquarters: booth enrolment and presence, the call queue, application intake.",
        footerHeading = "%nConfiguration (options > environment > file > defaults; secrets only as files):%n")
public final class HqMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(HqMain.class);

    @Option(names = "--port", paramLabel = "PORT", description = "the one port: HTTPS, and plain HTTP for GET /health (0 = any free port)")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "address to bind (default 0.0.0.0; 127.0.0.1 in demo mode)")
    String host;

    @Option(names = "--config", paramLabel = "FILE", description = "configuration properties file")
    Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "data directory (database, demo material)")
    Path dataDir;

    @Option(names = "--demo", description = "demo mode: make a demo device CA, server certificate and Jitsi secret under the data directory and use them")
    boolean demo;

    private final Map<String, String> environment;
    private final PrintWriter out;
    private HqServer server;

    HqMain(Map<String, String> environment, PrintWriter out) {
        this.environment = environment;
        this.out = out;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        HqMain main = new HqMain(System.getenv(), out);
        int code = commandLine(main, out).execute(args);
        if (code != 0 || main.server == null) {
            System.exit(code);
        }
        HqServer running = main.server;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.stop();
            stopped.countDown();
        }, "hq-server-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Parses {@code args} and starts the server without blocking (for tests and embedding). Returns
     * the running server, or throws {@link HqConfigException} / {@link CommandLine.ParameterException}.
     */
    public static HqServer launch(String[] args, Map<String, String> environment, PrintWriter out) {
        HqMain main = new HqMain(environment, out);
        new CommandLine(main).parseArgs(args);
        return main.start();
    }

    private static CommandLine commandLine(HqMain main, PrintWriter out) {
        CommandLine commandLine = new CommandLine(main);
        commandLine.getCommandSpec().usageMessage().footer(HqConfig.keyHelp().toArray(String[]::new));
        commandLine.setOut(out);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof HqConfigException) {
                cmd.getErr().println("hq-server: configuration error: " + e.getMessage());
                return 2;
            }
            cmd.getErr().println("hq-server: cannot start: " + e.getMessage());
            LOG.error("cannot start: {}", Failures.describe(e));
            return 1;
        });
        return commandLine;
    }

    @Override
    public Integer call() {
        server = start();
        return 0;
    }

    HqServer start() {
        DemoTls.Material material = null;
        Map<String, String> demoDefaults = new LinkedHashMap<>();
        if (demo) {
            Path demoDataDir = loader(Map.of()).peekPath(HqConfig.DATA_DIR).orElseThrow();
            material = DemoTls.ensure(demoDataDir);
            demoDefaults.put(HqConfig.HOST, "127.0.0.1");
            demoDefaults.put(HqConfig.TLS_KEYSTORE, material.serverKeystore().toString());
            demoDefaults.put(HqConfig.TLS_KEYSTORE_PASSWORD_FILE, material.serverPasswordFile().toString());
            demoDefaults.put(HqConfig.TLS_TRUSTSTORE, material.truststore().toString());
            demoDefaults.put(HqConfig.TLS_TRUSTSTORE_PASSWORD_FILE, material.truststorePasswordFile().toString());
            demoDefaults.put(HqConfig.JITSI_DOMAIN, "localhost");
            demoDefaults.put(HqConfig.JITSI_APP_ID, "madoguchi-demo");
            demoDefaults.put(HqConfig.JITSI_SECRET_FILE, material.jitsiSecretFile().toString());
        }
        HqConfig config = loader(demoDefaults).load();
        LOG.info("configuration: {}", config);
        HqServer started = HqServer.builder()
                .config(config)
                .tls(TlsMaterial.fromConfig(config))
                .revocations(serial -> false) // TODO(storage): the device CA's revocation list
                .build()
                .start();
        String shownHost = "0.0.0.0".equals(config.host()) || "::".equals(config.host()) ? "127.0.0.1" : config.host();
        String base = shownHost + ":" + started.port();
        out.println("Madoguchi headquarters " + started.version() + (demo ? " (demo mode)" : "") + " is running.");
        out.println("  HTTPS:  https://" + base + "/   (booth endpoints need a device certificate)");
        out.println("  health: http://" + base + "/health   and   https://" + base + "/health");
        if (material != null) {
            out.println("  demo device CA (trust it for the server certificate; it signs booth certificates): " + material.caPem());
            out.println("  demo TLS material and Jitsi secret: " + material.directory());
            out.println("  try: curl --cacert " + material.caPem() + " https://localhost:" + started.port() + "/health");
        }
        out.flush();
        return started;
    }

    /** Layers, lowest precedence first: built-in defaults, demo defaults, file, environment, options. */
    private HqConfig.Loader loader(Map<String, String> demoDefaults) {
        HqConfig.Loader loader = HqConfig.loader()
                .defaults(Map.of(HqConfig.HOST, "0.0.0.0", HqConfig.PORT, "8443", HqConfig.DATA_DIR, "hq-data"),
                        "built-in defaults")
                .defaults(demoDefaults, "demo mode");
        if (configFile != null) {
            loader.file(configFile);
        }
        loader.environment(environment);
        Map<String, String> options = new LinkedHashMap<>();
        if (host != null) {
            options.put(HqConfig.HOST, host);
        }
        if (port != null) {
            options.put(HqConfig.PORT, port.toString());
        }
        if (dataDir != null) {
            options.put(HqConfig.DATA_DIR, dataDir.toString());
        }
        return loader.overrides(options);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = HqMain.class.getPackage().getImplementationVersion();
            return new String[] {"hq-server " + (version == null ? "development" : version)};
        }
    }
}
