package jp.madoguchi.kiosk.app.demo;

import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo panel's state and commands (MVVM: the view binds to these properties and calls these methods; this
 * class touches no control). Inserting a card runs on the worker executor (the first insertion of a persona
 * issues its card, which takes a moment); the result comes back through the FX executor.
 *
 * <p>Confined to the FX thread (the thread of {@code fxExecutor}): call its methods there.
 */
public final class DemoPanelViewModel {
    private static final Logger log = LoggerFactory.getLogger(DemoPanelViewModel.class);

    /** What the panel says about the reader. */
    public enum CardState {
        EMPTY(DemoKey.STATUS_EMPTY),
        INSERTING(DemoKey.STATUS_INSERTING),
        INSERTED(DemoKey.STATUS_INSERTED),
        FAILED(DemoKey.STATUS_FAILED);

        private final DemoKey key;

        CardState(DemoKey key) {
            this.key = key;
        }

        public DemoKey key() {
            return key;
        }
    }

    private final DemoCardReader reader;
    private final Executor worker;
    private final Executor fxExecutor;
    private final ObservableList<DemoPersona> personas;
    private final ObjectProperty<DemoPersona> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<CardState> state = new ReadOnlyObjectWrapper<>(this, "state", CardState.EMPTY);
    private final ReadOnlyObjectWrapper<String> insertedPersona = new ReadOnlyObjectWrapper<>(this, "insertedPersona");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final BooleanBinding canInsert;
    private final BooleanBinding canRemove;
    private final BooleanBinding canChoosePersona;

    /**
     * @param reader the demo reader
     * @param worker where cards are issued and inserted (a single worker thread)
     * @param fxExecutor the FX thread ({@code Platform::runLater}; a same-thread executor in tests)
     * @param initialPersona the persona selected at first (unknown ids select the first persona)
     */
    public DemoPanelViewModel(DemoCardReader reader, Executor worker, Executor fxExecutor, String initialPersona) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.fxExecutor = Objects.requireNonNull(fxExecutor, "fxExecutor");
        this.personas = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(reader.personas()));
        selected.set(reader.persona(initialPersona).orElse(personas.get(0)));
        reader.insertedPersona().ifPresent(id -> {
            insertedPersona.set(id);
            state.set(CardState.INSERTED);
        });
        canInsert = Bindings.createBooleanBinding(() -> !busy.get() && state.get() != CardState.INSERTED
                && selected.get() != null, busy, state, selected);
        canRemove = Bindings.createBooleanBinding(() -> !busy.get() && state.get() == CardState.INSERTED, busy, state);
        // the persona is the card in the reader while one is in it: choose another after removing it
        canChoosePersona = canInsert;
    }

    public ObservableList<DemoPersona> personas() {
        return personas;
    }

    /** The persona whose card "insert" puts in the reader, and whose PIN and password the panel shows. */
    public ObjectProperty<DemoPersona> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<CardState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The id of the persona whose card is in the reader; null when none. */
    public ReadOnlyObjectProperty<String> insertedPersonaProperty() {
        return insertedPersona.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public BooleanBinding canInsertProperty() {
        return canInsert;
    }

    public BooleanBinding canRemoveProperty() {
        return canRemove;
    }

    public BooleanBinding canChoosePersonaProperty() {
        return canChoosePersona;
    }

    /** Puts the selected persona's card into the demo reader. */
    public void insertCard() {
        if (!canInsert.get()) {
            return;
        }
        DemoPersona persona = selected.get();
        busy.set(true);
        state.set(CardState.INSERTING);
        worker.execute(() -> {
            boolean inserted;
            try {
                reader.insert(persona.id());
                inserted = true;
            } catch (RuntimeException e) {
                log.warn("the demo card ({}) could not be inserted: {}", persona.id(), e.toString());
                inserted = false;
            }
            boolean done = inserted;
            fxExecutor.execute(() -> {
                busy.set(false);
                insertedPersona.set(done ? persona.id() : null);
                state.set(done ? CardState.INSERTED : CardState.FAILED);
            });
        });
    }

    /** Takes the card out of the demo reader. */
    public void removeCard() {
        if (!canRemove.get()) {
            return;
        }
        busy.set(true);
        worker.execute(() -> {
            try {
                reader.remove();
            } catch (RuntimeException e) {
                log.warn("the demo card could not be removed: {}", e.toString());
            }
            fxExecutor.execute(() -> {
                busy.set(false);
                boolean stillIn = reader.cardPresent();
                insertedPersona.set(stillIn ? insertedPersona.get() : null);
                state.set(stillIn ? CardState.INSERTED : CardState.EMPTY);
            });
        });
    }
}
