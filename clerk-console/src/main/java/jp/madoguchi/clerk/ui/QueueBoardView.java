package jp.madoguchi.clerk.ui;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import jp.madoguchi.clerk.i18n.ConsoleText;
import jp.madoguchi.clerk.model.CallViewModel;
import jp.madoguchi.clerk.model.QueueBoardModel;
import jp.madoguchi.clerk.model.QueueRow;
import jp.madoguchi.hqlink.message.BoothPresence;

/**
 * The live queue: "answer next" (F2), one row per waiting call (procedure, booth and location, waiting time,
 * priority assistance, 外字 to check, its own "answer" button), the board's status line, and every booth's
 * online/offline state at a glance. Rows that just arrived are highlighted until the next refresh. FX thread only.
 */
public final class QueueBoardView extends VBox {
    private final Set<String> highlighted = new HashSet<>();
    private final ListView<QueueRow> list = new ListView<>();

    public QueueBoardView(QueueBoardModel board, CallViewModel call, Function<String, String> procedureName,
            Locale locale) {
        Objects.requireNonNull(board, "board");
        getStyleClass().add("queue-board");
        setSpacing(8);
        setPadding(new Insets(10));
        setMinWidth(330);
        setPrefWidth(380);

        Label title = new Label(ConsoleText.QUEUE_TITLE.in(locale));
        title.getStyleClass().add("section-title");
        Button next = new Button(ConsoleText.QUEUE_ANSWER_NEXT.in(locale));
        next.setId("answer-next");
        next.getStyleClass().add("primary");
        next.setMaxWidth(Double.MAX_VALUE);
        next.setOnAction(event -> answerNext(board, call));
        next.disableProperty().bind(Bindings.createBooleanBinding(
                () -> call.phaseProperty().get() != CallViewModel.Phase.IDLE || board.rows().isEmpty(),
                call.phaseProperty(), board.rows()));

        list.setId("queue-list");
        list.setItems(board.rows());
        list.setCellFactory(view -> new RowCell(call, procedureName, locale));
        VBox.setVgrow(list, Priority.ALWAYS);
        Label status = new Label();
        status.setId("queue-status");
        status.setWrapText(true);
        status.textProperty().bind(board.statusProperty());
        status.styleProperty().bind(Bindings.when(board.reachableProperty()).then("").otherwise("-fx-text-fill: #a4161a; -fx-font-weight: bold;"));
        Label callMessage = new Label();
        callMessage.setId("answer-message");
        callMessage.setWrapText(true);
        callMessage.textProperty().bind(Bindings.when(call.phaseProperty().isEqualTo(CallViewModel.Phase.ACTIVE))
                .then("").otherwise(call.messageProperty()));

        Label boothsTitle = new Label(ConsoleText.BOOTHS_TITLE.in(locale));
        boothsTitle.getStyleClass().add("section-title");
        FlowPane booths = new FlowPane(6, 6);
        booths.setId("booth-presence");
        Runnable showBooths = () -> {
            List<String> shown = booths.getChildren().stream().map(n -> ((Label) n).getText()).toList();
            List<String> now = board.booths().stream().map(b -> boothLabel(b, locale)).toList();
            if (!now.isEmpty() && now.equals(shown)) {
                return; // refreshed every 2 s, changed rarely (lastSeen moves, what is shown does not)
            }
            booths.getChildren().clear();
            if (board.booths().isEmpty()) {
                booths.getChildren().add(new Label(ConsoleText.BOOTHS_NONE.in(locale)));
            }
            for (BoothPresence booth : board.booths()) {
                Label tag = new Label(boothLabel(booth, locale));
                tag.getStyleClass().addAll("tag", booth.online() ? "tag-online" : "tag-offline");
                tag.setAccessibleText(tag.getText());
                booths.getChildren().add(tag);
            }
        };
        board.booths().addListener((javafx.collections.ListChangeListener<BoothPresence>) change -> showBooths.run());
        showBooths.run();
        getChildren().addAll(title, next, list, status, callMessage, boothsTitle, booths);
    }

    private static void answerNext(QueueBoardModel board, CallViewModel call) {
        List<QueueRow> rows = board.rows();
        if (!rows.isEmpty()) {
            call.answerNext(rows.get(0).routing());
        }
    }

    /** Highlights the rows of calls that just arrived (until the board next changes). */
    public void highlight(List<QueueRow> arrived) {
        highlighted.clear();
        arrived.forEach(row -> highlighted.add(row.callId()));
        list.refresh();
    }

    static String boothLabel(BoothPresence booth, Locale locale) {
        String mark = booth.online() ? "● " : "○ ";
        return mark + place(booth.name(), booth.location()) + " " + boothState(booth.online(), booth.state(), locale);
    }

    /** A booth as the console names it: its name, and where it stands in brackets when that is known. */
    static String place(String name, String location) {
        String n = name == null ? "" : name;
        return location == null || location.isBlank() ? n : n + "（" + location + "）";
    }

    /** What a booth is doing, in words: offline, idle, in use, in a call (online when it says nothing more). */
    static String boothState(boolean online, jp.madoguchi.hqlink.message.BoothState state, Locale locale) {
        if (!online) {
            return ConsoleText.BOOTHS_OFFLINE.in(locale);
        }
        if (state == null) {
            return ConsoleText.BOOTHS_ONLINE.in(locale);
        }
        return switch (state) {
            case IDLE -> ConsoleText.BOOTHS_STATE_IDLE.in(locale);
            case WITH_RESIDENT -> ConsoleText.BOOTHS_STATE_WITH_RESIDENT.in(locale);
            case IN_CALL -> ConsoleText.BOOTHS_STATE_IN_CALL.in(locale);
            default -> ConsoleText.BOOTHS_ONLINE.in(locale);
        };
    }

    /** One row; its nodes are made once and refilled, so a refresh every two seconds neither flickers nor moves focus. */
    private final class RowCell extends ListCell<QueueRow> {
        private final Function<String, String> procedureName;
        private final Locale locale;
        private final Label procedure = new Label();
        private final Label booth = new Label();
        private final Label waiting = new Label();
        private final Label priority;
        private final Label gaiji;
        private final Label talk;
        private final FlowPane tags = new FlowPane(6, 4);
        private final Button answer;
        private final HBox line;

        RowCell(CallViewModel call, Function<String, String> procedureName, Locale locale) {
            this.procedureName = procedureName;
            this.locale = locale;
            procedure.getStyleClass().add("procedure");
            booth.getStyleClass().add("booth");
            priority = tag(ConsoleText.QUEUE_PRIORITY.in(locale), "tag-priority");
            gaiji = tag(ConsoleText.QUEUE_NEEDS_CHECK.in(locale), "tag-gaiji");
            talk = tag(ConsoleText.QUEUE_NO_APPLICATION.in(locale), "tag-talk");
            procedure.setWrapText(true);
            booth.setWrapText(true);
            VBox text = new VBox(2, procedure, booth, tags);
            text.getStyleClass().add("queue-row");
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            answer = new Button(ConsoleText.QUEUE_ANSWER.in(locale));
            answer.getStyleClass().add("primary");
            answer.setMinWidth(Region.USE_PREF_SIZE);
            answer.setOnAction(event -> {
                QueueRow row = getItem();
                if (row != null) {
                    call.answer(row);
                }
            });
            answer.disableProperty().bind(call.phaseProperty().isNotEqualTo(CallViewModel.Phase.IDLE));
            line = new HBox(8, text, answer);
            setPrefWidth(0); // as wide as the list, never wider: tags wrap instead of pushing "answer" out of sight
            line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        }

        private Label tag(String text, String style) {
            Label tag = new Label(text);
            tag.getStyleClass().addAll("tag", style);
            return tag;
        }

        @Override
        protected void updateItem(QueueRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().remove("arrived");
            setText(null);
            if (empty || row == null) {
                setGraphic(null);
                setAccessibleText(null);
                answer.setId(null);
                return;
            }
            if (highlighted.contains(row.callId())) {
                getStyleClass().add("arrived");
            }
            procedure.setText(procedureName.apply(row.procedureId()));
            String where = place(row.boothName().isBlank() ? ConsoleText.QUEUE_BOOTH_UNKNOWN.in(locale) : row.boothName(),
                    row.location());
            booth.setText(where);
            waiting.setText(ConsoleText.QUEUE_WAITING.in(locale, row.waitingMinutes()));
            tags.getChildren().setAll(waiting);
            if (row.priority()) {
                tags.getChildren().add(priority);
            }
            if (row.needsClerkCheck()) {
                tags.getChildren().add(gaiji);
            }
            if (row.reference().isEmpty()) {
                tags.getChildren().add(talk);
            }
            answer.setId("answer-" + row.callId());
            setGraphic(line);
            StringBuilder spoken = new StringBuilder(procedure.getText()).append("、").append(where).append("、")
                    .append(waiting.getText());
            for (javafx.scene.Node tag : tags.getChildren().subList(1, tags.getChildren().size())) {
                spoken.append("、").append(((Label) tag).getText());
            }
            setAccessibleText(spoken.toString());
        }
    }
}
