package jp.madoguchi.hq.calls;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CallQueueTest {
    /** A clock the test moves forward. */
    static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final SteppingClock clock = new SteppingClock();
    private final CallQueue queue = new CallQueue(clock,
            Map.of("citizens", "市民課", "family-register", "市民課", "tax", "税務課"), "総合案内");

    @Test
    void theDepartmentDecidesTheQueueAndUnknownRoutingIsNotLost() {
        assertEquals("市民課", queue.enqueue("booth-1", "family-register", "koseki", false, null).queue());
        assertEquals("税務課", queue.enqueue("booth-2", "tax", "shotoku", false, null).queue());
        assertEquals("総合案内", queue.enqueue("booth-3", "parking", "parking", false, null).queue());
        CallQueue byProcedure = new CallQueue(clock, Map.of("citizens", "市民課", "jidoteate", "子育て支援課"), "総合案内");
        assertEquals("子育て支援課", byProcedure.enqueue("booth-4", "citizens", "jidoteate", false, null).queue(),
                "a procedure's own entry wins over its routing key");
        assertTrue(byProcedure.queueNames().containsAll(java.util.Set.of("市民課", "子育て支援課", "総合案内")));
    }

    @Test
    void longestWaitingFirstAndPriorityAssistanceBeforeEveryone() {
        var first = queue.enqueue("booth-1", "citizens", "juminhyo", false, "R1");
        clock.advance(Duration.ofSeconds(30));
        var second = queue.enqueue("booth-2", "citizens", "inkan", false, "R2");
        clock.advance(Duration.ofSeconds(30));
        var assisted = queue.enqueue("booth-3", "citizens", "juminhyo", true, "R3");
        assertEquals(1, assisted.position(), "priority assistance goes first");
        assertEquals(Optional.of(2), queue.position(first.callId()));
        assertEquals(Optional.of(3), queue.position(second.callId()));
        assertEquals(assisted.callId(), queue.answerNext("市民課").orElseThrow().callId());
        assertEquals(first.callId(), queue.answerNext("市民課").orElseThrow().callId());
        assertEquals(second.callId(), queue.answerNext("市民課").orElseThrow().callId());
        assertTrue(queue.answerNext("市民課").isEmpty());
    }

    @Test
    void aResidentWhoLeavesIsRemovedAndCancellingTwiceIsHarmless() {
        var leaving = queue.enqueue("booth-1", "citizens", "juminhyo", false, null);
        var staying = queue.enqueue("booth-2", "citizens", "juminhyo", false, null);
        assertTrue(queue.cancel(leaving.callId()));
        assertFalse(queue.cancel(leaving.callId()));
        assertEquals(Optional.of(1), queue.position(staying.callId()));
        queue.enqueue("booth-3", "tax", "shotoku", false, null);
        queue.enqueue("booth-3", "citizens", "juminhyo", false, null);
        assertEquals(2, queue.cancelBooth("booth-3").size(), "a booth that went away takes its calls with it");
        assertEquals(staying.callId(), queue.answerNext("市民課").orElseThrow().callId());
    }

    @Test
    void waitEstimatesFollowHowLongCallsTake() {
        var t1 = queue.enqueue("booth-1", "citizens", "juminhyo", false, null);
        var t2 = queue.enqueue("booth-2", "citizens", "juminhyo", false, null);
        assertEquals(CallQueue.DEFAULT_HANDLING_TIME, t1.estimatedWait());
        assertEquals(CallQueue.DEFAULT_HANDLING_TIME.multipliedBy(2), t2.estimatedWait());
        for (int i = 0; i < 20; i++) {
            queue.recordHandlingTime(Duration.ofMinutes(2));
        }
        var t3 = queue.enqueue("booth-3", "citizens", "juminhyo", false, null);
        assertTrue(t3.estimatedWait().compareTo(Duration.ofMinutes(7)) < 0, t3.toString());
    }

    @Test
    void twoClerksPressingAtTheSameMomentNeverGetTheSameCall() throws Exception {
        for (int round = 0; round < 200; round++) {
            CallQueue q = new CallQueue(clock, Map.of("citizens", "市民課"), "総合案内");
            var only = q.enqueue("booth-1", "citizens", "juminhyo", false, null);
            ExecutorService clerks = Executors.newFixedThreadPool(2);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<CallQueue.WaitingCall>>> answers = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                answers.add(clerks.submit(() -> {
                    go.await();
                    return q.answerNext("市民課");
                }));
            }
            go.countDown();
            int got = 0;
            for (var a : answers) {
                if (a.get().isPresent()) {
                    got++;
                    assertEquals(only.callId(), a.get().get().callId());
                }
            }
            clerks.shutdown();
            assertEquals(1, got, "round " + round);
        }
    }

    @Test
    void manyClerksAndBoothsAtOnceLoseAndDuplicateNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> work = new ArrayList<>();
        for (int b = 0; b < 300; b++) {
            int booth = b;
            work.add(pool.submit(() -> queue.enqueue("booth-" + booth, "citizens", "juminhyo", booth % 10 == 0, null)));
        }
        for (Future<?> f : work) {
            f.get();
        }
        Set<String> answered = Collections.synchronizedSet(new HashSet<>());
        List<Future<?>> clerks = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            clerks.add(pool.submit(() -> {
                for (Optional<CallQueue.WaitingCall> next = queue.answerNext("市民課"); next.isPresent();
                        next = queue.answerNext("市民課")) {
                    assertTrue(answered.add(next.get().callId()), "answered twice: " + next.get().callId());
                }
            }));
        }
        for (Future<?> f : clerks) {
            f.get();
        }
        pool.shutdown();
        assertEquals(300, answered.size());
    }

    @Test
    void aChosenCallIsTakenFromWhicheverQueueItWaitsInExactlyOnce() throws Exception {
        List<String> changes = Collections.synchronizedList(new ArrayList<>());
        CallQueue queue = new CallQueue(new SteppingClock(), Map.of("zei", "zeimu"), "general")
                .onChange(() -> changes.add("changed"));
        CallQueue.Ticket tax = queue.enqueue("booth-1", "zei", "kazei", false, null);
        CallQueue.Ticket other = queue.enqueue("booth-2", "talk", "talk", false, null);
        changes.clear();
        assertEquals(tax.callId(), queue.answer(tax.callId()).orElseThrow().callId());
        assertTrue(queue.answer(tax.callId()).isEmpty(), "not twice");
        assertEquals(Optional.of(1), queue.position(other.callId()));
        assertEquals(1, changes.size(), "an answer is a change; a failed one is not");

        for (int round = 0; round < 20; round++) {
            CallQueue.Ticket contested = queue.enqueue("booth-3", "zei", "kazei", false, null);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<CallQueue.WaitingCall>>> takers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                takers.add(pool.submit(() -> {
                    go.await();
                    return queue.answer(contested.callId());
                }));
            }
            go.countDown();
            int got = 0;
            for (Future<Optional<CallQueue.WaitingCall>> taker : takers) {
                got += taker.get().isPresent() ? 1 : 0;
            }
            pool.shutdown();
            assertEquals(1, got, "round " + round);
        }
    }

    @Test
    void callsThatLeaveUnansweredAreToldWithWhy() {
        List<String> ended = new ArrayList<>();
        CallQueue queue = new CallQueue(new SteppingClock(), Map.of(), "general")
                .onEnded((call, reason) -> ended.add(call.callId() + " " + reason.column()));
        CallQueue.Ticket cancelled = queue.enqueue("booth-1", "talk", "talk", false, null);
        CallQueue.Ticket abandoned = queue.enqueue("booth-1", "talk", "talk", false, null);
        CallQueue.Ticket gone = queue.enqueue("booth-2", "talk", "talk", false, null);
        CallQueue.Ticket answered = queue.enqueue("booth-3", "talk", "talk", false, null);
        queue.cancel(cancelled.callId(), "booth-1");
        queue.cancel(cancelled.callId(), "booth-1");
        queue.cancel(abandoned.callId());
        queue.cancelBooth("booth-2");
        queue.answer(answered.callId());
        assertEquals(List.of(cancelled.callId() + " cancelled", abandoned.callId() + " abandoned",
                gone.callId() + " booth_gone"), ended, "once each, and never for an answered call");
    }
}
