package jp.madoguchi.kiosk.ui;

import static jp.madoguchi.kiosk.ui.Controls.button;
import static jp.madoguchi.kiosk.ui.Controls.label;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.kiosk.pin.PinMessage;
import jp.madoguchi.kiosk.pin.PinScreen;
import jp.madoguchi.kiosk.ui.model.BoothViewModel;
import jp.madoguchi.kiosk.ui.model.UiText;

/**
 * The PIN pad (0–9) and the signature keyboard (A–Z, 0–9): the tries left first, the masked entry, the keys,
 * backspace / clear / OK, the last-try warning with "talk to a clerk instead", the blocked explanation, the
 * checking spinner. The characters go straight into the journey's {@code SecretEntry}; the screen shows only
 * {@code SecretEntry.masked()}.
 */
final class SecretPadScreen {
    private final BoothViewModel model;
    private final PinScreen screen;
    private final boolean signature;

    SecretPadScreen(BoothViewModel model, PinScreen screen) {
        this.model = model;
        this.screen = screen;
        this.signature = screen.kind() == PinKind.SIGNATURE;
    }

    Node build() {
        List<PinMessage> prompts = new ArrayList<>();
        List<PinMessage> warnings = new ArrayList<>();
        for (PinMessage message : screen.messages()) {
            if (message.key().endsWith(".warning.last_try") || message.key().endsWith(".offer.clerk")) {
                warnings.add(message);
            } else {
                prompts.add(message);
            }
        }
        VBox info = new VBox(16);
        info.setId("secret-info");
        for (PinMessage message : prompts) {
            if (screen.mode() == PinScreen.Mode.BLOCKED) {
                continue;
            }
            Label sentence = label(model.text(message.key(), message.arguments().toArray()), "lead");
            sentence.getStyleClass().add("secret-message");
            info.getChildren().add(sentence);
        }
        switch (screen.mode()) {
            case READING_TRIES, CHECKING -> {
                ProgressIndicator spinner = new ProgressIndicator();
                spinner.setId("secret-spinner");
                spinner.setAccessibleText(model.textNow(screen.mode() == PinScreen.Mode.CHECKING
                        ? prefix() + ".checking" : "card.reading"));
                if (screen.mode() == PinScreen.Mode.READING_TRIES) {
                    info.getChildren().add(label(model.text("card.reading"), "lead"));
                }
                info.getChildren().add(spinner);
            }
            case BLOCKED -> info.getChildren().add(blockedBox(prompts));
            default -> {
            }
        }
        if (screen.mode() == PinScreen.Mode.LAST_TRY) {
            info.getChildren().add(warningBox(warnings));
        }
        boolean padShown = screen.padShown() || screen.mode() == PinScreen.Mode.CHECKING;
        if (!padShown) {
            info.setMaxWidth(1500);
            VBox centred = Controls.centred(info);
            centred.setAlignment(Pos.CENTER);
            return centred;
        }
        Label masked = new Label();
        masked.textProperty().bind(model.secretMaskedProperty());
        masked.accessibleTextProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.textNow(UiText.PAD_ENTERED, model.secretLengthProperty().get()),
                model.secretLengthProperty(), model.languageProperty()));
        masked.getStyleClass().add("masked");
        masked.setId("secret-masked");
        if (signature) {
            masked.setMinWidth(Label.USE_PREF_SIZE);
            masked.setStyle("-fx-min-width: 14em;");
        }
        Node keys = keys();
        keys.setDisable(!screen.padShown());
        if (signature) {
            info.getChildren().add(masked);
            VBox layout = new VBox(18, info, keys);
            layout.setAlignment(Pos.TOP_CENTER);
            return layout;
        }
        info.getChildren().add(masked);
        HBox.setHgrow(info, Priority.ALWAYS);
        info.setMaxWidth(900);
        HBox layout = new HBox(60, info, keys);
        layout.setAlignment(Pos.CENTER);
        return layout;
    }

    private String prefix() {
        return signature ? "password" : "pin";
    }

    private Node warningBox(List<PinMessage> warnings) {
        VBox box = Controls.column("warning-box", label(model.text(UiText.PAD_WARNING_TITLE), "box-title"));
        box.setId("secret-last-try");
        for (PinMessage message : warnings) {
            box.getChildren().add(label(model.text(message.key(), message.arguments().toArray())));
        }
        box.getChildren().add(clerkButton());
        return box;
    }

    private Node blockedBox(List<PinMessage> messages) {
        VBox box = Controls.column("danger-box", label(model.text(UiText.PAD_BLOCKED_TITLE), "box-title"));
        box.setId("secret-blocked");
        for (PinMessage message : messages) {
            Label sentence = label(model.text(message.key(), message.arguments().toArray()), "lead");
            box.getChildren().add(sentence);
        }
        box.getChildren().add(clerkButton());
        return box;
    }

    private Button clerkButton() {
        Button clerk = button(model.text(UiText.TALK_TO_CLERK), model::talkToClerk, BoothScreens.PRIMARY);
        clerk.setId("secret-talk-to-clerk");
        return clerk;
    }

    private Node keys() {
        GridPane grid = new GridPane();
        grid.setId("secret-keys");
        grid.getStyleClass().add(signature ? "signature-keys" : "pin-pad");
        grid.setHgap(signature ? 10 : 18);
        grid.setVgap(signature ? 10 : 18);
        grid.setAlignment(Pos.CENTER);
        int row;
        if (signature) {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
            int columns = 10;
            for (int i = 0; i < alphabet.length(); i++) {
                grid.add(key(alphabet.charAt(i)), i % columns, i / columns);
            }
            row = (alphabet.length() + columns - 1) / columns;
            Button backspace = backspace();
            Button clear = clear();
            Button ok = ok();
            grid.add(backspace, 6, row - 1, 2, 1);
            grid.add(clear, 8, row - 1, 2, 1);
            grid.add(ok, 0, row, 10, 1);
        } else {
            for (int digit = 1; digit <= 9; digit++) {
                grid.add(key((char) ('0' + digit)), (digit - 1) % 3, (digit - 1) / 3);
            }
            grid.add(clear(), 0, 3);
            grid.add(key('0'), 1, 3);
            grid.add(backspace(), 2, 3);
            grid.add(ok(), 0, 4, 3, 1);
        }
        int columns = signature ? 10 : 3;
        for (int i = 0; i < columns; i++) {
            javafx.scene.layout.ColumnConstraints column = new javafx.scene.layout.ColumnConstraints();
            column.setPercentWidth(100.0 / columns);
            grid.getColumnConstraints().add(column);
        }
        for (Node child : grid.getChildren()) {
            if (child instanceof Button b) {
                b.setMaxWidth(Double.MAX_VALUE);
                b.setMaxHeight(Double.MAX_VALUE);
            }
        }
        Controls.arrowKeys(grid);
        return grid;
    }

    private Button key(char c) {
        String text = String.valueOf(c);
        Button key = button(text, text, () -> model.typeSecret(c), "key", signature ? "small-key" : "pin-key");
        key.setId("key-" + c);
        return key;
    }

    private Button backspace() {
        Button backspace = button(model.text(UiText.PAD_BACKSPACE), model::backspaceSecret);
        backspace.setId("key-backspace");
        return backspace;
    }

    private Button clear() {
        Button clear = button(model.text(UiText.PAD_CLEAR), model::clearSecret);
        clear.setId("key-clear");
        return clear;
    }

    private Button ok() {
        Button ok = button(model.text(UiText.PAD_OK), model::submitSecret, BoothScreens.PRIMARY, BoothScreens.BIG);
        ok.setId("key-ok");
        ok.disableProperty().bind(model.secretCompleteProperty().not());
        return ok;
    }
}
