package jp.madoguchi.video.loopback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small Jitsi Meet stand-in on loopback: it serves an {@code external_api.js} with the constructor, commands and
 * events of Jitsi's IFrame API, and a meeting page that really connects its participants with WebRTC (one peer
 * connection per pair, signalled through this server). Tests use it because no Jitsi server can be installed on
 * the development machines, and the one-command demo uses it because it has none either.
 *
 * <p>It binds 127.0.0.1 only. Paths: {@code /external_api.js}; {@code /ROOM}, the meeting page the API's iframe
 * loads; everything else under {@code /_meet/} (a Server-Sent Events stream per participant and small JSON POSTs
 * for joining, leaving, signalling, statistics and the first remote frame). A participant is in the room while
 * its event stream is open.
 *
 * <p>Identity comes from the Jitsi token ({@code context.user}); with an {@link Options#appSecret() app secret}
 * the token must be signed with it (HS256), unexpired and for the room. With the lobby on, a guest whose config
 * has {@code lobby.autoKnock=true} knocks and waits until a moderator admits them.
 *
 * <p>Thread-safe. The observation methods ({@link #participants}, {@link #mediaStats}, {@link #commands} …) are
 * for tests and benchmarks that poll them.
 */
public final class LoopbackMeet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackMeet.class);

    /** The largest request body accepted; larger ones get 413. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int DRAIN_LIMIT_BYTES = 4 * 1024 * 1024;
    private static final Pattern ROOM_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final String RESOURCES = "/jp/madoguchi/video/loopback/";
    /** How often an idle event stream is written to, so that a vanished page is noticed within about a second. */
    private static final long HEARTBEAT_MILLIS = 500;
    /** A page that joined but never opened its event stream is forgotten after this long. */
    private static final long CONNECT_GRACE_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final Object END_OF_STREAM = new Object();
    private static final int MAX_OBSERVATIONS = 1000;
    private static final AtomicInteger SERVER_NUMBER = new AtomicInteger();

    /**
     * How the meeting behaves.
     *
     * @param port      the TCP port on 127.0.0.1; 0 picks a free one
     * @param lobby     guests (non-moderators) knock and wait until a moderator admits them (the default)
     * @param appSecret the deployment's token secret; null: tokens are parsed but not verified
     */
    public record Options(int port, boolean lobby, byte[] appSecret) {
        public Options {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a TCP port: " + port);
            }
            appSecret = appSecret == null ? null : appSecret.clone();
        }

        /** A free port, the lobby on, tokens not verified. */
        public static Options defaults() {
            return new Options(0, true, null);
        }

        public Options withPort(int port) {
            return new Options(port, lobby, appSecret);
        }

        public Options withLobby(boolean lobby) {
            return new Options(port, lobby, appSecret);
        }

        public Options withAppSecret(byte[] secret) {
            return new Options(port, lobby, secret);
        }

        @Override
        public byte[] appSecret() {
            return appSecret == null ? null : appSecret.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Options o && o.port == port && o.lobby == lobby
                    && Arrays.equals(o.appSecret, appSecret);
        }

        @Override
        public int hashCode() {
            return Objects.hash(port, lobby, Arrays.hashCode(appSecret));
        }

        @Override
        public String toString() {
            return "Options[port=" + port + ", lobby=" + lobby + ", appSecret=" + (appSecret == null ? "none" : "***")
                    + "]";
        }
    }

    /**
     * Someone in a room, or knocking at its lobby.
     *
     * @param mediaOpenedAtNanos {@link System#nanoTime()} when the page first asked for camera or microphone
     *                           (getUserMedia); 0 if it never did
     */
    public record Participant(String id, String displayName, boolean moderator, boolean inLobby, boolean audioMuted,
                              boolean videoMuted, Map<String, Object> configOverwrite,
                              Map<String, Object> interfaceConfigOverwrite, String lang, long mediaOpenedAtNanos) {
    }

    /** The inbound-rtp totals a participant's page last reported, over all its peer connections. */
    public record MediaStats(long videoFramesDecoded, long videoBytesReceived, long audioPacketsReceived) {
        static final MediaStats NONE = new MediaStats(0, 0, 0);
    }

    private final Options options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUri;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final Object lock = new Object();
    private final Map<String, Room> rooms = new HashMap<>();
    private final Map<String, Member> members = new HashMap<>();
    /** By room and display name; the oldest are forgotten so that a long-running demo does not grow forever. */
    private final Map<String, Observation> observations = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Observation> eldest) {
            return size() > MAX_OBSERVATIONS;
        }
    };
    private boolean closed;

    private LoopbackMeet(Options options) throws IOException {
        this.options = options;
        int number = SERVER_NUMBER.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "loopback-meet-" + number + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = Executors.newCachedThreadPool(factory);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), options.port()), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        LOG.info("loopback meeting server at {} ({})", baseUri, options);
    }

    /** Starts a meeting server on 127.0.0.1 on a free port, lobby on, tokens not verified. */
    public static LoopbackMeet start() throws IOException {
        return start(Options.defaults());
    }

    /** Starts a meeting server; with a port, also to come back on the same port after {@link #close()}. */
    public static LoopbackMeet start(Options options) throws IOException {
        return new LoopbackMeet(Objects.requireNonNull(options, "options"));
    }

    /** {@code http://127.0.0.1:PORT/}: what {@code JoinRequest.meetingServer} is set to. */
    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return baseUri.getPort();
    }

    /** Stops the server. Every open event stream ends, so the pages report a dropped connection. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            for (Member member : members.values()) {
                member.phase = Phase.GONE;
                member.outbox.add(END_OF_STREAM);
            }
            members.clear();
            rooms.clear();
        }
        server.stop(0);
        executor.shutdownNow();
        LOG.info("loopback meeting server at {} stopped", baseUri);
    }

    // ---------------------------------------------------------------- observation

    /** The room's participants, in order of arrival, including those knocking at its lobby. */
    public List<Participant> participants(String room) {
        synchronized (lock) {
            Room r = rooms.get(room);
            if (r == null) {
                return List.of();
            }
            List<Participant> result = new ArrayList<>();
            for (Member m : r.members.values()) {
                if (m.phase == Phase.LOBBY || m.phase == Phase.KNOCKING || m.phase == Phase.JOINED) {
                    result.add(new Participant(m.id, m.displayName, m.moderator, m.phase != Phase.JOINED,
                            m.audioMuted, m.videoMuted, m.config, m.interfaceConfig, m.lang, m.mediaOpenedAtNanos));
                }
            }
            return List.copyOf(result);
        }
    }

    /** The inbound-rtp totals the participant's page last reported; zeros if none (or no such participant). */
    public MediaStats mediaStats(String room, String displayName) {
        Observation observation = observation(room, displayName);
        return observation == null ? MediaStats.NONE : observation.stats();
    }

    /**
     * {@link System#nanoTime()} when the participant's page first rendered a remote video frame in its latest
     * visit to the room (a rejoin starts over).
     */
    public OptionalLong firstRemoteVideoFrameNanos(String room, String displayName) {
        Observation observation = observation(room, displayName);
        long nanos = observation == null ? 0 : observation.firstRemoteFrameNanos();
        return nanos == 0 ? OptionalLong.empty() : OptionalLong.of(nanos);
    }

    /**
     * The IFrame API commands the participant's page received, in order (kept across rejoins under the same
     * name), e.g. {@code toggleAudio}, {@code answerKnockingParticipant}.
     */
    public List<String> commands(String room, String displayName) {
        Observation observation = observation(room, displayName);
        return observation == null ? List.of() : observation.commands();
    }

    /**
     * Whether the participant's page last reported a live camera track (false also when it never reported): a
     * camera switched off must be closed, its light off, not merely not sent.
     */
    boolean cameraCapturing(String room, String displayName) {
        Observation observation = observation(room, displayName);
        return observation != null && observation.cameraLive();
    }

    /** Whether the participant's page last reported a live microphone track. */
    boolean microphoneCapturing(String room, String displayName) {
        Observation observation = observation(room, displayName);
        return observation != null && observation.microphoneLive();
    }

    // ---------------------------------------------------------------- faults

    /**
     * Closes every event stream now, without a goodbye: every page emits
     * {@code errorOccurred {type:'CONNECTION', name:'connection.droppedError', isFatal:true}}.
     */
    public void dropConnections() {
        synchronized (lock) {
            LOG.info("dropping every connection ({} participants)", members.size());
            for (Member member : members.values()) {
                member.phase = Phase.GONE;
                member.outbox.add(END_OF_STREAM);
            }
            members.clear();
            rooms.clear();
        }
    }

    /** Ends the room's conference as if a moderator ran {@code endConference}: everyone gets conference.destroyed. */
    public void endConference(String room) {
        synchronized (lock) {
            Room r = rooms.get(room);
            if (r != null) {
                destroy(r, null);
            }
        }
    }

    /**
     * Turns a knocking participant away, as a moderator answering {@code answerKnockingParticipant(id, false)} in
     * Jitsi's own lobby notification would: its page emits {@code conference.connectionError.membersOnly} (fatal).
     *
     * @throws IllegalStateException when nobody of that name is in the room
     * @throws IllegalArgumentException when they are in the room but not knocking
     */
    public void turnAway(String room, String displayName) {
        synchronized (lock) {
            Member guest = named(room, displayName);
            if (guest.phase != Phase.KNOCKING && guest.phase != Phase.LOBBY) {
                throw new IllegalArgumentException(displayName + " is not knocking in " + room);
            }
            LOG.debug("room {}: {} turned away from the lobby", room, guest.id);
            send(guest, Map.of("type", "rejected"));
            remove(guest);
        }
    }

    /** The participant's meeting frame tries to navigate the top window to {@code url} (an unexpected link). */
    public void navigate(String room, String displayName, String url) {
        URI.create(url);
        synchronized (lock) {
            send(named(room, displayName), Map.of("type", "navigate", "url", url));
        }
    }

    /** The participant's camera or microphone fails: its page emits cameraError or micError. */
    public void failDevice(String room, String displayName, String kind) {
        if (!"camera".equals(kind) && !"microphone".equals(kind)) {
            throw new IllegalArgumentException("a device is \"camera\" or \"microphone\", not " + kind);
        }
        synchronized (lock) {
            send(named(room, displayName), Map.of("type", "failDevice", "kind", kind));
        }
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (HttpFailure failure) {
            respondJson(exchange, failure.status, Map.of("error", failure.getMessage()));
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("{} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e.toString());
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            respondJson(exchange, 500, Map.of("error", "internal error"));
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException, HttpFailure {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (path.equals("/external_api.js")) {
            requireMethod(method, "GET");
            respondResource(exchange, "external_api.js", "text/javascript; charset=utf-8");
        } else if (path.equals("/_meet/meeting.js")) {
            requireMethod(method, "GET");
            respondResource(exchange, "meeting.js", "text/javascript; charset=utf-8");
        } else if (path.equals("/_meet/events")) {
            requireMethod(method, "GET");
            events(exchange);
        } else if (path.startsWith("/_meet/")) {
            requireMethod(method, "POST");
            String action = path.substring("/_meet/".length());
            JsonNode body = readBody(exchange);
            Object answer = switch (action) {
                case "join" -> join(body);
                case "knock" -> knock(body);
                case "command" -> command(body);
                case "mute" -> mute(body);
                case "signal" -> signal(body);
                case "stats" -> stats(body);
                case "first-frame" -> firstFrame(body);
                case "media-opened" -> mediaOpened(body);
                case "leave" -> leave(body);
                default -> throw new HttpFailure(404, "no such meeting action: " + action);
            };
            respondJson(exchange, 200, answer);
        } else if (path.length() > 1 && ROOM_NAME.matcher(path.substring(1)).matches()) {
            requireMethod(method, "GET");
            respondResource(exchange, "meeting.html", "text/html; charset=utf-8");
        } else {
            throw new HttpFailure(404, "not found");
        }
    }

    private Object join(JsonNode body) throws HttpFailure {
        String room = body.path("room").asText("");
        if (!ROOM_NAME.matcher(room).matches()) {
            throw new HttpFailure(400, "a room name is 1-128 letters, digits, '-' or '_'");
        }
        MeetToken token;
        try {
            token = MeetToken.read(body.path("jwt").asText(""), room, options.appSecret, json, Instant.now());
        } catch (MeetToken.Rejected rejected) {
            LOG.info("room {}: token rejected: {}", room, rejected.getMessage());
            throw new HttpFailure(403, rejected.getMessage(), "connection.passwordRequired");
        }
        String displayName = clip(body.path("displayName").asText("").strip());
        if (displayName.isEmpty()) {
            displayName = token.name().isBlank() ? "Guest" : clip(token.name().strip());
        }
        Map<String, Object> config = toMap(body.get("config"));
        Map<String, Object> interfaceConfig = toMap(body.get("interfaceConfig"));
        String lang = body.path("lang").asText("");
        synchronized (lock) {
            if (closed) {
                throw new HttpFailure(503, "the meeting server is stopping");
            }
            forgetUnconnected();
            String id;
            do {
                id = HexFormat.of().formatHex(randomBytes(4));
            } while (members.containsKey(id));
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(18));
            Observation observation = observations.computeIfAbsent(observationKey(room, displayName),
                    k -> new Observation());
            observation.startVisit();
            Member member = new Member(id, key, room, token.moderator(), config, interfaceConfig, lang, observation);
            member.displayName = displayName;
            member.audioMuted = truthy(config.get("startWithAudioMuted"));
            member.videoMuted = truthy(config.get("startWithVideoMuted"));
            members.put(id, member);
            rooms.computeIfAbsent(room, r -> new Room(r, options.lobby())).members.put(id, member);
            LOG.debug("room {}: {} joins ({})", room, id, token.moderator() ? "moderator" : "guest");
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("id", id);
            answer.put("key", key);
            answer.put("roomName", room);
            answer.put("displayName", displayName);
            answer.put("moderator", token.moderator());
            return answer;
        }
    }

    /** The page's Server-Sent Events stream: the participant is in the room while it is open. */
    private void events(HttpExchange exchange) throws IOException, HttpFailure {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Member member;
        synchronized (lock) {
            member = authenticate(query.get("pid"), query.get("key"));
            if (member.streamOpened) {
                throw new HttpFailure(409, "this participant already has an event stream");
            }
            member.streamOpened = true;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            synchronized (lock) {
                connected(member);
            }
            while (true) {
                Object next = member.outbox.poll(HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
                if (next == END_OF_STREAM) {
                    break;
                }
                String frame = next == null ? ": ping\n\n" : "data: " + next + "\n\n";
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("room {}: {}'s event stream broke: {}", member.room, member.id, e.toString());
        } finally {
            synchronized (lock) {
                remove(member);
            }
        }
    }

    private Object knock(JsonNode body) throws HttpFailure {
        synchronized (lock) {
            Member member = authenticate(body);
            if (member.phase == Phase.LOBBY) {
                Room room = rooms.get(member.room);
                if (room.lobby) {
                    knock(room, member);
                } else {
                    admit(room, member);
                }
            }
            return Map.of("phase", member.phase.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private Object command(JsonNode body) throws HttpFailure {
        String name = body.path("name").asText("");
        if (name.isEmpty() || name.length() > 64) {
            throw new HttpFailure(400, "a command needs a name");
        }
        JsonNode args = body.path("args");
        synchronized (lock) {
            Member member = authenticate(body);
            member.observation.command(name);
            Room room = rooms.get(member.room);
            boolean moderating = member.moderator && member.phase == Phase.JOINED;
            switch (name) {
                case "hangup" -> leave(member);
                case "displayName" -> rename(room, member, args.path(0).asText(""));
                case "answerKnockingParticipant" -> {
                    if (!moderating) {
                        return Map.of("applied", false);
                    }
                    Member guest = members.get(args.path(0).asText(""));
                    if (guest == null || !guest.room.equals(member.room)
                            || guest.phase != Phase.KNOCKING && guest.phase != Phase.LOBBY) {
                        throw new HttpFailure(404, "nobody with that id is knocking");
                    }
                    if (args.path(1).asBoolean(false)) {
                        admit(room, guest);
                    } else {
                        LOG.debug("room {}: {} turned away from the lobby", room.name, guest.id);
                        send(guest, Map.of("type", "rejected"));
                        remove(guest);
                    }
                }
                case "toggleLobby" -> {
                    if (!moderating) {
                        return Map.of("applied", false);
                    }
                    room.lobby = args.path(0).isBoolean() ? args.path(0).asBoolean() : !room.lobby;
                    LOG.debug("room {}: lobby {}", room.name, room.lobby ? "on" : "off");
                    if (!room.lobby) {
                        for (Member waiting : List.copyOf(room.members.values())) {
                            if (waiting.phase == Phase.KNOCKING || waiting.phase == Phase.LOBBY) {
                                admit(room, waiting);
                            }
                        }
                    }
                }
                case "endConference" -> {
                    if (!moderating) {
                        return Map.of("applied", false);
                    }
                    destroy(room, member);
                }
                default -> {
                    // toggleAudio, toggleVideo and the rest act in the page; their state arrives through /mute
                }
            }
            return Map.of("applied", true);
        }
    }

    private Object mute(JsonNode body) throws HttpFailure {
        synchronized (lock) {
            Member member = authenticate(body);
            if (body.path("audioMuted").isBoolean()) {
                member.audioMuted = body.get("audioMuted").asBoolean();
            }
            if (body.path("videoMuted").isBoolean()) {
                member.videoMuted = body.get("videoMuted").asBoolean();
            }
            return Map.of();
        }
    }

    private Object signal(JsonNode body) throws HttpFailure {
        JsonNode data = body.get("data");
        if (data == null || !data.isObject()) {
            throw new HttpFailure(400, "a signal carries a data object");
        }
        synchronized (lock) {
            Member from = authenticate(body);
            Member to = members.get(body.path("to").asText(""));
            if (to == null || !to.room.equals(from.room) || to.phase != Phase.JOINED || from.phase != Phase.JOINED) {
                throw new HttpFailure(404, "no such participant in the conference");
            }
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("type", "signal");
            message.put("from", from.id);
            message.put("data", data);
            send(to, message);
            return Map.of();
        }
    }

    private Object stats(JsonNode body) throws HttpFailure {
        MediaStats stats = new MediaStats(body.path("videoFramesDecoded").asLong(0),
                body.path("videoBytesReceived").asLong(0), body.path("audioPacketsReceived").asLong(0));
        synchronized (lock) {
            Observation observation = authenticate(body).observation;
            observation.stats(stats);
            observation.capturing(body.path("cameraLive").asBoolean(false),
                    body.path("microphoneLive").asBoolean(false));
            return Map.of();
        }
    }

    private Object firstFrame(JsonNode body) throws HttpFailure {
        long now = System.nanoTime();
        synchronized (lock) {
            Member member = authenticate(body);
            member.observation.firstRemoteFrame(now);
            LOG.debug("room {}: {} rendered its first remote video frame", member.room, member.id);
            return Map.of();
        }
    }

    private Object mediaOpened(JsonNode body) throws HttpFailure {
        long now = System.nanoTime();
        synchronized (lock) {
            Member member = authenticate(body);
            if (member.mediaOpenedAtNanos == 0) {
                member.mediaOpenedAtNanos = now;
            }
            return Map.of();
        }
    }

    private Object leave(JsonNode body) throws HttpFailure {
        synchronized (lock) {
            leave(authenticate(body));
            return Map.of();
        }
    }

    // ---------------------------------------------------------------- the meeting (callers hold the lock)

    private void connected(Member member) {
        Room room = rooms.get(member.room);
        if (member.phase != Phase.CONNECTING || room == null) {
            return;
        }
        if (member.moderator || !room.lobby) {
            admit(room, member);
        } else if (autoKnock(member.config)) {
            knock(room, member);
        } else {
            member.phase = Phase.LOBBY;
            send(member, Map.of("type", "lobby"));
        }
    }

    private void admit(Room room, Member member) {
        member.phase = Phase.JOINED;
        List<Map<String, Object>> peers = new ArrayList<>();
        for (Member other : room.members.values()) {
            if (other != member && other.phase == Phase.JOINED) {
                peers.add(Map.of("id", other.id, "displayName", other.displayName));
                send(other, Map.of("type", "peerJoined", "id", member.id, "displayName", member.displayName));
            }
        }
        Map<String, Object> joined = new LinkedHashMap<>();
        joined.put("type", "joined");
        joined.put("id", member.id);
        joined.put("roomName", room.name);
        joined.put("displayName", member.displayName);
        joined.put("moderator", member.moderator);
        joined.put("peers", peers);
        send(member, joined);
        if (member.moderator) {
            for (Member other : room.members.values()) {
                if (other.phase == Phase.KNOCKING) {
                    send(member, knocking(other));
                }
            }
        }
        LOG.debug("room {}: {} is in the conference with {} others", room.name, member.id, peers.size());
    }

    private void knock(Room room, Member member) {
        member.phase = Phase.KNOCKING;
        for (Member other : room.members.values()) {
            if (other.moderator && other.phase == Phase.JOINED) {
                send(other, knocking(member));
            }
        }
        LOG.debug("room {}: {} knocks at the lobby", room.name, member.id);
    }

    private static Map<String, Object> knocking(Member guest) {
        return Map.of("type", "knocking", "participant", Map.of("id", guest.id, "name", guest.displayName));
    }

    private void rename(Room room, Member member, String name) {
        String displayName = clip(name.strip());
        if (displayName.isEmpty() || displayName.equals(member.displayName)) {
            return;
        }
        member.displayName = displayName;
        observations.put(observationKey(member.room, displayName), member.observation);
        for (Member other : room.members.values()) {
            if (other != member && other.phase == Phase.JOINED) {
                send(other, Map.of("type", "displayName", "id", member.id, "displayName", displayName));
            }
        }
    }

    /** The participant hangs up: it hears "left", the others "participantLeft". */
    private void leave(Member member) {
        if (member.phase == Phase.GONE) {
            return;
        }
        send(member, Map.of("type", "left", "joined", member.phase == Phase.JOINED, "roomName", member.room));
        remove(member);
    }

    /** The conference ends for everyone; {@code by} (a moderator, or null) hears "left", the rest "destroyed". */
    private void destroy(Room room, Member by) {
        LOG.info("room {}: conference ended{}", room.name, by == null ? " by the test" : " by " + by.id);
        for (Member member : List.copyOf(room.members.values())) {
            if (member == by) {
                send(member, Map.of("type", "left", "joined", true, "roomName", room.name));
            } else if (member.phase != Phase.CONNECTING) {
                send(member, Map.of("type", "destroyed"));
            }
            member.phase = Phase.GONE;
            member.outbox.add(END_OF_STREAM);
            members.remove(member.id);
        }
        room.members.clear();
        rooms.remove(room.name);
    }

    /** The participant is gone (stream closed, hung up, turned away): the others hear of it if it was in. */
    private void remove(Member member) {
        if (member.phase == Phase.GONE) {
            return;
        }
        Phase was = member.phase;
        member.phase = Phase.GONE;
        member.outbox.add(END_OF_STREAM);
        members.remove(member.id);
        Room room = rooms.get(member.room);
        if (room == null) {
            return;
        }
        room.members.remove(member.id);
        if (was == Phase.JOINED) {
            for (Member other : room.members.values()) {
                if (other.phase == Phase.JOINED) {
                    send(other, Map.of("type", "peerLeft", "id", member.id));
                }
            }
        }
        if (room.members.isEmpty()) {
            rooms.remove(room.name);
        }
        LOG.debug("room {}: {} left", room.name, member.id);
    }

    private void forgetUnconnected() {
        long now = System.nanoTime();
        for (Member member : List.copyOf(members.values())) {
            if (!member.streamOpened && now - member.createdNanos > CONNECT_GRACE_NANOS) {
                remove(member);
            }
        }
    }

    private void send(Member member, Map<String, Object> message) {
        if (member.phase == Phase.GONE) {
            return;
        }
        try {
            member.outbox.add(json.writeValueAsString(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a meeting message is always JSON", e);
        }
    }

    private Member named(String room, String displayName) {
        Room r = rooms.get(room);
        if (r != null) {
            for (Member member : r.members.values()) {
                if (member.displayName.equals(displayName) && member.phase != Phase.GONE) {
                    return member;
                }
            }
        }
        throw new IllegalStateException("nobody called '" + displayName + "' is in room " + room);
    }

    private Member authenticate(JsonNode body) throws HttpFailure {
        return authenticate(body.path("pid").asText(null), body.path("key").asText(null));
    }

    private Member authenticate(String pid, String key) throws HttpFailure {
        if (pid == null || key == null) {
            throw new HttpFailure(400, "pid and key are required");
        }
        Member member = members.get(pid);
        if (member == null) {
            throw new HttpFailure(404, "unknown participant");
        }
        if (!MessageDigest.isEqual(member.key.getBytes(StandardCharsets.US_ASCII),
                key.getBytes(StandardCharsets.UTF_8))) {
            throw new HttpFailure(403, "wrong participant key");
        }
        return member;
    }

    private Observation observation(String room, String displayName) {
        synchronized (lock) {
            return observations.get(observationKey(room, displayName));
        }
    }

    // ---------------------------------------------------------------- plumbing

    private JsonNode readBody(HttpExchange exchange) throws IOException, HttpFailure {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                // read on (within reason) so that the client gets to see the answer
                long drained = 0;
                byte[] sink = new byte[8192];
                int n;
                while (drained < DRAIN_LIMIT_BYTES && (n = in.read(sink)) > 0) {
                    drained += n;
                }
                throw new HttpFailure(413, "a meeting request is at most " + MAX_BODY_BYTES + " bytes");
            }
            JsonNode node;
            try {
                node = json.readTree(body);
            } catch (JsonProcessingException e) {
                throw new HttpFailure(400, "the body is not JSON");
            }
            if (node == null || !node.isObject()) {
                throw new HttpFailure(400, "the body is not a JSON object");
            }
            return node;
        }
    }

    private void respondResource(HttpExchange exchange, String name, String contentType) throws IOException {
        byte[] bytes;
        try (InputStream in = LoopbackMeet.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + RESOURCES + name);
            }
            bytes = in.readAllBytes();
        }
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void respondJson(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void requireMethod(String method, String expected) throws HttpFailure {
        if (!expected.equals(method)) {
            throw new HttpFailure(405, "use " + expected);
        }
    }

    private Map<String, Object> toMap(JsonNode node) throws HttpFailure {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new HttpFailure(400, "config and interfaceConfig are JSON objects");
        }
        Map<String, Object> map = json.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() {
        });
        return java.util.Collections.unmodifiableMap(map);
    }

    private static boolean autoKnock(Map<String, Object> config) {
        return config.get("lobby") instanceof Map<?, ?> lobby && truthy(lobby.get("autoKnock"));
    }

    private static boolean truthy(Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    private static Map<String, String> query(String rawQuery) throws HttpFailure {
        Map<String, String> result = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    try {
                        result.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException e) {
                        throw new HttpFailure(400, "a malformed query");
                    }
                }
            }
        }
        return result;
    }

    private static String observationKey(String room, String displayName) {
        return room + "\n" + displayName;
    }

    private static String clip(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200);
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static final class HttpFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        HttpFailure(int status, String message) {
            super(message);
            this.status = status;
        }

        HttpFailure(int status, String message, String name) {
            super(name + ": " + message);
            this.status = status;
        }
    }

    private enum Phase {
        /** Joined by POST, event stream not open yet. */
        CONNECTING,
        /** In the lobby, not knocking yet (no lobby.autoKnock: the page offers a button). */
        LOBBY,
        KNOCKING,
        JOINED,
        GONE
    }

    private static final class Room {
        final String name;
        final Map<String, Member> members = new LinkedHashMap<>();
        boolean lobby;

        Room(String name, boolean lobby) {
            this.name = name;
            this.lobby = lobby;
        }
    }

    private static final class Member {
        final String id;
        final String key;
        final String room;
        final boolean moderator;
        final Map<String, Object> config;
        final Map<String, Object> interfaceConfig;
        final String lang;
        final Observation observation;
        final long createdNanos = System.nanoTime();
        final BlockingQueue<Object> outbox = new LinkedBlockingQueue<>();
        String displayName;
        Phase phase = Phase.CONNECTING;
        boolean streamOpened;
        boolean audioMuted;
        boolean videoMuted;
        long mediaOpenedAtNanos;

        Member(String id, String key, String room, boolean moderator, Map<String, Object> config,
               Map<String, Object> interfaceConfig, String lang, Observation observation) {
            this.id = id;
            this.key = key;
            this.room = room;
            this.moderator = moderator;
            this.config = config;
            this.interfaceConfig = interfaceConfig;
            this.lang = lang;
            this.observation = observation;
        }
    }

    /** What a participant's page reported, kept by room and display name after it left. Thread-safe. */
    private static final class Observation {
        private final List<String> commands = new ArrayList<>();
        private MediaStats stats = MediaStats.NONE;
        private long firstRemoteFrameNanos;

        private boolean cameraLive;
        private boolean microphoneLive;

        synchronized void startVisit() {
            stats = MediaStats.NONE;
            firstRemoteFrameNanos = 0;
            cameraLive = false;
            microphoneLive = false;
        }

        synchronized void capturing(boolean camera, boolean microphone) {
            cameraLive = camera;
            microphoneLive = microphone;
        }

        synchronized boolean cameraLive() {
            return cameraLive;
        }

        synchronized boolean microphoneLive() {
            return microphoneLive;
        }

        synchronized void command(String name) {
            commands.add(name);
        }

        synchronized List<String> commands() {
            return List.copyOf(commands);
        }

        synchronized void stats(MediaStats latest) {
            stats = latest;
        }

        synchronized MediaStats stats() {
            return stats;
        }

        synchronized void firstRemoteFrame(long nanos) {
            if (firstRemoteFrameNanos == 0) {
                firstRemoteFrameNanos = nanos;
            }
        }

        synchronized long firstRemoteFrameNanos() {
            return firstRemoteFrameNanos;
        }
    }
}
