package jp.madoguchi.clerk.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import jp.madoguchi.clerk.app.ClerkConsole;
import jp.madoguchi.clerk.model.ApplicationViewModel;
import jp.madoguchi.clerk.service.HqClerkService;
import jp.madoguchi.clerk.ui.FxClicks;
import jp.madoguchi.forms.catalogue.FormCatalogue;
import jp.madoguchi.forms.render.JapaneseFonts;
import jp.madoguchi.hqlink.client.HqClient;
import jp.madoguchi.hqlink.client.PresenceChannel;
import jp.madoguchi.hqlink.message.CallRequest;
import jp.madoguchi.hqlink.message.CallTicket;
import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.hqlink.message.SubmissionReceipt;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.fx.FxVideoSession;
import jp.madoguchi.video.testing.FakeVideoSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The clerk's day against a real headquarters in demo mode, headless: log in, the booth's calls appear, answer (the
 * video joins as moderator and admits the booth), check the application and its badges — one valid, one with a
 * tampered signature, one with substituted characters (外字) — decide, and the booth receives each decision at
 * once; show a message on the booth; today's history by part of a reference; the admin tab; log out. Video is a
 * {@link FakeVideoSession}. Screenshots of every screen go to target/screenshots (and docs/screenshots with
 * -Dmadoguchi.screenshots=true).
 */
class ConsoleJourneyTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static DemoHq hq;
    private static Residents residents;

    private final FxRobot robot = new FxRobot();
    private final BlockingQueue<PresenceFrame.HqFrame> boothFrames = new LinkedBlockingQueue<>();
    private final FakeVideoSession video = new FakeVideoSession();
    private final AtomicInteger sounds = new AtomicInteger();
    private ExecutorService work;
    private ScheduledExecutorService timer;
    private PresenceChannel presence;
    private Stage stage;
    private ClerkConsole console;

    @BeforeAll
    static void headquarters() throws Exception {
        FxToolkit.registerPrimaryStage();
        hq = DemoHq.start();
        residents = new Residents(hq.authority);
    }

    @AfterAll
    static void stop() throws Exception {
        if (hq != null) {
            hq.close();
        }
    }

    @AfterEach
    void close() throws Exception {
        if (stage != null) {
            WaitForAsyncUtils.asyncFx(() -> {
                console.logout("");
                stage.hide();
            }).get(10, TimeUnit.SECONDS);
        }
        if (presence != null) {
            presence.close();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        if (work != null) {
            work.shutdownNow();
        }
    }

    private Scene openConsole() throws Exception {
        work = Executors.newFixedThreadPool(2);
        timer = Executors.newSingleThreadScheduledExecutor();
        FormCatalogue catalogue = FormCatalogue.load(null);
        HqClerkService service = new HqClerkService(hq.clerkClient());
        JapaneseFonts fonts = JapaneseFonts.fromSystem();
        Scene scene = WaitForAsyncUtils.asyncFx(() -> {
            console = new ClerkConsole(new ClerkConsole.Dependencies(service,
                    new FxVideoSession(video, Platform::runLater, Locale.JAPANESE), video.window(),
                    ApplicationViewModel.factory(catalogue, () -> fonts, Locale.JAPANESE, ZoneId.of("Asia/Tokyo")),
                    id -> catalogue.form(id).map(f -> f.title().in(jp.madoguchi.forms.model.Language.JA)).orElse(id),
                    work, Platform::runLater, timer, Clock.systemDefaultZone(), Locale.JAPANESE,
                    ZoneId.of("Asia/Tokyo"), sounds::incrementAndGet));
            stage = new Stage();
            Scene s = new Scene(console.root(), 1280, 800); // the demo's size, smaller than a clerk's desk
            stage.setScene(s);
            stage.show();
            return s;
        }).get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return scene;
    }

    private void logIn(String user, String password) {
        FxClicks.click(robot, "#login-username").write(user);
        FxClicks.click(robot, "#login-password").write(password).type(KeyCode.ENTER);
        waitFor("the main view after login", () -> !robot.lookup("#main-view").queryAll().isEmpty());
    }

    private static void waitFor(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            WaitForAsyncUtils.waitForFxEvents();
            try {
                if (WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get(10, TimeUnit.SECONDS)) {
                    return;
                }
                Thread.sleep(50);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private <T extends PresenceFrame.HqFrame> T boothReceives(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            PresenceFrame.HqFrame frame = boothFrames.poll(200, TimeUnit.MILLISECONDS);
            if (type.isInstance(frame)) {
                return type.cast(frame);
            }
        }
        throw new AssertionError("the booth did not receive a " + type.getSimpleName());
    }

    private String text(String query) {
        Node node = robot.lookup(query).query();
        return node instanceof Label label ? label.getText() : String.valueOf(node);
    }

    /** Whether the node is shown and wholly inside the window (not pushed off by the content above it). */
    private boolean onScreen(String query) {
        Node node = robot.lookup(query).query();
        try {
            return WaitForAsyncUtils.asyncFx(() -> {
                javafx.geometry.Bounds b = node.localToScene(node.getBoundsInLocal());
                Scene scene = node.getScene();
                return node.isVisible() && b.getMinX() >= 0 && b.getMinY() >= 0 && b.getMaxX() <= scene.getWidth()
                        && b.getMaxY() <= scene.getHeight();
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private boolean hasStyle(String query, String styleClass) {
        return robot.lookup(query).query().getStyleClass().contains(styleClass);
    }

    private CallTicket call(HqClient booth, String persona, String boothReference, boolean tamper, boolean priority,
            List<String> references) throws Exception {
        SubmissionReceipt receipt = booth.submitApplication(residents.juminhyo(persona, boothReference, tamper),
                HqClient.newIdempotencyKey());
        references.add(receipt.reference());
        return booth.requestCall(new CallRequest(residents.routing(), "juminhyo", priority, receipt.reference()));
    }

    @Test
    void aClerkAnswersChecksAndDecidesAndTheBoothHearsEachDecisionAtOnce() throws Exception {
        presence = hq.presence(new PresenceChannel.Listener() {
            @Override
            public void onFrame(PresenceFrame.HqFrame frame) {
                boothFrames.add(frame);
            }
        });
        Scene scene = openConsole();
        Shots.take(scene, "clerk-login-ja");
        logIn("demo", "madoguchi-demo");

        HqClient booth = hq.booth();
        List<String> references = new ArrayList<>();
        CallTicket valid = call(booth, "default", "B-0001", false, false, references);
        CallTicket tampered = call(booth, "default", "B-0002", true, false, references);
        CallTicket gaiji = call(booth, "gaiji", "B-0003", false, true, references);

        waitFor("three calls on the board", () -> robot.lookup("#queue-list").queryAs(ListView.class).getItems().size() == 3);
        assertTrue(sounds.get() >= 1, "a sound when calls arrive");
        Shots.take(scene, "clerk-queue-ja");

        // the 外字 resident asked for priority assistance: first on the board; answered by its own button
        FxClicks.click(robot, "#answer-" + gaiji.callId());
        waitFor("the application of the call", () -> !robot.lookup("#badges").queryAll().isEmpty());
        assertEquals(CallRole.CLERK, video.joinRequests().get(0).role(), "the clerk joins as moderator");
        video.knocking("booth-guest", "北部出張所");
        waitFor("the booth let in from the lobby", () -> video.admitted().equals(List.of("booth-guest")));
        video.peerJoins("北部出張所");
        assertTrue(hasStyle("#badge-gaiji", "badge-attention"), "substituted characters need the clerk's check");
        for (String control : List.of("#decision-accept", "#decision-correction", "#decision-reject",
                "#decision-message-input", "#call-mute", "#call-end", "#call-close", "#show-send")) {
            assertTrue(onScreen(control), control + " is on screen at 1280x800");
        }
        assertTrue(hasStyle("#badge-signature", "badge-passed"));
        assertTrue(hasStyle("#badge-card_data", "badge-passed"));
        Shots.take(scene, "clerk-call-gaiji-ja");
        FxClicks.click(robot, "#tab-form");
        waitFor("the printed form", () -> robot.lookup("#application-form-image").queryAs(ImageView.class).getImage() != null);
        Shots.take(scene, "clerk-call-form-ja");
        FxClicks.click(robot, "#tab-fields");

        FxClicks.click(robot, "#show-text").write("氏名の漢字をご確認ください。");
        FxClicks.click(robot, "#show-send");
        PresenceFrame.ClerkShows shown = boothReceives(PresenceFrame.ClerkShows.class);
        assertEquals("氏名の漢字をご確認ください。", shown.text());

        FxClicks.click(robot, "#decision-message-input").write("氏名の「𠮷」を窓口の画面でご確認のうえ、もう一度お申し込みください。");
        robot.type(KeyCode.F7);
        waitFor("the confirmation", () -> robot.lookup("#decision-confirm").query().isVisible());
        Shots.take(scene, "clerk-decision-confirm-ja");
        robot.type(KeyCode.ENTER);
        PresenceFrame.Decision correction = boothReceives(PresenceFrame.Decision.class);
        assertEquals(references.get(2), correction.reference());
        assertEquals(Outcome.CORRECTION_NEEDED, correction.outcome());
        assertTrue(correction.message().contains("𠮷"));
        waitFor("the decision shown as sent", () -> text("#decision-result").contains("送信しました"));
        robot.type(KeyCode.F12);
        assertEquals(1, video.endsForEveryone(), "F12 ends the call for both sides");
        robot.type(KeyCode.ESCAPE);
        waitFor("the console free again", () -> robot.lookup("#call-none").query().isVisible());

        // the tampered signature
        FxClicks.click(robot, "#answer-" + tampered.callId());
        waitFor("the tampered application", () -> !robot.lookup("#badge-signature").queryAll().isEmpty());
        assertTrue(hasStyle("#badge-signature", "badge-failed"), "a tampered signature fails its badge");
        assertTrue(text("#verification-overall").contains("不合格"));
        Shots.take(scene, "clerk-call-tampered-ja");
        robot.type(KeyCode.F8);
        waitFor("a message is asked for", () -> text("#decision-result").contains("メッセージが必要"));
        FxClicks.click(robot, "#decision-message-input").write("署名を確認できませんでした。窓口でもう一度お申し込みください。");
        robot.type(KeyCode.F8).type(KeyCode.ENTER);
        PresenceFrame.Decision rejection = boothReceives(PresenceFrame.Decision.class);
        assertEquals(references.get(1), rejection.reference());
        assertEquals(Outcome.REJECTED, rejection.outcome());
        waitFor("the decision shown as sent", () -> text("#decision-result").contains("送信しました"));
        robot.type(KeyCode.ESCAPE);
        waitFor("the console free again", () -> robot.lookup("#call-none").query().isVisible());

        // the valid one, answered with F2
        waitFor("one call left", () -> robot.lookup("#queue-list").queryAs(ListView.class).getItems().size() == 1);
        robot.type(KeyCode.F2);
        waitFor("the valid application", () -> !robot.lookup("#badge-signature").queryAll().isEmpty());
        assertTrue(Stream.of("#badge-signature", "#badge-chain", "#badge-revocation", "#badge-card_data", "#badge-gaiji")
                .allMatch(id -> robot.lookup(id).queryAll().isEmpty() || hasStyle(id, "badge-passed")
                        || hasStyle(id, "badge-indeterminate")), "nothing failed");
        assertFalse(hasStyle("#badge-signature", "badge-failed"));
        Shots.take(scene, "clerk-call-valid-ja");
        robot.type(KeyCode.F6).type(KeyCode.ENTER);
        PresenceFrame.Decision acceptance = boothReceives(PresenceFrame.Decision.class);
        assertEquals(references.get(0), acceptance.reference());
        assertEquals(Outcome.ACCEPTED, acceptance.outcome());
        waitFor("the decision shown as sent", () -> text("#decision-result").contains("送信しました"));
        robot.type(KeyCode.F4);
        waitFor("F4 mutes the clerk", () -> video.status().microphoneMuted());
        robot.type(KeyCode.ESCAPE);
        waitFor("the console free again", () -> robot.lookup("#call-none").query().isVisible());
        Shots.take(scene, "clerk-queue-empty-ja");

        // today's history, by part of a reference
        robot.type(KeyCode.F3);
        String part = references.get(1).substring(references.get(1).length() - 4);
        robot.write(part);
        waitFor("the history finds the rejected application",
                () -> robot.lookup("#history-table").queryAs(TableView.class).getItems().size() == 1);
        Shots.take(scene, "clerk-history-ja");

        FxClicks.click(robot, "#tab-admin");
        waitFor("the booths' health", () -> !robot.lookup("#admin-booths").queryAs(TableView.class).getItems().isEmpty());
        FxClicks.click(robot, "#admin-enrol-name").write("南部出張所 2番窓口");
        FxClicks.click(robot, "#admin-enrol-location").write("南部出張所 1階");
        FxClicks.click(robot, "#admin-enrol-create");
        waitFor("a one-time code", () -> text("#admin-enrol-result").startsWith("登録コード"));
        Shots.take(scene, "clerk-admin-ja");

        FxClicks.click(robot, "#logout");
        waitFor("the login screen", () -> !robot.lookup("#login-username").queryAll().isEmpty());
        assertFalse(console.loggedIn());
        assertTrue(robot.lookup("#application-view").queryAll().isEmpty(), "nothing personal stays on screen");

        // what the console and headquarters logged in this JVM (simplelogger.properties): reference numbers, never
        // the residents' names, addresses, birth dates or what the clerk typed for them
        Path log = Path.of("target", "clerk-console-test.log");
        String logged = Files.readString(log);
        assertTrue(logged.contains(references.get(0)), "the log is the one written during the journey");
        for (String persona : List.of("default", "gaiji")) {
            var p = jp.madoguchi.card.emulator.Personas.builtIn(persona);
            for (String secret : List.of(p.name(), p.address(), p.birthDate().toString(), p.name().split("　")[0])) {
                assertFalse(logged.contains(secret), "the log holds personal data of persona " + persona);
            }
        }
        for (String typed : List.of("氏名の漢字をご確認ください", "署名を確認できませんでした", "𠮷")) {
            assertFalse(logged.contains(typed), "the log holds a message for a resident");
        }
    }

    @Test
    void twoConsolesAnsweringAtOnceNeverGetTheSameCall() throws Exception {
        HqClerkService first = new HqClerkService(hq.clerkClient());
        HqClerkService second = new HqClerkService(hq.clerkClient());
        first.login("demo", "madoguchi-demo".toCharArray());
        second.login("demo2", "madoguchi-demo2".toCharArray());
        HqClient booth = hq.booth();
        java.util.Set<String> waiting = new java.util.HashSet<>();
        for (int i = 0; i < 12; i++) {
            waiting.add(booth.requestCall(new CallRequest(residents.routing(), "juminhyo", i % 3 == 0, null)).callId());
        }
        // both consoles press "answer next" as fast as they can until the queue is empty
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.Callable<List<String>> answering = () -> {
            HqClerkService me = start.await() == 0 ? first : second;
            List<String> mine = new ArrayList<>();
            while (true) {
                var call = me.answer(residents.routing(), null);
                if (call.isEmpty()) {
                    return mine;
                }
                mine.add(call.get().callId());
            }
        };
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            var a = two.submit(answering);
            var b = two.submit(answering);
            List<String> one = a.get(60, TimeUnit.SECONDS);
            List<String> other = b.get(60, TimeUnit.SECONDS);
            java.util.Set<String> all = new java.util.HashSet<>(one);
            all.addAll(other);
            assertEquals(one.size() + other.size(), all.size(), "no call went to both consoles");
            assertTrue(all.containsAll(waiting), "every call was answered by one of them");

            // both choose the same call on their boards at the same moment: one gets it, the other is told
            String chosen = booth.requestCall(new CallRequest(residents.routing(), "juminhyo", false, null)).callId();
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.Callable<String> choose = () -> {
                HqClerkService me = together.await() == 0 ? first : second;
                try {
                    return me.answer(residents.routing(), chosen).map(c -> "got " + c.callId()).orElse("empty");
                } catch (jp.madoguchi.hqlink.client.HqRejectedException e) {
                    return e.errorCode();
                }
            };
            var x = two.submit(choose);
            var y = two.submit(choose);
            List<String> outcomes = new ArrayList<>(List.of(x.get(30, TimeUnit.SECONDS), y.get(30, TimeUnit.SECONDS)));
            java.util.Collections.sort(outcomes);
            assertEquals(List.of("already_taken", "got " + chosen), outcomes);
        } finally {
            two.shutdownNow();
            first.logout();
            second.logout();
        }
    }

}
