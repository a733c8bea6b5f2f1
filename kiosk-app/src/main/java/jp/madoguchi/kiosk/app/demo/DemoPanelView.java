package jp.madoguchi.kiosk.app.demo;

import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;

/**
 * The demo panel: a small, undecorated, always-on-top window in the top right corner of the screen, clearly
 * marked DEMO, outside the resident's screens. It chooses a persona, shows that persona's (synthetic) PIN and
 * signature password, and inserts or removes its card. Thin: everything it shows is bound to
 * {@link DemoPanelViewModel}.
 *
 * <p>FX thread only.
 */
public final class DemoPanelView {
    /** Node ids, for tests and for anyone styling the panel. */
    public static final String ID_PERSONA = "demo-persona";
    public static final String ID_SECRETS = "demo-secrets";
    public static final String ID_INSERT = "demo-insert";
    public static final String ID_REMOVE = "demo-remove";
    public static final String ID_STATUS = "demo-status";
    public static final String ID_BADGE = "demo-badge";

    private static final double MARGIN = 12;
    private static final double WIDTH = 340;

    private final Stage stage;

    private DemoPanelView(Stage stage) {
        this.stage = stage;
    }

    /**
     * Builds the panel and shows it in the top right corner of the screen {@code owner} is on (the primary
     * screen when owner is null). The panel has no owner window of its own, so it stays up when the booth's
     * window is full screen.
     */
    public static DemoPanelView show(DemoPanelViewModel model, DemoText text, Window owner) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(text, "text");
        Stage stage = new Stage(StageStyle.UNDECORATED);
        stage.setTitle(text.text(DemoKey.BADGE) + " \u2014 " + text.text(DemoKey.TITLE));
        stage.setAlwaysOnTop(true);
        stage.setResizable(false);
        stage.setScene(new Scene(content(model, text)));
        stage.sizeToScene();
        Rectangle2D bounds = screenOf(owner).getVisualBounds();
        Rectangle2D booth = owner == null || Double.isNaN(owner.getX()) || owner instanceof Stage s && s.isFullScreen()
                ? null : new Rectangle2D(owner.getX(), owner.getY(), owner.getWidth(), owner.getHeight());
        javafx.geometry.Point2D at = placement(bounds, booth);
        stage.setX(at.getX());
        stage.setY(at.getY());
        stage.show();
        return new DemoPanelView(stage);
    }

    /**
     * Where the panel goes: beside a windowed booth (right of it, else left of it) when the screen has room, so that
     * it covers none of the booth's screen; else in the screen's top right corner (over a full-screen booth, as
     * there is nowhere else).
     *
     * @param booth the booth's window, or null when it is full screen or not placed yet
     */
    static javafx.geometry.Point2D placement(Rectangle2D screen, Rectangle2D booth) {
        double needed = WIDTH + 2 * MARGIN;
        if (booth != null && screen.getMaxX() - booth.getMaxX() >= needed) {
            return new javafx.geometry.Point2D(booth.getMaxX() + MARGIN, Math.max(screen.getMinY(), booth.getMinY()));
        }
        if (booth != null && booth.getMinX() - screen.getMinX() >= needed) {
            return new javafx.geometry.Point2D(booth.getMinX() - WIDTH - MARGIN,
                    Math.max(screen.getMinY(), booth.getMinY()));
        }
        return new javafx.geometry.Point2D(screen.getMaxX() - WIDTH - MARGIN, screen.getMinY() + MARGIN);
    }

    private static Screen screenOf(Window owner) {
        if (owner == null || Double.isNaN(owner.getX())) {
            return Screen.getPrimary();
        }
        return Screen.getScreensForRectangle(owner.getX(), owner.getY(), 1, 1).stream().findFirst()
                .orElse(Screen.getPrimary());
    }

    static VBox content(DemoPanelViewModel model, DemoText text) {
        Label badge = new Label(text.text(DemoKey.BADGE));
        badge.setId(ID_BADGE);
        badge.setStyle("-fx-background-color: #b00020; -fx-text-fill: white; -fx-font-weight: bold;"
                + " -fx-font-size: 1.4em; -fx-padding: 2 10 2 10; -fx-background-radius: 4;");
        Label title = new Label(text.text(DemoKey.TITLE));
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 1.2em;");
        HBox header = new HBox(10, badge, title);
        header.setAlignment(Pos.CENTER_LEFT);

        Label personaLabel = new Label(text.text(DemoKey.PERSONA));
        ComboBox<DemoPersona> persona = new ComboBox<>(model.personas());
        persona.setId(ID_PERSONA);
        persona.setMaxWidth(Double.MAX_VALUE);
        persona.setCellFactory(list -> new PersonaCell());
        persona.setButtonCell(new PersonaCell());
        persona.valueProperty().bindBidirectional(model.selectedProperty());
        persona.disableProperty().bind(model.canChoosePersonaProperty().not());
        personaLabel.setLabelFor(persona);
        persona.setAccessibleText(text.text(DemoKey.PERSONA));

        Label secrets = new Label();
        secrets.setId(ID_SECRETS);
        secrets.setStyle("-fx-font-family: monospace; -fx-font-size: 1.1em;");
        secrets.textProperty().bind(Bindings.createStringBinding(() -> {
            DemoPersona chosen = model.selectedProperty().get();
            return chosen == null ? "" : text.text(DemoKey.SECRETS, chosen.pinsShown(), chosen.signaturePassword());
        }, model.selectedProperty()));

        Button insert = new Button(text.text(DemoKey.INSERT));
        insert.setId(ID_INSERT);
        insert.setAccessibleText(text.text(DemoKey.INSERT));
        insert.disableProperty().bind(model.canInsertProperty().not());
        insert.setOnAction(event -> model.insertCard());
        Button remove = new Button(text.text(DemoKey.REMOVE));
        remove.setId(ID_REMOVE);
        remove.setAccessibleText(text.text(DemoKey.REMOVE));
        remove.disableProperty().bind(model.canRemoveProperty().not());
        remove.setOnAction(event -> model.removeCard());
        HBox buttons = new HBox(8, insert, remove);

        Label status = new Label();
        status.setId(ID_STATUS);
        status.setWrapText(true);
        status.textProperty().bind(Bindings.createStringBinding(() -> {
            DemoPanelViewModel.CardState state = model.stateProperty().get();
            return state == DemoPanelViewModel.CardState.INSERTED
                    ? text.text(state.key(), model.insertedPersonaProperty().get())
                    : text.text(state.key());
        }, model.stateProperty(), model.insertedPersonaProperty()));
        status.accessibleTextProperty().bind(status.textProperty());

        Label note = new Label(text.text(DemoKey.NOTE));
        note.setWrapText(true);
        note.setStyle("-fx-font-size: 0.85em; -fx-text-fill: #444444;");

        VBox root = new VBox(8, header, personaLabel, persona, secrets, buttons, status, note);
        root.setPadding(new Insets(12));
        root.setPrefWidth(WIDTH);
        root.setStyle("-fx-background-color: #fff8e1; -fx-border-color: #b00020; -fx-border-width: 3;");
        return root;
    }

    public Stage stage() {
        return stage;
    }

    /** Hides the panel. */
    public void close() {
        stage.hide();
    }

    /** Shows a persona as "id — description". */
    private static final class PersonaCell extends ListCell<DemoPersona> {
        @Override
        protected void updateItem(DemoPersona item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null
                    : item.description().isBlank() ? item.id() : item.id() + " \u2014 " + item.description());
        }
    }
}
