package jp.madoguchi.kiosk.maintenance.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;

/** The IT staff PIN pad: large digit keys, a dotted display, OK; digits, Backspace and Enter on a keyboard too. */
final class PinPadView extends VBox {
    PinPadView(PinEntryViewModel vm, MaintenanceText text, Runnable onCancel) {
        getStyleClass().add("section");
        setAlignment(Pos.CENTER);
        setSpacing(18);
        setId("maintenance-pin");

        Label title = new Label(text.text("maint.pin.title"));
        title.getStyleClass().add("title");
        Label message = new Label();
        message.setId("maintenance-pin-message");
        message.getStyleClass().add("message");
        message.setWrapText(true);
        message.setMaxWidth(760);
        message.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        message.setAlignment(Pos.CENTER);
        message.textProperty().bind(vm.messageProperty());
        message.accessibleTextProperty().bind(vm.messageProperty());

        Label display = new Label();
        display.setId("maintenance-pin-display");
        display.getStyleClass().add("pin-display");
        display.textProperty().bind(vm.maskedProperty());
        display.setAccessibleText(text.text("maint.pin.display.a11y"));

        GridPane keys = new GridPane();
        keys.setHgap(12);
        keys.setVgap(12);
        keys.setAlignment(Pos.CENTER);
        for (int c = 0; c < 3; c++) {
            javafx.scene.layout.ColumnConstraints column = new javafx.scene.layout.ColumnConstraints();
            column.setPercentWidth(100.0 / 3);
            column.setFillWidth(true);
            keys.getColumnConstraints().add(column);
        }
        keys.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        String[] layout = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
        for (int i = 0; i < layout.length; i++) {
            keys.add(digitKey(vm, layout[i].charAt(0)), i % 3, i / 3);
        }
        Button clear = key(text.text("maint.pin.clear"), text.text("maint.pin.clear.a11y"));
        clear.setId("maintenance-pin-clear");
        clear.setOnAction(e -> vm.clear());
        Button back = key("\u232B", text.text("maint.pin.backspace.a11y"));
        back.setId("maintenance-pin-backspace");
        back.setOnAction(e -> vm.backspace());
        keys.add(clear, 0, 3);
        keys.add(digitKey(vm, '0'), 1, 3);
        keys.add(back, 2, 3);

        Button ok = new Button(text.text("maint.pin.ok"));
        ok.setId("maintenance-pin-ok");
        ok.getStyleClass().addAll("return-button", "pin-action");
        ok.setAccessibleText(text.text("maint.pin.ok"));
        ok.disableProperty().bind(vm.canSubmitProperty().not());
        ok.setOnAction(e -> vm.submit());
        Button cancel = new Button(text.text("maint.pin.cancel"));
        cancel.setId("maintenance-pin-cancel");
        cancel.setAccessibleText(text.text("maint.pin.cancel"));
        cancel.getStyleClass().add("pin-action");
        cancel.setOnAction(e -> onCancel.run());
        javafx.scene.layout.HBox actions = new javafx.scene.layout.HBox(16, cancel, ok);
        actions.setAlignment(Pos.CENTER);

        getChildren().addAll(title, message, display, keys, actions);
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            KeyCode code = e.getCode();
            if (code.isDigitKey()) {
                vm.type(code.isKeypadKey() ? (char) ('0' + code.ordinal() - KeyCode.NUMPAD0.ordinal())
                        : code.getChar().charAt(0));
                e.consume();
            } else if (code == KeyCode.BACK_SPACE) {
                vm.backspace();
                e.consume();
            } else if (code == KeyCode.ENTER) {
                vm.submit();
                e.consume();
            }
        });
    }

    private static Button digitKey(PinEntryViewModel vm, char digit) {
        Button key = key(String.valueOf(digit), String.valueOf(digit));
        key.setId("maintenance-pin-key-" + digit);
        key.disableProperty().bind(vm.busyProperty().or(vm.lockedProperty()));
        key.setOnAction(e -> vm.type(digit));
        return key;
    }

    private static Button key(String label, String accessible) {
        Button key = new Button(label);
        key.getStyleClass().add("pin-key");
        key.setAccessibleText(accessible);
        key.setFocusTraversable(true);
        key.setMaxWidth(Double.MAX_VALUE);
        return key;
    }
}
