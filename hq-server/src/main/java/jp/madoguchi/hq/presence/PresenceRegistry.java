package jp.madoguchi.hq.presence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import jp.madoguchi.hq.calls.CallQueue;
import jp.madoguchi.hqlink.message.BoothState;
import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.hqlink.message.ProtocolJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which booths hold a presence connection, what they are doing, and when headquarters last heard
 * from them. Thread-safe.
 *
 * <p><b>Gone.</b> A booth is declared gone when no frame has arrived from it for {@code deadAfter}
 * (default 20 s: two of the booth's 10 s ping intervals), whether its socket still looks open (a
 * half-open TCP connection) or already closed. A closed connection alone does not make a booth
 * gone: a booth that loses its line reconnects within a second or two, and its resident keeps their
 * place in the queue. When the sweeper (every {@code sweepInterval}) declares a booth gone it
 * closes the socket, forgets the booth and tells every {@link Listener}; headquarters then removes
 * the booth's waiting calls ({@link CallQueue#cancelBooth}).
 *
 * <p><b>Connections.</b> Calls name the {@link Connection} (compared with {@code equals}) as well as the booth, so that a late
 * event from a replaced connection (its close arriving after the booth reconnected) never touches the
 * new one. A booth that connects again replaces its old connection, which is closed.
 *
 * <p>Liveness is measured on the monotonic clock, so a wall-clock step never declares every booth gone.
 */
public final class PresenceRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PresenceRegistry.class);

    /** Default: two ping intervals of the booth (10 s each, see PROTOCOL.md). */
    public static final Duration DEFAULT_DEAD_AFTER = Duration.ofSeconds(20);
    private final java.util.concurrent.atomic.AtomicLong framesReceived = new java.util.concurrent.atomic.AtomicLong();
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(1);

    /** WebSocket close codes the registry uses. */
    public static final int CLOSE_REPLACED = 1000;
    public static final int CLOSE_GONE = 1001;
    /** The booth was revoked: policy violation, it must not come back. */
    public static final int CLOSE_REVOKED = 1008;

    /** One booth's open WebSocket, as the registry uses it. Implementations must not block. */
    public interface Connection {
        /** Queues a text frame; false if the connection is closed. */
        boolean send(String text);

        /** Closes the connection with a WebSocket close code and a short reason. */
        void close(int code, String reason);
    }

    /** Told when a booth is declared gone (on the sweeper's thread; must not block for long). */
    @FunctionalInterface
    public interface Listener {
        void onBoothGone(String boothId);
    }

    /** Told of every state a booth says (in its hello and state frames), on the connection's thread; must be quick. */
    @FunctionalInterface
    public interface StateListener {
        void onBoothState(String boothId, BoothState state);
    }

    /**
     * A booth headquarters knows of. {@code online} is false between a lost connection and either
     * the booth's reconnection or its being declared gone. {@code state} is {@code UNKNOWN} until hello.
     */
    public record BoothPresence(String boothId, boolean online, BoothState state, Instant connectedAt,
            Instant lastFrameAt) {
    }

    /**
     * What a booth said about its current (or last) run in its {@code hello}: when it started, and when it last
     * started again after a run that did not stop cleanly (null if not since headquarters started). Kept after the
     * booth is gone, like {@link #lastSeen}.
     */
    public record BoothStart(Instant startedAt, Instant lastUncleanRestartAt) {
    }

    private static final class Entry {
        final String boothId;
        final Connection connection; // null: the connection was lost, waiting for a reconnect or deadAfter
        final Instant connectedAt;
        volatile BoothState state;
        volatile long lastFrameNanos;
        volatile Instant lastFrameAt;

        Entry(String boothId, Connection connection, Instant connectedAt, BoothState state, long nanos, Instant at) {
            this.boothId = boothId;
            this.connection = connection;
            this.connectedAt = connectedAt;
            this.state = state;
            this.lastFrameNanos = nanos;
            this.lastFrameAt = at;
        }
    }

    /** A call's latest position and whether its booth got it. */
    private record Sent(String boothId, int position, boolean delivered) {
    }

    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Duration deadAfter;
    private final Duration sweepInterval;
    private final Map<String, Entry> booths = new ConcurrentHashMap<>();
    /** When each booth was last heard from since start, kept after it is gone (one entry per enrolled booth). */
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    /** What each booth's hello said about its run, since headquarters started (one entry per enrolled booth). */
    private final Map<String, BoothStart> starts = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<StateListener> stateListeners = new CopyOnWriteArrayList<>();
    /** The last queue position sent per call id, so an unchanged position is not sent again. */
    private final Map<String, Sent> sentPositions = new HashMap<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final ScheduledExecutorService sweeper;

    /** With the defaults: gone after 20 s without a frame, swept every second. */
    public PresenceRegistry(Clock clock) {
        this(clock, DEFAULT_DEAD_AFTER, DEFAULT_SWEEP_INTERVAL);
    }

    /**
     * @param deadAfter how long without a frame before a booth is gone (tests use about 1 s)
     * @param sweepInterval how often to look for gone booths
     */
    public PresenceRegistry(Clock clock, Duration deadAfter, Duration sweepInterval) {
        this(clock, deadAfter, sweepInterval, System::nanoTime);
    }

    PresenceRegistry(Clock clock, Duration deadAfter, Duration sweepInterval, LongSupplier nanoTime) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deadAfter = positive(deadAfter, "deadAfter");
        this.sweepInterval = positive(sweepInterval, "sweepInterval");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hq-presence-sweeper");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Adds a listener for booths declared gone; call before {@link #start()}. */
    public PresenceRegistry onBoothGone(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Adds a listener for the states booths say; call before {@link #start()}. */
    public PresenceRegistry onBoothState(StateListener listener) {
        stateListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Starts the sweeper. Call once. */
    public PresenceRegistry start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("presence registry already started");
        }
        long millis = sweepInterval.toMillis();
        sweeper.scheduleWithFixedDelay(this::sweepSafely, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Stops the sweeper (connections are closed by the server's stop). */
    @Override
    public void close() {
        sweeper.shutdownNow();
    }

    public Duration deadAfter() {
        return deadAfter;
    }

    /** A booth opened its presence connection; an older connection of the same booth is closed. */
    public void connected(String boothId, Connection connection) {
        Objects.requireNonNull(boothId, "boothId");
        Objects.requireNonNull(connection, "connection");
        Entry fresh = new Entry(boothId, connection, clock.instant(), BoothState.UNKNOWN, nanoTime.getAsLong(),
                clock.instant());
        Entry old = booths.put(boothId, fresh);
        lastSeen.put(boothId, fresh.lastFrameAt);
        synchronized (sentPositions) {
            // the booth's current place in the queue at once, whether or not it heard it before the line dropped
            sentPositions.replaceAll((callId, sent) -> !sent.boothId().equals(boothId) ? sent
                    : new Sent(boothId, sent.position(), connection.send(
                            ProtocolJson.write(new PresenceFrame.QueuePosition(callId, sent.position())))));
        }
        if (old != null && old.connection != null && !old.connection.equals(connection)) {
            LOG.info("presence: booth={} reconnected; closing its previous connection", boothId);
            closeQuietly(old.connection, CLOSE_REPLACED, "replaced by a newer connection of this booth");
        } else {
            LOG.info("presence: booth={} connected", boothId);
        }
    }

    /** Frames received from booths since start (the load benchmark reports them per second). */
    public long framesReceived() {
        return framesReceived.get();
    }

    /** A frame arrived on {@code connection}: the booth is alive; hello and state update its state. */
    public void frame(String boothId, Connection connection, PresenceFrame.BoothFrame frame) {
        framesReceived.incrementAndGet();
        Entry entry = current(boothId, connection);
        if (entry == null) {
            return;
        }
        touch(entry);
        if (frame instanceof PresenceFrame.Hello hello) {
            entry.state = hello.state();
            started(boothId, hello);
            tellState(boothId, hello.state());
        } else if (frame instanceof PresenceFrame.State state) {
            entry.state = state.state();
            tellState(boothId, state.state());
        }
    }

    private void tellState(String boothId, BoothState state) {
        for (StateListener listener : stateListeners) {
            try {
                listener.onBoothState(boothId, state);
            } catch (RuntimeException e) {
                LOG.error("presence: a state listener failed for booth {}", boothId, e);
            }
        }
    }

    /**
     * A hello that says when the booth's run started: remembered; the first hello of a run that follows an unclean
     * stop is logged once (its reconnections repeat the same {@code startedAt} and are not).
     */
    private void started(String boothId, PresenceFrame.Hello hello) {
        if (hello.startedAt() == null) {
            return; // an older booth: it says nothing about its run
        }
        BoothStart before = starts.get(boothId);
        boolean newRun = before == null || !hello.startedAt().equals(before.startedAt());
        if (!newRun) {
            return;
        }
        Instant unclean = hello.afterUncleanStop() ? hello.startedAt()
                : before == null ? null : before.lastUncleanRestartAt();
        starts.put(boothId, new BoothStart(hello.startedAt(), unclean));
        if (hello.afterUncleanStop()) {
            LOG.warn("presence: booth {} is back after an unclean stop, started at {}", boothId, hello.startedAt());
        }
    }

    /** What the booth said about its current or last run since headquarters started; empty if nothing. */
    public java.util.Optional<BoothStart> start(String boothId) {
        return java.util.Optional.ofNullable(starts.get(boothId));
    }

    /** Something else arrived on {@code connection} (a frame of a type this side does not know): still alive. */
    public void heard(String boothId, Connection connection) {
        Entry entry = current(boothId, connection);
        if (entry != null) {
            touch(entry);
        }
    }

    /**
     * {@code connection} closed. The booth is offline but not yet gone: if it does not reconnect
     * within {@code deadAfter} of its last frame, the sweeper declares it gone.
     */
    public void disconnected(String boothId, Connection connection) {
        Entry entry = booths.get(boothId);
        if (entry == null || !connection.equals(entry.connection)) {
            return; // an old, replaced connection, or already gone
        }
        Entry offline = new Entry(boothId, null, entry.connectedAt, entry.state, entry.lastFrameNanos, entry.lastFrameAt);
        if (booths.replace(boothId, entry, offline)) {
            LOG.info("presence: booth={} disconnected", boothId);
        }
    }

    /** Sends a frame to the booth; true if it was handed to an open connection, false if the booth is offline. */
    public boolean send(String boothId, PresenceFrame.HqFrame frame) {
        Entry entry = booths.get(boothId);
        if (entry == null || entry.connection == null) {
            return false;
        }
        return entry.connection.send(ProtocolJson.write(frame));
    }

    /**
     * Closes the booth's connection (if any) with {@code closeCode}, forgets it and tells the listeners it is gone, as
     * the sweeper would; for a revoked booth. Returns whether the booth was known.
     */
    public boolean evict(String boothId, int closeCode, String reason) {
        Entry entry = booths.remove(boothId);
        if (entry == null) {
            return false;
        }
        LOG.info("presence: booth={} evicted ({})", boothId, reason);
        if (entry.connection != null) {
            closeQuietly(entry.connection, closeCode, reason);
        }
        tellGone(boothId);
        return true;
    }

    /** When headquarters last heard from the booth since it started (also after the booth is gone); null if never. */
    public Instant lastSeen(String boothId) {
        return lastSeen.get(boothId);
    }

    /** Whether the booth holds an open presence connection. */
    public boolean isOnline(String boothId) {
        Entry entry = booths.get(boothId);
        return entry != null && entry.connection != null;
    }

    /** How many booths hold an open presence connection (for {@code /health}). */
    public int onlineCount() {
        int count = 0;
        for (Entry entry : booths.values()) {
            if (entry.connection != null) {
                count++;
            }
        }
        return count;
    }

    /** Every booth known right now (online, or offline but not yet gone), by booth id. */
    public List<BoothPresence> snapshot() {
        List<BoothPresence> all = new ArrayList<>();
        for (Entry entry : booths.values()) {
            all.add(new BoothPresence(entry.boothId, entry.connection != null, entry.state, entry.connectedAt,
                    entry.lastFrameAt));
        }
        all.sort(Comparator.comparing(BoothPresence::boothId));
        return all;
    }

    /**
     * Sends every waiting booth its call's current position ({@code queue} frame), skipping positions
     * already delivered. Call after every enqueue, answer and cancellation. A booth offline at that
     * moment gets its latest position as soon as it reconnects.
     */
    public void notifyQueuePositions(CallQueue calls) {
        Map<String, List<CallQueue.WaitingCall>> queues = calls.snapshot();
        synchronized (sentPositions) {
            Map<String, Sent> stillWaiting = new HashMap<>();
            for (List<CallQueue.WaitingCall> waiting : queues.values()) {
                for (int i = 0; i < waiting.size(); i++) {
                    CallQueue.WaitingCall call = waiting.get(i);
                    int position = i + 1;
                    Sent before = sentPositions.get(call.callId());
                    if (before != null && before.position() == position && before.delivered()) {
                        stillWaiting.put(call.callId(), before);
                    } else {
                        boolean delivered = send(call.boothId(), new PresenceFrame.QueuePosition(call.callId(), position));
                        stillWaiting.put(call.callId(), new Sent(call.boothId(), position, delivered));
                    }
                }
            }
            sentPositions.clear();
            sentPositions.putAll(stillWaiting);
        }
    }

    /** Declares gone every booth not heard from for {@code deadAfter}; returns their ids. Also run by the sweeper. */
    List<String> sweep() {
        long now = nanoTime.getAsLong();
        long limit = deadAfter.toNanos();
        List<String> gone = new ArrayList<>();
        for (Entry entry : booths.values()) {
            if (now - entry.lastFrameNanos >= limit && booths.remove(entry.boothId, entry)) {
                gone.add(entry.boothId);
                LOG.info("presence: booth={} gone (no frame for {} ms)", entry.boothId, deadAfter.toMillis());
                if (entry.connection != null) {
                    closeQuietly(entry.connection, CLOSE_GONE, "no frame for " + deadAfter.toSeconds() + " s");
                }
                tellGone(entry.boothId);
            }
        }
        return gone;
    }

    private void tellGone(String boothId) {
        for (Listener listener : listeners) {
            try {
                listener.onBoothGone(boothId);
            } catch (RuntimeException e) {
                LOG.error("presence: a listener failed for booth={}", boothId, e);
            }
        }
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.error("presence: sweep failed", e);
        }
    }

    private Entry current(String boothId, Connection connection) {
        Entry entry = booths.get(boothId);
        return entry != null && connection.equals(entry.connection) ? entry : null;
    }

    private void touch(Entry entry) {
        entry.lastFrameNanos = nanoTime.getAsLong();
        entry.lastFrameAt = clock.instant();
        lastSeen.put(entry.boothId, entry.lastFrameAt);
    }

    private static void closeQuietly(Connection connection, int code, String reason) {
        try {
            connection.close(code, reason);
        } catch (RuntimeException e) {
            LOG.debug("presence: closing a connection failed", e);
        }
    }

    private static Duration positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return duration;
    }
}
