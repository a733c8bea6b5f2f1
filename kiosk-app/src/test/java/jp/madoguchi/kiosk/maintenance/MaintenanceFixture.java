package jp.madoguchi.kiosk.maintenance;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.emulator.inprocess.EmulatedTerminals;
import jp.madoguchi.card.pcsc.Readers;
import jp.madoguchi.kiosk.card.CardProbe;
import jp.madoguchi.kiosk.store.AuditTrail;
import jp.madoguchi.kiosk.store.BoothKey;
import jp.madoguchi.kiosk.store.BoothStore;
import jp.madoguchi.video.testing.FakeVideoSession;

/**
 * A booth for maintenance tests: a real store (SQLite, real migrations) in a temporary folder, the in-process
 * emulated reader, the fake video session, a loopback "headquarters" answering /health and a log file.
 */
public final class MaintenanceFixture implements AutoCloseable {
    public static final String READER = "Emulated Reader 0";
    /** Tests set PINs with few iterations so that 6 attempts stay fast; the format is the same. */
    public static final int TEST_ITERATIONS = 1_000;

    public final Path dir;
    public final BoothKey key;
    public final BoothStore store;
    public final EmulatedTerminals terminals = new EmulatedTerminals();
    public final FakeVideoSession video = new FakeVideoSession();
    public final MovableClock clock = new MovableClock();
    public final HttpServer hq;
    public final Path logFile;
    public final AtomicInteger deliveries = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "maintenance-test-background");
        t.setDaemon(true);
        return t;
    });

    public MaintenanceFixture(Path dir) throws IOException {
        this.dir = dir;
        key = BoothKey.loadOrCreate(dir.resolve("booth.key"));
        store = BoothStore.open(dir.resolve("booth.db"), key, clock);
        hq = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hq.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hq.createContext("/external_api.js", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hq.start();
        logFile = Files.createDirectories(dir.resolve("logs")).resolve("booth.log");
        Files.writeString(logFile, "2026-11-23 09:00:00.000 [main] INFO booth started\n");
        Files.createDirectories(dir.resolve("usb"));
    }

    public URI hqUrl() {
        return URI.create("http://127.0.0.1:" + hq.getAddress().getPort());
    }

    public AuditTrail audit() {
        return store.audit();
    }

    public static EmulatedMyNumberCard card(String persona) {
        return EmulatedCards.create(Personas.builtIn(persona), TestAuthority.shared());
    }

    public void setPin(String pin) {
        MaintenancePin.set(store.settings(), pin.toCharArray(), TEST_ITERATIONS);
    }

    /** Checks that need no slow devices: the standard eight, against loopback headquarters. */
    public MaintenanceContext.Builder context(Executor background, Executor fx) {
        return MaintenanceContext.builder()
                .settings(store.settings()).outbox(store.outbox()).audit(store.audit())
                .cardProbe(new CardProbe(new Readers(terminals.factory()))).video(video)
                .dataDir(dir).logFile(logFile)
                .hqUrl(this::hqUrl)
                .jitsiDomain(Optional::empty)
                .deliverNow(deliveries::incrementAndGet)
                .clock(clock)
                .background(background).fxExecutor(fx)
                .exportTargets(() -> List.of(dir.resolve("usb")));
    }

    /** Everything on the calling thread: view-model tests stay deterministic. */
    public MaintenanceContext sameThreadContext() {
        return context(Runnable::run, Runnable::run).build();
    }

    public Executor pool() {
        return pool;
    }

    @Override
    public void close() {
        hq.stop(0);
        pool.shutdownNow();
        video.close();
        store.close();
        key.close();
    }
}
