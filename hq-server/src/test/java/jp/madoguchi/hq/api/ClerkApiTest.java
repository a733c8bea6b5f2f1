package jp.madoguchi.hq.api;

import static jp.madoguchi.hq.presence.TestHeadquarters.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jp.madoguchi.hq.calls.CallQueue;
import jp.madoguchi.hq.presence.TestHeadquarters;
import jp.madoguchi.hq.store.ApplicationStatus;
import jp.madoguchi.hq.store.Clerk;
import jp.madoguchi.hq.store.StoredApplication;
import jp.madoguchi.hq.store.Submission;
import jp.madoguchi.hq.store.SubmitResult;
import jp.madoguchi.hqlink.client.ClerkClient;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.message.AnsweredCall;
import jp.madoguchi.hqlink.message.BoothState;
import jp.madoguchi.hqlink.message.CheckStatus;
import jp.madoguchi.hqlink.message.ClerkLoginResponse;
import jp.madoguchi.hqlink.message.ClerkQueues;
import jp.madoguchi.hqlink.message.DecisionRequest;
import jp.madoguchi.hqlink.message.ErrorResponse;
import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.hqlink.message.ProtocolJson;
import jp.madoguchi.hqlink.message.QueueSummary;
import jp.madoguchi.hqlink.message.QueuedCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The clerk API through hq-link's ClerkClient (and the JDK client for what ClerkClient never sends), over TLS. */
class ClerkApiTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String PASSWORD = "correct horse battery staple";
    private static TestHeadquarters hq;
    private static Clerk sato;
    private static Clerk suzuki;

    @BeforeAll
    static void start() throws Exception {
        hq = new TestHeadquarters(Duration.ofSeconds(20));
        sato = hq.accounts.create("sato", "佐藤", PASSWORD.toCharArray());
        suzuki = hq.accounts.create("suzuki", "鈴木", PASSWORD.toCharArray());
    }

    @AfterAll
    static void stop() throws Exception {
        hq.close();
    }

    private static ClerkClient loggedIn(String username) throws Exception {
        ClerkClient client = hq.clerkClient();
        client.login(username, PASSWORD.toCharArray());
        return client;
    }

    private static HqRejectedException refusedLogin(String username, String password) {
        return assertThrows(HqRejectedException.class, () -> hq.clerkClient().login(username, password.toCharArray()));
    }

    private static StoredApplication submitted(String boothId, String json) {
        String checks = "[{\"check\":\"signature\",\"status\":\"passed\"},{\"check\":\"revocation\",\"status\":\"indeterminate\","
                + "\"reason\":\"CRL not reachable\"}]";
        SubmitResult result = hq.applications.submit(new Submission(boothId, UUID.randomUUID().toString(), "juminhyo",
                "juminhyo", json.getBytes(StandardCharsets.UTF_8), new byte[] {48, 1, 2, 3}, checks), Instant.now());
        return ((SubmitResult.Stored) result).application();
    }

    @Test
    void loginGivesASessionAndWrongPasswordLooksLikeAnUnknownUser() throws Exception {
        ClerkLoginResponse session = hq.clerkClient().login("SATO ", PASSWORD.toCharArray());
        assertEquals("佐藤", session.displayName());
        assertTrue(session.expiresAt().isAfter(Instant.now().plus(Duration.ofHours(7))));
        assertEquals(sato.id(), hq.sessions.validate(session.token(), Instant.now()).orElseThrow().id());

        HqRejectedException wrong = refusedLogin("sato", "wrong password");
        HqRejectedException unknown = refusedLogin("nobody-here", "wrong password");
        assertEquals(401, wrong.status());
        assertEquals("bad_credentials", wrong.errorCode());
        assertEquals(List.of(wrong.status(), wrong.errorCode(), wrong.serverMessage()),
                List.of(unknown.status(), unknown.errorCode(), unknown.serverMessage()));
    }

    @Test
    void fiveWrongPasswordsLockTheAccountAndAnUnknownUserLocksAlike() throws Exception {
        hq.accounts.create("tanaka", "田中", PASSWORD.toCharArray());
        List<String> real = new ArrayList<>();
        List<String> ghost = new ArrayList<>();
        for (int attempt = 1; attempt <= 5; attempt++) {
            HqRejectedException a = refusedLogin("tanaka", "guess " + attempt);
            real.add(a.status() + " " + a.errorCode() + " " + a.serverMessage());
            HqRejectedException b = refusedLogin("ghost", "guess " + attempt);
            ghost.add(b.status() + " " + b.errorCode() + " " + b.serverMessage());
        }
        assertEquals(ghost, real);
        assertTrue(real.get(0).startsWith("401 bad_credentials"), real.get(0));
        assertTrue(real.get(4).startsWith("423 locked_out"), real.get(4));
        // now even the right password is refused, like for the unknown user
        HqRejectedException locked = refusedLogin("tanaka", PASSWORD);
        HqRejectedException ghostLocked = refusedLogin("ghost", PASSWORD);
        assertEquals(423, locked.status());
        assertEquals("locked_out", locked.errorCode());
        assertEquals(locked.serverMessage(), ghostLocked.serverMessage());
    }

    @Test
    void queuesListEveryQueueWithItsWaitingCallsPriorityFirstAndWaitingTimes() throws Exception {
        ClerkClient clerk = loggedIn("sato");
        CallQueue.Ticket plain = hq.calls.enqueue("booth-tax-1", "zei", "kazei", false, null);
        CallQueue.Ticket urgent = hq.calls.enqueue("booth-tax-2", "zei", "kazei", true, "20261123-ABCDEF");
        try {
            Thread.sleep(1_100);
            ClerkQueues queues = clerk.queues();
            List<String> names = queues.queues().stream().map(QueueSummary::routing).toList();
            assertTrue(names.containsAll(List.of("shimin", "zeimu", "general")), names.toString());
            QueueSummary tax = queues.queues().stream().filter(q -> q.routing().equals("zeimu")).findFirst().orElseThrow();
            assertEquals(List.of(urgent.callId(), plain.callId()), tax.calls().stream().map(QueuedCall::callId).toList());
            QueuedCall first = tax.calls().get(0);
            assertTrue(first.priority());
            assertEquals("kazei", first.procedureId());
            assertEquals("20261123-ABCDEF", first.reference());
            assertTrue(first.waitingSeconds() >= 1 && first.waitingSeconds() < 30, "waited " + first.waitingSeconds());
            assertNull(tax.calls().get(1).reference());
        } finally {
            hq.calls.cancel(plain.callId());
            hq.calls.cancel(urgent.callId());
        }
    }

    @Test
    void twoClerksPressingAtOnceGetTheLongestWaitingCallExactlyOnceAndTheBoothJoinsTheSameRoom() throws Exception {
        ClerkClient[] clerks = {loggedIn("sato"), loggedIn("suzuki")};
        TestHeadquarters.TestBooth booth = hq.enrolBooth("booth-race");
        TestHeadquarters.TestBooth later = hq.enrolBooth("booth-race-later");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (TestHeadquarters.Channel channel = booth.channel(Duration.ofSeconds(5))) {
            channel.channel.start(BoothState.WITH_RESIDENT);
            assertTrue(await(WAIT, () -> hq.presence.isOnline(booth.id)));
            StoredApplication application = submitted(booth.id, "{\"schema\":\"test\",\"name\":\"山田\"}");
            for (int round = 1; round <= 4; round++) {
                CallQueue.Ticket first = hq.calls.enqueue(booth.id, "juminhyo", "juminhyo", false,
                        round == 1 ? application.reference() : null);
                CallQueue.Ticket second = hq.calls.enqueue(later.id, "juminhyo", "juminhyo", false, null);
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Optional<AnsweredCall>>> presses = new ArrayList<>();
                for (ClerkClient clerk : clerks) {
                    presses.add(pool.submit(() -> {
                        together.await(5, TimeUnit.SECONDS);
                        return clerk.answerNext("shimin");
                    }));
                }
                List<AnsweredCall> answered = new ArrayList<>();
                for (Future<Optional<AnsweredCall>> press : presses) {
                    press.get(10, TimeUnit.SECONDS).ifPresent(answered::add);
                }
                // two calls, two clerks: each call to exactly one clerk
                assertEquals(2, answered.size(), "round " + round);
                assertEquals(java.util.Set.of(first.callId(), second.callId()),
                        java.util.Set.of(answered.get(0).callId(), answered.get(1).callId()), "round " + round);
                AnsweredCall mine = answered.stream().filter(a -> a.callId().equals(first.callId())).findFirst().orElseThrow();

                PresenceFrame.CallAnswered pushed = channel.next(PresenceFrame.CallAnswered.class, WAIT);
                assertNotNull(pushed, "round " + round);
                assertEquals(first.callId(), pushed.callId());
                assertEquals(mine.room(), pushed.room());
                assertEquals(TestHeadquarters.JITSI_DOMAIN, pushed.jitsiDomain());
                String guest = TestHeadquarters.jwtPayload(pushed.jwt());
                String moderator = TestHeadquarters.jwtPayload(mine.jwt());
                assertTrue(guest.contains("\"room\":\"" + mine.room() + "\"") && guest.contains("\"moderator\":\"false\""), guest);
                assertTrue(moderator.contains("\"room\":\"" + mine.room() + "\"") && moderator.contains("\"moderator\":\"true\""));
                if (round == 1) {
                    assertNotNull(mine.application());
                    assertEquals(application.reference(), mine.application().reference());
                    assertArrayEquals(application.canonicalJson(),
                            Base64.getDecoder().decode(mine.application().canonicalJsonBase64()));
                    assertEquals(jp.madoguchi.hqlink.message.ApplicationStatus.VERIFIED, mine.application().status());
                    assertEquals(CheckStatus.INDETERMINATE, mine.application().checks().get(1).status());
                } else {
                    assertNull(mine.application());
                }
            }
            // one call, two clerks at once: exactly one gets it, the other 204
            for (int round = 1; round <= 3; round++) {
                CallQueue.Ticket only = hq.calls.enqueue(booth.id, "juminhyo", "juminhyo", false, null);
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Optional<AnsweredCall>>> presses = new ArrayList<>();
                for (ClerkClient clerk : clerks) {
                    presses.add(pool.submit(() -> {
                        together.await(5, TimeUnit.SECONDS);
                        return clerk.answerNext("shimin");
                    }));
                }
                List<String> got = new ArrayList<>();
                for (Future<Optional<AnsweredCall>> press : presses) {
                    press.get(10, TimeUnit.SECONDS).ifPresent(a -> got.add(a.callId()));
                }
                assertEquals(List.of(only.callId()), got, "round " + round);
                assertEquals(only.callId(), channel.next(PresenceFrame.CallAnswered.class, WAIT).callId());
            }
            assertTrue(clerks[0].answerNext("shimin").isEmpty(), "nobody waits: 204");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void answerNextGivesTheLongestWaitingFirstAndSaysWhenTheBoothIsOffline() throws Exception {
        String token = hq.sessions.create(sato.id(), Instant.now(), Duration.ofMinutes(5));
        CallQueue.Ticket older = hq.calls.enqueue("booth-offline-1", "juminhyo", "juminhyo", false, null);
        CallQueue.Ticket newer = hq.calls.enqueue("booth-offline-2", "juminhyo", "juminhyo", false, null);
        HttpResponse<String> response = post("/api/v1/clerk/answer-next", token, "{\"v\":1,\"routing\":\"juminhyo\"}");
        assertEquals(200, response.statusCode());
        assertEquals(older.callId(), ProtocolJson.read(response.body(), AnsweredCall.class).callId());
        assertEquals("true", response.headers().firstValue(ClerkApi.BOOTH_OFFLINE_HEADER).orElse(null));
        assertEquals(newer.callId(), loggedIn("sato").answerNext("shimin").orElseThrow().callId());
    }

    @Test
    void aDecisionIsStoredAttributedAndPushedToTheBoothAndASecondOneIsAConflict() throws Exception {
        TestHeadquarters.TestBooth booth = hq.enrolBooth("booth-decision");
        ClerkClient clerk = loggedIn("suzuki");
        try (TestHeadquarters.Channel channel = booth.channel(Duration.ofSeconds(5))) {
            channel.channel.start(BoothState.WITH_RESIDENT);
            assertTrue(await(WAIT, () -> hq.presence.isOnline(booth.id)));
            StoredApplication application = submitted(booth.id, "{\"schema\":\"test\",\"n\":1}");
            // only the clerk who answered the application's call decides it
            CallQueue.Ticket ticket = hq.calls.enqueue(booth.id, "shimin", "juminhyo", false, application.reference());
            clerk.answer("shimin", ticket.callId()).orElseThrow();

            clerk.decide(new DecisionRequest(application.reference(), Outcome.CORRECTION_NEEDED, "住所の番地をご確認ください"));
            StoredApplication decided = hq.applications.findByReference(application.reference()).orElseThrow();
            assertEquals(ApplicationStatus.CORRECTION_NEEDED, decided.status());
            assertEquals(suzuki.id(), decided.decidedBy());
            assertEquals("住所の番地をご確認ください", decided.decisionMessage());
            assertEquals(new PresenceFrame.Decision(application.reference(), Outcome.CORRECTION_NEEDED,
                    "住所の番地をご確認ください"), channel.next(PresenceFrame.Decision.class, WAIT));

            HqRejectedException again = assertThrows(HqRejectedException.class,
                    () -> clerk.decide(new DecisionRequest(application.reference(), Outcome.ACCEPTED, "")));
            assertEquals(409, again.status());
            assertEquals("already_decided", again.errorCode());
            assertEquals(suzuki.id(), hq.applications.findByReference(application.reference()).orElseThrow().decidedBy());

            HqRejectedException unknown = assertThrows(HqRejectedException.class,
                    () -> clerk.decide(new DecisionRequest("20990101-NOSUCH", Outcome.ACCEPTED, "")));
            assertEquals(404, unknown.status());
            assertEquals("unknown_reference", unknown.errorCode());
        }
    }

    @Test
    void withoutAValidTokenEveryClerkRequestIs401() throws Exception {
        String expired = hq.sessions.create(sato.id(), Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
        for (String token : new String[] {null, expired, "not-a-token"}) {
            for (HttpResponse<String> response : List.of(get("/api/v1/clerk/queues", token),
                    post("/api/v1/clerk/answer-next", token, "{\"v\":1,\"routing\":\"shimin\"}"),
                    post("/api/v1/clerk/decisions", token, "{\"v\":1,\"reference\":\"R-1\",\"outcome\":\"accepted\"}"))) {
                assertEquals(401, response.statusCode(), response.uri() + " token " + (token == expired ? "expired" : token));
                ErrorResponse error = ProtocolJson.read(response.body(), ErrorResponse.class);
                assertEquals("unauthorized", error.error());
            }
        }
    }

    @Test
    void aBodyWithoutVersionOneIsRefused() throws Exception {
        String token = hq.sessions.create(sato.id(), Instant.now(), Duration.ofMinutes(5));
        HttpResponse<String> response = post("/api/v1/clerk/answer-next", token, "{\"routing\":\"shimin\"}");
        assertEquals(400, response.statusCode());
        assertEquals("unsupported_version", ProtocolJson.read(response.body(), ErrorResponse.class).error());
        response = post("/api/v1/clerk/decisions", token, "{\"v\":1,\"reference\":\"R-1\",\"outcome\":\"unknown\"}");
        assertEquals(400, response.statusCode());
        assertEquals("bad_request", ProtocolJson.read(response.body(), ErrorResponse.class).error());
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(hq.baseUrl() + path)).GET(), token);
    }

    private static HttpResponse<String> post(String path, String token, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(hq.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpClient client = HttpClient.newBuilder().sslContext(hq.clerkTls()).build();
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
