package jp.madoguchi.kiosk.maintenance.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import jp.madoguchi.kiosk.maintenance.CheckStatus;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;

/** The diagnostics: one card per check with a coloured status word, the short message, the detail and the time. */
final class DiagnosticsView extends VBox {
    DiagnosticsView(DiagnosticsViewModel vm, MaintenanceText text) {
        getStyleClass().add("section");
        setId("maintenance-diagnostics");
        Label title = new Label(text.text("maint.menu.diagnostics"));
        title.getStyleClass().add("title");
        Label summary = new Label();
        summary.setId("maintenance-diag-summary");
        summary.getStyleClass().add("message");
        summary.textProperty().bind(vm.summaryProperty());
        summary.accessibleTextProperty().bind(vm.summaryProperty());
        summary.setWrapText(true);
        Button again = new Button(text.text("maint.diag.run"));
        again.setId("maintenance-diag-run");
        again.setAccessibleText(text.text("maint.diag.run"));
        again.disableProperty().bind(vm.runningProperty());
        again.setOnAction(e -> vm.runAll());
        HBox head = new HBox(16, summary, again);
        head.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(summary, Priority.ALWAYS);
        summary.setMaxWidth(Double.MAX_VALUE);

        VBox list = new VBox(6);
        for (int i = 0; i < vm.rows().size(); i++) {
            list.getChildren().add(row(vm.rows().get(i), i));
        }
        ScrollPane scroll = new ScrollPane(list);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(title, head, scroll);
    }

    private static GridPane row(CheckRow row, int index) {
        GridPane grid = new GridPane();
        grid.setId("maintenance-check-" + index);
        grid.getStyleClass().add("check-row");
        grid.setHgap(14);
        grid.setVgap(2);
        ColumnConstraints status = new ColumnConstraints();
        status.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints name = new ColumnConstraints();
        name.setPercentWidth(26);
        ColumnConstraints body = new ColumnConstraints();
        body.setHgrow(Priority.ALWAYS);
        ColumnConstraints time = new ColumnConstraints();
        time.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.getColumnConstraints().addAll(status, name, body, time);

        Label state = new Label();
        state.setId("maintenance-check-" + index + "-status");
        state.getStyleClass().add("status");
        state.textProperty().bind(row.stateTextProperty());
        row.statusProperty().addListener((obs, old, now) -> styleStatus(state, now));
        styleStatus(state, row.statusProperty().get());
        Label title = new Label();
        title.textProperty().bind(row.titleProperty());
        title.setWrapText(true);
        title.getStyleClass().add("check-title");
        Label message = new Label();
        message.setId("maintenance-check-" + index + "-message");
        message.textProperty().bind(row.messageProperty());
        message.setWrapText(true);
        message.getStyleClass().add("check-message");
        Label detail = new Label();
        detail.textProperty().bind(row.detailProperty());
        detail.getStyleClass().add("muted");
        detail.setWrapText(true);
        detail.managedProperty().bind(row.detailProperty().isNotEmpty());
        detail.visibleProperty().bind(row.detailProperty().isNotEmpty());
        Label duration = new Label();
        duration.textProperty().bind(row.durationProperty());
        duration.getStyleClass().add("muted");
        grid.accessibleTextProperty().bind(row.titleProperty().concat(": ").concat(row.stateTextProperty())
                .concat(". ").concat(row.messageProperty()));
        grid.add(state, 0, 0, 1, 2);
        grid.add(title, 1, 0, 1, 2);
        grid.add(message, 2, 0);
        grid.add(detail, 2, 1);
        grid.add(duration, 3, 0, 1, 2);
        return grid;
    }

    private static void styleStatus(Label state, CheckStatus status) {
        state.getStyleClass().removeAll("status-ok", "status-warn", "status-fail");
        if (status != null) {
            state.getStyleClass().add(switch (status) {
                case OK -> "status-ok";
                case WARN -> "status-warn";
                case FAIL -> "status-fail";
            });
        }
    }
}
