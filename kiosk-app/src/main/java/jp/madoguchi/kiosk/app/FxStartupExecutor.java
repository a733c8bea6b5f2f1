package jp.madoguchi.kiosk.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The FX thread as an {@link Executor} that may be used before the toolkit has started: what is handed to it early
 * waits, in order, and goes to {@code Platform.runLater} once {@link #toolkitStarted()} is called. This lets the
 * booth's parts start (store migrations, the demo authority, the link) while the toolkit starts, instead of after it.
 *
 * <p>Thread-safe; keeps the order in which commands were given.
 */
final class FxStartupExecutor implements Executor {
    private final List<Runnable> early = new ArrayList<>(); // guarded by this
    private boolean started; // guarded by this

    @Override
    public synchronized void execute(Runnable command) {
        if (started) {
            // under the lock, so nothing given later can overtake what toolkitStarted() is still flushing
            Platform.runLater(command);
        } else {
            early.add(command);
        }
    }

    /** The toolkit runs: hands over what waited, then passes commands straight on. */
    synchronized void toolkitStarted() {
        started = true;
        early.forEach(Platform::runLater);
        early.clear();
    }
}
