package jp.madoguchi.clerk.ui;

import java.io.File;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import jp.madoguchi.clerk.i18n.ConsoleText;
import jp.madoguchi.clerk.model.ApplicationViewModel;
import jp.madoguchi.clerk.model.CallViewModel;
import jp.madoguchi.clerk.model.QueueRow;
import jp.madoguchi.hqlink.message.AnsweredCall;
import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.video.fx.VideoPane;

/**
 * The answered call: on the left the video (the managed Chromium window is kept over the {@link VideoPane}), the
 * microphone and end buttons and "show on the booth's screen"; on the right the application with its badges, and the
 * decision bar. A decision is confirmed in a strip before it is sent (Enter sends, Esc cancels), because it reaches
 * the resident at once and cannot be taken back. FX thread only.
 */
public final class CallView extends StackPane {
    private final CallViewModel call;
    private final Locale locale;
    private final ZoneId zone;
    private final VBox applicationBox = new VBox();
    private final HBox confirmStrip = new HBox();
    private final TextArea residentMessage = new TextArea();
    private Outcome pending;

    public CallView(CallViewModel call, VideoPane videoPane, Function<String, String> procedureName, Locale locale,
            ZoneId zone) {
        this.call = Objects.requireNonNull(call, "call");
        this.locale = locale;
        this.zone = zone;
        setId("call-view");

        Label idle = new Label(ConsoleText.CALL_NONE.in(locale));
        idle.setId("call-none");
        idle.setWrapText(true);
        idle.getStyleClass().add("section-title");
        StackPane idlePane = new StackPane(idle);
        idlePane.setPadding(new Insets(40));

        Label header = new Label();
        header.setId("call-header");
        header.getStyleClass().add("call-header");
        header.textProperty().bind(Bindings.createStringBinding(() -> headerText(procedureName),
                call.callProperty(), call.callRowProperty(), call.applicationProperty()));
        Label status = new Label();
        status.setId("call-status");
        status.setWrapText(true);
        status.textProperty().bind(call.messageProperty());

        videoPane.setPrefSize(480, 360);
        videoPane.setMinSize(320, 240);
        Button mute = new Button();
        mute.setId("call-mute");
        mute.textProperty().bind(Bindings.when(call.video().microphoneMutedProperty())
                .then(ConsoleText.CALL_UNMUTE.in(locale)).otherwise(ConsoleText.CALL_MUTE.in(locale)));
        mute.setOnAction(event -> call.toggleMute());
        mute.disableProperty().bind(call.videoEndedProperty());
        Button end = new Button(ConsoleText.CALL_END.in(locale));
        end.setId("call-end");
        end.getStyleClass().add("end-call");
        end.setOnAction(event -> call.endCall());
        end.disableProperty().bind(call.videoEndedProperty());
        Button close = new Button(ConsoleText.CALL_CLOSE.in(locale));
        close.setId("call-close");
        close.setOnAction(event -> closeCall());
        for (Button button : new Button[] {mute, end, close}) {
            button.setMinWidth(Region.USE_PREF_SIZE); // never "通話を終了 (F…": the shortcut is part of the label
        }
        FlowPane controls = new FlowPane(8, 8, mute, end, close);

        Label showTitle = new Label(ConsoleText.SHOW_TITLE.in(locale));
        showTitle.getStyleClass().add("section-title");
        TextField showText = new TextField();
        showText.setId("show-text");
        showText.setPromptText(ConsoleText.SHOW_PROMPT.in(locale));
        showText.setAccessibleText(ConsoleText.SHOW_PROMPT.in(locale));
        Button show = new Button(ConsoleText.SHOW_SEND.in(locale));
        show.setId("show-send");
        show.setOnAction(event -> call.showText(showText.getText()));
        showText.setOnAction(event -> call.showText(showText.getText()));
        Button picture = new Button(ConsoleText.SHOW_PICTURE.in(locale));
        picture.setId("show-picture");
        picture.setOnAction(event -> choosePicture(showText.getText()));
        Button clear = new Button(ConsoleText.SHOW_CLEAR.in(locale));
        clear.setId("show-clear");
        clear.setOnAction(event -> {
            showText.clear();
            call.showOnBooth("", null, null);
        });
        Label showResult = new Label();
        showResult.setId("show-result");
        showResult.setWrapText(true);
        showResult.textProperty().bind(call.showMessageProperty());
        FlowPane showButtons = new FlowPane(8, 8, show, picture, clear);
        call.phaseProperty().addListener((o, before, phase) -> {
            if (phase != CallViewModel.Phase.ACTIVE) {
                showText.clear(); // nothing typed for one resident is left for the next
            }
        });
        VBox showBox = new VBox(6, showTitle, showText, showButtons, showResult);
        showBox.disableProperty().bind(call.videoEndedProperty());
        VBox left = new VBox(10, videoPane, controls, showBox);
        left.setPadding(new Insets(8));
        VBox.setVgrow(videoPane, Priority.ALWAYS);

        VBox.setVgrow(applicationBox, Priority.ALWAYS);
        call.applicationProperty().addListener((o, before, now) -> showApplication(now));
        VBox decision = decisionBar();
        decision.setMinHeight(Region.USE_PREF_SIZE); // the decision is always on screen, whatever the application's size
        applicationBox.setMinHeight(0);
        VBox right = new VBox(applicationBox, decision);
        VBox.setVgrow(applicationBox, Priority.ALWAYS);

        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.4);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox active = new VBox(6, header, status, split);
        active.setPadding(new Insets(8));

        idlePane.visibleProperty().bind(call.phaseProperty().isNotEqualTo(CallViewModel.Phase.ACTIVE));
        active.visibleProperty().bind(call.phaseProperty().isEqualTo(CallViewModel.Phase.ACTIVE));
        getChildren().addAll(idlePane, active);
        showApplication(call.applicationProperty().get());
    }

    private String headerText(Function<String, String> procedureName) {
        AnsweredCall answered = call.callProperty().get();
        if (answered == null) {
            return "";
        }
        QueueRow row = call.callRowProperty().get();
        ApplicationViewModel app = call.applicationProperty().get();
        String booth = row == null || row.boothName().isBlank() ? ""
                : QueueBoardView.place(row.boothName(), row.location());
        String procedure = app != null ? app.formTitle() : row != null ? procedureName.apply(row.procedureId()) : "";
        String reference = app == null ? ConsoleText.CALL_NO_APPLICATION.in(locale)
                : ConsoleText.APP_REFERENCE.in(locale, app.reference());
        return String.join("　", booth, procedure, reference).strip();
    }

    private void showApplication(ApplicationViewModel app) {
        applicationBox.getChildren().clear();
        if (app == null) {
            Label none = new Label(ConsoleText.CALL_NO_APPLICATION.in(locale));
            none.setId("application-none");
            none.setWrapText(true);
            none.setPadding(new Insets(16));
            applicationBox.getChildren().add(none);
            return;
        }
        ApplicationView view = new ApplicationView(app, locale, zone);
        // on a small screen the application scrolls; the decision bar below it stays in sight
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(view);
        scroll.setId("application-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.viewportBoundsProperty().addListener((o, before, bounds) ->
                view.setMinHeight(Math.max(bounds.getHeight(), view.minimumUsefulHeight())));
        VBox.setVgrow(scroll, Priority.ALWAYS);
        applicationBox.getChildren().add(scroll);
    }

    private VBox decisionBar() {
        Label title = new Label(ConsoleText.DECISION_TITLE.in(locale));
        title.getStyleClass().add("section-title");
        residentMessage.setId("decision-message-input");
        residentMessage.setPromptText(ConsoleText.DECISION_MESSAGE_PROMPT.in(locale));
        residentMessage.setAccessibleText(ConsoleText.DECISION_MESSAGE_PROMPT.in(locale));
        residentMessage.setPrefRowCount(2);
        residentMessage.setWrapText(true);
        residentMessage.textProperty().bindBidirectional(call.residentMessageProperty());
        Button accept = decisionButton("decision-accept", ConsoleText.DECISION_ACCEPT, "accept", Outcome.ACCEPTED);
        Button correction = decisionButton("decision-correction", ConsoleText.DECISION_CORRECTION, "correction",
                Outcome.CORRECTION_NEEDED);
        Button reject = decisionButton("decision-reject", ConsoleText.DECISION_REJECT, "reject", Outcome.REJECTED);
        HBox buttons = new HBox(8, accept, correction, reject);

        Label confirmText = new Label();
        confirmText.setId("decision-confirm-text");
        Button send = new Button(ConsoleText.DECISION_CONFIRM_SEND.in(locale));
        send.setId("decision-confirm");
        send.getStyleClass().add("primary");
        send.setDefaultButton(true);
        send.setOnAction(event -> confirm());
        Button cancel = new Button(ConsoleText.DECISION_CONFIRM_CANCEL.in(locale));
        cancel.setId("decision-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(event -> cancelConfirm());
        confirmText.setWrapText(true);
        confirmText.setMinWidth(0);
        HBox.setHgrow(confirmText, Priority.ALWAYS);
        send.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        confirmStrip.getChildren().setAll(confirmText, send, cancel);
        confirmStrip.getStyleClass().add("confirm-strip");
        confirmStrip.setVisible(false);
        confirmStrip.managedProperty().bind(confirmStrip.visibleProperty());
        confirmStrip.visibleProperty().addListener((o, was, is) -> {
            if (is) {
                confirmText.setText(ConsoleText.DECISION_CONFIRM.in(locale, call.outcomeText(pending)));
                send.requestFocus();
            }
        });
        send.defaultButtonProperty().bind(confirmStrip.visibleProperty());
        cancel.cancelButtonProperty().bind(confirmStrip.visibleProperty());

        Label result = new Label();
        result.setId("decision-result");
        result.setWrapText(true);
        result.textProperty().bind(call.decisionMessageProperty());
        VBox bar = new VBox(6, title, residentMessage, buttons, confirmStrip, result);
        bar.getStyleClass().add("decision-bar");
        bar.disableProperty().bind(call.applicationProperty().isNull());
        return bar;
    }

    private Button decisionButton(String id, ConsoleText text, String style, Outcome outcome) {
        Button button = new Button(text.in(locale));
        button.setId(id);
        button.getStyleClass().add(style);
        button.setOnAction(event -> askToDecide(outcome));
        button.disableProperty().bind(call.decisionStateProperty().isNotEqualTo(CallViewModel.DecisionState.NONE));
        return button;
    }

    /** First step of a decision (a button or F6/F7/F8): the confirm strip. */
    public void askToDecide(Outcome outcome) {
        if (call.phaseProperty().get() != CallViewModel.Phase.ACTIVE || call.applicationProperty().get() == null
                || call.decisionStateProperty().get() != CallViewModel.DecisionState.NONE) {
            return;
        }
        String text = residentMessage.getText() == null ? "" : residentMessage.getText().strip();
        if (outcome != Outcome.ACCEPTED && text.isEmpty()) {
            call.decide(outcome); // the view model says a message is needed
            residentMessage.requestFocus();
            return;
        }
        pending = outcome;
        confirmStrip.setVisible(false);
        confirmStrip.setVisible(true);
    }

    private void confirm() {
        Outcome outcome = pending;
        cancelConfirm();
        if (outcome != null) {
            call.decide(outcome);
        }
    }

    private void cancelConfirm() {
        pending = null;
        confirmStrip.setVisible(false);
    }

    /** Esc: cancels a decision being confirmed, else closes the call's screen (asking if undecided). */
    public void escape() {
        if (confirmStrip.isVisible()) {
            cancelConfirm();
        } else {
            closeCall();
        }
    }

    private void closeCall() {
        if (call.phaseProperty().get() != CallViewModel.Phase.ACTIVE) {
            return;
        }
        if (call.closingLeavesUndecided()) {
            javafx.scene.control.Alert ask = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                    ConsoleText.CALL_CLOSE_UNDECIDED.in(locale));
            ask.setHeaderText(null);
            ask.initOwner(getScene() == null ? null : getScene().getWindow());
            if (ask.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isEmpty()) {
                return;
            }
        }
        cancelConfirm();
        call.close();
    }

    private void choosePicture(String text) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(ConsoleText.SHOW_PICTURE.in(locale));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG / JPEG", "*.png", "*.jpg", "*.jpeg"));
        File file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            call.showPicture(file.toPath(), text);
        }
    }
}
