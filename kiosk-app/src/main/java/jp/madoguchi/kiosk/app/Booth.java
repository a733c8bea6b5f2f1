package jp.madoguchi.kiosk.app;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import jp.madoguchi.kiosk.app.demo.DemoCardReader;
import jp.madoguchi.kiosk.hq.HeadquartersLink;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.journey.Journey;
import jp.madoguchi.kiosk.store.AuditEvent;
import jp.madoguchi.kiosk.store.BoothKey;
import jp.madoguchi.kiosk.store.BoothStore;
import jp.madoguchi.kiosk.store.SettingKey;
import jp.madoguchi.kiosk.store.SqliteNativeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The booth without its screens: its running marker ({@link RunningMarker}: a run after an unclean stop is audited
 * and told to headquarters), key and store, the demo reader (demo mode), the headquarters link and the
 * journey, made in that order by {@link #start} and closed in the reverse order by {@link #close}. If a part
 * fails to start, what was made before it is closed again and the failure is thrown.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, more than once (window closed and Ctrl-C).
 */
public final class Booth implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Booth.class);

    private final BoothContext context;
    private final HeadquartersLink headquarters;
    private final Journey journey;
    private final Deque<Closer> closers;
    private boolean closed; // guarded by this

    private Booth(BoothContext context, HeadquartersLink headquarters, Journey journey, Deque<Closer> closers) {
        this.context = context;
        this.headquarters = headquarters;
        this.journey = journey;
        this.closers = closers;
    }

    /**
     * Opens everything the booth runs on and starts the link. Call off the FX thread (the store's migrations,
     * the demo authority).
     *
     * @param fxExecutor the FX thread's executor, for the journey's callbacks
     * @throws BoothStartException naming the part that failed
     */
    public static Booth start(BoothOptions options, BoothDataDirectory directory, BoothParts parts, Executor fxExecutor) {
        return start(options, directory, parts, fxExecutor, context -> { });
    }

    /**
     * As {@link #start(BoothOptions, BoothDataDirectory, BoothParts, Executor)}, telling {@code contextReady} (on
     * this thread) as soon as the store, its settings and the card source are there, before the link and the
     * journey are made: the launcher shows the attract screen then.
     */
    public static Booth start(BoothOptions options, BoothDataDirectory directory, BoothParts parts, Executor fxExecutor,
                              java.util.function.Consumer<BoothContext> contextReady) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(contextReady, "contextReady");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(parts, "parts");
        Objects.requireNonNull(fxExecutor, "fxExecutor");
        Deque<Closer> closers = new ArrayDeque<>();
        String part = "the running marker";
        long began = System.nanoTime();
        try {
            // pushed first, so closed last: the marker goes once everything else, the store above all, is closed
            RunningMarker running = RunningMarker.begin(directory.runningMarkerFile(), java.time.Clock.systemUTC());
            closers.push(new Closer("running marker", running));
            part = "the booth key";
            BoothKey key = BoothKey.loadOrCreate(directory.keyFile());
            closers.push(new Closer("booth key", key));
            part = "the booth store";
            SqliteNativeLibrary.useCopyIn(directory.nativeDirectory());
            BoothStore store = BoothStore.open(directory.storeFile(), key);
            closers.push(new Closer("store", store));
            if (running.run().afterUncleanStop()) {
                store.audit().append(AuditEvent.BOOTH_RESTARTED_AFTER_UNCLEAN_STOP, null);
            }
            long storeOpen = System.nanoTime();
            Optional<DemoCardReader> demo = Optional.empty();
            CardSource cards = CardSource.pcsc(options.reader());
            if (options.demo()) {
                // only plugged in here: its test authority and personas are read after the first frame (below)
                DemoCardReader reader = DemoCardReader.open(options.testAuthority());
                closers.push(new Closer("demo reader", reader));
                demo = Optional.of(reader);
                cards = CardSource.emulated(reader.terminals(), reader.readerName());
            }
            part = "the booth settings";
            URI hqUrl = options.headquartersUrl()
                    .orElseGet(() -> URI.create(store.settings().get(SettingKey.HQ_URL)));
            Path boothDirectory = options.boothDirectory().orElse(directory.root().resolve("credentials"));
            BoothLanguage language = options.language().orElseGet(() ->
                    LanguageCodes.of(store.settings().get(SettingKey.LANGUAGE_DEFAULT)).orElse(BoothLanguage.JAPANESE));
            BoothContext context = new BoothContext(options, directory, store, cards, fxExecutor, hqUrl, boothDirectory,
                    language, demo, running.run());
            contextReady.accept(context);
            long shown = System.nanoTime();
            if (demo.isPresent()) {
                part = "the demo card reader (test authority " + options.testAuthority() + ")";
                demo.get().prepare();
            }
            long demoReady = System.nanoTime();
            part = "the headquarters link";
            HeadquartersLink headquarters = Objects.requireNonNull(parts.headquarters(context), "headquarters link");
            closers.push(new Closer("headquarters link", headquarters));
            part = "the journey";
            Journey journey = Objects.requireNonNull(parts.journey(context, headquarters), "journey");
            closers.push(new Closer("journey", journey));
            part = "the headquarters link";
            headquarters.start();
            long done = System.nanoTime();
            log.info("booth started: demo={}, headquarters={}, reader={}; {} ms (key and store {} ms, the demo reader {} ms"
                    + " and the link and journey {} ms after the screens were up)", options.demo(), hqUrl,
                    cards.readerName().orElse("(first attached)"), millis(done - began), millis(storeOpen - began),
                    millis(demoReady - shown), millis(done - demoReady));
            return new Booth(context, headquarters, journey, closers);
        } catch (Exception e) {
            closeAll(closers);
            throw new BoothStartException("cannot start " + part + ": " + e.getMessage(), e);
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    public BoothContext context() {
        return context;
    }

    public HeadquartersLink headquarters() {
        return headquarters;
    }

    public Journey journey() {
        return journey;
    }

    public Optional<DemoCardReader> demo() {
        return context.demo();
    }

    /**
     * Closes the journey, the link, the demo reader, the store and the key, in that order, then removes the running
     * marker (a clean stop); each failure logged.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closeAll(closers);
        log.info("booth stopped");
    }

    private static void closeAll(Deque<Closer> closers) {
        while (!closers.isEmpty()) {
            Closer closer = closers.pop();
            try {
                closer.resource().close();
            } catch (Exception | LinkageError e) {
                log.warn("closing the {} failed: {}", closer.name(), e.toString());
            }
        }
    }

    private record Closer(String name, AutoCloseable resource) {
    }

    /** A part of the booth could not be started; the message names it. */
    public static final class BoothStartException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BoothStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
