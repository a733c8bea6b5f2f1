package jp.madoguchi.kiosk.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.emulator.inprocess.EmulatedTerminals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo panel's behaviour without a screen: same-thread executors, the real in-process reader. */
class DemoPanelViewModelTest {
    private final EmulatedTerminals terminals = new EmulatedTerminals();
    private final DemoCardReader reader = new DemoCardReader(terminals, TestAuthority.shared());
    private final List<Runnable> queuedWork = new ArrayList<>();

    @AfterEach
    void close() {
        reader.close();
    }

    @Test
    void insertPutsTheChosenPersonasCardInAndRemoveTakesItOut() {
        DemoPanelViewModel model = new DemoPanelViewModel(reader, Runnable::run, Runnable::run, "gaiji");
        assertEquals("gaiji", model.selectedProperty().get().id());
        assertEquals(DemoPanelViewModel.CardState.EMPTY, model.stateProperty().get());
        assertTrue(model.canInsertProperty().get());
        assertFalse(model.canRemoveProperty().get());

        model.insertCard();
        assertTrue(terminals.isCardPresent(DemoCardReader.READER_NAME));
        assertEquals(DemoPanelViewModel.CardState.INSERTED, model.stateProperty().get());
        assertEquals("gaiji", model.insertedPersonaProperty().get());
        assertFalse(model.canInsertProperty().get());
        assertFalse(model.canChoosePersonaProperty().get(), "the persona is the card in the reader");
        assertTrue(model.canRemoveProperty().get());

        model.removeCard();
        assertFalse(terminals.isCardPresent(DemoCardReader.READER_NAME));
        assertEquals(DemoPanelViewModel.CardState.EMPTY, model.stateProperty().get());
        assertNull(model.insertedPersonaProperty().get());
        assertTrue(model.canChoosePersonaProperty().get());
    }

    @Test
    void whileTheCardIsBeingIssuedTheButtonsWait() {
        DemoPanelViewModel model = new DemoPanelViewModel(reader, queuedWork::add, Runnable::run, "default");
        model.insertCard();
        assertEquals(DemoPanelViewModel.CardState.INSERTING, model.stateProperty().get());
        assertTrue(model.busyProperty().get());
        assertFalse(model.canInsertProperty().get());
        assertFalse(model.canRemoveProperty().get());
        model.insertCard(); // a double tap
        assertEquals(1, queuedWork.size(), "a second tap while busy does nothing");
        queuedWork.remove(0).run();
        assertEquals(DemoPanelViewModel.CardState.INSERTED, model.stateProperty().get());
        assertFalse(model.busyProperty().get());
    }

    @Test
    void aCardThatCannotGoInIsReported() {
        DemoPanelViewModel model = new DemoPanelViewModel(reader, Runnable::run, Runnable::run, "default");
        reader.insert("gaiji"); // someone else filled the reader meanwhile
        model.insertCard();
        assertEquals(DemoPanelViewModel.CardState.FAILED, model.stateProperty().get());
        assertFalse(model.busyProperty().get());
    }

    @Test
    void aPanelOpenedOverAFullReaderShowsTheCardInIt() {
        reader.insert("long-address");
        DemoPanelViewModel model = new DemoPanelViewModel(reader, Runnable::run, Runnable::run, "default");
        assertEquals(DemoPanelViewModel.CardState.INSERTED, model.stateProperty().get());
        assertEquals("long-address", model.insertedPersonaProperty().get());
        assertTrue(model.canRemoveProperty().get());
    }

    @Test
    void anUnknownInitialPersonaSelectsTheFirst() {
        DemoPanelViewModel model = new DemoPanelViewModel(reader, Runnable::run, Runnable::run, "nobody");
        assertEquals("default", model.selectedProperty().get().id());
    }
}
