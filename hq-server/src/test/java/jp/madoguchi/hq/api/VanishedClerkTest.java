package jp.madoguchi.hq.api;

import static jp.madoguchi.hq.presence.TestHeadquarters.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jp.madoguchi.hq.calls.CallQueue;
import jp.madoguchi.hq.calls.HeldCalls;
import jp.madoguchi.hq.presence.TestHeadquarters;
import jp.madoguchi.hq.security.Argon2PasswordHashing;
import jp.madoguchi.hq.store.ApplicationStatus;
import jp.madoguchi.hq.store.Clerk;
import jp.madoguchi.hq.store.MutableClock;
import jp.madoguchi.hq.store.StoredApplication;
import jp.madoguchi.hq.store.Submission;
import jp.madoguchi.hq.store.SubmitResult;
import jp.madoguchi.hq.testing.LogCapture;
import jp.madoguchi.hqlink.client.ClerkClient;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.message.AnsweredCall;
import jp.madoguchi.hqlink.message.BoothState;
import jp.madoguchi.hqlink.message.DecisionRequest;
import jp.madoguchi.hqlink.message.ErrorCodes;
import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.hqlink.message.QueuedCall;
import jp.madoguchi.hqlink.message.ShowOnBooth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: a clerk console that disconnects while holding a call — the call returns to the queue at its old place, the
 * booth is told, the call log records it, another clerk answers it, and the clerk who went away is refused with
 * {@code 409 call_returned} when they come back (decision 0032). Headquarters' clock is moved by hand; the sweep the
 * server runs every second is run by the test, so nothing here waits for time to pass.
 */
class VanishedClerkTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String PASSWORD = "correct horse battery staple";
    private static final String RESIDENT_NAME = "見本　𠮷子";

    private MutableClock clock;
    private TestHeadquarters hq;
    private Clerk sato;
    private Clerk suzuki;
    private final List<TestHeadquarters.Channel> channels = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        clock = new MutableClock(Instant.now());
        hq = new TestHeadquarters(Duration.ofMinutes(10), new Argon2PasswordHashing(), clock);
        sato = hq.accounts.create("sato", "佐藤", PASSWORD.toCharArray());
        suzuki = hq.accounts.create("suzuki", "鈴木", PASSWORD.toCharArray());
    }

    @AfterEach
    void stop() throws Exception {
        channels.forEach(TestHeadquarters.Channel::close);
        hq.close();
    }

    private ClerkClient loggedIn(String username) throws Exception {
        ClerkClient client = hq.clerkClient();
        client.login(username, PASSWORD.toCharArray());
        return client;
    }

    /** An enrolled booth online over its presence channel, its resident waiting with an application. */
    private TestHeadquarters.Channel online(TestHeadquarters.TestBooth booth) throws Exception {
        TestHeadquarters.Channel channel = booth.channel(Duration.ofSeconds(5));
        channels.add(channel);
        channel.channel.start(BoothState.WITH_RESIDENT);
        assertTrue(await(WAIT, () -> hq.presence.isOnline(booth.id)));
        return channel;
    }

    private StoredApplication submitted(String boothId) {
        String json = "{\"applicant\":{\"name\":\"" + RESIDENT_NAME + "\"},\"n\":\"" + UUID.randomUUID() + "\"}";
        SubmitResult result = hq.applications.submit(new Submission(boothId, UUID.randomUUID().toString(), "juminhyo",
                "juminhyo", json.getBytes(StandardCharsets.UTF_8), new byte[] {48, 1, 2, 3},
                "[{\"check\":\"signature\",\"status\":\"passed\"}]"), clock.instant());
        return ((SubmitResult.Stored) result).application();
    }

    /** The booth's state as its presence channel says it, once headquarters heard it. */
    private void boothSays(TestHeadquarters.Channel channel, String boothId, BoothState state) throws Exception {
        channel.channel.updateState(state);
        assertTrue(await(WAIT, () -> hq.presence.snapshot().stream()
                .anyMatch(b -> b.boothId().equals(boothId) && b.state() == state)), "headquarters heard " + state);
    }

    @Test
    void aClerkUnseenForThirtySecondsLosesTheCallToTheQueueAtItsOldPlaceAndAnotherClerkAnswersIt() throws Exception {
        TestHeadquarters.TestBooth first = hq.enrolBooth("booth-north");
        TestHeadquarters.TestBooth second = hq.enrolBooth("booth-east");
        TestHeadquarters.Channel firstChannel = online(first);
        online(second);
        StoredApplication application = submitted(first.id);
        Instant queuedAt = clock.instant();
        CallQueue.Ticket held = hq.calls.enqueue(first.id, "juminhyo", "juminhyo", false, application.reference());
        clock.advance(Duration.ofSeconds(40));
        CallQueue.Ticket later = hq.calls.enqueue(second.id, "juminhyo", "juminhyo", false, null);

        ClerkClient satoConsole = loggedIn("sato");
        ClerkClient suzukiConsole = loggedIn("suzuki");
        AnsweredCall answered = satoConsole.answer("shimin", held.callId()).orElseThrow();
        assertNotNull(firstChannel.next(PresenceFrame.CallAnswered.class, WAIT));
        boothSays(firstChannel, first.id, BoothState.IN_CALL);

        // sato's console keeps asking for 25 s: sato holds the call
        clock.advance(Duration.ofSeconds(25));
        satoConsole.queues();
        assertEquals(0, hq.vanished.sweep(), "a clerk seen 0 s ago keeps the call");
        // then sato's console goes silent (crash, cable); suzuki's keeps polling
        clock.advance(Duration.ofSeconds(HeldCalls.DEFAULT_VANISH_AFTER.toSeconds() - 1));
        suzukiConsole.queues();
        assertEquals(0, hq.vanished.sweep(), "29 s unseen is not yet away");
        clock.advance(Duration.ofSeconds(2));
        suzukiConsole.queues();
        String log = LogCapture.during(() -> assertEquals(1, hq.vanished.sweep(), "31 s unseen: the call goes back"),
                captured -> captured.contains("back in queue"));

        PresenceFrame.CallReturned told = firstChannel.next(PresenceFrame.CallReturned.class, WAIT);
        assertEquals(new PresenceFrame.CallReturned(held.callId(), 1), told, "the booth is told it waits again, first");
        List<QueuedCall> queue = suzukiConsole.queues().queues().stream()
                .filter(q -> q.routing().equals("shimin")).findFirst().orElseThrow().calls();
        assertEquals(List.of(held.callId(), later.callId()), queue.stream().map(QueuedCall::callId).toList(),
                "back at its old place, before the call that came after it");
        assertEquals(Duration.between(queuedAt, clock.instant()).toSeconds(), queue.get(0).waitingSeconds(),
                "its waiting time counts from when the resident first queued");
        assertTrue(log.contains(held.callId()) && log.contains(sato.id()), log);
        assertFalse(log.contains(RESIDENT_NAME), "ids only in the log");

        // the call log: the answer is undone and the hold is on record, ids only
        assertTrue(hq.callLog.findAnswered(held.callId(), Instant.EPOCH).isEmpty(), "no longer answered in the log");
        assertEquals(List.of(sato.id() + " clerk_unseen"), returns(held.callId()));

        // another clerk answers it: the same call, the same application, a new room for the booth
        AnsweredCall again = suzukiConsole.answerNext("shimin").orElseThrow();
        assertEquals(held.callId(), again.callId());
        assertEquals(application.reference(), again.application().reference());
        PresenceFrame.CallAnswered rejoin = firstChannel.next(PresenceFrame.CallAnswered.class, WAIT);
        assertEquals(again.room(), rejoin.room());
        assertFalse(again.room().equals(answered.room()), "a new room: the old one had a clerk who is gone");
        assertEquals(suzuki.id(), hq.callLog.findAnswered(held.callId(), Instant.EPOCH).orElseThrow().answeredBy());

        // sato's console comes back: whatever it does with the call is refused as returned, and changes nothing
        HqRejectedException decide = assertThrows(HqRejectedException.class, () -> satoConsole.decide(
                new DecisionRequest(application.reference(), Outcome.ACCEPTED, "")));
        assertEquals(409, decide.status());
        assertEquals(ErrorCodes.CALL_RETURNED, decide.errorCode());
        HqRejectedException show = assertThrows(HqRejectedException.class,
                () -> satoConsole.show(held.callId(), new ShowOnBooth("こんにちは", "", "")));
        assertEquals(409, show.status());
        assertEquals(ErrorCodes.CALL_RETURNED, show.errorCode());
        assertNull(firstChannel.next(PresenceFrame.ClerkShows.class, Duration.ofMillis(200)), "nothing reached the booth");
        assertEquals(ApplicationStatus.RECEIVED,
                hq.applications.findByReference(application.reference()).orElseThrow().status());

        suzukiConsole.decide(new DecisionRequest(application.reference(), Outcome.ACCEPTED, ""));
        assertEquals(suzuki.id(), hq.applications.findByReference(application.reference()).orElseThrow().decidedBy());
    }

    @Test
    void aClerkWhoLogsOutHoldingACallGivesItBackAtOnce() throws Exception {
        TestHeadquarters.TestBooth booth = hq.enrolBooth("booth-logout");
        TestHeadquarters.Channel channel = online(booth);
        CallQueue.Ticket ticket = hq.calls.enqueue(booth.id, "juminhyo", "juminhyo", true, null);
        ClerkClient satoConsole = loggedIn("sato");
        satoConsole.answerNext("shimin").orElseThrow();
        boothSays(channel, booth.id, BoothState.IN_CALL);

        satoConsole.logout();

        assertEquals(new PresenceFrame.CallReturned(ticket.callId(), 1),
                channel.next(PresenceFrame.CallReturned.class, WAIT));
        CallQueue.WaitingCall waiting = hq.calls.snapshot().get("shimin").get(0);
        assertEquals(ticket.callId(), waiting.callId());
        assertTrue(waiting.priority(), "a priority call stays a priority call");
        assertEquals(List.of(sato.id() + " session_ended"), returns(ticket.callId()));
        assertEquals(0, hq.vanished.held().size());
    }

    @Test
    void aCallThatEndedIsNotGivenBackWhenItsClerkGoesAwayAfterwards() throws Exception {
        TestHeadquarters.TestBooth booth = hq.enrolBooth("booth-ended");
        TestHeadquarters.Channel channel = online(booth);
        CallQueue.Ticket ticket = hq.calls.enqueue(booth.id, "juminhyo", "juminhyo", false, null);
        ClerkClient satoConsole = loggedIn("sato");
        satoConsole.answerNext("shimin").orElseThrow();
        assertEquals(1, hq.vanished.held().size());
        // the booth joins, then the call ends (either side hung up): the booth says it is with its resident again
        boothSays(channel, booth.id, BoothState.IN_CALL);
        boothSays(channel, booth.id, BoothState.WITH_RESIDENT);
        assertEquals(0, hq.vanished.held().size(), "the hold ended with the call");

        clock.advance(Duration.ofMinutes(5));
        assertEquals(0, hq.vanished.sweep());
        satoConsole.logout();
        assertNull(channel.next(PresenceFrame.CallReturned.class, Duration.ofMillis(300)));
        assertTrue(hq.calls.snapshot().values().stream().allMatch(List::isEmpty), "nothing waits: the call is over");
        assertEquals(sato.id(), hq.callLog.findAnswered(ticket.callId(), Instant.EPOCH).orElseThrow().answeredBy());
    }

    @Test
    void aBoothNotYetInTheCallStillGetsItsCallBackAndAGoneBoothEndsTheHold() throws Exception {
        TestHeadquarters.TestBooth booth = hq.enrolBooth("booth-slow");
        TestHeadquarters.Channel channel = online(booth);
        CallQueue.Ticket ticket = hq.calls.enqueue(booth.id, "juminhyo", "juminhyo", false, null);
        loggedIn("sato").answerNext("shimin").orElseThrow();
        // the booth never said in_call (its browser did not start): the clerk's crash still gives the call back
        clock.advance(Duration.ofSeconds(31));
        assertEquals(1, hq.vanished.sweep());
        assertEquals(ticket.callId(), channel.next(PresenceFrame.CallReturned.class, WAIT).callId());

        // a booth declared gone takes its holds with it: nothing to give back to
        loggedIn("suzuki").answerNext("shimin").orElseThrow();
        assertEquals(1, hq.vanished.held().size());
        hq.vanished.boothGone(booth.id);
        assertEquals(0, hq.vanished.held().size());
    }

    /** "clerk reason" of each recorded return of {@code callId}. */
    private List<String> returns(String callId) {
        return hq.database.read("test: returns", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT clerk_id, reason FROM call_returns WHERE call_id = ? ORDER BY returned_at")) {
                select.setString(1, callId);
                try (ResultSet rows = select.executeQuery()) {
                    List<String> found = new ArrayList<>();
                    while (rows.next()) {
                        found.add(rows.getString(1) + " " + rows.getString(2));
                    }
                    return found;
                }
            }
        });
    }
}
