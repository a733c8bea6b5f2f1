package jp.madoguchi.clerk.ui;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.event.Event;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import jp.madoguchi.clerk.i18n.ConsoleText;
import jp.madoguchi.clerk.model.QueueBoardModel;
import jp.madoguchi.clerk.model.CallViewModel;
import jp.madoguchi.hqlink.message.Outcome;

/**
 * The console after login: a top bar (who is signed in, headquarters' connection, log out), the tabs (calls, today's
 * history, admin for administrators) and a line of the keyboard shortcuts. The shortcuts work wherever the focus is:
 * F1 calls, F2 answer next, F3 history search, F4 microphone, F5 refresh, F6 accept, F7 correction, F8 reject, F12 end
 * the call, Esc cancel a confirmation or close the call. FX thread only.
 */
public final class MainView extends BorderPane {
    private final TabPane tabs = new TabPane();
    private final Tab callsTab;
    private final Tab historyTab;

    public MainView(String clerkName, QueueBoardModel board, QueueBoardView boardView, CallViewModel call,
            CallView callView, HistoryView historyView, Runnable searchHistory, AdminView adminViewOrNull,
            Runnable refreshAdmin, Runnable logout, Locale locale) {
        setId("main-view");
        Label title = new Label(ConsoleText.APP_TITLE.in(locale));
        title.getStyleClass().add("title");
        Label who = new Label(ConsoleText.TOP_SIGNED_IN.in(locale, clerkName));
        who.setId("signed-in");
        Label connection = new Label();
        connection.setId("hq-connection");
        connection.textProperty().bind(Bindings.when(board.reachableProperty())
                .then(ConsoleText.TOP_CONNECTED.in(locale)).otherwise(ConsoleText.TOP_DISCONNECTED.in(locale)));
        board.reachableProperty().addListener((o, was, is) -> {
            connection.getStyleClass().remove("status-bad");
            if (!is) {
                connection.getStyleClass().add("status-bad");
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button logoutButton = new Button(ConsoleText.TOP_LOGOUT.in(locale));
        logoutButton.setId("logout");
        logoutButton.setOnAction(event -> logout.run());
        HBox top = new HBox(title, spacer, connection, who, logoutButton);
        top.getStyleClass().add("top-bar");
        setTop(top);

        SplitPane calls = new SplitPane(boardView, callView);
        calls.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(boardView, false);
        callsTab = new Tab(ConsoleText.TAB_CALLS.in(locale), calls);
        callsTab.setId("tab-calls");
        historyTab = new Tab(ConsoleText.TAB_HISTORY.in(locale), historyView);
        historyTab.setId("tab-history");
        historyTab.setOnSelectionChanged(event -> {
            if (historyTab.isSelected()) {
                searchHistory.run();
            }
        });
        tabs.getTabs().addAll(callsTab, historyTab);
        if (adminViewOrNull != null) {
            Tab admin = new Tab(ConsoleText.TAB_ADMIN.in(locale), adminViewOrNull);
            admin.setId("tab-admin");
            admin.setOnSelectionChanged(event -> {
                if (admin.isSelected()) {
                    refreshAdmin.run();
                }
            });
            tabs.getTabs().add(admin);
        }
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
        Label shortcuts = new Label(ConsoleText.SHORTCUTS.in(locale));
        shortcuts.getStyleClass().add("shortcuts");
        setBottom(shortcuts);

        addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.isAltDown() || event.isControlDown() || event.isMetaDown()) {
                return;
            }
            boolean handled = true;
            KeyCode code = event.getCode();
            switch (code) {
                case F1 -> tabs.getSelectionModel().select(callsTab);
                case F2 -> {
                    tabs.getSelectionModel().select(callsTab);
                    if (!board.rows().isEmpty()) { // the first row is the next call in board order
                        call.answerNext(board.rows().get(0).routing());
                    }
                }
                case F3 -> {
                    tabs.getSelectionModel().select(historyTab);
                    historyView.focusSearch();
                }
                case F4 -> call.toggleMute();
                case F5 -> board.refresh();
                case F6 -> decide(callView, Outcome.ACCEPTED);
                case F7 -> decide(callView, Outcome.CORRECTION_NEEDED);
                case F8 -> decide(callView, Outcome.REJECTED);
                case F12 -> call.endCall();
                case ESCAPE -> {
                    if (tabs.getSelectionModel().getSelectedItem() == callsTab
                            && call.phaseProperty().get() == CallViewModel.Phase.ACTIVE) {
                        callView.escape();
                    } else {
                        handled = false;
                    }
                }
                default -> handled = false;
            }
            if (handled) {
                event.consume();
            }
        });
    }

    private void decide(CallView callView, Outcome outcome) {
        tabs.getSelectionModel().select(callsTab);
        callView.askToDecide(outcome);
    }

    /** For the console: every input counts as activity for the idle logout. */
    static boolean isInput(Event event) {
        return event instanceof KeyEvent || event instanceof javafx.scene.input.MouseEvent;
    }
}
