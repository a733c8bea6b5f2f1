package jp.madoguchi.hqlink.client;

import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import jp.madoguchi.hqlink.message.BoothState;
import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.hqlink.message.PresenceFrame.HqFrame;
import jp.madoguchi.hqlink.message.Protocol;
import jp.madoguchi.hqlink.message.ProtocolException;
import jp.madoguchi.hqlink.message.ProtocolJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The booth's presence WebSocket ({@code wss://…/api/v1/presence}) over the transport's mutual-TLS client.
 * Sends {@code hello} with the booth's state (and, if {@link Builder#announceStart} was given, when this run
 * started and whether the run before ended uncleanly) on every (re)connection, {@code state} when it changes and
 * {@code ping} every {@code pingInterval}; delivers headquarters' frames (all but {@code pong}) to the
 * {@link Listener}. A connection that closes, fails, or leaves a ping without a {@code pong} for
 * {@code pongTimeout} is dropped and reopened with exponential backoff and jitter, until {@link #close()}.
 *
 * <p>Thread-safe. All work, including every listener call, happens on one thread owned by the channel,
 * so listener calls never overlap and arrive in order; a listener must hand UI work to the FX thread
 * and must not block.
 */
public final class PresenceChannel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PresenceChannel.class);
    /**
     * The longest text frame accepted from headquarters, assembled from the JDK's partial deliveries: room for a
     * {@code clerk_shows} frame with its largest picture (1 MiB is 1,398,104 base64 characters) and text.
     * A longer frame drops the connection (it is not ours).
     */
    static final int MAX_FRAME_CHARS = 2 * 1024 * 1024;

    /** Whether headquarters can be reached right now. */
    public enum ConnectionState {
        /** The WebSocket is open and HQ answers pings. */
        CONNECTED,
        /** The connection was just lost; a new one is being opened. */
        RECONNECTING,
        /** Not connected (not started, closed, or the last attempt failed); retrying in the background unless closed. */
        OFFLINE
    }

    /** Receives headquarters' frames and connection changes, on the channel's thread. */
    public interface Listener {
        /** A {@code call_answered}, {@code decision} or {@code queue} frame (or a later addition of {@link HqFrame}). */
        default void onFrame(HqFrame frame) {
        }

        /** The connection state changed; only called on a change. */
        default void onConnectionState(ConnectionState state) {
        }
    }

    private final HqTransport transport;
    private final Listener listener;
    private final URI uri;
    private final Duration pingInterval;
    private final Duration pongTimeout;
    private final RetryPolicy reconnectBackoff;
    private final DoubleSupplier random;
    private final ScheduledExecutorService loop;
    private final java.time.Instant startedAt;
    private final String restartedAfter;

    private volatile ConnectionState connectionState = ConnectionState.OFFLINE;
    private volatile boolean closed;

    private final AtomicBoolean started = new AtomicBoolean();

    // confined to the loop thread
    private int generation;
    private WebSocket socket;
    private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);
    private BoothState boothState = BoothState.IDLE;
    private ScheduledFuture<?> pinger;
    private ScheduledFuture<?> pongDeadline;
    private long lastPingT;
    private int failedAttempts;

    private PresenceChannel(Builder builder) {
        this.transport = builder.transport;
        this.listener = builder.listener;
        this.uri = transport.webSocketUri(Protocol.PRESENCE);
        this.pingInterval = builder.pingInterval;
        this.pongTimeout = builder.pongTimeout;
        this.reconnectBackoff = new RetryPolicy(Integer.MAX_VALUE, builder.reconnectInitialDelay,
                builder.reconnectMaxDelay, Duration.ZERO);
        this.random = builder.random;
        this.startedAt = builder.startedAt;
        this.restartedAfter = builder.restartedAfter;
        this.loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hq-presence");
            thread.setDaemon(true);
            return thread;
        });
    }

    public static Builder builder(HqTransport transport, Listener listener) {
        return new Builder(transport, listener);
    }

    /** Opens the channel (and keeps it open) announcing {@code initialState}. Call once. */
    public void start(BoothState initialState) {
        Objects.requireNonNull(initialState, "initialState");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("presence channel already started");
        }
        run(() -> {
            boothState = initialState;
            connect();
        });
    }

    /** Tells headquarters the booth's new state now, or in the {@code hello} of the next connection. */
    public void updateState(BoothState state) {
        Objects.requireNonNull(state, "state");
        run(() -> {
            if (state == boothState) {
                return;
            }
            boothState = state;
            if (socket != null) {
                send(generation, new PresenceFrame.State(state));
            }
        });
    }

    public ConnectionState connectionState() {
        return connectionState;
    }

    /** Closes the WebSocket, stops reconnecting and reports {@link ConnectionState#OFFLINE}. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            loop.submit(() -> {
                generation++;
                cancelTimers();
                WebSocket current = socket;
                socket = null;
                if (current != null) {
                    current.sendClose(WebSocket.NORMAL_CLOSURE, "booth closing")
                            .orTimeout(1, TimeUnit.SECONDS)
                            .whenComplete((ignored, error) -> current.abort());
                }
                changeState(ConnectionState.OFFLINE);
            }).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("presence channel close did not finish cleanly", e);
        } finally {
            loop.shutdown();
        }
    }

    private void run(Runnable task) {
        if (closed) {
            return;
        }
        loop.execute(() -> {
            if (!closed) {
                task.run();
            }
        });
    }

    private void connect() {
        int attempt = ++generation;
        log.debug("presence: connecting to {}", uri);
        transport.httpClient().newWebSocketBuilder()
                .connectTimeout(transport.connectTimeout())
                .buildAsync(uri, new SocketListener(attempt))
                .whenComplete((webSocket, error) -> run(() -> connected(attempt, webSocket, error)));
    }

    private void connected(int attempt, WebSocket webSocket, Throwable error) {
        if (attempt != generation) {
            if (webSocket != null) {
                webSocket.abort();
            }
            return;
        }
        if (error != null) {
            failedAttempts++;
            log.info("presence: cannot reach headquarters ({}); attempt {}", rootMessage(error), failedAttempts);
            changeState(ConnectionState.OFFLINE);
            scheduleReconnect();
            return;
        }
        socket = webSocket;
        sends = CompletableFuture.completedFuture(null);
        failedAttempts = 0;
        send(attempt, new PresenceFrame.Hello(Protocol.VERSION, boothState, startedAt, restartedAfter));
        long millis = pingInterval.toMillis();
        pinger = loop.scheduleAtFixedRate(() -> {
            if (!closed) {
                ping(attempt);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        log.info("presence: connected to headquarters");
        changeState(ConnectionState.CONNECTED);
    }

    private void ping(int attempt) {
        if (attempt != generation || socket == null) {
            return;
        }
        lastPingT = Math.max(lastPingT + 1, System.currentTimeMillis());
        send(attempt, new PresenceFrame.Ping(lastPingT));
        if (pongDeadline == null) {
            pongDeadline = loop.schedule(() -> {
                if (!closed) {
                    lost(attempt, "no pong within " + pongTimeout.toMillis() + " ms");
                }
            }, pongTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void received(int attempt, String text) {
        if (attempt != generation) {
            return;
        }
        PresenceFrame frame;
        try {
            frame = ProtocolJson.readFrame(text);
        } catch (ProtocolException.UnknownFrameType e) {
            log.debug("presence: skipping frame of unknown type '{}'", e.frameType());
            return;
        } catch (ProtocolException e) {
            log.warn("presence: ignoring malformed frame from headquarters: {}", e.getMessage());
            return;
        }
        if (frame instanceof PresenceFrame.Pong) {
            if (pongDeadline != null) {
                pongDeadline.cancel(false);
                pongDeadline = null;
            }
            return;
        }
        if (frame instanceof HqFrame hqFrame) {
            try {
                listener.onFrame(hqFrame);
            } catch (RuntimeException e) {
                log.error("presence listener failed on a {} frame", hqFrame.getClass().getSimpleName(), e);
            }
        } else {
            log.debug("presence: ignoring a booth frame sent by headquarters");
        }
    }

    private void lost(int attempt, String why) {
        if (attempt != generation) {
            return;
        }
        log.info("presence: connection to headquarters lost ({}); reconnecting", why);
        generation++;
        cancelTimers();
        WebSocket current = socket;
        socket = null;
        if (current != null) {
            current.abort();
        }
        changeState(ConnectionState.RECONNECTING);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        Duration delay = reconnectBackoff.backoff(Math.max(1, failedAttempts + 1), random.getAsDouble());
        int expected = generation;
        loop.schedule(() -> {
            if (!closed && expected == generation) {
                connect();
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void send(int attempt, PresenceFrame frame) {
        WebSocket target = socket;
        if (target == null) {
            return;
        }
        String text = ProtocolJson.write(frame);
        sends = sends.handle((ignored, error) -> null)
                .thenCompose(ignored -> target.sendText(text, true))
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        run(() -> lost(attempt, "send failed: " + rootMessage(error)));
                    }
                });
    }

    private void cancelTimers() {
        if (pinger != null) {
            pinger.cancel(false);
            pinger = null;
        }
        if (pongDeadline != null) {
            pongDeadline.cancel(false);
            pongDeadline = null;
        }
    }

    private void changeState(ConnectionState state) {
        if (connectionState == state) {
            return;
        }
        connectionState = state;
        try {
            listener.onConnectionState(state);
        } catch (RuntimeException e) {
            log.error("presence listener failed on connection state {}", state, e);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** Receives one connection's events from the JDK and hands them to the channel's thread. */
    private final class SocketListener implements WebSocket.Listener {
        private final int attempt;
        private final StringBuilder partial = new StringBuilder();

        SocketListener(int attempt) {
            this.attempt = attempt;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                run(() -> received(attempt, text));
            } else if (partial.length() > MAX_FRAME_CHARS) {
                run(() -> lost(attempt, "frame from headquarters too large"));
                return null;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            run(() -> lost(attempt, "closed by headquarters with status " + statusCode));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            run(() -> lost(attempt, rootMessage(error)));
        }
    }

    /** Not thread-safe; build once. */
    public static final class Builder {
        private final HqTransport transport;
        private final Listener listener;
        private Duration pingInterval = Duration.ofSeconds(10);
        private Duration pongTimeout = Duration.ofSeconds(5);
        private Duration reconnectInitialDelay = Duration.ofMillis(500);
        private Duration reconnectMaxDelay = Duration.ofSeconds(30);
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private java.time.Instant startedAt;
        private String restartedAfter;

        private Builder(HqTransport transport, Listener listener) {
            this.transport = Objects.requireNonNull(transport, "transport");
            this.listener = Objects.requireNonNull(listener, "listener");
        }

        /** How often to ping (default 10 s). */
        public Builder pingInterval(Duration interval) {
            this.pingInterval = positive(interval, "pingInterval");
            return this;
        }

        /** How long a ping may go unanswered before the connection counts as dead (default 5 s). */
        public Builder pongTimeout(Duration timeout) {
            this.pongTimeout = positive(timeout, "pongTimeout");
            return this;
        }

        /** Reconnect waits: from {@code initial} doubling to {@code max}, with jitter (defaults 500 ms, 30 s). */
        public Builder reconnectBackoff(Duration initial, Duration max) {
            this.reconnectInitialDelay = positive(initial, "initial");
            this.reconnectMaxDelay = positive(max, "max");
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("max reconnect delay below the initial one");
            }
            return this;
        }

        /** For tests: the source of jitter, numbers in [0, 1). */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Every {@code hello} of this channel also says when this run of the booth started and, if
         * {@code afterUncleanStop}, that the run before it did not stop cleanly (default: neither is said).
         */
        public Builder announceStart(java.time.Instant startedAt, boolean afterUncleanStop) {
            this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
            this.restartedAfter = afterUncleanStop ? PresenceFrame.Hello.AFTER_UNCLEAN_STOP : null;
            return this;
        }

        public PresenceChannel build() {
            return new PresenceChannel(this);
        }

        private static Duration positive(Duration duration, String name) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + duration);
            }
            return duration;
        }
    }
}
