package jp.madoguchi.kiosk.maintenance.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;
import jp.madoguchi.kiosk.store.SettingType;

/** The settings: one line per setting with its field and a save button; a refused value's reason shows below. */
final class SettingsView extends VBox {
    SettingsView(SettingsViewModel vm, MaintenanceText text) {
        getStyleClass().add("section");
        setId("maintenance-settings");
        Label title = new Label(text.text("maint.menu.settings"));
        title.getStyleClass().add("title");
        Label message = new Label();
        message.setId("maintenance-settings-message");
        message.textProperty().bind(vm.messageProperty());
        message.accessibleTextProperty().bind(vm.messageProperty());
        message.managedProperty().bind(vm.messageProperty().isNotEmpty());

        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(4);
        ColumnConstraints name = new ColumnConstraints();
        name.setPercentWidth(32);
        ColumnConstraints field = new ColumnConstraints();
        field.setHgrow(Priority.ALWAYS);
        ColumnConstraints save = new ColumnConstraints();
        save.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.getColumnConstraints().addAll(name, field, save);
        int r = 0;
        for (SettingRow row : vm.rows()) {
            String id = "maintenance-setting-" + row.key().key().replace('.', '-').replace('_', '-');
            Label label = new Label(row.label());
            label.setWrapText(true);
            Control input = input(row, id);
            input.setAccessibleText(row.label());
            label.setLabelFor(input);
            Button saveButton = new Button(text.text("maint.settings.save"));
            saveButton.setId(id + "-save");
            saveButton.setAccessibleText(text.text("maint.settings.save") + ": " + row.label());
            saveButton.setOnAction(e -> vm.save(row));
            Label error = new Label();
            error.setId(id + "-error");
            error.getStyleClass().add("error-text");
            error.setWrapText(true);
            error.textProperty().bind(row.errorProperty());
            error.accessibleTextProperty().bind(row.errorProperty());
            error.managedProperty().bind(row.errorProperty().isNotEmpty());
            error.visibleProperty().bind(row.errorProperty().isNotEmpty());
            grid.add(label, 0, r);
            grid.add(input, 1, r);
            grid.add(saveButton, 2, r);
            grid.add(error, 1, r + 1, 2, 1);
            GridPane.setValignment(label, javafx.geometry.VPos.CENTER);
            r += 2;
        }
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        setAlignment(Pos.TOP_LEFT);
        getChildren().addAll(title, message, scroll);
    }

    private static Control input(SettingRow row, String id) {
        if (row.key().type() == SettingType.BOOLEAN) {
            CheckBox box = new CheckBox();
            box.setId(id);
            box.setSelected(Boolean.parseBoolean(row.valueProperty().get()));
            row.valueProperty().addListener((obs, old, now) -> box.setSelected(Boolean.parseBoolean(now)));
            box.selectedProperty().addListener((obs, old, now) -> row.valueProperty().set(Boolean.toString(now)));
            return box;
        }
        if (row.key() == jp.madoguchi.kiosk.store.SettingKey.LANGUAGE_DEFAULT) {
            ComboBox<String> choice = new ComboBox<>();
            choice.setId(id);
            choice.getItems().addAll("ja", "ja-easy", "en", "zh", "ko", "vi", "pt");
            choice.valueProperty().bindBidirectional(row.valueProperty());
            return choice;
        }
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(row.valueProperty());
        field.setMaxWidth(Double.MAX_VALUE);
        return field;
    }
}
