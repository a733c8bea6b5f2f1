package jp.madoguchi.kiosk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import jp.madoguchi.kiosk.app.demo.DemoCardReader;
import jp.madoguchi.kiosk.app.demo.DemoPanelView;
import jp.madoguchi.kiosk.card.CardSlotEvent;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.store.BoothKey;
import jp.madoguchi.kiosk.store.BoothStore;
import jp.madoguchi.kiosk.store.SettingKey;
import jp.madoguchi.video.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The launcher's demo composition with test parts (the real journey, link and screens are plugged in by
 * BoothAssembly): it starts the store, the demo reader, the parts, the stage and the demo panel, the panel's card
 * reaches the journey's card slot, and stopping closes every part and leaves no thread behind.
 */
class BoothLauncherTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path authority; // one test authority for the class: making one takes a few seconds

    @TempDir
    Path temp;

    private final PlaceholderParts parts = new PlaceholderParts();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintWriter err = new PrintWriter(errBytes, true, StandardCharsets.UTF_8);
    private BoothLauncher launcher;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() {
        if (launcher != null) {
            launcher.stop();
        }
    }

    @Test
    void theDemoBoothStartsShowsItsPanelAndStopsLeavingNoThreadBehind() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        launcher = new BoothLauncher(options(true, BoothOptions.Display.WINDOWED), directory(), parts, err);
        assertTrue(launcher.start(), errBytes.toString(StandardCharsets.UTF_8));

        // the booth's stage shows the screens' scene, windowed
        Stage stage = launcher.stage();
        assertTrue(stage.isShowing());
        assertFalse(stage.isFullScreen());
        assertEquals("Madoguchi booth (demo)", stage.getTitle());
        FxRobot robot = new FxRobot();
        assertEquals(PlaceholderParts.ATTRACT_TEXT, robot.lookup("#placeholder-attract").queryAs(Label.class).getText());

        // the parts were made in order and the link started after the journey existed
        PlaceholderParts.PlaceholderLink link = parts.links.get(0);
        PlaceholderParts.PlaceholderJourney journey = parts.journeys.get(0);
        assertTrue(link.started.get());
        BoothContext context = launcher.booth().context();
        assertTrue(context.cards().isEmulated());
        assertEquals(Optional.of(DemoCardReader.READER_NAME), context.cards().readerName());
        assertEquals(BoothLanguage.ENGLISH, context.language());

        // the demo panel's insert reaches the card slot the journey watches
        Poll.until(WAIT, () -> launcher.demoPanel().isPresent(), () -> "no demo panel");
        DemoPanelView panel = launcher.demoPanel().orElseThrow();
        assertTrue(panel.stage().isShowing());
        robot.clickOn(robot.from(panel.stage().getScene().getRoot()).lookup("#" + DemoPanelView.ID_INSERT)
                .queryButton());
        Poll.until(WAIT, () -> journey.cardEvents.stream().anyMatch(e -> e.kind() == CardSlotEvent.Kind.PIN_TRIES_READ),
                journey.cardEvents::toString);

        launcher.stop();
        assertTrue(launcher.awaitStop(30));
        assertTrue(journey.closed.get());
        assertTrue(link.closed.get());
        assertTrue(parts.screensClosed.get());
        assertFalse(fx(stage::isShowing));
        assertFalse(fx(() -> panel.stage().isShowing()));
        assertEquals(List.of(), context.demo().orElseThrow().terminals().readerNames(), "the demo reader is unplugged");
        Poll.until(WAIT, () -> newThreads(before).isEmpty(), () -> "threads left running: " + newThreads(before));
        // the store was closed: another booth process could open it now
        try (BoothKey key = BoothKey.load(temp.resolve("data/booth.key"));
             BoothStore store = BoothStore.open(temp.resolve("data/booth.db"), key)) {
            assertEquals("ja", store.settings().get(SettingKey.LANGUAGE_DEFAULT));
        }
    }

    @Test
    void aPartThatCannotStartIsNamedAndWhatWasOpenedIsClosed() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        PlaceholderParts failing = new PlaceholderParts() {
            @Override
            public jp.madoguchi.kiosk.journey.Journey journey(BoothContext context,
                    jp.madoguchi.kiosk.hq.HeadquartersLink headquarters) {
                throw new IllegalStateException("no forms catalogue");
            }
        };
        launcher = new BoothLauncher(options(true, BoothOptions.Display.WINDOWED), directory(), failing, err);
        assertFalse(launcher.start());
        String said = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("kiosk-app: cannot start the journey: no forms catalogue"), said);
        assertTrue(said.contains(temp.resolve("data").resolve("logs").resolve("booth.log").toString()), said);
        assertTrue(failing.links.get(0).closed.get(), "the link made before the journey is closed again");
        assertTrue(launcher.awaitStop(30));
        Poll.until(WAIT, () -> newThreads(before).isEmpty(), () -> "threads left running: " + newThreads(before));
    }

    @Test
    void aBoothInServiceIsFullScreenAndHasNoDemoPanel() throws Exception {
        launcher = new BoothLauncher(options(false, BoothOptions.Display.KIOSK), directory(), parts, err);
        assertTrue(launcher.start(), errBytes.toString(StandardCharsets.UTF_8));
        assertTrue(fx(() -> launcher.stage().isFullScreen()));
        assertEquals(javafx.stage.StageStyle.UNDECORATED, launcher.stage().getStyle());
        assertEquals(Optional.empty(), launcher.demoPanel());
        assertFalse(launcher.booth().context().cards().isEmulated());
        assertEquals("https://127.0.0.1:8443", launcher.booth().context().headquartersUrl().toString(),
                "without --hq-url, the hq.url setting");
    }

    @Test
    void closingTheWindowStopsTheBooth() throws Exception {
        launcher = new BoothLauncher(options(true, BoothOptions.Display.WINDOWED), directory(), parts, err);
        assertTrue(launcher.start(), errBytes.toString(StandardCharsets.UTF_8));
        fx(() -> {
            launcher.stage().hide();
            return null;
        });
        assertTrue(launcher.awaitStop(30), "the booth stops when its window closes");
        assertTrue(parts.journeys.get(0).closed.get());
    }

    private BoothOptions options(boolean demo, BoothOptions.Display display) {
        return new BoothOptions(demo, temp.resolve("data"), Optional.empty(), Optional.empty(), Optional.empty(),
                display, demo ? Optional.of(BoothLanguage.ENGLISH) : Optional.empty(), authority, "default", false);
    }

    private BoothDataDirectory directory() throws Exception {
        return BoothDataDirectory.prepare(temp.resolve("data"));
    }

    /**
     * Threads started since {@code before} that are still alive. A library's JVM-wide {@code java.lang.ref.Cleaner}
     * ("Cleaner-N", made once on first use by a static field, not per booth) is not the booth's to stop.
     */
    private static Set<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .filter(thread -> !thread.getName().matches("Cleaner-\\d+"))
                .map(Thread::getName)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static <T> T fx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        return result.get(30, TimeUnit.SECONDS);
    }
}
