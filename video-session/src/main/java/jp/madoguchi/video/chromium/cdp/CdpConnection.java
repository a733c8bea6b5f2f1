package jp.madoguchi.video.chromium.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to a browser's DevTools endpoint: JSON messages over a WebSocket, commands with ids and their
 * replies, and events, including those of flattened target sessions ({@code Target.attachToTarget} or
 * {@code Target.setAutoAttach} with {@code flatten: true}, whose messages carry a {@code sessionId}).
 *
 * <p>Replies complete their futures on the WebSocket's own thread, so a caller may wait for a reply on any
 * thread, even one that handles events. Events are handed to each subscription's executor in the order they
 * arrived (by default the connection's own single event thread, which must never wait for a reply).
 */
public final class CdpConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CdpConnection.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Told once when the connection ends, whoever ended it. */
    @FunctionalInterface
    public interface CloseListener {
        /**
         * @param byUs  true when {@link #close()} ended it
         * @param cause what happened (for logs)
         */
        void closed(boolean byUs, String cause);
    }

    /** An event subscription; {@link #cancel()} ends it. */
    public interface Subscription {
        void cancel();
    }

    private record Handler(String method, String sessionId, Executor executor, Consumer<CdpEvent> consumer) {
        boolean matches(CdpEvent event) {
            return method.equals(event.method()) && (sessionId == null || sessionId.equals(event.sessionId()));
        }
    }

    private final WebSocket socket;
    private final Duration timeout;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Handler> handlers = new CopyOnWriteArrayList<>();
    private final ExecutorService eventThread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CopyOnWriteArrayList<CloseListener> closeListeners = new CopyOnWriteArrayList<>();
    private final Object sendLock = new Object();
    private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);

    private record Pending(String method, CompletableFuture<JsonNode> reply) {
    }

    private CdpConnection(WebSocket socket, Duration timeout, ExecutorService eventThread) {
        this.socket = socket;
        this.timeout = timeout;
        this.eventThread = eventThread;
    }

    /**
     * Opens a connection.
     *
     * @param endpoint the browser's WebSocket URL ({@code ws://127.0.0.1:PORT/devtools/browser/ID})
     * @param timeout  how long a command may wait for its reply (and the connection for its handshake)
     */
    public static CdpConnection connect(URI endpoint, Duration timeout) {
        ExecutorService events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cdp-events");
            t.setDaemon(true);
            return t;
        });
        Reader reader = new Reader();
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            WebSocket socket = client.newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(endpoint, reader).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            CdpConnection connection = new CdpConnection(socket, timeout, events);
            reader.attach(connection);
            return connection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            events.shutdownNow();
            throw new CdpException("connect", CdpException.NO_REPLY, "interrupted");
        } catch (Exception e) {
            events.shutdownNow();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new CdpException("connect", CdpException.NO_REPLY, "cannot open " + endpoint.getHost() + ":"
                    + endpoint.getPort() + ": " + cause);
        }
    }

    public void addCloseListener(CloseListener listener) {
        closeListeners.add(listener);
        if (closed.get()) {
            listener.closed(closing.get(), "already closed");
        }
    }

    public boolean isOpen() {
        return !closed.get();
    }

    /** Sends a command to the browser's own session. */
    public CompletableFuture<JsonNode> send(String method, JsonNode params) {
        return send(method, params, null);
    }

    /**
     * Sends a command.
     *
     * @param params    the parameters, or {@code null} for none
     * @param sessionId a flattened target session, or {@code null} for the browser's own session
     * @return the command's {@code result}; fails with a {@link CdpException} on an error reply, a timeout, or
     *         when the connection closes first
     */
    public CompletableFuture<JsonNode> send(String method, JsonNode params, String sessionId) {
        Objects.requireNonNull(method, "method");
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        if (closed.get()) {
            reply.completeExceptionally(new CdpException(method, CdpException.NO_REPLY, "the connection is closed"));
            return reply;
        }
        long id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", params == null ? JSON.createObjectNode() : params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        pending.put(id, new Pending(method, reply));
        String text = message.toString();
        synchronized (sendLock) {
            sendChain = sendChain.handle((ignored, failure) -> null)
                    .thenCompose(ignored -> socket.sendText(text, true))
                    .whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            Pending p = pending.remove(id);
                            if (p != null) {
                                p.reply().completeExceptionally(new CdpException(method, CdpException.NO_REPLY,
                                        "cannot send: " + failure));
                            }
                        }
                    });
        }
        CompletableFuture<JsonNode> timed = reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return timed.handle((result, failure) -> {
            pending.remove(id);
            if (failure == null) {
                return CompletableFuture.completedFuture(result);
            }
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof java.util.concurrent.TimeoutException) {
                cause = new CdpException(method, CdpException.NO_REPLY, "no reply within " + timeout.toMillis() + " ms");
            }
            return CompletableFuture.<JsonNode>failedFuture(cause);
        }).thenCompose(f -> f);
    }

    /** A convenience for building parameters: {@code params("expression", "1+1", "awaitPromise", true)}. */
    public static ObjectNode params(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
        }
        return node;
    }

    /** The shared JSON mapper. */
    public static ObjectMapper json() {
        return JSON;
    }

    /** Subscribes to an event from any session, on the connection's event thread. */
    public Subscription on(String method, Consumer<CdpEvent> consumer) {
        return on(method, null, eventThread, consumer);
    }

    /**
     * Subscribes to an event.
     *
     * @param sessionId only events of this flattened session, or {@code null} for any
     * @param executor  where the consumer runs; events reach it in arrival order when it is single-threaded
     */
    public Subscription on(String method, String sessionId, Executor executor, Consumer<CdpEvent> consumer) {
        Handler handler = new Handler(method, sessionId, executor, consumer);
        handlers.add(handler);
        return () -> handlers.remove(handler);
    }

    /**
     * Says that the end of this connection is expected from now on (the browser was asked to close), so that
     * listeners hear it as ours.
     */
    public void expectClose() {
        closing.set(true);
    }

    /** Closes the WebSocket; pending commands fail. Idempotent. */
    @Override
    public void close() {
        closing.set(true);
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(1, TimeUnit.SECONDS)
                    .whenComplete((ws, failure) -> socket.abort());
        } catch (RuntimeException e) {
            socket.abort();
        }
        ended("closed by us");
    }

    private void ended(String cause) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean byUs = closing.get();
        if (!byUs) {
            LOG.info("DevTools connection lost: {}", cause);
        }
        for (Pending p : pending.values()) {
            p.reply().completeExceptionally(new CdpException(p.method(), CdpException.NO_REPLY,
                    "the connection closed: " + cause));
        }
        pending.clear();
        for (CloseListener listener : closeListeners) {
            eventThread.execute(() -> listener.closed(byUs, cause));
        }
        eventThread.shutdown();
    }

    private void received(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (Exception e) {
            LOG.warn("DevTools sent something that is not JSON ({} characters)", text.length());
            return;
        }
        JsonNode id = message.get("id");
        if (id != null && id.canConvertToLong()) {
            Pending p = pending.remove(id.asLong());
            if (p == null) {
                return;
            }
            JsonNode error = message.get("error");
            if (error != null) {
                p.reply().completeExceptionally(new CdpException(p.method(), error.path("code").asInt(-1),
                        error.path("message").asText("error")));
            } else {
                JsonNode result = message.get("result");
                p.reply().complete(result == null ? JSON.createObjectNode() : result);
            }
            return;
        }
        String method = message.path("method").asText(null);
        if (method == null) {
            return;
        }
        JsonNode params = message.get("params");
        String sessionId = message.hasNonNull("sessionId") ? message.get("sessionId").asText() : null;
        CdpEvent event = new CdpEvent(method, params == null ? JSON.createObjectNode() : params, sessionId);
        for (Handler handler : handlers) {
            if (handler.matches(event)) {
                try {
                    handler.executor().execute(() -> {
                        try {
                            handler.consumer().accept(event);
                        } catch (RuntimeException e) {
                            LOG.warn("a DevTools event handler failed on {}", method, e);
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    LOG.debug("{} dropped: its executor is shut down", method);
                }
            }
        }
    }

    /** Collects text frames until the last part of a message, then hands the whole message over. */
    private static final class Reader implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<CdpConnection> connection = new CompletableFuture<>();

        void attach(CdpConnection c) {
            connection.complete(c);
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
                // the first frames may arrive before connect() has its object: wait for it, in order
                connection.thenAccept(c -> c.received(text)).join();
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
            connection.thenAccept(c -> c.ended("closed by the browser (" + statusCode + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            connection.thenAccept(c -> c.ended("failed: " + error));
        }
    }
}
