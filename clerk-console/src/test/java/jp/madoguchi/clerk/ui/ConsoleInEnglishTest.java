package jp.madoguchi.clerk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import jp.madoguchi.clerk.app.ClerkConsole;
import jp.madoguchi.clerk.model.ScriptedClerkService;
import jp.madoguchi.hqlink.message.BoothPresence;
import jp.madoguchi.hqlink.message.BoothState;
import jp.madoguchi.hqlink.message.ClerkLoginResponse;
import jp.madoguchi.hqlink.message.ClerkQueues;
import jp.madoguchi.hqlink.message.QueueSummary;
import jp.madoguchi.hqlink.message.QueuedCall;
import jp.madoguchi.video.fx.FxVideoSession;
import jp.madoguchi.video.testing.FakeVideoSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The console in English: every text from the English bundle, the board readable, and logging out leaves no list. */
class ConsoleInEnglishTest {
    private final FxRobot robot = new FxRobot();
    private final ScriptedClerkService hq = new ScriptedClerkService();
    private ScheduledExecutorService timer;
    private Stage stage;
    private ClerkConsole console;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        if (stage != null) {
            WaitForAsyncUtils.asyncFx(stage::hide).get(10, TimeUnit.SECONDS);
        }
        timer.shutdownNow();
    }

    @Test
    void theBoardInEnglishListsCallsAndBoothsAndLogoutReturnsToAnEmptyLogin() throws Exception {
        hq.logins.add(() -> new ClerkLoginResponse("tok", Instant.parse("2026-11-24T12:00:00Z"), "Hanako Sato", false));
        ClerkQueues queues = new ClerkQueues(List.of(new QueueSummary("citizens", List.of(
                new QueuedCall("c-1", "juminhyo", true, 250, "20261124-AAAA11", "booth-1", "North branch 2", "1st floor", true),
                new QueuedCall("c-2", "talk", false, 40, null, "booth-2", "Station booth", "", false)))),
                List.of(new BoothPresence("booth-1", "North branch 2", "1st floor", true, BoothState.IN_CALL, Instant.now()),
                        new BoothPresence("booth-3", "Community centre", "", false, null, null)));
        for (int i = 0; i < 50; i++) {
            hq.queues.add(() -> queues);
        }
        timer = Executors.newSingleThreadScheduledExecutor();
        FakeVideoSession video = new FakeVideoSession();
        Scene scene = WaitForAsyncUtils.asyncFx(() -> {
            console = new ClerkConsole(new ClerkConsole.Dependencies(hq,
                    new FxVideoSession(video, Platform::runLater, Locale.ENGLISH), video.window(),
                    application -> { throw new AssertionError("no call is answered here"); },
                    id -> id.equals("juminhyo") ? "Certificate of residence" : "Talk to a clerk",
                    Platform::runLater, Platform::runLater, timer, Clock.systemUTC(), Locale.ENGLISH, ZoneId.of("UTC"),
                    () -> { }));
            stage = new Stage();
            Scene s = new Scene(console.root(), 1280, 800);
            stage.setScene(s);
            stage.show();
            return s;
        }).get(20, TimeUnit.SECONDS);
        FxClicks.click(robot, "#login-username").write("sato");
        FxClicks.click(robot, "#login-password").write("a long password").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (robot.lookup("#queue-list").queryAll().isEmpty()
                || robot.lookup("#queue-list").queryAs(ListView.class).getItems().size() < 2) {
            assertTrue(System.nanoTime() < deadline, "the board fills");
            Thread.sleep(50);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertEquals("Answer next call (F2)", robot.lookup("#answer-next").queryAs(Button.class).getText());
        assertEquals("Signed in: Hanako Sato", robot.lookup("#signed-in").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#tab-admin").queryAll().isEmpty(), "no admin tab for a clerk without the role");
        assertTrue(robot.lookup(".tag-offline").queryAs(Label.class).getText().contains("Community centre offline"));
        jp.madoguchi.clerk.e2e.Shots.take(scene, "clerk-queue-en");

        FxClicks.click(robot, "#logout");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#queue-list").queryAll().isEmpty());
        assertEquals(1, hq.logouts, "headquarters is told");
        assertEquals("", robot.lookup("#login-username").queryAs(javafx.scene.control.TextField.class).getText());
    }
}
