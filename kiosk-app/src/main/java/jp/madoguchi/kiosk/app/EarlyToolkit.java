package jp.madoguchi.kiosk.app;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;

/**
 * Starts the JavaFX toolkit on a thread of its own as the first thing the booth's {@code main} does, so that
 * connecting to the display and loading the graphics pipeline (about 175 ms on a 2-core booth) overlap with reading
 * the command line, setting up the log and opening the store, instead of following them (README "Starting the
 * booth"). {@link BoothLauncher} then waits for it rather than starting the toolkit itself.
 *
 * <p>Only the process's entry point starts it: tests and embedders that call {@code BoothMain.run} or
 * {@link BoothLauncher} directly start (or reuse) the toolkit there, as before.
 */
final class EarlyToolkit {
    private static final List<String> NO_WINDOW_OPTIONS = List.of("-h", "--help", "-V", "--version", "--self-test");
    private static volatile CompletableFuture<Void> starting;

    private EarlyToolkit() {
    }

    /** Starts the toolkit in the background unless the command line only asks for help or the version, the self-test or an enrolment (no window, and no display needed). */
    static void startFor(String[] args) {
        if (args.length > 0 && args[0].equals("enroll")) {
            return; // EnrolCommand: no window
        }
        for (String arg : args) {
            if (NO_WINDOW_OPTIONS.contains(arg)) {
                return;
            }
        }
        CompletableFuture<Void> future = new CompletableFuture<>();
        starting = future;
        Thread thread = new Thread(() -> {
            try {
                Platform.startup(() -> { });
                future.complete(null);
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }, "fx-early-start");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits for the toolkit started by {@link #startFor}, if it was; once.
     *
     * @return true when this JVM's toolkit was started here (the caller owns it), false when it was not asked to
     * @throws RuntimeException the toolkit's own failure (no display, say), as {@code Platform.startup} throws it
     */
    static boolean awaitIfStarted() {
        CompletableFuture<Void> future = starting;
        if (future == null) {
            return false;
        }
        starting = null; // the one launcher that waits owns it; another one would find the toolkit running
        try {
            future.join();
            return true;
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
