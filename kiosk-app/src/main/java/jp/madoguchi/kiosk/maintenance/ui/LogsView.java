package jp.madoguchi.kiosk.maintenance.ui;

import java.nio.file.Path;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;

/** Log export: pick a directory (home or a USB stick) by touch, export, read what was written. */
final class LogsView extends VBox {
    LogsView(LogExportViewModel vm, MaintenanceText text) {
        getStyleClass().add("section");
        setId("maintenance-logs");
        Label title = new Label(text.text("maint.menu.logs"));
        title.getStyleClass().add("title");
        Label explain = new Label(text.text("maint.logs.explain"));
        explain.setWrapText(true);
        Label where = new Label(text.text("maint.logs.target"));
        where.getStyleClass().add("subtitle");

        VBox choices = new VBox(8);
        choices.setId("maintenance-logs-targets");
        ToggleGroup group = new ToggleGroup();
        Runnable fill = () -> {
            choices.getChildren().clear();
            group.getToggles().clear();
            for (Path target : vm.targets()) {
                RadioButton choice = new RadioButton(target.toString());
                choice.setToggleGroup(group);
                choice.setUserData(target);
                choice.setAccessibleText(target.toString());
                choice.setSelected(target.equals(vm.targetProperty().get()));
                choices.getChildren().add(choice);
            }
        };
        vm.targets().addListener((ListChangeListener<Path>) change -> fill.run());
        vm.targetProperty().addListener((obs, old, now) -> group.getToggles().forEach(
                t -> t.setSelected(t.getUserData().equals(now))));
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                vm.targetProperty().set((Path) now.getUserData());
            }
        });
        fill.run();

        Button refresh = new Button(text.text("maint.logs.refresh"));
        refresh.setId("maintenance-logs-refresh");
        refresh.setAccessibleText(text.text("maint.logs.refresh"));
        refresh.setOnAction(e -> vm.refreshTargets());
        Button export = new Button(text.text("maint.logs.export"));
        export.setId("maintenance-logs-export");
        export.getStyleClass().add("return-button");
        export.setAccessibleText(text.text("maint.logs.export"));
        export.disableProperty().bind(vm.busyProperty().or(vm.targetProperty().isNull()));
        export.setOnAction(e -> vm.export());
        Label message = new Label();
        message.setId("maintenance-logs-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.accessibleTextProperty().bind(vm.messageProperty());
        getChildren().addAll(title, explain, where, choices, new HBox(16, refresh, export), message);
    }
}
