package jp.madoguchi.card.pcsc;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.Card;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.ApduTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to the card in one reader, with the reader's own single-thread executor (the idea of
 * apdu4j's {@code ReaderExecutor}): every exchange with this card runs on that thread, one after
 * the other, so callers on other threads (never the FX thread waiting) cannot interleave APDUs, and
 * the PC/SC context and handle are only ever used from one thread. Created by
 * {@link Readers#connect(String)}.
 *
 * <p>{@link #close()} disconnects with a card <em>reset</em>, so PINs verified during the session
 * do not stay verified for whoever talks to the card next; {@link #close(Disposition)} can leave
 * the card as it is instead.
 *
 * <p>Thread-safety: {@link #submit}, {@link #close} and the accessors are thread-safe;
 * {@link #transport()} is not and must only be used on {@link #executor()}.
 */
public final class CardConnection implements AutoCloseable {
    /** What happens to the card on disconnect. */
    public enum Disposition {
        /** Warm reset: verified PINs and selections end. The default. */
        RESET,
        /** Leave the card as it is (another component takes over the session). */
        LEAVE
    }

    /** Work to run on the reader's thread with the card's transport. */
    @FunctionalInterface
    public interface CardTask<T> {
        T run(ApduTransport transport) throws CardException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(CardConnection.class);
    private static final long CLOSE_TIMEOUT_SECONDS = 10;

    private final String readerName;
    private final ExecutorService executor;
    private final Thread readerThread;
    private final PcscContext context;
    private final Card card;
    private final PcscTransport transport;
    private final byte[] atr;
    private boolean closed; // guarded by this
    private boolean stuck; // guarded by this: a task ran past its deadline; the reader's thread may still wait
    private ScheduledExecutorService deadlineTimer; // guarded by this; null until needed

    private CardConnection(String readerName, ExecutorService executor, PcscContext context, Card card,
            PcscTransport transport) {
        this.readerName = readerName;
        this.executor = executor;
        this.readerThread = Thread.currentThread(); // constructed on the reader's thread
        this.context = context;
        this.card = card;
        this.transport = transport;
        this.atr = card.getATR().getBytes();
    }

    static CardConnection open(TerminalFactory factory, String readerName) throws CardException {
        Objects.requireNonNull(readerName, "readerName");
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "card-reader[" + readerName + "]");
            thread.setDaemon(true);
            return thread;
        });
        Future<CardConnection> opened = executor.submit(() -> connectOnReaderThread(factory, readerName, executor));
        try {
            return opened.get();
        } catch (ExecutionException e) {
            executor.shutdown();
            if (e.getCause() instanceof CardException typed) {
                throw typed;
            }
            throw new CardException(CardError.COMMUNICATION, "connecting to " + readerName + " failed: " + e.getCause(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            opened.cancel(true);
            executor.shutdown();
            throw new CardException(CardError.COMMUNICATION, "interrupted while connecting to " + readerName, e);
        }
    }

    private static CardConnection connectOnReaderThread(TerminalFactory factory, String readerName,
            ExecutorService executor) throws CardException {
        PcscContext context = PcscContext.open(factory);
        try {
            CardTerminal terminal = context.find(readerName);
            if (terminal == null) {
                throw new CardException(CardError.READER_NOT_FOUND, "no reader named \"" + readerName + "\"");
            }
            Card card = terminal.connect("*");
            LOG.debug("connected to the card in {} ({})", readerName, card.getProtocol());
            return new CardConnection(readerName, executor, context, card,
                    new PcscTransport(card.getBasicChannel(), terminal));
        } catch (CardNotPresentException e) {
            context.close();
            throw new CardException(CardError.NO_CARD, "no card in \"" + readerName + "\"", e);
        } catch (javax.smartcardio.CardException | RuntimeException e) {
            context.close();
            String name = PcscFailures.pcscName(e).orElse("");
            CardError error = switch (name) {
                case "SCARD_E_NO_SMARTCARD", "SCARD_W_REMOVED_CARD" -> CardError.NO_CARD;
                case "SCARD_E_UNKNOWN_READER", "SCARD_E_READER_UNAVAILABLE" -> CardError.READER_NOT_FOUND;
                default -> PcscFailures.isServiceFailure(e) ? CardError.NO_PCSC_SERVICE : CardError.COMMUNICATION;
            };
            throw new CardException(error, "connecting to \"" + readerName + "\" failed: " + PcscFailures.describe(e), e);
        } catch (CardException e) {
            context.close();
            throw e;
        }
    }

    /** Runs {@code task} on the reader's thread; the future fails with the task's {@link CardException}. */
    public <T> CompletableFuture<T> submit(CardTask<T> task) {
        Objects.requireNonNull(task, "task");
        CompletableFuture<T> result = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                result.completeExceptionally(new CardException(CardError.COMMUNICATION, "connection closed"));
                return result;
            }
            if (stuck) {
                result.completeExceptionally(new CardException(CardError.NO_ANSWER,
                        "an earlier command to the card in " + readerName + " never got an answer"));
                return result;
            }
            executor.execute(() -> {
                try {
                    result.complete(task.run(transport));
                } catch (CardException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        }
        return result;
    }

    /**
     * Runs {@code task} on the reader's thread, and gives up waiting after {@code deadline} (counted
     * from now, time queued behind earlier tasks included): the future then fails with
     * {@link CardError#NO_ANSWER}. A card that stopped answering keeps the reader's thread waiting
     * (a native PC/SC call cannot be abandoned), so from then on every task submitted fails at once
     * with {@link CardError#NO_ANSWER}: close this connection and connect again once the card has
     * been taken out and put back.
     */
    public <T> CompletableFuture<T> submit(CardTask<T> task, Duration deadline) {
        Objects.requireNonNull(deadline, "deadline");
        CompletableFuture<T> result = submit(task);
        CompletableFuture<T> bounded = new CompletableFuture<>();
        result.whenComplete((value, error) -> {
            if (error != null) {
                bounded.completeExceptionally(error);
            } else {
                bounded.complete(value);
            }
        });
        ScheduledFuture<?> alarm;
        try {
            alarm = deadlines().schedule(() -> {
                if (!result.isDone()) {
                    synchronized (this) {
                        stuck = true;
                    }
                    LOG.warn("the card in {} did not answer within {} ms", readerName, deadline.toMillis());
                    bounded.completeExceptionally(new CardException(CardError.NO_ANSWER,
                            "the card in " + readerName + " did not answer within " + deadline.toMillis() + " ms"));
                }
            }, deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closedMeanwhile) {
            return bounded; // closed: the task's future fails (or already failed) with "connection closed"
        }
        result.whenComplete((value, error) -> alarm.cancel(false));
        return bounded;
    }

    /** Whether a task ran past its deadline ({@link #submit(CardTask, Duration)}): the connection is of no more use. */
    public synchronized boolean isStuck() {
        return stuck;
    }

    /** This connection's deadline timer, started on the first deadline and stopped by {@link #close}. */
    private synchronized ScheduledExecutorService deadlines() {
        if (deadlineTimer == null) {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                    runnable -> {
                        Thread thread = new Thread(runnable, "card-deadline[" + readerName + "]");
                        thread.setDaemon(true);
                        return thread;
                    });
            timer.setRemoveOnCancelPolicy(true);
            if (closed) {
                timer.shutdown();
            }
            deadlineTimer = timer;
        }
        return deadlineTimer;
    }

    /** The reader's thread: use it for anything that touches {@link #transport()}. */
    public Executor executor() {
        return executor;
    }

    /** The transport to the card; not thread-safe, use it only on {@link #executor()}. */
    public PcscTransport transport() {
        return transport;
    }

    public String readerName() {
        return readerName;
    }

    /** The card's answer to reset, as the reader reported it when connecting. */
    public byte[] atr() {
        return atr.clone();
    }

    /** "T=0", "T=1" or "T=CL". */
    public String protocol() {
        return card.getProtocol();
    }

    /** Disconnects with a reset of the card; see {@link #close(Disposition)}. */
    @Override
    public void close() {
        close(Disposition.RESET);
    }

    /**
     * Disconnects after the tasks already submitted, releases the PC/SC context and stops the
     * reader's thread. Waits up to ten seconds. Idempotent; never throws: a card that is already
     * gone cannot be disconnected, which is fine.
     */
    public void close(Disposition disposition) {
        Objects.requireNonNull(disposition, "disposition");
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            executor.execute(() -> {
                try {
                    card.disconnect(disposition == Disposition.RESET);
                } catch (javax.smartcardio.CardException | RuntimeException e) {
                    LOG.debug("disconnecting from {}: {}", readerName, e.getMessage());
                } finally {
                    context.close();
                }
            });
            executor.shutdown();
            if (deadlineTimer != null) {
                // a deadline still pending still fires (so every bounded future completes), then the thread ends
                deadlineTimer.shutdown();
            }
        }
        if (!isOnReaderThread()) {
            try {
                if (!executor.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    LOG.warn("reader thread of {} did not finish within {} s", readerName, CLOSE_TIMEOUT_SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean isOnReaderThread() {
        return Thread.currentThread() == readerThread;
    }

    @Override
    public String toString() {
        return "CardConnection[" + readerName + "]";
    }
}
