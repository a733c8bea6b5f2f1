package jp.madoguchi.kiosk.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.emulator.inprocess.EmulatedTerminals;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.video.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The demo panel on a (headless) screen: a click on "insert" puts the card in the reader the booth watches. */
class DemoPanelViewTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final EmulatedTerminals terminals = new EmulatedTerminals();
    private final DemoCardReader reader = new DemoCardReader(terminals, TestAuthority.shared());
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final FxRobot robot = new FxRobot();
    private DemoPanelView view;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void showPanel() throws Exception {
        view = fx(() -> DemoPanelView.show(new DemoPanelViewModel(reader, worker, Platform::runLater, "default"),
                DemoText.of(BoothLanguage.ENGLISH), null));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void closePanel() throws Exception {
        fx(() -> {
            view.close();
            return null;
        });
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
        reader.close();
    }

    @Test
    void clearlyMarkedDemoAlwaysOnTopAndOutsideTheBoothsWindow() {
        assertEquals("DEMO", label(DemoPanelView.ID_BADGE).getText());
        assertTrue(view.stage().isAlwaysOnTop());
        assertTrue(view.stage().isShowing());
        assertEquals(javafx.stage.StageStyle.UNDECORATED, view.stage().getStyle());
    }

    @Test
    void showsTheChosenPersonasPinAndPassword() throws Exception {
        assertEquals("PIN 1234 \u00b7 signature password ABC123", label(DemoPanelView.ID_SECRETS).getText());
        ComboBox<DemoPersona> persona = robot.lookup("#" + DemoPanelView.ID_PERSONA).queryComboBox();
        DemoPersona other = reader.persona("long-address").orElseThrow();
        fx(() -> {
            persona.getSelectionModel().select(other);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("PIN " + other.pinsShown() + " \u00b7 signature password " + other.signaturePassword(),
                label(DemoPanelView.ID_SECRETS).getText());
    }

    @Test
    void insertAndRemoveButtonsPutTheCardInAndTakeItOut() {
        Button insert = robot.lookup("#" + DemoPanelView.ID_INSERT).queryButton();
        Button remove = robot.lookup("#" + DemoPanelView.ID_REMOVE).queryButton();
        assertTrue(remove.isDisabled());
        assertEquals("No card in the reader", label(DemoPanelView.ID_STATUS).getText());

        robot.clickOn(insert);
        Poll.until(WAIT, () -> terminals.isCardPresent(DemoCardReader.READER_NAME), () -> "no card in the reader");
        Poll.until(WAIT, () -> "Card in the reader: default".equals(label(DemoPanelView.ID_STATUS).getText()),
                () -> label(DemoPanelView.ID_STATUS).getText());
        assertTrue(insert.isDisabled(), "no second card into a full reader");
        assertFalse(remove.isDisabled());

        robot.clickOn(remove);
        Poll.until(WAIT, () -> !terminals.isCardPresent(DemoCardReader.READER_NAME), () -> "the card is still in");
        Poll.until(WAIT, () -> "No card in the reader".equals(label(DemoPanelView.ID_STATUS).getText()),
                () -> label(DemoPanelView.ID_STATUS).getText());
        assertFalse(insert.isDisabled());
    }

    private Label label(String id) {
        return robot.lookup("#" + id).queryAs(Label.class);
    }

    private static <T> T fx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception | AssertionError e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }
}
