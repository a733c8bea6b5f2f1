package jp.madoguchi.kiosk.app;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.input.KeyCombination;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import jp.madoguchi.kiosk.app.demo.DemoCardReader;
import jp.madoguchi.kiosk.app.demo.DemoPanelView;
import jp.madoguchi.kiosk.app.demo.DemoPanelViewModel;
import jp.madoguchi.kiosk.app.demo.DemoText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the booth: starts the JavaFX toolkit (this class is not an {@code Application}: a shaded jar's main class
 * must not be one, toolchain-notes.md), starts the {@link Booth}, puts its screens in a stage and shows it, with
 * the demo panel beside it in demo mode; stops everything when the stage closes, or on SIGTERM / Ctrl-C.
 *
 * <p>{@link #start()} returns once the stage is shown; {@link #stop()} may be called from any thread, more than once.
 */
public final class BoothLauncher {
    private static final Logger log = LoggerFactory.getLogger(BoothLauncher.class);
    /** The windowed booth's size: a common booth screen's, scaled down to fit a developer's display. */
    static final double WINDOW_WIDTH = 1280;
    static final double WINDOW_HEIGHT = 800;
    private static final long FX_TIMEOUT_SECONDS = 60;

    private final BoothOptions options;
    private final BoothDataDirectory directory;
    private final BoothParts parts;
    private final PrintWriter err;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private boolean startedToolkit;
    private volatile Booth booth;
    private volatile StartingJourney startingJourney;
    private final CompletableFuture<Void> firstFrame = new CompletableFuture<>();
    private volatile Stage stage;
    private volatile AutoCloseable screens;
    private volatile DemoPanelView demoPanel;
    private volatile ExecutorService demoWorker;

    public BoothLauncher(BoothOptions options, BoothDataDirectory directory, BoothParts parts, PrintWriter err) {
        this.options = Objects.requireNonNull(options, "options");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.parts = Objects.requireNonNull(parts, "parts");
        this.err = Objects.requireNonNull(err, "err");
    }

    /** Starts and waits until the booth has stopped; the process's exit code. */
    public int run() {
        if (!start()) {
            return BoothMain.EXIT_FAILURE;
        }
        // SIGTERM / Ctrl-C: stop, and let the JVM go only once the store is closed (also when the window's own
        // stop is already under way)
        Thread hook = new Thread(() -> {
            stopForJvmExit();
            try {
                awaitStop(FX_TIMEOUT_SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "booth-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        awaitStop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is what stopped us
        }
        return BoothMain.EXIT_OK;
    }

    /**
     * Starts the toolkit (unless it runs already), the booth and its stage. On failure, says why on {@code err},
     * cleans up and returns false.
     */
    public boolean start() {
        // the booth's parts start on their own thread while the toolkit starts on this one; the attract screen
        // shows as soon as the toolkit and the store (settings, card source) are there, on a StartingJourney that
        // becomes the real journey once the link and the journey are made (README "Benchmark")
        FxStartupExecutor fxExecutor = new FxStartupExecutor();
        CompletableFuture<Booth> starting = new CompletableFuture<>();
        CompletableFuture<BoothContext> contextReady = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                starting.complete(Booth.start(options, directory, parts, fxExecutor, context -> {
                    contextReady.complete(context);
                    preloadFirstScreen(context);
                    awaitFirstFrame();
                }));
            } catch (RuntimeException | LinkageError e) {
                contextReady.completeExceptionally(e);
                starting.completeExceptionally(e);
            }
        }, "booth-start");
        starter.start();
        try {
            // main() may have started it already, while the command line was read (EarlyToolkit)
            if (!EarlyToolkit.awaitIfStarted()) {
                Platform.startup(() -> { });
            }
            startedToolkit = true;
        } catch (IllegalStateException alreadyRunning) {
            // a test's toolkit, or a second booth in this JVM: use it
        }
        Platform.setImplicitExit(false);
        fxExecutor.toolkitStarted();
        Thread fonts = new Thread(jp.madoguchi.kiosk.ui.BoothTheme::warmUpFonts, "booth-font-warm-up");
        fonts.setDaemon(true);
        fonts.start();
        long toolkitAt = uptimeMillis();
        BoothContext context;
        try {
            context = contextReady.join();
        } catch (java.util.concurrent.CompletionException e) {
            return failedToStart(e.getCause());
        }
        log.info("startup: toolkit started at {} ms, the store and settings at {} ms (JVM uptime)", toolkitAt,
                uptimeMillis());
        StartingJourney journey = StartingJourney.attractScreen();
        startingJourney = journey;
        CompletableFuture<Void> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                show(context, journey);
                shown.complete(null);
            } catch (Exception | LinkageError e) {
                firstFrame.complete(null);
                shown.completeExceptionally(e);
            }
        });
        try {
            shown.get(FX_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            log.error("the booth's screens did not open: {}", cause.toString(), cause);
            err.println("kiosk-app: the booth's screens did not open: " + cause);
            stopWhenStarted(starting);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopWhenStarted(starting);
            return false;
        }
        try {
            Booth started = starting.join();
            booth = started;
            log.info("startup: the booth's parts at {} ms (JVM uptime)", uptimeMillis());
            if (stopping.get()) {
                // stopped (window closed) while the link and the journey were starting: closeBooth ran without it
                started.close();
                return false;
            }
            Platform.runLater(() -> journey.ready(started.journey()));
            return true;
        } catch (java.util.concurrent.CompletionException e) {
            return failedToStart(e.getCause());
        }
    }

    /**
     * On the booth-start thread: the link and the journey are made once the attract screen has shown its first
     * frame, not while the FX thread builds it (on two cores they competed for the CPU: the screens took 0.6 s).
     */
    private void awaitFirstFrame() {
        try {
            firstFrame.get(FX_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("the attract screen's first frame was not seen; starting the journey anyway");
        }
    }

    /**
     * On the booth-start thread, while the toolkit is still starting (and the FX thread later builds the attract
     * screen): loads the messages of the attract screen's language, which the JVM caches, so that the FX thread
     * finds them loaded instead of parsing them before its first frame. Never needed for correctness: a bundle
     * that fails here fails again, and is reported, where the screens read it.
     */
    private static void preloadFirstScreen(BoothContext context) {
        try {
            jp.madoguchi.kiosk.i18n.BoothMessages.bundle(context.language());
        } catch (RuntimeException e) {
            log.debug("messages not preloaded: {}", e.toString());
        }
    }

    /** A part failed: says so, closes the screens if shown (the booth closed its own parts). */
    private boolean failedToStart(Throwable cause) {
        log.error("the booth did not start: {}", cause.getMessage(), cause);
        err.println("kiosk-app: " + cause.getMessage());
        err.println("kiosk-app: the log is " + directory.logFile());
        stop();
        return false;
    }

    /** The screens failed while the parts may still be starting: stop, and close the parts once they are there. */
    private void stopWhenStarted(CompletableFuture<Booth> starting) {
        stop();
        starting.thenAccept(Booth::close);
    }

    /** On the FX thread. */
    private void show(BoothContext context, StartingJourney journey) throws Exception {
        Stage primary = new Stage();
        primary.setTitle(options.demo() ? "Madoguchi booth (demo)" : "Madoguchi booth");
        screens = parts.screens(context, journey, primary);
        if (options.display() == BoothOptions.Display.KIOSK) {
            primary.initStyle(StageStyle.UNDECORATED);
            primary.setFullScreenExitHint("");
            primary.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
            primary.setFullScreen(true);
        } else {
            Rectangle2D bounds = Screen.getPrimary().getVisualBounds();
            primary.setWidth(Math.min(WINDOW_WIDTH, bounds.getWidth()));
            primary.setHeight(Math.min(WINDOW_HEIGHT, bounds.getHeight()));
            if (context.demo().isPresent()) {
                // the DEMO panel opens beside the booth's window: the booth goes to the left, leaving it room
                primary.setX(bounds.getMinX());
                primary.setY(bounds.getMinY());
            }
        }
        primary.setOnHidden(event -> stop());
        ReadyMarker.armIfRequested(primary);
        stage = primary;
        if (primary.getScene() == null) {
            firstFrame.complete(null);
        } else {
            Runnable[] framed = new Runnable[1];
            framed[0] = () -> {
                primary.getScene().removePostLayoutPulseListener(framed[0]);
                firstFrame.complete(null);
            };
            primary.getScene().addPostLayoutPulseListener(framed[0]);
        }
        primary.show();
        Optional<DemoCardReader> demo = context.demo();
        if (demo.isPresent() && primary.getScene() == null) {
            Platform.runLater(() -> showDemoPanel(demo.get(), primary, context));
        } else if (demo.isPresent()) {
            // the DEMO panel is no part of the booth's screens: it opens after the booth's first frame
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                primary.getScene().removePostLayoutPulseListener(once[0]);
                Platform.runLater(() -> showDemoPanel(demo.get(), primary, context));
            };
            primary.getScene().addPostLayoutPulseListener(once[0]);
        }
        log.info("booth shown: display={}, at {} ms (JVM uptime)", options.display(), uptimeMillis());
    }

    private static long uptimeMillis() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /** On the FX thread, once the booth's stage has shown its first frame. */
    private void showDemoPanel(DemoCardReader reader, Stage owner, BoothContext context) {
        if (stopping.get()) {
            return;
        }
        ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "demo-card");
            thread.setDaemon(true);
            return thread;
        });
        demoWorker = worker;
        DemoPanelViewModel model = new DemoPanelViewModel(reader, worker, Platform::runLater, options.persona());
        demoPanel = DemoPanelView.show(model, DemoText.of(context.language()), owner);
        log.info("demo panel shown");
    }

    /**
     * SIGTERM / Ctrl-C: the JVM is going away and the FX thread no longer runs what is handed to it (seen under
     * Xvfb: a screen-closing task posted from the shutdown hook never ran, and the booth was killed after 15 s with
     * its store still open). The screens die with the process; what matters is that the journey ends its session
     * and the store is closed, here on the hook's thread.
     */
    private void stopForJvmExit() {
        firstFrame.complete(null);
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        log.info("stopping for the JVM's exit (SIGTERM or Ctrl-C)");
        closeBooth();
    }

    /** Stops the booth: screens, demo panel, the booth's parts, then the toolkit if this launcher started it. */
    public void stop() {
        firstFrame.complete(null);
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        try {
            if (stage != null || screens != null || demoPanel != null) {
                CountDownLatch hidden = new CountDownLatch(1);
                Runnable hide = () -> {
                    try {
                        closeScreens();
                    } finally {
                        hidden.countDown();
                    }
                };
                if (Platform.isFxApplicationThread()) {
                    hide.run();
                } else {
                    Platform.runLater(hide);
                    if (!hidden.await(FX_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        log.warn("the FX thread did not close the screens within {} s", FX_TIMEOUT_SECONDS);
                    }
                }
            }
            // off the FX thread: closing the journey and the store may wait for their threads
            Thread closer = new Thread(this::closeBooth, "booth-stop");
            closer.start();
            if (!Platform.isFxApplicationThread()) {
                closer.join(TimeUnit.SECONDS.toMillis(FX_TIMEOUT_SECONDS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeBooth();
        }
    }

    private void closeScreens() {
        DemoPanelView panel = demoPanel;
        if (panel != null) {
            panel.close();
        }
        StartingJourney journey = startingJourney;
        if (journey != null) {
            journey.close();
        }
        AutoCloseable current = screens;
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                log.warn("closing the screens failed: {}", e.toString());
            }
        }
        Stage shownStage = stage;
        if (shownStage != null) {
            shownStage.setOnHidden(null);
            shownStage.hide();
        }
    }

    private void closeBooth() {
        try {
            ExecutorService worker = demoWorker;
            if (worker != null) {
                worker.shutdownNow();
                worker.awaitTermination(10, TimeUnit.SECONDS);
            }
            Booth current = booth;
            if (current != null) {
                current.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // the booth (its store above all) is closed: the process may go. Platform.exit() can wait forever for
            // the FX thread when it runs inside the JVM's shutdown (SIGTERM: seen under Xvfb), so it must not hold
            // up the shutdown hook; the main thread's System.exit ends the toolkit in any case.
            stopped.countDown();
            if (startedToolkit) {
                Thread exit = new Thread(Platform::exit, "booth-fx-exit");
                exit.setDaemon(true);
                exit.start();
            }
        }
    }

    /** Waits until {@link #stop()} has closed everything. */
    public void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits at most {@code seconds} for the booth to stop. */
    public boolean awaitStop(long seconds) throws InterruptedException {
        return stopped.await(seconds, TimeUnit.SECONDS);
    }

    /** The running booth (after {@link #start()} succeeded). */
    public Booth booth() {
        return booth;
    }

    /** The booth's stage (after {@link #start()} succeeded). */
    public Stage stage() {
        return stage;
    }

    /** The demo panel, in demo mode. */
    public Optional<DemoPanelView> demoPanel() {
        return Optional.ofNullable(demoPanel);
    }
}
