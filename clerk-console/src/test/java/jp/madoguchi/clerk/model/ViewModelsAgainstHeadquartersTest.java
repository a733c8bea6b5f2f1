package jp.madoguchi.clerk.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import jp.madoguchi.clerk.service.HqClerkService;
import jp.madoguchi.hq.calls.CallQueue;
import jp.madoguchi.hq.presence.TestHeadquarters;
import jp.madoguchi.hqlink.message.ClerkLoginResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The login and queue board view models against a whole headquarters in this JVM (hq-server's TestHeadquarters, on
 * a free 127.0.0.1 port, over TLS), through the console's production {@link HqClerkService}: what the clerk sees when
 * the real server answers. The ui executor is the test's own single thread, as the FX thread is in the console.
 */
class ViewModelsAgainstHeadquartersTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static TestHeadquarters hq;

    private final ExecutorService work = Executors.newSingleThreadExecutor();
    private final ExecutorService ui = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void start() throws Exception {
        hq = new TestHeadquarters(Duration.ofSeconds(20));
        hq.accounts.create("yamada", "山田 花子", PASSWORD.toCharArray());
    }

    @AfterAll
    static void stop() throws Exception {
        hq.close();
    }

    @AfterEach
    void stopThreads() {
        work.shutdownNow();
        ui.shutdownNow();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        assertTrue(TestHeadquarters.await(WAIT, condition), what);
    }

    /** Reads a view model's state on its ui thread, as the console's views do. */
    private <T> T onUi(java.util.concurrent.Callable<T> read) throws Exception {
        return ui.submit(read).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aClerkLogsInWithTheRightPasswordAndIsToldPlainlyWhenItIsWrong() throws Exception {
        HqClerkService service = new HqClerkService(hq.clerkClient());
        LoginViewModel login = new LoginViewModel(service, work, ui, Locale.JAPANESE);
        List<ClerkLoginResponse> sessions = new CopyOnWriteArrayList<>();
        login.setOnLoggedIn(sessions::add);

        char[] wrong = "not the password".toCharArray();
        ui.submit(() -> {
            login.usernameProperty().set("yamada");
            login.logIn(wrong);
        }).get();
        await("the wrong password was answered", () -> {
            try {
                return !onUi(() -> login.busyProperty().get());
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals("職員IDまたはパスワードが違います。", onUi(() -> login.messageProperty().get()));
        assertArrayEquals(new char[wrong.length], wrong, "zeroed");
        assertTrue(sessions.isEmpty());

        char[] right = PASSWORD.toCharArray();
        ui.submit(() -> login.logIn(right)).get();
        await("logged in", () -> !sessions.isEmpty());
        assertEquals("山田 花子", sessions.get(0).displayName());
        assertArrayEquals(new char[right.length], right, "zeroed");
        assertEquals("", onUi(() -> login.messageProperty().get()));
    }

    @Test
    void theBoardShowsTheRealQueuesPriorityFirstAndAnnouncesEachArrivalOnce() throws Exception {
        HqClerkService service = new HqClerkService(hq.clerkClient());
        service.login("yamada", PASSWORD.toCharArray());
        QueueBoardModel board = new QueueBoardModel(service, work, ui, Locale.JAPANESE, Clock.system(ZoneId.of("Asia/Tokyo")));
        List<List<QueueRow>> arrivals = new CopyOnWriteArrayList<>();
        board.setOnCallsArrived(arrivals::add);

        CallQueue.Ticket plain = hq.calls.enqueue("booth-a", "juminhyo", "juminhyo", false, null);
        CallQueue.Ticket urgent = hq.calls.enqueue("booth-b", "juminhyo", "juminhyo", true, "20261124-ABCDEF");
        try {
            ui.submit(board::refresh).get();
            await("both calls on the board", () -> arrivals.stream().mapToInt(List::size).sum() == 2);
            List<QueueRow> rows = onUi(() -> List.copyOf(board.rows()));
            List<String> ours = rows.stream().map(QueueRow::callId)
                    .filter(id -> id.equals(plain.callId()) || id.equals(urgent.callId())).toList();
            assertEquals(List.of(urgent.callId(), plain.callId()), ours, "priority assistance first");
            QueueRow first = rows.stream().filter(r -> r.callId().equals(urgent.callId())).findFirst().orElseThrow();
            assertEquals("20261124-ABCDEF", first.reference());
            assertTrue(first.priority());

            work.submit(() -> { }).get(10, TimeUnit.SECONDS); // the first refresh has finished (one at a time)
            ui.submit(board::refresh).get();
            // the refresh ran on work and published on ui: once both have run what was queued after it, it is done
            work.submit(() -> { }).get(10, TimeUnit.SECONDS);
            ui.submit(() -> { }).get(10, TimeUnit.SECONDS);
            assertEquals(1, arrivals.size(), "the same calls are not announced twice: " + arrivals);
            assertEquals(rows.size(), onUi(() -> board.rows().size()), "the second refresh shows the same calls");
        } finally {
            hq.calls.cancel(plain.callId());
            hq.calls.cancel(urgent.callId());
        }
    }
}
