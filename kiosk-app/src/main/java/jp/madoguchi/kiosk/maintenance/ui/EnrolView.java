package jp.madoguchi.kiosk.maintenance.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;

/** "Enrol this booth": the current enrolment, the URL, code, CA file and name fields, "replace", the button, the outcome. */
final class EnrolView extends VBox {
    EnrolView(EnrolViewModel vm, MaintenanceText text) {
        getStyleClass().add("section");
        setId("maintenance-enrol");
        setAlignment(Pos.TOP_LEFT);
        Label title = new Label(text.text("maint.menu.enrol"));
        title.getStyleClass().add("title");
        Label explain = new Label(text.text("maint.enrol.explain"));
        explain.setWrapText(true);
        explain.getStyleClass().add("muted");
        Label current = new Label();
        current.setId("maintenance-enrol-current");
        current.getStyleClass().add("message");
        current.textProperty().bind(vm.currentProperty());
        current.accessibleTextProperty().bind(vm.currentProperty());

        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setPercentWidth(30);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
        field(grid, 0, text.text("maint.enrol.server"), "maintenance-enrol-server", vm.serverProperty());
        field(grid, 1, text.text("maint.enrol.code"), "maintenance-enrol-code", vm.codeProperty());
        field(grid, 2, text.text("maint.enrol.ca"), "maintenance-enrol-ca", vm.caFileProperty());
        field(grid, 3, text.text("maint.enrol.name"), "maintenance-enrol-name", vm.nameProperty());

        CheckBox replace = new CheckBox(text.text("maint.enrol.replace"));
        replace.setId("maintenance-enrol-replace");
        replace.setWrapText(true);
        replace.setAccessibleText(text.text("maint.enrol.replace"));
        replace.selectedProperty().bindBidirectional(vm.replaceProperty());
        replace.visibleProperty().bind(vm.enrolledProperty());
        replace.managedProperty().bind(vm.enrolledProperty());

        Button submit = new Button(text.text("maint.enrol.submit"));
        submit.setId("maintenance-enrol-submit");
        submit.setAccessibleText(text.text("maint.enrol.submit"));
        submit.disableProperty().bind(vm.runningProperty());
        submit.setOnAction(e -> vm.enrol());

        Label message = new Label();
        message.setId("maintenance-enrol-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.accessibleTextProperty().bind(vm.messageProperty());
        message.managedProperty().bind(vm.messageProperty().isNotEmpty());
        vm.succeededProperty().addListener((obs, was, now) -> {
            message.getStyleClass().removeAll("error-text");
            if (!now && !vm.runningProperty().get()) {
                message.getStyleClass().add("error-text");
            }
        });
        vm.runningProperty().addListener((obs, was, now) -> {
            message.getStyleClass().removeAll("error-text");
            if (!now && !vm.succeededProperty().get()) {
                message.getStyleClass().add("error-text");
            }
        });
        setSpacing(12);
        getChildren().addAll(title, explain, current, grid, replace, submit, message);
    }

    private static void field(GridPane grid, int row, String label, String id,
                              javafx.beans.property.StringProperty value) {
        Label name = new Label(label);
        name.setWrapText(true);
        TextField field = new TextField();
        field.setId(id);
        field.setAccessibleText(label);
        field.setMaxWidth(Double.MAX_VALUE);
        field.textProperty().bindBidirectional(value);
        name.setLabelFor(field);
        grid.add(name, 0, row);
        grid.add((Control) field, 1, row);
    }
}
