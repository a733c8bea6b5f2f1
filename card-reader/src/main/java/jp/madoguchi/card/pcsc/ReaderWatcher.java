package jp.madoguchi.card.pcsc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.smartcardio.Card;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import jp.madoguchi.card.CardException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every reader on its own daemon thread and reports {@link ReaderEvent}s to one listener.
 * Created by {@link Readers#watch}.
 *
 * <p>How: {@link javax.smartcardio.CardTerminals#waitForChange(long)} with a bounded timeout, and
 * after every return (change or not) a fresh snapshot of all readers diffed against the last one.
 * The bounded wait makes it a poll as well, so a change that a provider fails to signal is still
 * seen within {@link #WAIT_SLICE}. Limitation: a card swapped for another within one wake-up is
 * not seen as a removal (pcscd itself only polls presence about every 400 ms).
 *
 * <p>When PC/SC fails the way a stopped or restarted pcscd makes it fail, the context is
 * released, {@link ReaderEvent.ServiceUnavailable} is emitted once (then the removal of every
 * known card and reader), and a fresh context is tried every {@link #RETRY_INTERVAL}; when one
 * works, {@link ReaderEvent.ServiceRestored} is emitted, then the readers and cards present. Other
 * failures (a reader glitch) also re-open the context, without events.
 *
 * <p>Thread-safety: {@link #close()}, {@link #readers()} and {@link #isServiceAvailable()} may
 * be called from any thread. The listener is called only from the watcher's thread, one event at
 * a time; an exception it throws is logged and does not stop the watcher.
 */
public final class ReaderWatcher implements AutoCloseable {
    /** Longest single wait for a change; also the polling interval. */
    static final Duration WAIT_SLICE = Duration.ofMillis(500);
    /** How often a fresh context is tried while the service is unavailable. */
    static final Duration RETRY_INTERVAL = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(ReaderWatcher.class);

    private final TerminalFactory factory;
    private final Consumer<ReaderEvent> listener;
    private final Thread thread;
    private final Object lock = new Object();

    // guarded by lock
    private boolean closed;
    private Map<String, Boolean> published = Map.of();
    private Boolean serviceUp; // null until first known

    ReaderWatcher(TerminalFactory factory, Consumer<ReaderEvent> listener) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.thread = new Thread(this::run, "reader-watcher");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The readers as last reported to the listener. */
    public List<ReaderInfo> readers() {
        synchronized (lock) {
            List<ReaderInfo> readers = new ArrayList<>();
            published.forEach((name, present) -> readers.add(new ReaderInfo(name, present)));
            return readers;
        }
    }

    /** Whether the PC/SC service answered at the last attempt (false before the first). */
    public boolean isServiceAvailable() {
        synchronized (lock) {
            return Boolean.TRUE.equals(serviceUp);
        }
    }

    /** Stops watching; waits up to two seconds for the thread. No events after it returns. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    private void run() {
        PcscContext context = null;
        try {
            while (!isClosed()) {
                try {
                    if (context == null) {
                        context = PcscContext.open(factory);
                    }
                    Map<String, Boolean> now = context.snapshot();
                    serviceAnswered();
                    publish(context, now);
                    context.terminals().waitForChange(WAIT_SLICE.toMillis());
                } catch (CardException | javax.smartcardio.CardException | RuntimeException e) {
                    if (context != null) {
                        context.close();
                        context = null;
                    }
                    if (isClosed()) {
                        return;
                    }
                    if (e instanceof CardException typed && typed.error() == jp.madoguchi.card.CardError.NO_PCSC_SERVICE
                            || PcscFailures.isServiceFailure(e)) {
                        serviceFailed(e);
                    } else {
                        LOG.warn("reader watch failed; retrying with a new PC/SC context: {}", PcscFailures.describe(e));
                    }
                    if (!pause(RETRY_INTERVAL)) {
                        return;
                    }
                }
            }
        } finally {
            if (context != null) {
                context.close();
            }
        }
    }

    private void serviceAnswered() {
        Boolean before;
        synchronized (lock) {
            before = serviceUp;
            serviceUp = true;
        }
        if (Boolean.FALSE.equals(before)) {
            LOG.info("PC/SC service available again");
            emit(new ReaderEvent.ServiceRestored());
        }
    }

    private void serviceFailed(Exception e) {
        Boolean before;
        synchronized (lock) {
            before = serviceUp;
            serviceUp = false;
        }
        if (!Boolean.FALSE.equals(before)) {
            Throwable technical = e instanceof CardException && e.getCause() != null ? e.getCause() : e;
            String reason = PcscFailures.describe(technical);
            LOG.warn("PC/SC service unavailable: {}", reason);
            emit(new ReaderEvent.ServiceUnavailable(reason));
            publish(null, Map.of());
        }
    }

    /** Emits the difference between what was published and {@code now}, then records {@code now}. */
    private void publish(PcscContext context, Map<String, Boolean> now) {
        Map<String, Boolean> before;
        synchronized (lock) {
            before = published;
        }
        Map<String, Boolean> current = new LinkedHashMap<>(before);
        for (Map.Entry<String, Boolean> old : before.entrySet()) {
            String name = old.getKey();
            Boolean present = now.get(name);
            if (old.getValue() && !Boolean.TRUE.equals(present)) {
                current.put(name, false);
                record(current);
                emit(new ReaderEvent.CardRemoved(name));
            }
            if (present == null) {
                current.remove(name);
                record(current);
                emit(new ReaderEvent.ReaderDetached(name));
            }
        }
        for (Map.Entry<String, Boolean> reader : now.entrySet()) {
            String name = reader.getKey();
            if (!before.containsKey(name)) {
                current.put(name, false);
                record(current);
                emit(new ReaderEvent.ReaderAttached(name));
            }
            if (reader.getValue() && !Boolean.TRUE.equals(before.get(name))) {
                byte[] atr = context == null ? new byte[0] : readAtr(context, name);
                current.put(name, true);
                record(current);
                emit(new ReaderEvent.CardInserted(name, atr));
            }
        }
    }

    private void record(Map<String, Boolean> state) {
        synchronized (lock) {
            published = new LinkedHashMap<>(state);
        }
    }

    /** Reads the ATR by connecting in shared mode and leaving the card as it was. */
    private static byte[] readAtr(PcscContext context, String readerName) {
        try {
            CardTerminal terminal = context.terminals().getTerminal(readerName);
            Card card = terminal.connect("*");
            try {
                return card.getATR().getBytes();
            } finally {
                card.disconnect(false);
            }
        } catch (javax.smartcardio.CardException | RuntimeException e) {
            LOG.debug("no ATR for {}: {}", readerName, e.getMessage());
            return new byte[0];
        }
    }

    private void emit(ReaderEvent event) {
        if (isClosed()) {
            return;
        }
        LOG.debug("{}", event);
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("reader event listener failed on {}", event, e);
        }
    }

    /** Sleeps unless closed; false when closed. */
    private boolean pause(Duration duration) {
        synchronized (lock) {
            long deadline = System.nanoTime() + duration.toNanos();
            while (!closed) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return true;
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    return !closed;
                }
            }
            return false;
        }
    }
}
