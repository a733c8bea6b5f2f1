package jp.madoguchi.video.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.madoguchi.video.loopback.LoopbackMeet.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loopback meeting server's HTTP side, without a browser: what it serves, tokens, and malformed requests. */
class LoopbackMeetHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOM = "window-1";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LoopbackMeet meet;

    @AfterEach
    void tearDown() {
        if (meet != null) {
            meet.close();
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(meet.baseUri().resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(meet.baseUri().resolve(path)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode join(String jwt, String displayName) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("room", ROOM);
        body.put("jwt", jwt);
        body.put("displayName", displayName);
        body.put("config", Map.of("prejoinConfig", Map.of("enabled", false)));
        HttpResponse<String> response = post("/_meet/join", JSON.writeValueAsString(body));
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    @Test
    void servesTheIFrameApiScriptAndTheMeetingPageOnLoopback() throws Exception {
        meet = LoopbackMeet.start();
        assertEquals("127.0.0.1", meet.baseUri().getHost());
        assertEquals("http://127.0.0.1:" + meet.port() + "/", meet.baseUri().toString());

        HttpResponse<String> api = get("/external_api.js");
        assertEquals(200, api.statusCode());
        assertTrue(api.headers().firstValue("Content-Type").orElse("").contains("javascript"));
        assertTrue(api.body().contains("window.JitsiMeetExternalAPI"), "the script defines the API");
        HttpResponse<String> page = get("/" + ROOM);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/_meet/meeting.js"));
        assertEquals(200, get("/_meet/meeting.js").statusCode());
        assertEquals(404, get("/").statusCode());
        assertEquals(404, get("/no.such/room").statusCode());
        assertEquals(404, get("/" + "r".repeat(129)).statusCode());
    }

    @Test
    void malformedRequestsGetA4xxAnswerNeverA500OrAHang() throws Exception {
        meet = LoopbackMeet.start();
        JsonNode guest = join("", "Booth");
        String pid = guest.path("id").asText();
        String key = guest.path("key").asText();

        assertEquals(400, post("/_meet/join", "{not json").statusCode());
        assertEquals(400, post("/_meet/join", "[1, 2]").statusCode());
        assertEquals(400, post("/_meet/join", "").statusCode());
        assertEquals(400, post("/_meet/join", "{\"room\": \"../etc\"}").statusCode(), "not a room name");
        assertEquals(400, post("/_meet/join", "{\"room\": \"" + ROOM + "\", \"config\": 3}").statusCode());
        assertEquals(413, post("/_meet/join", "{\"room\": \"" + "x".repeat(LoopbackMeet.MAX_BODY_BYTES) + "\"}")
                .statusCode(), "over 64 KiB");
        assertEquals(405, get("/_meet/join").statusCode());
        assertEquals(405, post("/external_api.js", "{}").statusCode());
        assertEquals(404, post("/_meet/no-such-action", "{}").statusCode());
        assertEquals(400, post("/_meet/stats", "{}").statusCode(), "no participant named");
        assertEquals(404, post("/_meet/stats", "{\"pid\": \"nobody\", \"key\": \"x\"}").statusCode());
        assertEquals(403, post("/_meet/stats", "{\"pid\": \"" + pid + "\", \"key\": \"wrong\"}").statusCode());
        assertEquals(400, post("/_meet/command", "{\"pid\": \"" + pid + "\", \"key\": \"" + key + "\"}")
                .statusCode(), "a command without a name");
        assertEquals(400, post("/_meet/signal", "{\"pid\": \"" + pid + "\", \"key\": \"" + key + "\"}")
                .statusCode(), "a signal without data");
        assertEquals(404, post("/_meet/signal", "{\"pid\": \"" + pid + "\", \"key\": \"" + key
                + "\", \"to\": \"nobody\", \"data\": {}}").statusCode(), "a signal to nobody");
        assertEquals(400, get("/_meet/events").statusCode());
        assertEquals(404, get("/_meet/events?pid=nobody&key=x").statusCode());
        assertEquals(403, get("/_meet/events?pid=" + pid + "&key=wrong").statusCode());
        assertEquals(400, rawStatus("GET /_meet/events?pid=%zz&key=x HTTP/1.1"), "a malformed escape");
        assertEquals(400, rawStatus("GET /_meet/events?pid=" + pid + "&key=%E3%8 HTTP/1.1"), "a cut escape");
        assertEquals(400, post("/_meet/join", "[".repeat(5000) + "]".repeat(5000)).statusCode(), "deep nesting");

        // the server still works after all that
        assertEquals(200, post("/_meet/stats", "{\"pid\": \"" + pid + "\", \"key\": \"" + key
                + "\", \"videoFramesDecoded\": 7, \"videoBytesReceived\": 1000, \"audioPacketsReceived\": 3}")
                .statusCode());
        assertEquals(new LoopbackMeet.MediaStats(7, 1000, 3), meet.mediaStats(ROOM, "Booth"));
        assertEquals(new LoopbackMeet.MediaStats(0, 0, 0), meet.mediaStats(ROOM, "Nobody"));
    }

    @Test
    void aParticipantIsInTheRoomWhileItsEventStreamIsOpen() throws Exception {
        meet = LoopbackMeet.start(Options.defaults().withLobby(false));
        JsonNode guest = join("", "Booth");
        assertTrue(meet.participants(ROOM).isEmpty(), "joined, but no event stream yet");
        URI events = meet.baseUri().resolve("/_meet/events?pid=" + guest.path("id").asText() + "&key="
                + guest.path("key").asText());
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(events).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        String first = readUntil(stream.body(), "\"type\":\"joined\"");
        assertTrue(first.contains("\"roomName\":\"" + ROOM + "\""), first);
        assertEquals(1, meet.participants(ROOM).size());
        assertEquals(409, get(events.toString()).statusCode(), "one stream per participant");

        stream.body().close();

        MeetingHarness.awaitCondition("the participant whose stream closed is gone",
                () -> meet.participants(ROOM).isEmpty(), () -> "participants " + meet.participants(ROOM));
    }

    @Test
    void withAnAppSecretOnlySignedUnexpiredTokensForTheRoomGetIn() throws Exception {
        byte[] secret = TestTokens.SECRET;
        meet = LoopbackMeet.start(Options.defaults().withAppSecret(secret));
        Instant later = Instant.now().plusSeconds(300);

        JsonNode clerk = join(TestTokens.clerk(secret, ROOM), "");
        assertTrue(clerk.path("moderator").asBoolean());
        assertEquals("Clerk Tanaka", clerk.path("displayName").asText(), "the token's name when userInfo has none");
        assertFalse(join(TestTokens.booth(secret, ROOM), "Booth Shinjuku-1").path("moderator").asBoolean());
        assertEquals(200, joinStatus(TestTokens.sign(secret, TestTokens.claims("*", "c", "Any", true, later))),
                "room * is any room");

        String good = TestTokens.booth(secret, ROOM);
        String tampered = good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5);
        assertRejected(tampered);
        assertRejected(TestTokens.booth("another-secret".getBytes(StandardCharsets.UTF_8), ROOM));
        assertRejected(TestTokens.sign(secret, TestTokens.claims(ROOM, "b", "B", false, Instant.now().minusSeconds(5))));
        assertRejected(TestTokens.sign(secret, TestTokens.claims("window-2", "b", "B", false, later)));
        assertRejected("");
        assertRejected("not.a-token");
        String unsigned = base64("{\"alg\":\"none\"}") + "." + good.split("\\.")[1] + ".";
        assertRejected(unsigned);
    }

    @Test
    void withoutAnAppSecretTokensAreReadButNotVerified() throws Exception {
        meet = LoopbackMeet.start();
        byte[] anySecret = "whatever".getBytes(StandardCharsets.UTF_8);
        assertTrue(join(TestTokens.clerk(anySecret, "another-room"), "Clerk").path("moderator").asBoolean());
        Map<String, Object> owner = TestTokens.claims(ROOM, "o", "Owner", false, Instant.now().minusSeconds(60));
        ((Map<String, Object>) ((Map<?, ?>) owner.get("context")).get("user")).put("affiliation", "owner");
        assertTrue(join(TestTokens.sign(anySecret, owner), "Owner").path("moderator").asBoolean(),
                "affiliation owner is a moderator");
        JsonNode anonymous = join("", "");
        assertFalse(anonymous.path("moderator").asBoolean());
        assertEquals("Guest", anonymous.path("displayName").asText());
    }

    @Test
    void theOptionsKeepTheirOwnCopyOfTheSecretAndDoNotPrintIt() {
        byte[] secret = "s3cret".getBytes(StandardCharsets.UTF_8);
        Options options = Options.defaults().withAppSecret(secret);
        secret[0] = 'X';
        assertEquals('s', options.appSecret()[0]);
        assertFalse(options.toString().contains("s3cret"));
        assertTrue(Options.defaults().lobby());
        assertEquals(0, Options.defaults().port());
    }

    private int joinStatus(String jwt) throws IOException, InterruptedException {
        return post("/_meet/join", JSON.writeValueAsString(Map.of("room", ROOM, "jwt", jwt))).statusCode();
    }

    private void assertRejected(String jwt) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/_meet/join", JSON.writeValueAsString(Map.of("room", ROOM, "jwt", jwt)));
        assertEquals(403, response.statusCode(), "token " + jwt + ": " + response.body());
        assertTrue(response.body().contains("connection.passwordRequired"), response.body());
    }

    /** Sends one request line as is (java.net.URI refuses malformed ones) and returns the status code. */
    private int rawStatus(String requestLine) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", meet.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    private static String base64(String text) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String readUntil(InputStream in, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            seen.append((char) c);
            if (seen.indexOf(marker) >= 0) {
                int end = seen.indexOf("\n", seen.indexOf(marker));
                while (end < 0 && (c = in.read()) >= 0) {
                    seen.append((char) c);
                    end = seen.indexOf("\n", seen.indexOf(marker));
                }
                return seen.toString();
            }
        }
        throw new AssertionError("the stream ended before " + marker + ": " + seen);
    }
}
