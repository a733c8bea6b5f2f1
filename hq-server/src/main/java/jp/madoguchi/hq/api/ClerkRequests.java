package jp.madoguchi.hq.api;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import jp.madoguchi.hq.server.ApiException;
import jp.madoguchi.hq.server.RequestLog;
import jp.madoguchi.hq.store.Clerk;
import jp.madoguchi.hq.store.ClerkSessions;
import jp.madoguchi.hqlink.message.ErrorCodes;
import jp.madoguchi.hqlink.message.Protocol;
import jp.madoguchi.hqlink.message.ProtocolException;
import jp.madoguchi.hqlink.message.ProtocolJson;

/**
 * What every clerk endpoint does first: the clerk behind the bearer token (401 otherwise; 403 for an admin endpoint
 * and an ordinary clerk), and the body read with a size limit as one protocol message. Thread-safe.
 */
final class ClerkRequests {
    /** The largest body of an ordinary clerk request. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = ProtocolJson.newMapper();

    private final ClerkSessions sessions;
    private final Clock clock;
    private final java.util.function.BiConsumer<String, java.time.Instant> seen;

    /** @param seen told of every authenticated request (clerk id, when): how headquarters knows a console is there */
    ClerkRequests(ClerkSessions sessions, Clock clock, java.util.function.BiConsumer<String, java.time.Instant> seen) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.seen = Objects.requireNonNull(seen, "seen");
    }

    /** The bearer token of the request, or null. */
    static String bearerToken(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    /** The clerk behind the request's bearer token, also put in the request's log line; 401 otherwise. */
    Clerk authenticate(Context ctx) {
        String token = bearerToken(ctx);
        java.time.Instant now = clock.instant();
        Optional<Clerk> clerk = token == null ? Optional.empty() : sessions.validate(token, now);
        if (clerk.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, ErrorCodes.UNAUTHORIZED, "log in first (Authorization: Bearer <token>)");
        }
        RequestLog.clerk(ctx, clerk.get().id());
        seen.accept(clerk.get().id(), now);
        return clerk.get();
    }

    /** As {@link #authenticate}, and 403 forbidden unless the clerk is an admin. */
    Clerk authenticateAdmin(Context ctx) {
        Clerk clerk = authenticate(ctx);
        if (!clerk.admin()) {
            throw new ApiException(403, ErrorCodes.FORBIDDEN, "only an admin clerk may do this");
        }
        return clerk;
    }

    /** The body, at most {@code maxBytes} (413 too_large beyond). */
    static byte[] body(Context ctx, int maxBytes) {
        return RequestBodies.read(ctx, maxBytes);
    }

    /** A body that holds a password: read, parsed, and its bytes zeroed whatever happens (the password is in them). */
    static <T> T parseSecret(Context ctx, Class<T> type) {
        byte[] body = body(ctx, MAX_BODY_BYTES);
        try {
            return parse(body, type);
        } finally {
            java.util.Arrays.fill(body, (byte) 0);
        }
    }

    /** Reads a request body: 400 unsupported_version without v = 1, 400 bad_request if malformed (field named, no value). */
    static <T> T parse(byte[] body, Class<T> type) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, ErrorCodes.BAD_REQUEST, "the body is not JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new ApiException(400, ErrorCodes.BAD_REQUEST, "the body is not a JSON object");
        }
        JsonNode v = tree.get("v");
        if (v == null || !v.isInt() || v.intValue() != Protocol.VERSION) {
            throw new ApiException(400, ErrorCodes.UNSUPPORTED_VERSION, "this server speaks v=" + Protocol.VERSION);
        }
        try {
            return ProtocolJson.read(body, type);
        } catch (ProtocolException e) {
            throw new ApiException(400, ErrorCodes.BAD_REQUEST, e.getMessage());
        }
    }

    /** A path's id ({@code {callId}}, {@code {boothId}}, {@code {clerkId}}); 404 with {@code error} if it cannot be one. */
    static String pathId(Context ctx, String name, String error, String message) {
        String id = ctx.pathParam(name);
        if (!Protocol.isPathId(id)) {
            throw new ApiException(404, error, message);
        }
        return id;
    }
}
