package jp.madoguchi.kiosk.hq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.hqlink.client.ClerkClient;
import jp.madoguchi.hqlink.client.HqClient;
import jp.madoguchi.hqlink.client.HqTransport;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import jp.madoguchi.hqlink.client.RetryPolicy;
import jp.madoguchi.hqlink.message.AnsweredCall;
import jp.madoguchi.hqlink.message.ApplicationStatus;
import jp.madoguchi.hqlink.message.CallRequest;
import jp.madoguchi.hqlink.message.CallTicket;
import jp.madoguchi.hqlink.message.DecisionRequest;
import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.hqlink.message.Submission;
import jp.madoguchi.hqlink.message.SubmissionReceipt;
import jp.madoguchi.kiosk.store.BoothKey;
import jp.madoguchi.kiosk.store.BoothStore;
import jp.madoguchi.kiosk.store.OutboxEntry;
import jp.madoguchi.video.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The booth's link against a real headquarters in demo mode ({@link DemoHeadquarters}, on 127.0.0.1), with a real
 * booth store and applications signed by an emulated My Number card.
 */
class HqLinkServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static DemoHeadquarters hq;
    private static SignedSubmissions signed;

    @TempDir
    Path dir;
    private BoothKey key;
    private BoothStore store;
    private final List<HqLinkService> links = new ArrayList<>();

    @BeforeAll
    static void startHeadquarters() throws Exception {
        // a meeting domain with a port, as the demo's loopback meeting server has (a port nothing listens on here)
        hq = DemoHeadquarters.start("127.0.0.1:9");
        signed = new SignedSubmissions(hq.authority());
    }

    @AfterAll
    static void stopHeadquarters() {
        hq.close();
    }

    @BeforeEach
    void openStore() throws Exception {
        if (!hq.isRunning()) {
            hq.restart();
        }
        key = BoothKey.loadOrCreate(dir.resolve("booth.key"));
        store = BoothStore.open(dir.resolve("booth.db"), key);
        store.settings().setDuration("outbox.retry.seconds", Duration.ofSeconds(5));
    }

    @AfterEach
    void closeAll() {
        links.forEach(HqLinkService::close);
        store.close();
        key.close();
    }

    /** A link tuned for tests: short presence timings, few quick retries per request. */
    private HqLinkService link(RecordingLinkListener listener) {
        HqLinkService link = HqLinkService.builder(hq.url(), hq.boothCredentials(), store.outbox(), store.audit(),
                        store.settings())
                .clock(Clock.systemUTC())
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(2)))
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10))
                .presence(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMillis(500))
                .build();
        link.addListener(listener);
        links.add(link);
        return link;
    }

    private static String boothReference() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder six = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            six.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return "MD-20261123-" + six;
    }

    private OutboxEntry enqueue(String reference, Submission submission) {
        return store.outbox().enqueue(reference, HqClient.newIdempotencyKey(), HqLinkService.outboxPayload(submission));
    }

    private OutboxEntry entry(long id) {
        return store.outbox().pending().stream().filter(e -> e.id() == id).findFirst().orElseThrow();
    }

    @Test
    void applicationsWaitInOrderWhileHeadquartersIsDownAndAreDeliveredExactlyOnceWhenItIsBack() throws Exception {
        hq.stop();
        RecordingLinkListener listener = new RecordingLinkListener();
        HqLinkService link = link(listener);
        link.start();
        List<OutboxEntry> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String reference = boothReference();
            entries.add(enqueue(reference, signed.juminhyo(reference)));
            link.deliverNow();
        }
        Poll.until(WAIT, () -> entry(entries.get(0).id()).attempts() >= 1, () -> store.outbox().pending().toString());
        Poll.until(WAIT, () -> link.status().pendingDeliveries() == 3, () -> link.status().toString());

        assertEquals(3, store.outbox().size(), "nothing is dropped while headquarters is down");
        assertEquals(entries.stream().map(OutboxEntry::reference).toList(),
                store.outbox().pending().stream().map(OutboxEntry::reference).toList(), "the order is kept");
        assertEquals("hq.unreachable", store.outbox().lastError(entries.get(0).id()).orElseThrow());
        assertEquals(0, entry(entries.get(1).id()).attempts(), "nothing is sent past the oldest while HQ is down");
        assertTrue(listener.delivered.isEmpty());
        assertFalse(link.status().online());

        hq.restart();
        Poll.until(WAIT, () -> listener.delivered.size() == 3, () -> "delivered " + listener.deliveredReferences());

        assertEquals(entries.stream().map(OutboxEntry::reference).toList(), listener.deliveredReferences(),
                "delivered oldest first");
        assertEquals(0, store.outbox().size(), "the outbox is empty once headquarters confirmed everything");
        for (int i = 0; i < 3; i++) {
            OutboxEntry sent = entries.get(i);
            assertEquals(1, hq.storedApplications(sent.idempotencyKey()), "stored exactly once: " + sent.reference());
            assertEquals(hq.referenceFor(sent.idempotencyKey()).orElseThrow(),
                    listener.delivered.get(i).receipt().reference());
            assertEquals(ApplicationStatus.VERIFIED, listener.delivered.get(i).receipt().status(),
                    "the emulated card's signature verifies at headquarters");
        }
        Poll.until(WAIT, () -> link.status().online() && link.status().pendingDeliveries() == 0,
                () -> link.status().toString());
        assertTrue(link.status().lastContact().isPresent());
        assertTrue(store.audit().verify().ok());
        List<String> trail = auditLines();
        for (int i = 0; i < 3; i++) {
            int delivered = trail.indexOf("OUTBOX_DELIVERED\t" + entries.get(i).reference());
            assertTrue(delivered >= 0, trail.toString());
            assertEquals("OUTBOX_HQ_REFERENCE\t" + listener.delivered.get(i).receipt().reference(),
                    trail.get(delivered + 1), "both references, in adjacent rows");
        }
    }

    /**
     * The outbox retry interval set to its maximum (an hour): after an outage long enough for the presence channel's
     * reconnect backoff to reach its cap, what brings the outbox to headquarters is the reconnect, within the cap, not
     * the next retry. A booth restart in the middle of the outage keeps the queue.
     */
    @Test
    void afterALongOutageAndABoothRestartTheReconnectDeliversTheQueueWithoutWaitingForTheRetryInterval()
            throws Exception {
        store.settings().setDuration("outbox.retry.seconds", Duration.ofHours(1));
        hq.stop();
        RecordingLinkListener listener = new RecordingLinkListener();
        HqLinkService link = link(listener);
        link.start();
        List<OutboxEntry> entries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String reference = boothReference();
            entries.add(enqueue(reference, signed.juminhyo(reference)));
            link.deliverNow();
            if (i == 1) {
                // the booth restarts while headquarters is down: the store is closed and opened again
                link.close();
                store.close();
                store = BoothStore.open(dir.resolve("booth.db"), key);
                assertEquals(entries.stream().map(OutboxEntry::reference).toList(),
                        store.outbox().pending().stream().map(OutboxEntry::reference).toList(),
                        "the queue survives the restart, in order");
                link = link(listener);
                link.start();
            }
        }
        HqLinkService restarted = link;
        Poll.until(WAIT, () -> entry(entries.get(0).id()).attempts() >= 2, () -> store.outbox().pending().toString());
        // long enough for several reconnect attempts, so the backoff is at its cap (500 ms here, 30 s by default)
        Thread.sleep(3_000);
        assertEquals(4, store.outbox().size());
        assertTrue(listener.delivered.isEmpty());

        hq.restart();
        long back = System.nanoTime();
        Poll.until(WAIT, () -> store.outbox().size() == 0 && listener.delivered.size() == 4,
                () -> "waiting " + store.outbox().size() + ", delivered " + listener.deliveredReferences());
        double drained = (System.nanoTime() - back) / 1e9;

        assertEquals(entries.stream().map(OutboxEntry::reference).toList(), listener.deliveredReferences(),
                "oldest first, each once");
        for (OutboxEntry sent : entries) {
            assertEquals(1, hq.storedApplications(sent.idempotencyKey()), sent.reference());
        }
        Poll.until(WAIT, () -> restarted.status().online() && restarted.status().pendingDeliveries() == 0,
                () -> restarted.status().toString());
        System.out.printf("outbox after an outage with the retry interval at 1 h: headquarters back to outbox empty"
                + " in %.1f s (presence reconnect cap 0.5 s)%n", drained);
    }

    /** The audit trail as "EVENT\treference" lines. */
    private List<String> auditLines() {
        return store.audit().export().stream().filter(line -> !line.startsWith("#"))
                .map(line -> line.split("\t")).map(f -> f[2] + "\t" + f[3]).toList();
    }

    @Test
    void aResendAfterACrashBetweenReceiptAndDeletionGetsTheSameReference() throws Exception {
        String reference = boothReference();
        Submission submission = signed.juminhyo(reference);
        OutboxEntry entry = enqueue(reference, submission);
        // the booth sent it and headquarters stored it, but the booth stopped before deleting the entry
        HqClient before = new HqClient(HqTransport.builder(hq.url(), hq.boothCredentials().tls()).build());
        SubmissionReceipt first = before.submitApplication(submission, entry.idempotencyKey());

        RecordingLinkListener listener = new RecordingLinkListener();
        link(listener).start();
        Poll.until(WAIT, () -> listener.delivered.size() == 1, () -> "delivered " + listener.deliveredReferences());

        assertEquals(reference, listener.delivered.get(0).boothReference());
        assertEquals(first.reference(), listener.delivered.get(0).receipt().reference(), "the same reference");
        assertEquals(1, hq.storedApplications(entry.idempotencyKey()), "headquarters stored it once");
        assertEquals(0, store.outbox().size());
    }

    @Test
    void aPermanentRefusalIsReportedOnceAndNeverResentWhileTheRestIsDelivered() throws Exception {
        String refusedReference = boothReference();
        OutboxEntry refused = enqueue(refusedReference, signed.notCanonical(refusedReference));
        String goodReference = boothReference();
        OutboxEntry good = enqueue(goodReference, signed.juminhyo(goodReference));
        RecordingLinkListener listener = new RecordingLinkListener();
        HqLinkService link = link(listener);
        link.start();
        Poll.until(WAIT, () -> listener.delivered.size() == 1, () -> "delivered " + listener.deliveredReferences());

        assertEquals(List.of(new RecordingLinkListener.Refused(refusedReference, "bad_request")), listener.refused);
        assertEquals(goodReference, listener.delivered.get(0).boothReference(), "the refusal did not block the next");
        assertEquals(0, hq.storedApplications(refused.idempotencyKey()));
        assertEquals(1, hq.storedApplications(good.idempotencyKey()));
        assertEquals(List.of(refusedReference), store.outbox().pending().stream().map(OutboxEntry::reference).toList(),
                "the refused entry stays for IT staff");
        assertEquals("refused.bad_request", store.outbox().lastError(refused.id()).orElseThrow());
        assertTrue(auditLines().contains("OUTBOX_REFUSED\t" + refusedReference), auditLines().toString());

        // more rounds, and a booth restart (a new link over the same outbox): the refused entry is not sent again
        link.deliverNow();
        link.close();
        RecordingLinkListener after = new RecordingLinkListener();
        HqLinkService restarted = link(after);
        restarted.start();
        String laterReference = boothReference();
        enqueue(laterReference, signed.juminhyo(laterReference));
        restarted.deliverNow();
        Poll.until(WAIT, () -> after.delivered.size() == 1, () -> "delivered " + after.deliveredReferences());
        assertEquals(laterReference, after.delivered.get(0).boothReference());
        assertEquals(1, entry(refused.id()).attempts(), "sent once, never again");
        assertTrue(after.refused.isEmpty(), "not reported again");
        assertEquals(0, restarted.status().pendingDeliveries(), "a refused entry is not counted as waiting");
    }

    @Test
    void aRevokedBoothKeepsItsOutboxInOrderAndDeliversItWhenHeadquartersTakesItBack() throws Exception {
        String firstReference = boothReference();
        OutboxEntry first = enqueue(firstReference, signed.juminhyo(firstReference));
        String secondReference = boothReference();
        OutboxEntry second = enqueue(secondReference, signed.juminhyo(secondReference));
        hq.setBoothRevoked(true);
        RecordingLinkListener listener = new RecordingLinkListener();
        HqLinkService link = link(listener);
        try {
            link.start();
            Poll.until(WAIT, () -> store.outbox().lastError(first.id()).isPresent(), () -> store.outbox().pending().toString());

            assertEquals("booth_revoked", store.outbox().lastError(first.id()).orElseThrow());
            assertEquals(0, entry(second.id()).attempts(), "the round stops: every entry would get the same answer");
            assertTrue(listener.refused.isEmpty(), "the entries themselves are not refused");
            assertTrue(listener.delivered.isEmpty());
            assertEquals(0, hq.storedApplications(first.idempotencyKey()));
        } finally {
            hq.setBoothRevoked(false);
        }
        link.deliverNow();
        Poll.until(WAIT, () -> listener.delivered.size() == 2, () -> "delivered " + listener.deliveredReferences());
        assertEquals(List.of(firstReference, secondReference), listener.deliveredReferences());
        assertEquals(0, store.outbox().size());
    }

    @Test
    void aTamperedSignatureIsDeliveredOnceWithItsFailedCheckForTheClerk() throws Exception {
        String reference = boothReference();
        OutboxEntry entry = enqueue(reference, signed.tamperedSignature(reference));
        RecordingLinkListener listener = new RecordingLinkListener();
        link(listener).start();
        Poll.until(WAIT, () -> listener.delivered.size() == 1, () -> "delivered " + listener.deliveredReferences());

        SubmissionReceipt receipt = listener.delivered.get(0).receipt();
        assertEquals(ApplicationStatus.VERIFICATION_FAILED, receipt.status(), receipt.toString());
        assertEquals(1, hq.storedApplications(entry.idempotencyKey()));
        assertEquals(0, store.outbox().size(), "headquarters has it; the booth does not resend it");
        assertTrue(listener.refused.isEmpty());
    }

    @Test
    void onlineAndOfflineReachTheListenersAndACallFailsWhileHeadquartersIsDown() throws Exception {
        RecordingLinkListener listener = new RecordingLinkListener();
        HqLinkService link = link(listener);
        link.start();
        Poll.until(WAIT, () -> link.status().online(), () -> "statuses " + listener.statuses);

        hq.stop();
        Poll.until(WAIT, () -> !link.status().online(), () -> "statuses " + listener.statuses);
        ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> link.requestCall(new CallRequest("citizens", "juminhyo", false, null)).get(20, TimeUnit.SECONDS));
        assertInstanceOf(HqUnavailableException.class, failed.getCause());

        hq.restart();
        Poll.until(WAIT, () -> link.status().online(), () -> "statuses " + listener.statuses);
        // online, offline, online again: a reconnect that reaches headquarters while it is still shutting down may
        // add one more offline/online pair, but every report is a change and the last one is online
        List<Boolean> changes = listener.onlineChanges();
        assertEquals(List.of(true, false), changes.subList(0, 2), changes.toString());
        assertEquals(true, changes.get(changes.size() - 1), changes.toString());
        for (int i = 1; i < changes.size(); i++) {
            assertFalse(changes.get(i).equals(changes.get(i - 1)), "only changes are reported: " + changes);
        }
    }

    @Test
    void anEntryThatDoesNotDecryptIsKeptAndAuditedAndDeliveredOnceTheKeyIsBack() throws Exception {
        String reference = boothReference();
        OutboxEntry entry = enqueue(reference, signed.juminhyo(reference));
        store.close();
        // the booth key file replaced (e.g. restored from the wrong backup): the entry cannot be read
        try (BoothKey wrong = BoothKey.loadOrCreate(dir.resolve("wrong.key"));
             BoothStore withWrongKey = BoothStore.open(dir.resolve("booth.db"), wrong)) {
            RecordingLinkListener listener = new RecordingLinkListener();
            HqLinkService link = HqLinkService.builder(hq.url(), hq.boothCredentials(), withWrongKey.outbox(),
                    withWrongKey.audit(), withWrongKey.settings()).build();
            links.add(link);
            link.addListener(listener);
            link.start();
            Poll.until(WAIT, () -> withWrongKey.audit().export().stream()
                    .anyMatch(line -> line.contains("OUTBOX_UNREADABLE\t" + reference)), () -> "no audit row");
            assertEquals(1, link.status().pendingDeliveries(), "the unreadable entry still counts as waiting");
            assertTrue(listener.delivered.isEmpty());
            assertEquals(1, withWrongKey.outbox().size(), "kept, never dropped");
            assertEquals(0, hq.storedApplications(entry.idempotencyKey()));
            link.close();
        }
        store = BoothStore.open(dir.resolve("booth.db"), key);
        RecordingLinkListener listener = new RecordingLinkListener();
        link(listener).start();
        Poll.until(WAIT, () -> listener.delivered.size() == 1, () -> "delivered " + listener.deliveredReferences());
        assertEquals(reference, listener.delivered.get(0).boothReference());
        assertEquals(0, store.outbox().size());
    }

    @Test
    void aClerkAnswersTheBoothsCallAndSendsADecision() throws Exception {
        RecordingLinkListener listener = new RecordingLinkListener();
        HqLinkService link = link(listener);
        String reference = boothReference();
        enqueue(reference, signed.juminhyo(reference));
        link.start();
        Poll.until(WAIT, () -> link.status().online() && listener.delivered.size() == 1,
                () -> "statuses " + listener.statuses + ", delivered " + listener.deliveredReferences());
        String hqReference = listener.delivered.get(0).receipt().reference();

        CallTicket ticket = link.requestCall(new CallRequest("citizens", "juminhyo", false, hqReference))
                .get(20, TimeUnit.SECONDS);
        assertEquals(1, ticket.position());
        ClerkClient clerk = hq.clerk();
        AnsweredCall answered = clerk.answerNext("citizens").orElseThrow();
        assertEquals(ticket.callId(), answered.callId());
        assertEquals(hqReference, answered.application().reference(), "the clerk sees the booth's application");

        Poll.until(WAIT, () -> listener.answered.size() == 1, () -> "answered " + listener.answered);
        PresenceFrame.CallAnswered frame = listener.answered.get(0);
        assertEquals(ticket.callId(), frame.callId());
        assertEquals(answered.room(), frame.room());
        assertFalse(frame.jwt().isBlank());
        assertEquals("127.0.0.1:9", frame.jitsiDomain(), "the configured host:port reaches the booth unchanged");
        assertEquals("127.0.0.1:9", answered.jitsiDomain(), "and the clerk");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(frame.jwt().split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"sub\":\"127.0.0.1\""), "the token's sub is the host alone: " + claims);
        assertEquals(java.net.URI.create("http://127.0.0.1:9/"), jp.madoguchi.video.JoinRequest.forDomain(
                frame.jitsiDomain(), frame.room(), frame.jwt(), "Booth", java.util.Locale.JAPANESE,
                jp.madoguchi.video.CallRole.RESIDENT).meetingServer(), "the booth joins the loopback meeting over http");

        clerk.decide(new DecisionRequest(hqReference, Outcome.ACCEPTED, "住民票の写しを1通お渡しします。"));
        Poll.until(WAIT, () -> listener.decisions.size() == 1, () -> "decisions " + listener.decisions);
        assertEquals(hqReference, listener.decisions.get(0).reference());
        assertEquals(Outcome.ACCEPTED, listener.decisions.get(0).outcome());

        // the clerk logs out while still holding the call (the booth never said in_call): headquarters gives the call
        // back to the queue and tells the booth (decision 0032)
        clerk.logout();
        Poll.until(WAIT, () -> listener.returned.size() == 1, () -> "returned " + listener.returned);
        assertEquals(new PresenceFrame.CallReturned(ticket.callId(), 1), listener.returned.get(0));

        link.cancelCall(ticket.callId()).get(20, TimeUnit.SECONDS);
    }

    @Test
    void whatAClerkShowsReachesTheListenerAsSent() throws Exception {
        RecordingLinkListener listener = new RecordingLinkListener();
        HqLinkService link = link(listener);
        link.start();
        Poll.until(WAIT, () -> link.status().online(), () -> "statuses " + listener.statuses);
        // a 1x1 PNG: the link passes the frame on as it came; the journey decodes and checks the picture
        String png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==";
        PresenceFrame.ClerkShows shows = new PresenceFrame.ClerkShows("call-7", "3番窓口へお越しください。", png,
                "image/png");
        Poll.until(WAIT, () -> hq.sendToBooth(shows), () -> "the booth's presence connection at headquarters");
        Poll.until(WAIT, () -> listener.shown.size() == 1, () -> "shown " + listener.shown);
        assertEquals(shows, listener.shown.get(0));

        PresenceFrame.ClerkShows clear = new PresenceFrame.ClerkShows("call-7", "", "", "");
        assertTrue(hq.sendToBooth(clear));
        Poll.until(WAIT, () -> listener.shown.size() == 2, () -> "shown " + listener.shown);
        assertTrue(listener.shown.get(1).clears());
    }
}
