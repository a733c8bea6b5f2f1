package jp.madoguchi.card.cli;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.ApduTransport;
import jp.madoguchi.card.apdu.CountingTransport;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.Persona;
import jp.madoguchi.card.emulator.ProcessingStatistics;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.emulator.vpcd.VpcdClient;
import jp.madoguchi.card.mynumber.KeyKind;
import jp.madoguchi.card.mynumber.MyNumberCard;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.PinResult;
import jp.madoguchi.card.pcsc.CardConnection;
import jp.madoguchi.card.pcsc.ReaderInfo;
import jp.madoguchi.card.pcsc.Readers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench}: APDUs, bytes and time for "read basic 4 info" and "sign a SHA-256 digest" from a
 * freshly inserted card, in process and through the real stack (Java → libpcsclite → pcscd →
 * vpcd → emulator), plus the emulator's own cost per APDU. It prints a table; it asserts nothing.
 * {@code scripts/bench-card.sh} runs it against a private pcscd.
 */
@Command(name = "bench", description = "Measure reading the basic 4 info and signing, in process and through pcscd + vpcd.")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--vpcd", paramLabel = "HOST:PORT", defaultValue = "localhost:35963", description = "vpcd to serve the emulated card to (default: ${DEFAULT-VALUE}).")
    String vpcd;

    @Option(names = "--reader", paramLabel = "NAME", defaultValue = "Virtual PCD 00 00", description = "The PC/SC name of that vpcd reader (default: ${DEFAULT-VALUE}).")
    String readerName;

    @Option(names = "--iterations", defaultValue = "50", description = "Runs of each operation (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--without-quickack-iterations", defaultValue = "5",
            description = "Runs over vpcd without TCP_QUICKACK, to show what it saves (0 to skip; default: ${DEFAULT-VALUE}).")
    int slowIterations;

    @Option(names = "--in-process-only", description = "Skip the PC/SC path (no pcscd needed).")
    boolean inProcessOnly;

    private static final char[] TEXT_PIN = "1234".toCharArray();
    private static final char[] SIGNATURE_PASSWORD = "ABC123".toCharArray();

    /** One operation measured once. */
    private record Sample(long nanos, long apdus, long sent, long received) {
    }

    @FunctionalInterface
    private interface Operation {
        void run(MyNumberCard card) throws CardException;
    }

    @Override
    public Integer call() throws Exception {
        Cli cli = common.cli();
        Persona persona = EmulatedCards.persona("default");
        EmulatedMyNumberCard emulated = EmulatedCards.create(persona, TestAuthority.generate());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("申請書".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Operation readBasic4 = card -> {
            card.selectTextAp();
            card.pinStatus(PinKind.TEXT);
            expectVerified(card.verify(PinKind.TEXT, TEXT_PIN.clone()));
            card.readBasic4Info();
        };
        Operation sign = card -> {
            card.selectJpki();
            card.pinStatus(PinKind.SIGNATURE);
            expectVerified(card.verify(PinKind.SIGNATURE, SIGNATURE_PASSWORD.clone()));
            card.signSha256(KeyKind.SIGNATURE, digest);
        };

        List<String> rows = new ArrayList<>();
        rows.add(String.format("%-28s %-26s %5s %8s %8s %9s %9s %10s", "operation", "path", "APDUs", "sent B",
                "recv B", "median ms", "p95 ms", "ms/APDU"));
        for (int warm = 0; warm < 20; warm++) { // JIT warm-up, not reported
            inProcess(emulated, readBasic4);
            inProcess(emulated, sign);
        }
        rows.add(row("read basic 4 info", "in process", runInProcess(emulated, readBasic4)));
        rows.add(row("sign a SHA-256 digest", "in process", runInProcess(emulated, sign)));

        String emulatorCost = "";
        if (!inProcessOnly) {
            EmulateCommand.HostPort address = EmulateCommand.HostPort.parse(vpcd);
            if (address == null) {
                cli.error("error.bad_vpcd");
                return CardTool.EXIT_USAGE;
            }
            Readers readers = Readers.pcsc();
            try (VpcdClient client = new VpcdClient(address.host(), address.port(), emulated, true)) {
                client.start();
                awaitCard(readers, readerName);
                for (int warm = 0; warm < 5; warm++) {
                    overPcsc(readers, readBasic4);
                }
                emulated.resetProcessingStatistics();
                rows.add(row("read basic 4 info", "pcscd+vpcd", runOverPcsc(readers, readBasic4, iterations)));
                rows.add(row("sign a SHA-256 digest", "pcscd+vpcd", runOverPcsc(readers, sign, iterations)));
                ProcessingStatistics stats = emulated.processingStatistics();
                emulatorCost = String.format(Locale.ROOT, "emulator processing per APDU on the vpcd path: %.3f ms (mean over %d APDUs)",
                        stats.averageNanos() / 1e6, stats.apduCount());
            }
            if (slowIterations > 0) {
                awaitNoCard(readers, readerName);
                try (VpcdClient client = new VpcdClient(address.host(), address.port(), emulated, false)) {
                    client.start();
                    awaitCard(readers, readerName);
                    rows.add(row("read basic 4 info", "pcscd+vpcd, no QUICKACK", runOverPcsc(readers, readBasic4, slowIterations)));
                }
            }
        }
        for (String r : rows) {
            cli.print(r);
        }
        if (!emulatorCost.isEmpty()) {
            cli.print(emulatorCost);
        }
        cli.print(String.format("(%d runs each; JDK %s; %d cores)", iterations, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors()));
        return CardTool.EXIT_OK;
    }

    private List<Sample> runInProcess(EmulatedMyNumberCard emulated, Operation op) throws CardException {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            samples.add(inProcess(emulated, op));
        }
        return samples;
    }

    private static Sample inProcess(EmulatedMyNumberCard emulated, Operation op) throws CardException {
        emulated.reset(); // a freshly inserted card: nothing selected, nothing verified
        return measure(emulated, op);
    }

    private static List<Sample> runOverPcsc(Readers readers, Operation op, int runs) throws Exception {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            samples.add(overPcsc(readers, op));
        }
        return samples;
    }

    private static Sample overPcsc(Readers readers, Operation op) throws Exception {
        // each run connects anew and the close resets the card: every run starts from a fresh card
        try (CardConnection connection = readers.connect(readers.list().stream().filter(ReaderInfo::cardPresent)
                .map(ReaderInfo::name).findFirst().orElseThrow())) {
            return connection.submit(transport -> measure(transport, op)).get();
        }
    }

    private static Sample measure(ApduTransport transport, Operation op) throws CardException {
        CountingTransport counting = new CountingTransport(transport);
        MyNumberCard card = new MyNumberCard(counting);
        long start = System.nanoTime();
        op.run(card);
        long nanos = System.nanoTime() - start;
        return new Sample(nanos, counting.commands(), counting.bytesSent(), counting.bytesReceived());
    }

    private static void expectVerified(PinResult result) {
        if (!(result instanceof PinResult.Verified)) {
            throw new IllegalStateException("the benchmark card refused its PIN: " + result);
        }
    }

    private static void awaitCard(Readers readers, String name) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (ReaderInfo r : readers.list()) {
                if (r.name().equals(name) && r.cardPresent()) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no card appeared in \"" + name + "\" within 15 s: is pcscd running with vpcd on that port?");
    }

    private static void awaitNoCard(Readers readers, String name) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (readers.list().stream().noneMatch(r -> r.name().equals(name) && r.cardPresent())) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private static String row(String operation, String path, List<Sample> samples) {
        List<Long> times = new ArrayList<>();
        for (Sample s : samples) {
            times.add(s.nanos());
        }
        Collections.sort(times);
        double median = times.get(times.size() / 2) / 1e6;
        double p95 = times.get(Math.min(times.size() - 1, (int) Math.ceil(times.size() * 0.95) - 1)) / 1e6;
        Sample first = samples.get(0);
        return String.format(Locale.ROOT, "%-28s %-26s %5d %8d %8d %9.3f %9.3f %10.3f", operation, path, first.apdus(),
                first.sent(), first.received(), median, p95, median / first.apdus());
    }
}
