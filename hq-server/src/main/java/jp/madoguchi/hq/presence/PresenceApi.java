package jp.madoguchi.hq.presence;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import jp.madoguchi.hq.server.BoothIdentity;
import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.hqlink.message.Protocol;
import jp.madoguchi.hqlink.message.ProtocolException;
import jp.madoguchi.hqlink.message.ProtocolJson;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The presence WebSocket {@code /api/v1/presence} (see {@code hq-link/PROTOCOL.md}). The server's
 * access gate has already required a valid, unrevoked booth certificate; the booth id comes from it.
 * <ul>
 * <li>{@code ping} is answered with {@code pong} at once; every frame counts as a sign of life;</li>
 * <li>{@code hello} and {@code state} update the booth's state in the {@link PresenceRegistry};</li>
 * <li>a frame of an unknown {@code type}, and a JSON object that is not a valid frame (missing field,
 * wrong {@code v}), is logged without its content and skipped: the connection stays (PROTOCOL.md);</li>
 * <li>garbage, i.e. text that is not a JSON object, or a binary frame, closes the connection with
 * 1008 (policy violation); a text frame over {@link #MAX_FRAME_CHARS} is closed by Jetty with 1009.</li>
 * </ul>
 * Jetty's idle timeout ({@code deadAfter} × 3) is a backstop behind the registry's sweeper.
 * Frames are sent asynchronously, so a slow booth never holds up a clerk's request. Thread-safe.
 */
public final class PresenceApi implements Consumer<Javalin> {
    private static final Logger LOG = LoggerFactory.getLogger(PresenceApi.class);
    static final int MAX_FRAME_CHARS = 16 * 1024;
    static final int CLOSE_POLICY = 1008;
    private static final ObjectMapper TREE = ProtocolJson.newMapper();

    private final PresenceRegistry registry;
    private final Duration idleTimeout;

    public PresenceApi(PresenceRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.idleTimeout = registry.deadAfter().multipliedBy(3);
    }

    @Override
    public void accept(Javalin app) {
        app.ws(Protocol.PRESENCE, ws -> {
            ws.onConnect(ctx -> {
                ctx.session.setIdleTimeout(idleTimeout);
                ctx.session.setMaxTextMessageSize(MAX_FRAME_CHARS);
                ctx.session.setMaxBinaryMessageSize(1024);
                registry.connected(boothId(ctx), new SessionConnection(ctx.session));
            });
            ws.onMessage(ctx -> received(ctx, ctx.message()));
            ws.onBinaryMessage(ctx -> {
                LOG.info("presence: booth={} sent a binary frame; closing", boothId(ctx));
                ctx.session.close(CLOSE_POLICY, "binary frames are not part of the protocol");
            });
            ws.onClose(ctx -> registry.disconnected(boothId(ctx), new SessionConnection(ctx.session)));
            ws.onError(ctx -> LOG.debug("presence: booth={} connection error: {}", boothId(ctx),
                    ctx.error() == null ? "-" : ctx.error().getClass().getSimpleName()));
        });
    }

    private void received(WsContext ctx, String text) {
        String boothId = boothId(ctx);
        SessionConnection connection = new SessionConnection(ctx.session);
        PresenceFrame frame;
        try {
            frame = ProtocolJson.readFrame(text);
        } catch (ProtocolException.UnknownFrameType e) {
            LOG.debug("presence: booth={} sent a frame of unknown type; skipped", boothId);
            registry.heard(boothId, connection);
            return;
        } catch (ProtocolException e) {
            if (isJsonObject(text)) {
                // ProtocolException messages name the field, never the value
                LOG.warn("presence: booth={} sent a malformed frame; skipped: {}", boothId, e.getMessage());
                registry.heard(boothId, connection);
            } else {
                LOG.warn("presence: booth={} sent a frame that is not a JSON object; closing", boothId);
                ctx.session.close(CLOSE_POLICY, "frames are JSON objects");
            }
            return;
        }
        if (frame instanceof PresenceFrame.BoothFrame boothFrame) {
            if (frame instanceof PresenceFrame.Ping ping) {
                connection.send(ProtocolJson.write(new PresenceFrame.Pong(ping.t())));
            }
            registry.frame(boothId, connection, boothFrame);
        } else {
            LOG.debug("presence: booth={} sent a headquarters frame; skipped", boothId);
            registry.heard(boothId, connection);
        }
    }

    private static boolean isJsonObject(String text) {
        try {
            JsonNode tree = TREE.readTree(text);
            return tree != null && tree.isObject();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String boothId(WsContext ctx) {
        return BoothIdentity.of(ctx).boothId();
    }

    /** A Jetty WebSocket session as the registry's connection; equal for the same session. */
    private record SessionConnection(Session session) implements PresenceRegistry.Connection {
        @Override
        public boolean send(String text) {
            if (!session.isOpen()) {
                return false;
            }
            try {
                session.getRemote().sendString(text, WriteCallback.NOOP);
                return true;
            } catch (RuntimeException e) {
                LOG.debug("presence: send failed", e);
                return false;
            }
        }

        @Override
        public void close(int code, String reason) {
            session.close(code, reason);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SessionConnection that && session == that.session;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(session);
        }
    }
}
