package jp.madoguchi.video.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A test page server plus the headless Chromiums on it: each browser opens harness.html, which embeds the
 * loopback meeting with {@code JitsiMeetExternalAPI} as a booth or a clerk would, logs every IFrame API event here
 * and runs the commands a test queues. {@link #close()} kills every browser and stops the server.
 */
final class MeetingHarness implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(25);
    private static final String RESOURCES = "/jp/madoguchi/video/loopback/";

    /** One IFrame API event as the harness page saw it; {@code nanos} is when it reached the test. */
    record Event(String name, JsonNode data, long nanos) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "meeting-harness");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, List<Event>> events = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, Object>>> commands = new ConcurrentHashMap<>();
    private final Map<String, HeadlessChromium> browsers = new LinkedHashMap<>();

    MeetingHarness() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** What one harness page joins as. */
    record Seat(String who, URI meet, String room, String displayName, String jwt, Map<String, Object> config,
                boolean autoAdmit) {
        /** A booth: guest token, no prejoin, knocks at the lobby by itself. */
        static Seat booth(URI meet, String room, String jwt) {
            return new Seat("booth", meet, room, "Booth Shinjuku-1", jwt,
                    Map.of("prejoinConfig", Map.of("enabled", false), "lobby", Map.of("autoKnock", true)), false);
        }

        /** A clerk: moderator token, no prejoin. */
        static Seat clerk(URI meet, String room, String jwt) {
            return new Seat("clerk", meet, room, "Clerk Tanaka", jwt, Map.of("prejoinConfig", Map.of("enabled", false)),
                    false);
        }

        Seat autoAdmitting() {
            return new Seat(who, meet, room, displayName, jwt, config, true);
        }

        Seat withConfig(String key, Object value) {
            Map<String, Object> merged = new LinkedHashMap<>(config);
            merged.put(key, value);
            return new Seat(who, meet, room, displayName, jwt, merged, autoAdmit);
        }
    }

    /** Opens a headless Chromium on a harness page for {@code seat}. */
    HeadlessChromium open(Seat seat) {
        events.put(seat.who(), new CopyOnWriteArrayList<>());
        commands.put(seat.who(), new ArrayList<>());
        String url;
        try {
            url = "http://127.0.0.1:" + server.getAddress().getPort() + "/harness.html?who=" + enc(seat.who())
                    + "&meet=" + enc(seat.meet().toString()) + "&room=" + enc(seat.room())
                    + "&name=" + enc(seat.displayName()) + (seat.jwt() == null ? "" : "&jwt=" + enc(seat.jwt()))
                    + "&config=" + enc(json.writeValueAsString(seat.config()))
                    + (seat.autoAdmit() ? "&autoAdmit=1" : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HeadlessChromium browser = HeadlessChromium.open(seat.who(), url);
        synchronized (browsers) {
            browsers.put(seat.who(), browser);
        }
        return browser;
    }

    /** Queues an IFrame API command (or a harness action starting with '_') for {@code who}'s page. */
    void command(String who, String name, Object... args) {
        List<Map<String, Object>> queue = commands.get(who);
        synchronized (queue) {
            queue.add(Map.of("name", name, "args", List.of(args)));
        }
    }

    List<Event> events(String who) {
        return List.copyOf(events.getOrDefault(who, List.of()));
    }

    List<String> eventNames(String who) {
        return events(who).stream().map(Event::name).collect(Collectors.toList());
    }

    /** Waits for {@code who}'s first event called {@code name}; fails with everything that page reported. */
    Event await(String who, String name) {
        return await(who, name, e -> true);
    }

    Event await(String who, String name, Predicate<JsonNode> matching) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Event event : events(who)) {
                if (event.name().equals(name) && matching.test(event.data())) {
                    return event;
                }
            }
            pause();
        }
        throw new AssertionError(who + " never reported " + name + " within " + TIMEOUT.toSeconds() + " s; it reported "
                + events(who).stream().map(e -> e.name() + " " + e.data()).toList());
    }

    /** Polls {@code condition} for up to {@link #TIMEOUT}. */
    static void awaitCondition(String what, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            pause();
        }
        throw new AssertionError("not within " + TIMEOUT.toSeconds() + " s: " + what + "; " + state.get());
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        List<HeadlessChromium> all;
        synchronized (browsers) {
            all = new ArrayList<>(browsers.values());
            browsers.clear();
        }
        all.forEach(HeadlessChromium::close);
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            switch (path) {
                case "/harness.html" -> resource(exchange, "harness.html", "text/html; charset=utf-8");
                case "/harness.js" -> resource(exchange, "harness.js", "text/javascript; charset=utf-8");
                case "/log" -> {
                    JsonNode body = json.readTree(exchange.getRequestBody());
                    List<Event> log = events.get(query.get("who"));
                    if (log != null) {
                        log.add(new Event(body.path("name").asText(), body.path("data"), System.nanoTime()));
                    }
                    respond(exchange, 204, new byte[0], "text/plain");
                }
                case "/commands" -> {
                    List<Map<String, Object>> queue = commands.getOrDefault(query.get("who"), new ArrayList<>());
                    List<Map<String, Object>> taken;
                    synchronized (queue) {
                        taken = List.copyOf(queue);
                        queue.clear();
                    }
                    respond(exchange, 200, json.writeValueAsBytes(taken), "application/json");
                }
                default -> respond(exchange, 404, new byte[0], "text/plain");
            }
        }
    }

    private static void resource(HttpExchange exchange, String name, String type) throws IOException {
        try (InputStream in = MeetingHarness.class.getResourceAsStream(RESOURCES + name)) {
            respond(exchange, 200, in.readAllBytes(), type);
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, String type) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    result.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return result;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
