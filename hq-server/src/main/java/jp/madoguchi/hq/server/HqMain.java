package jp.madoguchi.hq.server;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import jp.madoguchi.hq.config.HqConfig;
import jp.madoguchi.hq.config.HqConfigException;
import jp.madoguchi.hq.HqApplication;
import jp.madoguchi.hq.server.demo.DemoSetup;
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
        subcommands = {AdminCommands.EnrolmentCode.class, AdminCommands.ListBooths.class, AdminCommands.RevokeBooth.class,
            AdminCommands.AddClerk.class},
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

    @Option(names = "--demo", description = "demo mode: a demo clerk, a booth enrolment code, a Jitsi secret, and trust in the "
            + "card emulator's test JPKI roots, all under the data directory")
    boolean demo;

    @Option(names = "--test-authority", paramLabel = "DIR",
            description = "demo mode: the card emulator's test authority (default: the one card-reader.jar emulate uses)")
    Path testAuthority;

    private final Map<String, String> environment;
    final PrintWriter out;
    private HqApplication application;

    HqMain(Map<String, String> environment, PrintWriter out) {
        this.environment = environment;
        this.out = out;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        HqMain main = new HqMain(System.getenv(), out);
        int code = commandLine(main, out).execute(args);
        if (code != 0 || main.application == null) {
            System.exit(code);
        }
        HqApplication running = main.application;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "hq-server-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Parses {@code args} and starts headquarters without blocking (for tests and embedding). Returns
     * it running, or throws {@link HqConfigException} / {@link CommandLine.ParameterException}.
     */
    public static HqApplication launch(String[] args, Map<String, String> environment, PrintWriter out) throws java.io.IOException {
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
    public Integer call() throws java.io.IOException {
        application = start();
        return 0;
    }

    private DemoSetup.Material material;

    /** The configuration: options, environment, file, demo defaults (making demo material once). */
    HqConfig config() throws java.io.IOException {
        Map<String, String> demoDefaults = new LinkedHashMap<>();
        if (demo) {
            Path demoDataDir = loader(Map.of()).peekPath(HqConfig.DATA_DIR).orElseThrow();
            material = DemoSetup.ensure(demoDataDir, testAuthority);
            demoDefaults.put(HqConfig.HOST, "127.0.0.1");
            demoDefaults.put(HqConfig.JITSI_DOMAIN, "localhost");
            demoDefaults.put(HqConfig.JITSI_APP_ID, "madoguchi-demo");
            demoDefaults.put(HqConfig.JITSI_SECRET_FILE, material.jitsiSecretFile().toString());
            demoDefaults.put(HqConfig.JPKI_ROOTS_DIR, material.jpkiRootsDir().toString());
        }
        return loader(demoDefaults).load();
    }

    HqApplication start() throws java.io.IOException {
        HqConfig config = config();
        LOG.info("configuration: {}", config);
        HqApplication started = HqApplication.start(config, java.time.Clock.systemUTC());
        String shownHost = "0.0.0.0".equals(config.host()) || "::".equals(config.host()) ? "127.0.0.1" : config.host();
        String base = shownHost + ":" + started.port();
        Path caPem = config.dataDir().resolve(HqApplication.DEVICE_CA_DIR).resolve(jp.madoguchi.hq.security.DeviceCa.CERT_FILE);
        out.println("Madoguchi headquarters " + started.server().version() + (demo ? " (demo mode)" : "") + " is running.");
        out.println("  HTTPS:  https://" + base + "/   (booth endpoints need a device certificate)");
        out.println("  health: http://" + base + "/health   and   https://" + base + "/health");
        out.println("  device CA (booths trust it for the server; it signs booth certificates): " + caPem);
        if (material != null) {
            java.util.Optional<jp.madoguchi.hq.store.Clerk> demoClerk = started.clerks().findByUsername(DemoSetup.DEMO_CLERK);
            if (demoClerk.isEmpty()) {
                started.clerks().create(DemoSetup.DEMO_CLERK, DemoSetup.DEMO_CLERK_DISPLAY_NAME,
                        DemoSetup.DEMO_CLERK_PASSWORD.toCharArray(), true);
            } else if (!demoClerk.get().admin()) { // made by an older version
                started.clerks().setAdmin(demoClerk.get().id(), true);
            }
            if (started.clerks().findByUsername(DemoSetup.DEMO_CLERK_2).isEmpty()) {
                started.clerks().create(DemoSetup.DEMO_CLERK_2, DemoSetup.DEMO_CLERK_2_DISPLAY_NAME,
                        DemoSetup.DEMO_CLERK_2_PASSWORD.toCharArray(), false);
            }
            Path booth = jp.madoguchi.hq.server.demo.DemoBooth.ensure(material.directory(), started.enrolment(),
                    started.deviceCa());
            out.println("  demo clerk: " + DemoSetup.DEMO_CLERK + " / " + DemoSetup.DEMO_CLERK_PASSWORD + "   (admin)");
            out.println("  second demo clerk: " + DemoSetup.DEMO_CLERK_2 + " / " + DemoSetup.DEMO_CLERK_2_PASSWORD);
            out.println("  demo booth (enrolled; key, certificate and HQ's CA): " + booth);
            out.println("  enrol another booth with a code from: java -jar hq-server.jar --demo --data-dir "
                    + config.dataDir() + " enrolment-code --booth-name NAME");
            out.println("  trusted JPKI roots (the card emulator's test authority " + material.testAuthorityDir() + "): "
                    + material.jpkiRootsDir());
            out.println("  try: curl --cacert " + caPem + " https://localhost:" + started.port() + "/health");
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
