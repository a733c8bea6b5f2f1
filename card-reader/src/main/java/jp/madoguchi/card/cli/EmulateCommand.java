package jp.madoguchi.card.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.FaultPlan;
import jp.madoguchi.card.emulator.FaultyCard;
import jp.madoguchi.card.emulator.VirtualCard;
import jp.madoguchi.card.emulator.Persona;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.emulator.vpcd.VpcdClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code emulate}: serves the emulated My Number card to vsmartcard's vpcd until stopped. */
@Command(name = "emulate", mixinStandardHelpOptions = true, description = "Serve the emulated My Number card to vpcd (vsmartcard) until stopped (Ctrl-C).")
final class EmulateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--vpcd", paramLabel = "HOST:PORT", defaultValue = "localhost:35963",
            description = "vpcd's address: 35963 is \"Virtual PCD 00 00\", 35964 \"Virtual PCD 00 01\" (default: ${DEFAULT-VALUE}).")
    String vpcd;

    @Option(names = "--persona", paramLabel = "FILE|ID", defaultValue = "default",
            description = "A persona JSON file, or a built-in persona id (default: ${DEFAULT-VALUE}).")
    String persona;

    @Option(names = "--authority", paramLabel = "DIR",
            description = "Where the test authority's keys live (default: ~/.local/share/madoguchi/test-authority). "
                    + "Its roots and CRLs are exported to DIR/trust for `verify --roots`.")
    Path authority;

    @Option(names = "--list-personas", description = "List the built-in personas and exit.")
    boolean listPersonas;

    @Option(names = "--fault", paramLabel = "SPEC", description = FaultSpecs.HELP)
    java.util.List<String> faults = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Cli cli = common.cli();
        if (listPersonas) {
            cli.say("emulate.personas");
            for (String id : Personas.builtInIds()) {
                Persona p = Personas.builtIn(id);
                // synthetic test secrets: listing them is what makes the personas usable
                cli.print(String.format("  %-18s PIN %s / %s, password %s%n      %s", id, p.textPin(), p.authPin(),
                        p.signaturePassword(), p.description()));
            }
            return CardTool.EXIT_OK;
        }
        HostPort address = HostPort.parse(vpcd);
        if (address == null) {
            cli.error("error.bad_vpcd");
            return CardTool.EXIT_USAGE;
        }
        FaultPlan plan;
        try {
            plan = FaultSpecs.parse(faults);
        } catch (IllegalArgumentException e) {
            cli.error("error.bad_fault", e.getMessage());
            return CardTool.EXIT_USAGE;
        }
        Persona chosen = ReaderOptions.persona(persona);
        Path dir = authority != null ? authority : EmulatedCards.defaultAuthorityDirectory();
        Path trust = dir.resolve("trust");
        TestAuthority testAuthority;
        try {
            testAuthority = TestAuthority.loadOrCreate(dir);
            testAuthority.exportTrustMaterial(trust);
        } catch (IOException e) {
            cli.error("error.io", dir, e.getMessage());
            return CardTool.EXIT_FAILURE;
        }
        EmulatedMyNumberCard emulated = EmulatedCards.create(chosen, testAuthority);
        VirtualCard card = faults.isEmpty() ? emulated : new FaultyCard(emulated, plan);
        CountDownLatch stopped = new CountDownLatch(1);
        try (VpcdClient client = new VpcdClient(address.host(), address.port(), card)) {
            client.start();
            cli.say("emulate.serving", chosen.id(), vpcd);
            if (!faults.isEmpty()) {
                cli.say("emulate.faults", String.join(", ", faults));
            }
            cli.say("emulate.trust", trust);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "emulate-stop"));
            boolean warned = false;
            while (!stopped.await(3, java.util.concurrent.TimeUnit.SECONDS)) {
                if (!client.isConnected() && !warned) {
                    cli.error("emulate.waiting", vpcd);
                    warned = true;
                } else if (client.isConnected()) {
                    warned = false;
                }
            }
        }
        return CardTool.EXIT_OK;
    }

    /** HOST:PORT as given on the command line. */
    record HostPort(String host, int port) {
        static HostPort parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                return null;
            }
            try {
                int port = Integer.parseInt(text.substring(colon + 1));
                return port > 0 && port < 65536 ? new HostPort(text.substring(0, colon), port) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
