package jp.madoguchi.hq.api;

import static jp.madoguchi.hq.presence.TestHeadquarters.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import jp.madoguchi.hq.calls.CallQueue;
import jp.madoguchi.hq.presence.TestHeadquarters;
import jp.madoguchi.hq.store.ApplicationStatus;
import jp.madoguchi.hq.store.CallLog;
import jp.madoguchi.hq.store.Clerk;
import jp.madoguchi.hq.store.EnrolmentCode;
import jp.madoguchi.hq.store.StoredApplication;
import jp.madoguchi.hq.store.Submission;
import jp.madoguchi.hq.store.SubmitResult;
import jp.madoguchi.hq.testing.LogCapture;
import jp.madoguchi.hqlink.client.ClerkClient;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.client.HqTransport;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import jp.madoguchi.hqlink.message.AnsweredCall;
import jp.madoguchi.hqlink.message.BoothHealth;
import jp.madoguchi.hqlink.message.BoothPresence;
import jp.madoguchi.hqlink.message.BoothState;
import jp.madoguchi.hqlink.message.ClerkAccountView;
import jp.madoguchi.hqlink.message.ClerkHistory;
import jp.madoguchi.hqlink.message.ClerkLoginResponse;
import jp.madoguchi.hqlink.message.ClerkQueues;
import jp.madoguchi.hqlink.message.DecisionRequest;
import jp.madoguchi.hqlink.message.EnrolmentCodeRequest;
import jp.madoguchi.hqlink.message.EnrolmentCodeResponse;
import jp.madoguchi.hqlink.message.ErrorResponse;
import jp.madoguchi.hqlink.message.HistoryEntry;
import jp.madoguchi.hqlink.message.NewClerkRequest;
import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.hqlink.message.ProtocolJson;
import jp.madoguchi.hqlink.message.QueuedCall;
import jp.madoguchi.hqlink.message.ShowOnBooth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the clerk console added to the clerk API (decision 0028), through ClerkClient and raw HTTPS, over TLS. */
class ClerkConsoleApiTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String PASSWORD = "correct horse battery staple";
    private static final String RESIDENT_NAME = "山田 太郎";
    private static final String RESIDENT_ADDRESS = "見本市北町1丁目2番3号";
    private static TestHeadquarters hq;
    private static Clerk admin;
    private static Clerk sato;
    private static Clerk suzuki;

    @BeforeAll
    static void start() throws Exception {
        hq = new TestHeadquarters(Duration.ofSeconds(20));
        admin = hq.accounts.create("kanri", "管理 一郎", PASSWORD.toCharArray(), true);
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

    private static StoredApplication submitted(String boothId, String json) {
        SubmitResult result = hq.applications.submit(new Submission(boothId, UUID.randomUUID().toString(), "juminhyo",
                "juminhyo", json.getBytes(StandardCharsets.UTF_8), new byte[] {48, 1, 2, 3},
                "[{\"check\":\"signature\",\"status\":\"passed\"}]"), Instant.now());
        return ((SubmitResult.Stored) result).application();
    }

    private static String personalJson(boolean clerkChecks) {
        return "{\"schema\":\"test\",\"name\":\"" + RESIDENT_NAME + "\",\"address\":\"" + RESIDENT_ADDRESS + "\","
                + "\"clerkChecks\":" + (clerkChecks ? "[{\"field\":\"name\",\"positions\":[1]}]" : "[]") + "}";
    }

    /** Waits until the booth is online and its hello has told its state. */
    private static void awaitState(String boothId, BoothState state) throws InterruptedException {
        assertTrue(await(WAIT, () -> hq.presence.snapshot().stream()
                .anyMatch(b -> b.boothId().equals(boothId) && b.online() && b.state() == state)), boothId + " " + state);
    }

    private static HqRejectedException refused(ThrowingRunnable action) {
        return assertThrows(HqRejectedException.class, action::run);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void loginSaysWhetherTheClerkIsAnAdmin() throws Exception {
        assertTrue(hq.clerkClient().login("kanri", PASSWORD.toCharArray()).admin());
        assertFalse(hq.clerkClient().login("sato", PASSWORD.toCharArray()).admin());
    }

    @Test
    void queuesNameEachCallsBoothAndLocationFlagClerkChecksAndListTheBoothsPresence() throws Exception {
        TestHeadquarters.TestBooth online = hq.enrolBooth("booth-q-online", "北部 1", "北部出張所 1階");
        TestHeadquarters.TestBooth offline = hq.enrolBooth("booth-q-offline", "南部 2", "南部出張所 2階");
        TestHeadquarters.TestBooth revoked = hq.enrolBooth("booth-q-revoked", "旧 3", "");
        hq.booths.revoke(revoked.id, Instant.now());
        try (TestHeadquarters.Channel channel = online.channel(Duration.ofSeconds(5))) {
            channel.channel.start(BoothState.WITH_RESIDENT);
            awaitState(online.id, BoothState.WITH_RESIDENT);
            StoredApplication gaiji = submitted(online.id, personalJson(true));
            StoredApplication plain = submitted(offline.id, personalJson(false));
            CallQueue.Ticket first = hq.calls.enqueue(online.id, "zei", "kazei", false, gaiji.reference());
            CallQueue.Ticket second = hq.calls.enqueue(offline.id, "zei", "kazei", false, plain.reference());
            CallQueue.Ticket third = hq.calls.enqueue("booth-q-unknown", "zei", "kazei", false, null);
            try {
                ClerkQueues queues = loggedIn("sato").queues();
                List<QueuedCall> tax = queues.queues().stream().filter(q -> q.routing().equals("zeimu")).findFirst()
                        .orElseThrow().calls();
                assertEquals(new QueuedCall(first.callId(), "kazei", false, tax.get(0).waitingSeconds(), gaiji.reference(),
                        online.id, "北部 1", "北部出張所 1階", true), tax.get(0));
                assertEquals(new QueuedCall(second.callId(), "kazei", false, tax.get(1).waitingSeconds(), plain.reference(),
                        offline.id, "南部 2", "南部出張所 2階", false), tax.get(1));
                assertEquals(new QueuedCall(third.callId(), "kazei", false, tax.get(2).waitingSeconds(), null,
                        "booth-q-unknown", "", "", false), tax.get(2));

                BoothPresence on = queues.booths().stream().filter(b -> b.boothId().equals(online.id)).findFirst().orElseThrow();
                assertTrue(on.online());
                assertEquals(BoothState.WITH_RESIDENT, on.state());
                assertEquals("北部出張所 1階", on.location());
                assertNotNull(on.lastSeen());
                BoothPresence off = queues.booths().stream().filter(b -> b.boothId().equals(offline.id)).findFirst().orElseThrow();
                assertEquals(new BoothPresence(offline.id, "南部 2", "南部出張所 2階", false, null, null), off);
                assertTrue(queues.booths().stream().noneMatch(b -> b.boothId().equals(revoked.id)), "revoked booths are left out");
            } finally {
                hq.calls.cancel(first.callId());
                hq.calls.cancel(second.callId());
                hq.calls.cancel(third.callId());
            }
        }
    }

    @Test
    void aChosenCallGoesToTheClerkWhoChoseItAndOnceGoneIsAlreadyTaken() throws Exception {
        ClerkClient clerk = loggedIn("sato");
        CallQueue.Ticket older = hq.calls.enqueue("booth-choose-1", "juminhyo", "juminhyo", false, null);
        CallQueue.Ticket chosen = hq.calls.enqueue("booth-choose-2", "juminhyo", "juminhyo", false, null);
        CallQueue.Ticket left = hq.calls.enqueue("booth-choose-3", "juminhyo", "juminhyo", false, null);
        try {
            assertEquals(chosen.callId(), clerk.answer("shimin", chosen.callId()).orElseThrow().callId(),
                    "the chosen call, not the longest-waiting one");
            assertEquals(List.of(older.callId(), left.callId()), hq.calls.snapshot().get("shimin").stream()
                    .map(CallQueue.WaitingCall::callId).toList());
            HqRejectedException again = refused(() -> loggedIn("suzuki").answer("shimin", chosen.callId()));
            assertEquals(409, again.status());
            assertEquals("already_taken", again.errorCode());
            hq.calls.cancel(left.callId(), "booth-choose-3");
            assertEquals("already_taken", refused(() -> clerk.answer("shimin", left.callId())).errorCode(),
                    "the resident left");
            assertEquals("already_taken", refused(() -> clerk.answer("shimin", "call-never-was")).errorCode());
            assertEquals(sato.id(), hq.callLog.findAnswered(chosen.callId(), Instant.now().minusSeconds(60))
                    .orElseThrow().answeredBy(), "the answer is in the call log");
        } finally {
            hq.calls.cancel(older.callId());
        }
    }

    @Test
    void twoClerksChoosingTheSameCallAtOnceExactlyOneGetsIt() throws Exception {
        ClerkClient[] clerks = {loggedIn("sato"), loggedIn("suzuki")};
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 8; round++) {
                CallQueue.Ticket call = hq.calls.enqueue("booth-race-" + round, "juminhyo", "juminhyo", false, null);
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<String>> presses = new ArrayList<>();
                for (ClerkClient clerk : clerks) {
                    presses.add(pool.submit(() -> {
                        together.await(5, TimeUnit.SECONDS);
                        try {
                            return clerk.answer("shimin", call.callId()).map(AnsweredCall::callId).orElse("204");
                        } catch (HqRejectedException e) {
                            return e.status() + " " + e.errorCode();
                        }
                    }));
                }
                List<String> outcomes = new ArrayList<>();
                for (Future<String> press : presses) {
                    outcomes.add(press.get(10, TimeUnit.SECONDS));
                }
                outcomes.sort(null);
                assertEquals(List.of("409 already_taken", call.callId()), outcomes, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void logoutEndsTheSessionAndTheClientForgetsItsTokenEvenWhenHeadquartersIsUnreachable() throws Exception {
        ClerkClient clerk = hq.clerkClient();
        ClerkLoginResponse session = clerk.login("suzuki", PASSWORD.toCharArray());
        assertTrue(hq.sessions.validate(session.token(), Instant.now()).isPresent());
        clerk.logout();
        assertFalse(clerk.loggedIn());
        assertTrue(hq.sessions.validate(session.token(), Instant.now()).isEmpty(), "the session row is gone");
        assertEquals(401, get("/api/v1/clerk/queues", session.token()).statusCode());
        assertEquals(401, post("/api/v1/clerk/logout", session.token(), "").statusCode(), "a second logout");
        assertEquals(401, post("/api/v1/clerk/logout", null, "").statusCode());
        assertThrows(IllegalStateException.class, clerk::queues);

        // a console whose headquarters went away still ends its session locally
        ClerkClient stranded;
        try (TestHeadquarters elsewhere = new TestHeadquarters(Duration.ofSeconds(20))) {
            elsewhere.accounts.create("ito", "伊藤", PASSWORD.toCharArray());
            stranded = elsewhere.clerkClient();
            stranded.login("ito", PASSWORD.toCharArray());
        }
        assertThrows(HqUnavailableException.class, stranded::logout);
        assertFalse(stranded.loggedIn());
        assertThrows(IllegalStateException.class, stranded::queues);
    }

    @Test
    void theAnsweringClerkShowsTextAndALargePictureOnTheBoothAndNobodyElseCan() throws Exception {
        TestHeadquarters.TestBooth booth = hq.enrolBooth("booth-show", "北部 5", "北部出張所 5階");
        ClerkClient clerk = loggedIn("sato");
        ClerkClient other = loggedIn("suzuki");
        byte[] png = noisePng(550, 550);
        assertTrue(png.length > 850_000 && png.length <= 1024 * 1024, "picture of " + png.length + " bytes");
        String pngBase64 = Base64.getEncoder().encodeToString(png);
        try (TestHeadquarters.Channel channel = booth.channel(Duration.ofSeconds(5))) {
            channel.channel.start(BoothState.IN_CALL);
            assertTrue(await(WAIT, () -> hq.presence.isOnline(booth.id)));
            CallQueue.Ticket ticket = hq.calls.enqueue(booth.id, "juminhyo", "juminhyo", false, null);
            String callId = clerk.answer("shimin", ticket.callId()).orElseThrow().callId();
            String text = "こちらの窓口で受け取れます";

            String log = LogCapture.during(() -> clerk.show(callId, new ShowOnBooth(text, "", "")),
                    captured -> captured.contains("route=") && captured.contains(callId));
            assertEquals(new PresenceFrame.ClerkShows(callId, text, "", ""), channel.next(PresenceFrame.ClerkShows.class, WAIT));
            assertFalse(log.contains(text), "the shown text is never logged");

            clerk.show(callId, new ShowOnBooth("", pngBase64, "image/png"));
            PresenceFrame.ClerkShows picture = channel.next(PresenceFrame.ClerkShows.class, Duration.ofSeconds(10));
            assertNotNull(picture, "a ~1.2 MB frame reaches the booth");
            assertEquals(pngBase64, picture.imageBase64());
            assertEquals("image/png", picture.imageType());

            clerk.show(callId, ShowOnBooth.clear());
            assertTrue(channel.next(PresenceFrame.ClerkShows.class, WAIT).clears());

            HqRejectedException notYours = refused(() -> other.show(callId, new ShowOnBooth("x", "", "")));
            assertEquals(403, notYours.status());
            assertEquals("not_your_call", notYours.errorCode());
            HqRejectedException unknown = refused(() -> clerk.show("call-nobody-answered", new ShowOnBooth("x", "", "")));
            assertEquals(404, unknown.status());
            assertEquals("unknown_call", unknown.errorCode());

            String token = hq.sessions.create(sato.id(), Instant.now(), Duration.ofMinutes(5));
            String path = "/api/v1/clerk/calls/" + callId + "/show";
            assertBadRequest(post(path, token, "{\"v\":1,\"text\":\"" + "あ".repeat(501) + "\"}"), "text");
            assertBadRequest(post(path, token, "{\"v\":1,\"imageBase64\":\"" + Base64.getEncoder().encodeToString(
                    "GIF89a-not-allowed".getBytes(StandardCharsets.US_ASCII)) + "\",\"imageType\":\"image/png\"}"),
                    "neither PNG nor JPEG");
            assertBadRequest(post(path, token, "{\"v\":1,\"imageBase64\":\"" + Base64.getEncoder().encodeToString(
                    new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16}) + "\",\"imageType\":\"image/png\"}"),
                    "imageType");
            byte[] tooLarge = java.util.Arrays.copyOf(png, 1024 * 1024 + 1);
            assertBadRequest(post(path, token, "{\"v\":1,\"imageBase64\":\"" + Base64.getEncoder().encodeToString(tooLarge)
                    + "\",\"imageType\":\"image/png\"}"), "1 MiB");
            assertBadRequest(post(path, token, "{\"v\":1,\"imageBase64\":\"***\",\"imageType\":\"image/png\"}"), "base64");
            assertBadRequest(post(path, token, "{\"v\":1,\"imageBase64\":\"AAAA\"}"), "imageType");
            assertBadRequest(post(path, token, "{\"v\":1,\"text\":{}}"), "text");
            assertBadRequest(post(path, token, "not json"), "JSON");
            assertEquals(401, post(path, null, "{\"v\":1,\"text\":\"x\"}").statusCode());
        }
        // the booth went offline: nothing to show it on
        assertTrue(await(WAIT, () -> !hq.presence.isOnline(booth.id)));
        List<CallLog.Answered> answered = new ArrayList<>();
        hq.callLog.history(Instant.now().minusSeconds(600), Instant.now().plusSeconds(60), null, 500).stream()
                .filter(row -> row.boothName() != null && row.boothName().equals("北部 5"))
                .forEach(row -> answered.add(hq.callLog.findAnswered(row.callId(), Instant.now().minusSeconds(600)).orElseThrow()));
        HqRejectedException offline = refused(() -> clerk.show(answered.get(0).callId(), new ShowOnBooth("x", "", "")));
        assertEquals(409, offline.status());
        assertEquals("booth_offline", offline.errorCode());
    }

    private static void assertBadRequest(HttpResponse<String> response, String naming) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        ErrorResponse error = ProtocolJson.read(response.body(), ErrorResponse.class);
        assertEquals("bad_request", error.error());
        assertTrue(error.message().contains(naming), error.message());
    }

    /** A PNG of random pixels, which PNG cannot compress: about 3 bytes per pixel. */
    private static byte[] noisePng(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(28);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void historyFindsTheDaysCallsAndDecisionsByPartOfTheReferenceAndByDate() throws Exception {
        TestHeadquarters.TestBooth booth = hq.enrolBooth("booth-history", "東部 1", "東部出張所 1階");
        StoredApplication today = submitted(booth.id, personalJson(false));
        StoredApplication decidedWithoutCall = submitted(booth.id, personalJson(false));
        StoredApplication older = submitted(booth.id, personalJson(false));
        ClerkClient clerk = loggedIn("suzuki");
        CallQueue.Ticket ticket = hq.calls.enqueue(booth.id, "juminhyo", "juminhyo", true, today.reference());
        clerk.answer("shimin", ticket.callId()).orElseThrow();
        clerk.decide(new DecisionRequest(today.reference(), Outcome.ACCEPTED, "本日交付します"));
        // an application no call carried is an admin's to decide (decision 0032)
        loggedIn("kanri").decide(new DecisionRequest(decidedWithoutCall.reference(), Outcome.CORRECTION_NEEDED, ""));
        LocalDate lastWeek = LocalDate.now(ClerkApi.DEFAULT_ZONE).minusDays(7);
        Instant lastWeekNoon = lastWeek.atTime(12, 0).atZone(ClerkApi.DEFAULT_ZONE).toInstant();
        hq.callLog.answered(new CallLog.Call("call-last-week", booth.id, "juminhyo", "juminhyo", older.reference(), false,
                lastWeekNoon), sato.id(), lastWeekNoon.plusSeconds(30));

        String part = today.reference().substring(today.reference().length() - 5).toLowerCase(java.util.Locale.ROOT);
        String log = LogCapture.during(() -> {
            ClerkHistory found = clerk.history(part, null);
            assertEquals(1, found.entries().size(), found.toString());
            HistoryEntry entry = found.entries().get(0);
            assertEquals(ticket.callId(), entry.callId());
            assertEquals(today.reference(), entry.reference());
            assertEquals("juminhyo", entry.procedureId());
            assertEquals("東部 1", entry.boothName());
            assertEquals("東部出張所 1階", entry.location());
            assertEquals("鈴木", entry.answeredBy());
            assertEquals(Outcome.ACCEPTED, entry.outcome());
            assertEquals("鈴木", entry.decidedBy());
            assertEquals("本日交付します", entry.message());
            assertNotNull(entry.queuedAt());
            assertNotNull(entry.answeredAt());
            assertNotNull(entry.decidedAt());
        }, captured -> captured.contains("route=/api/v1/clerk/history"));
        assertFalse(log.contains("本日交付します") || log.contains("鈴木") || log.contains(part),
                "neither the history nor the query is logged");

        List<HistoryEntry> wholeDay = clerk.history(null, null).entries();
        HistoryEntry withoutCall = wholeDay.stream().filter(e -> decidedWithoutCall.reference().equals(e.reference()))
                .findFirst().orElseThrow();
        assertNull(withoutCall.callId(), "a decision made without a logged call is in the day's history too");
        assertEquals(Outcome.CORRECTION_NEEDED, withoutCall.outcome());
        assertEquals(wholeDay, clerk.history("", LocalDate.now(ClerkApi.DEFAULT_ZONE)).entries(), "today is the default");
        assertTrue(wholeDay.stream().noneMatch(e -> "call-last-week".equals(e.callId())));
        for (int i = 1; i < wholeDay.size(); i++) {
            Instant newer = wholeDay.get(i - 1).queuedAt() != null ? wholeDay.get(i - 1).queuedAt() : wholeDay.get(i - 1).decidedAt();
            Instant next = wholeDay.get(i).queuedAt() != null ? wholeDay.get(i).queuedAt() : wholeDay.get(i).decidedAt();
            assertFalse(next.isAfter(newer), "newest first");
        }

        List<HistoryEntry> thatDay = clerk.history(older.reference().toLowerCase(java.util.Locale.ROOT), lastWeek).entries();
        assertEquals(List.of("call-last-week"), thatDay.stream().map(HistoryEntry::callId).toList());
        assertNull(thatDay.get(0).outcome(), "undecided");
        assertEquals("佐藤", thatDay.get(0).answeredBy());
        assertEquals(List.of(), clerk.history(today.reference(), lastWeek).entries());

        String token = hq.sessions.create(sato.id(), Instant.now(), Duration.ofMinutes(5));
        assertBadRequest(get("/api/v1/clerk/history?date=23-11-2026", token), "date");
        assertBadRequest(get("/api/v1/clerk/history?reference=" + "x".repeat(65), token), "reference");
        assertEquals(401, get("/api/v1/clerk/history", null).statusCode());
    }

    @Test
    void anOrdinaryClerkMayNotUseTheAdminEndpoints() throws Exception {
        String token = hq.sessions.create(sato.id(), Instant.now(), Duration.ofMinutes(5));
        List<HttpResponse<String>> responses = List.of(
                post("/api/v1/clerk/admin/enrolment-codes", token, "{\"v\":1,\"boothName\":\"x\",\"validHours\":1}"),
                get("/api/v1/clerk/admin/booths", token),
                post("/api/v1/clerk/admin/booths/booth-x/revoke", token, ""),
                get("/api/v1/clerk/admin/clerks", token),
                post("/api/v1/clerk/admin/clerks", token, "{\"v\":1,\"username\":\"x\",\"displayName\":\"x\",\"password\":\"long enough pass\"}"),
                post("/api/v1/clerk/admin/clerks/" + suzuki.id() + "/disable", token, ""),
                post("/api/v1/clerk/admin/clerks/" + suzuki.id() + "/enable", token, ""),
                post("/api/v1/clerk/admin/clerks/" + suzuki.id() + "/unlock", token, ""));
        for (HttpResponse<String> response : responses) {
            assertEquals(403, response.statusCode(), response.uri().toString());
            assertEquals("forbidden", ProtocolJson.read(response.body(), ErrorResponse.class).error());
        }
        assertEquals(401, get("/api/v1/clerk/admin/booths", null).statusCode());
        assertFalse(hq.accounts.findById(suzuki.id()).orElseThrow().disabled());
    }

    @Test
    void anAdminMakesAnEnrolmentCodeWhoseLocationGoesToTheBoothAndSeesAndRevokesBooths() throws Exception {
        ClerkClient kanri = loggedIn("kanri");
        EnrolmentCodeResponse code = kanri.createEnrolmentCode(new EnrolmentCodeRequest("西部 1", "西部出張所 1階", 2));
        assertTrue(code.expiresAt().isAfter(Instant.now().plus(Duration.ofMinutes(119))));
        EnrolmentCode stored = new jp.madoguchi.hq.store.EnrolmentCodes(hq.database,
                java.time.Clock.systemUTC()).find(jp.madoguchi.hq.security.EnrolmentCodes.hash(code.code())).orElseThrow();
        assertEquals("kanri", stored.createdBy());
        assertEquals("西部出張所 1階", stored.location());
        String token = hq.sessions.create(admin.id(), Instant.now(), Duration.ofMinutes(5));
        assertBadRequest(post("/api/v1/clerk/admin/enrolment-codes", token,
                "{\"v\":1,\"boothName\":\"x\",\"location\":\"\",\"validHours\":169}"), "validHours");
        assertBadRequest(post("/api/v1/clerk/admin/enrolment-codes", token, "{\"v\":1,\"location\":\"\",\"validHours\":1}"),
                "boothName");

        TestHeadquarters.TestBooth booth = hq.enrolBooth("booth-admin", "西部 2", "西部出張所 2階");
        try (TestHeadquarters.Channel channel = booth.channel(Duration.ofSeconds(5))) {
            channel.channel.start(BoothState.IDLE);
            awaitState(booth.id, BoothState.IDLE);
            BoothHealth health = kanri.booths().booths().stream().filter(b -> b.boothId().equals(booth.id)).findFirst()
                    .orElseThrow();
            assertTrue(health.online());
            assertEquals(BoothState.IDLE, health.state());
            assertEquals("西部出張所 2階", health.location());
            assertNull(health.revokedAt());
            assertNotNull(health.lastSeen());
            assertNotNull(health.connectedAt());

            CallQueue.Ticket waiting = hq.calls.enqueue(booth.id, "juminhyo", "juminhyo", false, null);
            kanri.revokeBooth(booth.id);
            assertTrue(await(WAIT, () -> !hq.presence.isOnline(booth.id)), "its presence connection is closed");
            assertTrue(hq.calls.position(waiting.callId()).isEmpty(), "its waiting call went with it");
            Thread.sleep(300); // the channel tries to reconnect within its backoff (100–500 ms) and is refused
            assertFalse(hq.presence.isOnline(booth.id), "a revoked booth cannot come back");
            BoothHealth after = kanri.booths().booths().stream().filter(b -> b.boothId().equals(booth.id)).findFirst()
                    .orElseThrow();
            assertNotNull(after.revokedAt());
            assertFalse(after.online());
            kanri.revokeBooth(booth.id); // again: still 204
        }
        HqRejectedException unknown = refused(() -> kanri.revokeBooth("booth-nobody"));
        assertEquals(404, unknown.status());
        assertEquals("unknown_booth", unknown.errorCode());
    }

    @Test
    void anAdminSeesWhenABoothStartedAndThatItCameBackAfterAnUncleanStop() throws Exception {
        ClerkClient kanri = loggedIn("kanri");
        TestHeadquarters.TestBooth booth = hq.enrolBooth("booth-restarted", "東部 3", "東部出張所 1階");
        TestHeadquarters.TestBooth older = hq.enrolBooth("booth-older", "東部 4", "東部出張所 1階");
        Instant crashedRun = Instant.parse("2026-11-23T08:00:00Z");
        Instant nextRun = Instant.parse("2026-11-23T09:30:00Z");
        String log;
        try (TestHeadquarters.Channel crashed = booth.channel(Duration.ofSeconds(5), crashedRun, true);
             TestHeadquarters.Channel old = older.channel(Duration.ofSeconds(5))) {
            log = jp.madoguchi.hq.testing.LogCapture.during(() -> {
                crashed.channel.start(BoothState.IDLE);
                old.channel.start(BoothState.IDLE);
                awaitState(booth.id, BoothState.IDLE);
                awaitState(older.id, BoothState.IDLE);
            }, text -> text.contains("is back after an unclean stop"));
            BoothHealth health = health(kanri, booth.id);
            assertEquals(crashedRun, health.startedAt());
            assertEquals(crashedRun, health.lastUncleanRestartAt());
            BoothHealth oldHealth = health(kanri, older.id);
            assertTrue(oldHealth.online(), "an older booth's hello is accepted as before");
            assertNull(oldHealth.startedAt());
            assertNull(oldHealth.lastUncleanRestartAt());
        }
        assertTrue(log.contains("booth " + booth.id + " is back after an unclean stop, started at 2026-11-23T08:00:00Z"),
                log);
        assertFalse(log.contains("東部"), "names and places are not in that line: " + log);
        assertTrue(await(WAIT, () -> !hq.presence.isOnline(booth.id)));

        // the same booth started again after a clean stop: a new start, the last unclean one still shown
        try (TestHeadquarters.Channel clean = booth.channel(Duration.ofSeconds(5), nextRun, false)) {
            clean.channel.start(BoothState.IDLE);
            assertTrue(await(WAIT, () -> {
                try {
                    return nextRun.equals(health(kanri, booth.id).startedAt());
                } catch (Exception e) {
                    return false;
                }
            }));
            assertEquals(crashedRun, health(kanri, booth.id).lastUncleanRestartAt());
        }
        // the JSON an older console reads: the new fields are additive
        String json = jp.madoguchi.hqlink.message.ProtocolJson.write(new jp.madoguchi.hqlink.message.BoothList(
                java.util.List.of(health(kanri, booth.id))));
        assertTrue(json.contains("\"lastUncleanRestartAt\":\"2026-11-23T08:00:00Z\""), json);
    }

    private static BoothHealth health(ClerkClient admin, String boothId) throws Exception {
        return admin.booths().booths().stream().filter(b -> b.boothId().equals(boothId)).findFirst().orElseThrow();
    }

    @Test
    void anAdminCreatesDisablesEnablesAndUnlocksClerks() throws Exception {
        ClerkClient kanri = loggedIn("kanri");
        char[] password = "a new long password".toCharArray();
        ClerkAccountView created = kanri.createClerk(new NewClerkRequest("Takahashi", "高橋", password, false));
        assertEquals("takahashi", created.username());
        assertFalse(created.admin() || created.disabled() || created.locked());
        assertTrue(kanri.clerks().clerks().contains(created));
        ClerkClient takahashi = hq.clerkClient();
        takahashi.login("takahashi", "a new long password".toCharArray());

        HqRejectedException weak = refused(() -> kanri.createClerk(new NewClerkRequest("ito", "伊藤", "short".toCharArray(), false)));
        assertEquals(400, weak.status());
        assertEquals("weak_password", weak.errorCode());
        HqRejectedException taken = refused(() -> kanri.createClerk(
                new NewClerkRequest("TAKAHASHI", "高橋 二", "another long password".toCharArray(), true)));
        assertEquals(409, taken.status());
        assertEquals("username_taken", taken.errorCode());

        kanri.disableClerk(created.id());
        HqRejectedException cutOff = refused(takahashi::queues);
        assertEquals(401, cutOff.status(), "a disabled clerk's session stops at once");
        HqRejectedException login = refused(() -> hq.clerkClient().login("takahashi", "a new long password".toCharArray()));
        HqRejectedException wrong = refused(() -> hq.clerkClient().login("nobody-at-all", "a new long password".toCharArray()));
        assertEquals(List.of(401, "bad_credentials", wrong.serverMessage()),
                List.of(login.status(), login.errorCode(), login.serverMessage()), "disabled looks like a wrong password");
        assertTrue(kanri.clerks().clerks().stream().filter(c -> c.id().equals(created.id())).findFirst().orElseThrow().disabled());

        HqRejectedException self = refused(() -> kanri.disableClerk(admin.id()));
        assertEquals(409, self.status());
        assertEquals("cannot_disable_self", self.errorCode());
        assertEquals("unknown_clerk", refused(() -> kanri.disableClerk("clerk-nobody")).errorCode());
        assertEquals("unknown_clerk", refused(() -> kanri.unlockClerk("clerk-nobody")).errorCode());

        kanri.enableClerk(created.id());
        takahashi.login("takahashi", "a new long password".toCharArray());
        for (int attempt = 0; attempt < 5; attempt++) {
            refused(() -> hq.clerkClient().login("takahashi", "wrong password".toCharArray()));
        }
        assertEquals("locked_out", refused(() -> hq.clerkClient().login("takahashi", "a new long password".toCharArray()))
                .errorCode());
        assertTrue(kanri.clerks().clerks().stream().filter(c -> c.id().equals(created.id())).findFirst().orElseThrow().locked());
        kanri.unlockClerk(created.id());
        takahashi.login("takahashi", "a new long password".toCharArray());

        String token = hq.sessions.create(admin.id(), Instant.now(), Duration.ofMinutes(5));
        assertBadRequest(post("/api/v1/clerk/admin/clerks", token, "{\"v\":1,\"username\":\"x\",\"displayName\":\"x\"}"),
                "password");
        assertEquals(400, post("/api/v1/clerk/admin/clerks", token, "{\"username\":\"x\"}").statusCode());
    }

    @Test
    void theLogNeverHasTheResidentsNameOrAddress() throws Exception {
        TestHeadquarters.TestBooth booth = hq.enrolBooth("booth-privacy", "北部 9", "北部出張所 9階");
        String log;
        try (TestHeadquarters.Channel channel = booth.channel(Duration.ofSeconds(5))) {
            channel.channel.start(BoothState.WITH_RESIDENT);
            assertTrue(await(WAIT, () -> hq.presence.isOnline(booth.id)));
            StoredApplication application = submitted(booth.id, personalJson(true));
            ClerkClient clerk = loggedIn("sato");
            log = LogCapture.during(() -> {
                CallQueue.Ticket ticket = hq.calls.enqueue(booth.id, "juminhyo", "juminhyo", false, application.reference());
                clerk.queues();
                AnsweredCall call = clerk.answer("shimin", ticket.callId()).orElseThrow();
                clerk.show(call.callId(), new ShowOnBooth(RESIDENT_ADDRESS + " の件", "", ""));
                clerk.decide(new DecisionRequest(application.reference(), Outcome.ACCEPTED, RESIDENT_NAME + "様"));
                clerk.history(application.reference(), null);
                clerk.logout();
            }, captured -> captured.contains("route=/api/v1/clerk/logout"));
        }
        assertTrue(log.contains("route=/api/v1/clerk/calls/{callId}/show") || log.contains("/show"), log);
        for (String personal : List.of(RESIDENT_NAME, RESIDENT_ADDRESS, "山田")) {
            assertFalse(log.contains(personal), "the log contains " + personal);
        }
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
