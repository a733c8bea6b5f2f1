package jp.madoguchi.kiosk.card;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.mynumber.MyNumberCard;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.PinStatus;
import jp.madoguchi.card.pcsc.CardConnection;
import jp.madoguchi.card.pcsc.ReaderEvent;
import jp.madoguchi.card.pcsc.ReaderInfo;
import jp.madoguchi.card.pcsc.ReaderWatcher;
import jp.madoguchi.card.pcsc.Readers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The booth's view of its card reader (issue 6, step 3 "Place your card"): the card is noticed by itself,
 * its authentication PIN's tries left are read without spending one, and its removal is reported.
 *
 * <p>Follows the configured reader, or, when none is configured, the first reader attached. card-reader's
 * {@link ReaderWatcher} reports on its own thread; each report is handed at once to this slot's own
 * single thread, which keeps the state and connects to an inserted card. The tries left are read through a
 * {@link CardConnection}, on the reader's own executor (style.md item 4), never on the caller's thread nor
 * the watcher's. Every {@link CardSlotEvent} goes to the listener through the given executor (the FX
 * thread in the booth, a test's executor in tests); with a serial executor the events arrive in order.
 *
 * <p>Events: {@code READER_MISSING} when the reader is absent (also at start), {@code READER_READY} when it
 * is there, {@code CARD_INSERTED} then {@code PIN_TRIES_READ} or {@code CARD_UNREADABLE}, {@code CARD_REMOVED},
 * and {@code PCSC_UNAVAILABLE} / {@code PCSC_BACK} when pcscd stops and comes back (while it is down, a
 * missing reader or card is not reported separately: the service being down says it, and the card may
 * well still be in the reader; when the service is back a card there is reported inserted again).
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread; no event is delivered to the executor
 * after it returns (one already handed to the executor may still run).
 */
public final class CardSlot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CardSlot.class);

    private final Readers readers;
    private final Optional<String> configuredReader;
    private final Duration readDeadline;
    private final Executor callbackExecutor;
    private final CardSlotListener listener;
    private final ExecutorService slotThread;
    private volatile boolean closed;
    private volatile ReaderWatcher watcher;

    // confined to slotThread
    private final Set<String> attached = new LinkedHashSet<>();
    private String target;
    private Boolean readerShownReady; // null: nothing said yet
    private boolean serviceDown;
    private boolean cardIn;

    private CardSlot(Readers readers, Optional<String> configuredReader, Duration readDeadline,
            Executor callbackExecutor, CardSlotListener listener) {
        this.readers = readers;
        this.configuredReader = configuredReader;
        this.readDeadline = readDeadline;
        this.callbackExecutor = callbackExecutor;
        this.listener = listener;
        this.slotThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "card-slot");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts watching. The first event says whether the reader is there (or that pcscd is down); a card
     * already in the reader is then reported as inserted.
     *
     * @param readers the machine's readers ({@link Readers#pcsc()}, or the in-process emulator's in tests and demo mode)
     * @param configuredReader the booth's configured reader name; empty to follow the first reader attached
     * @param callbackExecutor where the listener is called (the FX thread); should be serial
     */
    public static CardSlot start(Readers readers, Optional<String> configuredReader, Executor callbackExecutor,
            CardSlotListener listener) {
        return start(readers, configuredReader, BoothCardReader.CARD_DEADLINE, callbackExecutor, listener);
    }

    /**
     * As {@link #start(Readers, Optional, Executor, CardSlotListener)}; a card that does not answer the
     * tries-left query within {@code readDeadline} is reported {@code CARD_UNREADABLE}.
     */
    public static CardSlot start(Readers readers, Optional<String> configuredReader, Duration readDeadline,
            Executor callbackExecutor, CardSlotListener listener) {
        CardSlot slot = new CardSlot(Objects.requireNonNull(readers, "readers"),
                Objects.requireNonNull(configuredReader, "configuredReader"),
                Objects.requireNonNull(readDeadline, "readDeadline"),
                Objects.requireNonNull(callbackExecutor, "callbackExecutor"),
                Objects.requireNonNull(listener, "listener"));
        slot.slotThread.execute(slot::firstLook);
        return slot;
    }

    /** The configured reader, if any. */
    public Optional<String> configuredReader() {
        return configuredReader;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ReaderWatcher current = watcher;
        if (current != null) {
            current.close();
        }
        slotThread.shutdownNow();
        try {
            slotThread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- on the slot's thread

    /** Says whether the reader is there, then starts the watcher (whose reports queue behind this). */
    private void firstLook() {
        lookForTheReader();
        if (!closed) {
            watcher = readers.watch(event -> {
                if (!closed) {
                    slotThread.execute(() -> handle(event));
                }
            });
            if (closed) {
                watcher.close();
            }
        }
    }

    /**
     * Lists the readers with a fresh context: the watcher reports readers that appear, not the absence of
     * any, so "no reader" is found out here. A failing service is left to the watcher to report.
     */
    private void lookForTheReader() {
        List<ReaderInfo> now;
        try {
            now = readers.list();
        } catch (CardException e) {
            log.debug("listing readers failed; the watcher reports the service: {}", e.getMessage());
            return;
        }
        boolean present = configuredReader
                .map(name -> now.stream().anyMatch(reader -> reader.name().equals(name)))
                .orElse(!now.isEmpty());
        if (!present) {
            showReader(false, null);
        }
    }

    private void handle(ReaderEvent event) {
        if (closed) {
            return;
        }
        if (event instanceof ReaderEvent.ReaderAttached attachedEvent) {
            attached.add(attachedEvent.readerName());
            followTarget();
        } else if (event instanceof ReaderEvent.ReaderDetached detached) {
            attached.remove(detached.readerName());
            followTarget();
        } else if (event instanceof ReaderEvent.CardInserted inserted) {
            if (inserted.readerName().equals(target) && !cardIn) {
                cardIn = true;
                emit(CardSlotEvent.of(CardSlotEvent.Kind.CARD_INSERTED, target));
                readTriesLeft(target);
            }
        } else if (event instanceof ReaderEvent.CardRemoved removed) {
            if (removed.readerName().equals(target) && cardIn) {
                cardIn = false;
                if (!serviceDown) {
                    emit(CardSlotEvent.of(CardSlotEvent.Kind.CARD_REMOVED, target));
                }
                // while the service is down the card cannot be reached, but it may well still be in the
                // reader: PCSC_UNAVAILABLE said it; when the service is back, a card there is reported inserted
            }
        } else if (event instanceof ReaderEvent.ServiceUnavailable down) {
            serviceDown = true;
            readerShownReady = null;
            log.warn("PC/SC service unavailable: {}", down.reason());
            emit(CardSlotEvent.serviceDown(down.reason()));
        } else if (event instanceof ReaderEvent.ServiceRestored) {
            serviceDown = false;
            log.info("PC/SC service available again");
            emit(CardSlotEvent.of(CardSlotEvent.Kind.PCSC_BACK, null));
            lookForTheReader();
        }
    }

    /** Follows the configured reader, or the first attached one; says when it appears or goes. */
    private void followTarget() {
        String next = configuredReader.isPresent()
                ? configuredReader.filter(attached::contains).orElse(null)
                : attached.stream().findFirst().orElse(null);
        if (next == null) {
            cardIn = false;
            target = null;
            if (!serviceDown) {
                showReader(false, null);
            }
        } else if (!next.equals(target) || !Boolean.TRUE.equals(readerShownReady)) {
            if (!next.equals(target)) {
                cardIn = false;
            }
            target = next;
            showReader(true, next);
        }
    }

    private void showReader(boolean ready, String readerName) {
        if (Boolean.valueOf(ready).equals(readerShownReady) && !ready) {
            return;
        }
        readerShownReady = ready;
        emit(CardSlotEvent.of(ready ? CardSlotEvent.Kind.READER_READY : CardSlotEvent.Kind.READER_MISSING,
                readerName != null ? readerName : configuredReader.orElse(null)));
    }

    /**
     * Connects to the card (on the reader's own thread, see {@link CardConnection}), asks for the
     * authentication PIN's tries left there (a VERIFY without data: no try is spent) and disconnects.
     * The slot's thread waits for it, so the answer is reported before a removal that follows, and after
     * the disconnection.
     */
    private void readTriesLeft(String readerName) {
        CardConnection connection;
        try {
            connection = readers.connect(readerName);
        } catch (CardException e) {
            failedToRead(readerName, e);
            return;
        }
        PinStatus status;
        try {
            status = connection
                    .submit(transport -> new MyNumberCard(transport).pinStatus(PinKind.AUTHENTICATION), readDeadline)
                    .get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CardException typed) {
                failedToRead(readerName, typed);
            } else {
                log.warn("reading the tries left failed: {}", String.valueOf(e.getCause()));
                emit(CardSlotEvent.unreadable(readerName, CardReadError.UNREADABLE, String.valueOf(e.getCause())));
            }
            // told first: a card that stopped answering keeps the reader's thread, and so the close, waiting
            connection.close();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.close();
            return;
        }
        connection.close();
        // told only once the slot's connection is closed (and the card reset), so a listener may connect to
        // the card at once without the slot's reset undoing what it verifies
        emit(CardSlotEvent.triesRead(readerName, status));
    }

    private void failedToRead(String readerName, CardException e) {
        CardError error = e.error();
        if (error == CardError.NO_CARD || error == CardError.CARD_REMOVED) {
            // the card left again; the watcher reports the removal
            log.debug("card gone before its tries were read: {}", error);
            return;
        }
        log.warn("cannot read the card in {}: {} ({})", readerName, error, e.getMessage());
        emit(CardSlotEvent.unreadable(readerName, CardReadError.of(error), error + ": " + e.getMessage()));
    }

    private void emit(CardSlotEvent event) {
        if (closed) {
            return;
        }
        log.debug("card slot: {} reader={}", event.kind(), event.readerName().orElse("-"));
        callbackExecutor.execute(() -> {
            if (closed) {
                return;
            }
            try {
                listener.cardSlotChanged(event);
            } catch (RuntimeException e) {
                log.error("a card slot listener failed on {}: {}", event.kind(), e.getClass().getName());
            }
        });
    }
}
