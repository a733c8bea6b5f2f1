package jp.madoguchi.clerk.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import jp.madoguchi.hqlink.message.ClerkQueues;
import jp.madoguchi.hqlink.message.QueueSummary;
import jp.madoguchi.hqlink.message.QueuedCall;
import org.junit.jupiter.api.Test;

class QueueBoardModelTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private final ScriptedClerkService hq = new ScriptedClerkService();
    private final List<List<QueueRow>> arrivals = new ArrayList<>();
    private int expiries;
    private final QueueBoardModel board = board(Locale.JAPANESE,
            Clock.fixed(Instant.parse("2026-11-24T01:42:07Z"), TOKYO));

    private QueueBoardModel board(Locale locale, Clock clock) {
        QueueBoardModel model = new QueueBoardModel(hq, Runnable::run, Runnable::run, locale, clock);
        model.setOnCallsArrived(arrivals::add);
        model.setOnSessionExpired(() -> expiries++);
        return model;
    }

    private static ClerkQueues queues(QueueSummary... summaries) {
        return new ClerkQueues(List.of(summaries));
    }

    private static QueuedCall call(String id, boolean priority, int waited) {
        return new QueuedCall(id, "juminhyo", priority, waited, "R-" + id);
    }

    private static List<String> ids(List<QueueRow> rows) {
        return rows.stream().map(QueueRow::callId).toList();
    }

    @Test
    void priorityAssistanceFirstThenTheLongestWaitAcrossTheClerksDepartments() {
        hq.queues.add(() -> queues(
                new QueueSummary("shimin", List.of(call("a", false, 120), call("b", false, 600))),
                new QueueSummary("zeimu", List.of(call("c", true, 30), call("d", false, 601)))));
        board.refresh();
        assertEquals(List.of("c", "d", "b", "a"), ids(board.rows()));
        assertEquals("zeimu", board.rows().get(0).routing());
        assertEquals(10, board.rows().get(1).waitingMinutes());
        assertEquals("", board.statusProperty().get());
    }

    @Test
    void eachArrivingCallIsAnnouncedOnceHoweverOftenTheBoardRefreshes() {
        hq.queues.add(() -> queues(new QueueSummary("shimin", List.of(call("a", false, 5)))));
        hq.queues.add(() -> queues(new QueueSummary("shimin", List.of(call("a", false, 10)))));
        hq.queues.add(() -> queues(new QueueSummary("shimin", List.of(call("a", false, 15), call("b", true, 1)))));
        board.refresh();
        board.refresh();
        board.refresh();
        assertEquals(List.of(List.of("a"), List.of("b")), arrivals.stream().map(QueueBoardModelTest::ids).toList());
    }

    @Test
    void aCallThatLeftAndCameBackIsAnnouncedAgain() {
        hq.queues.add(() -> queues(new QueueSummary("shimin", List.of(call("a", false, 5)))));
        hq.queues.add(() -> queues(new QueueSummary("shimin", List.of())));
        hq.queues.add(() -> queues(new QueueSummary("shimin", List.of(call("a", false, 0)))));
        board.refresh();
        board.refresh();
        assertEquals("待っている呼び出しはありません。", board.statusProperty().get());
        board.refresh();
        assertEquals(2, arrivals.size(), "a call a clerk gave back to the queue rings again");
    }

    @Test
    void whenHeadquartersCannotBeReachedTheLastListStaysMarkedWithItsTime() {
        hq.queues.add(() -> queues(new QueueSummary("shimin", List.of(call("a", false, 5)))));
        hq.queues.add(() -> {
            throw new HqUnavailableException(HqUnavailableException.Reason.TIMEOUT, "slow", 3, Duration.ZERO, null);
        });
        hq.queues.add(() -> queues(new QueueSummary("shimin", List.of(call("a", false, 65)))));
        board.refresh();
        board.refresh();
        assertFalse(board.reachableProperty().get());
        assertEquals(List.of("a"), ids(board.rows()), "nothing disappears from the clerk's screen");
        assertEquals("本庁サーバーに接続できません。10:42:07 時点の一覧を表示しています。", board.statusProperty().get());
        board.refresh();
        assertTrue(board.reachableProperty().get());
        assertEquals("", board.statusProperty().get());
        assertEquals(1, arrivals.size(), "the same call is not announced again after the outage");
    }

    @Test
    void anOutageBeforeTheFirstListSaysSoInEnglish() {
        QueueBoardModel en = board(Locale.ENGLISH, Clock.fixed(Instant.parse("2026-11-24T01:42:07Z"), TOKYO));
        hq.queues.add(() -> {
            throw new HqUnavailableException(HqUnavailableException.Reason.UNREACHABLE, "no", 3, Duration.ZERO, null);
        });
        en.refresh();
        assertEquals("Headquarters cannot be reached. The list is as of —.", en.statusProperty().get());
    }

    @Test
    void anExpiredSessionIsReportedOnceAndTheBoardStopsAsking() {
        hq.queues.add(() -> {
            throw new HqRejectedException(401, "unauthorized", "expired");
        });
        board.refresh();
        board.refresh();
        assertEquals(1, expiries);
        assertEquals(1, hq.queueCalls, "no request after the session ended");
    }

    @Test
    void theTimerRefreshesUntilStopped() throws Exception {
        for (int i = 0; i < 1000; i++) {
            hq.queues.add(() -> queues(new QueueSummary("shimin", List.of())));
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            QueueBoardModel timed = new QueueBoardModel(hq, Runnable::run, Runnable::run, Locale.JAPANESE,
                    Clock.system(TOKYO));
            timed.start(timer, Duration.ofMillis(20));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (hq.queueCalls < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            timed.stop();
            timer.submit(() -> { }).get(10, TimeUnit.SECONDS);
            int calls = hq.queueCalls;
            assertTrue(calls >= 3, "refreshed " + calls + " times");
            Thread.sleep(100);
            assertEquals(calls, hq.queueCalls, "no refresh after stop");
        } finally {
            timer.shutdownNow();
        }
    }
}
