package jp.madoguchi.kiosk.maintenance.ui;

import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;

/** The outbox: the figures, "send now", and one line per waiting reference. */
final class OutboxView extends VBox {
    OutboxView(OutboxViewModel vm, MaintenanceText text) {
        getStyleClass().add("section");
        setId("maintenance-outbox");
        Label title = new Label(text.text("maint.menu.outbox"));
        title.getStyleClass().add("title");

        GridPane figures = new GridPane();
        figures.setHgap(24);
        figures.setVgap(6);
        figure(figures, 0, text.text("maint.outbox.count.label"), vm.countProperty(), "maintenance-outbox-count");
        figure(figures, 1, text.text("maint.outbox.oldest.label"), vm.oldestProperty(), "maintenance-outbox-oldest");
        figure(figures, 2, text.text("maint.outbox.attempts.label"), vm.attemptsProperty(), "maintenance-outbox-attempts");
        figure(figures, 3, text.text("maint.outbox.last_error.label"), vm.lastErrorProperty(),
                "maintenance-outbox-last-error");

        Button send = new Button(text.text("maint.outbox.send_now"));
        send.setId("maintenance-outbox-send");
        send.setAccessibleText(text.text("maint.outbox.send_now"));
        send.disableProperty().bind(vm.busyProperty());
        send.setOnAction(e -> vm.sendNow());
        Label message = new Label();
        message.setId("maintenance-outbox-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.accessibleTextProperty().bind(vm.messageProperty());
        HBox actions = new HBox(16, send, message);
        actions.setAlignment(Pos.CENTER_LEFT);

        GridPane table = new GridPane();
        table.setId("maintenance-outbox-table");
        table.setHgap(24);
        table.setVgap(6);
        for (int c = 0; c < 4; c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            table.getColumnConstraints().add(column);
        }
        Runnable fill = () -> {
            table.getChildren().clear();
            header(table, 0, text.text("maint.outbox.col.reference"));
            header(table, 1, text.text("maint.outbox.col.age"));
            header(table, 2, text.text("maint.outbox.col.attempts"));
            header(table, 3, text.text("maint.outbox.col.last_error"));
            int r = 1;
            for (OutboxRow row : vm.rows()) {
                table.addRow(r++, new Label(row.reference()), new Label(row.age()), new Label(row.attempts()),
                        new Label(row.lastError()));
            }
        };
        vm.rows().addListener((ListChangeListener<OutboxRow>) change -> fill.run());
        fill.run();
        ScrollPane scroll = new ScrollPane(table);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(title, figures, actions, scroll);
    }

    private static void figure(GridPane grid, int row, String name, ObservableStringValue value, String id) {
        Label label = new Label(name);
        label.getStyleClass().add("muted");
        Label shown = new Label();
        shown.setId(id);
        shown.getStyleClass().add("subtitle");
        shown.textProperty().bind(value);
        shown.setAccessibleText(name);
        grid.addRow(row, label, shown);
    }

    private static void header(GridPane table, int column, String name) {
        Label label = new Label(name);
        label.getStyleClass().add("muted");
        table.add(label, column, 0);
    }
}
