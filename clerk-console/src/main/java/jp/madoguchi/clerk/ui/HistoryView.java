package jp.madoguchi.clerk.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import jp.madoguchi.clerk.i18n.ConsoleText;
import jp.madoguchi.clerk.model.HistoryModel;
import jp.madoguchi.hqlink.message.HistoryEntry;
import jp.madoguchi.hqlink.message.Outcome;

/** Today's calls and decisions, searchable by (part of) a reference number as the clerk types. FX thread only. */
public final class HistoryView extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private final TextField search = new TextField();

    public HistoryView(HistoryModel model, Function<String, String> procedureName, Locale locale, ZoneId zone) {
        setId("history-view");
        setSpacing(8);
        setPadding(new Insets(10));
        search.setId("history-search");
        search.setPromptText(ConsoleText.HISTORY_SEARCH.in(locale));
        search.setAccessibleText(ConsoleText.HISTORY_SEARCH.in(locale));
        search.setPrefColumnCount(20);
        search.textProperty().bindBidirectional(model.queryProperty());
        search.textProperty().addListener((o, before, now) -> model.search());
        DatePicker date = new DatePicker();
        date.setId("history-date");
        date.valueProperty().bindBidirectional(model.dateProperty());
        date.valueProperty().addListener((o, before, now) -> model.search());
        Label dateLabel = new Label(ConsoleText.HISTORY_DATE.in(locale));
        dateLabel.setLabelFor(date);
        Button refresh = new Button(ConsoleText.HISTORY_REFRESH.in(locale));
        refresh.setId("history-refresh");
        refresh.setOnAction(event -> model.search());
        Label status = new Label();
        status.setId("history-status");
        status.textProperty().bind(model.statusProperty());
        HBox bar = new HBox(10, new Label(ConsoleText.HISTORY_SEARCH.in(locale)), search, dateLabel, date, refresh, status);
        bar.setAlignment(Pos.CENTER_LEFT);

        TableView<HistoryEntry> table = new TableView<>(model.entries());
        table.setId("history-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column(ConsoleText.HISTORY_COL_TIME.in(locale),
                e -> time(e.answeredAt() != null ? e.answeredAt() : e.queuedAt(), zone), 70));
        table.getColumns().add(column(ConsoleText.HISTORY_COL_REFERENCE.in(locale),
                e -> e.reference() == null ? "—" : e.reference(), 170));
        table.getColumns().add(column(ConsoleText.HISTORY_COL_PROCEDURE.in(locale),
                e -> e.procedureId() == null ? "" : procedureName.apply(e.procedureId()), 170));
        table.getColumns().add(column(ConsoleText.HISTORY_COL_BOOTH.in(locale),
                e -> QueueBoardView.place(e.boothName(), e.location()), 200));
        table.getColumns().add(column(ConsoleText.HISTORY_COL_CLERK.in(locale), e -> nonNull(e.answeredBy()), 120));
        table.getColumns().add(column(ConsoleText.HISTORY_COL_OUTCOME.in(locale), e -> outcome(e, locale, zone), 160));
        table.getColumns().add(column(ConsoleText.HISTORY_COL_DECIDED_BY.in(locale), e -> nonNull(e.decidedBy()), 120));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(bar, table);
    }

    /** F3: the search field gets the focus. */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    private static String outcome(HistoryEntry e, Locale locale, ZoneId zone) {
        if (e.outcome() == null || e.outcome() == Outcome.UNKNOWN) {
            return ConsoleText.HISTORY_UNDECIDED.in(locale);
        }
        String word = jp.madoguchi.clerk.model.CallViewModel.outcomeText(e.outcome(), locale);
        return word + (e.decidedAt() == null ? "" : " " + time(e.decidedAt(), zone));
    }

    private static String time(Instant at, ZoneId zone) {
        return at == null ? "" : TIME.format(at.atZone(zone));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static TableColumn<HistoryEntry, String> column(String title, Function<HistoryEntry, String> value,
            double width) {
        TableColumn<HistoryEntry, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
