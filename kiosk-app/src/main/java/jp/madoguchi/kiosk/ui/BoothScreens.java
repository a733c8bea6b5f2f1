package jp.madoguchi.kiosk.ui;

import static jp.madoguchi.kiosk.ui.Controls.button;
import static jp.madoguchi.kiosk.ui.Controls.label;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.FadeTransition;
import javafx.animation.Interpolator;
import javafx.animation.KeyFrame;
import javafx.animation.ParallelTransition;
import javafx.animation.PauseTransition;
import javafx.animation.ScaleTransition;
import javafx.animation.SequentialTransition;
import javafx.animation.Timeline;
import javafx.animation.TranslateTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.i18n.BoothText;
import jp.madoguchi.kiosk.journey.JourneyView;
import jp.madoguchi.kiosk.journey.JourneyView.CallPhase;
import jp.madoguchi.kiosk.journey.JourneyView.CallView;
import jp.madoguchi.kiosk.journey.JourneyView.FieldView;
import jp.madoguchi.kiosk.journey.JourneyView.IdentityView;
import jp.madoguchi.kiosk.journey.JourneyView.ProcedureView;
import jp.madoguchi.kiosk.journey.JourneyView.QuestionView;
import jp.madoguchi.kiosk.journey.JourneyView.ReceiptView;
import jp.madoguchi.kiosk.journey.JourneyView.ReviewView;
import jp.madoguchi.kiosk.ui.model.BoothViewModel;
import jp.madoguchi.kiosk.ui.model.UiText;
import jp.madoguchi.video.VideoState;
import jp.madoguchi.video.fx.FxVideoSession;
import jp.madoguchi.video.fx.VideoPane;

/**
 * Builds the content of each step's screen from a snapshot. Booth sentences are bound to the view model's language;
 * data texts (procedures, questions, the resident's data) come translated in the snapshot. FX thread only.
 */
final class BoothScreens {
    /** Style classes the tests and the theme use. */
    static final String PRIMARY = "primary";
    static final String BIG = "big";
    /** The width of what the clerk shows on the call screen (px): room for a document, the video keeps the rest. */
    static final double CLERK_SHOWS_WIDTH = 520;

    private final BoothViewModel model;
    private final Supplier<BoothWindow.CallParts> callParts;

    BoothScreens(BoothViewModel model, Supplier<BoothWindow.CallParts> callParts) {
        this.model = Objects.requireNonNull(model, "model");
        this.callParts = Objects.requireNonNull(callParts, "callParts");
    }

    Node build(JourneyView view) {
        Node screen = switch (view.step()) {
            case ATTRACT -> attract(view);
            case LANGUAGE -> language();
            case PROCEDURE -> procedures(view);
            case PLACE_CARD -> placeCard(view);
            case PIN, SIGNATURE -> view.secret().isPresent()
                    ? new SecretPadScreen(model, view.secret().get()).build() : waiting(BoothText.stepTitle(view.step()));
            case CONFIRM_IDENTITY -> identity(view);
            case QUESTIONS -> questions(view);
            case REVIEW -> review(view);
            case CALL -> call(view);
            case RECEIPT -> receipt(view);
            case TAKE_CARD -> takeCard();
        };
        screen.setId("screen-" + view.step().name().toLowerCase(Locale.ROOT));
        return screen;
    }

    // ---- attract ----

    private Node attract(JourneyView view) {
        Pane calm = new Pane();
        calm.setMouseTransparent(true);
        Animation[] loops = new Animation[3];
        double[][] circles = {{320, 300, 220}, {1500, 260, 160}, {1100, 760, 260}};
        for (int i = 0; i < circles.length; i++) {
            Circle circle = new Circle(circles[i][0], circles[i][1], circles[i][2]);
            circle.getStyleClass().add("calm-shape");
            calm.getChildren().add(circle);
            TranslateTransition drift = new TranslateTransition(Duration.seconds(7 + 2 * i), circle);
            drift.setByX(i % 2 == 0 ? 120 : -120);
            drift.setByY(i == 1 ? 80 : -60);
            drift.setAutoReverse(true);
            drift.setCycleCount(Animation.INDEFINITE);
            drift.setInterpolator(Interpolator.EASE_BOTH);
            ScaleTransition breathe = new ScaleTransition(Duration.seconds(5 + i), circle);
            breathe.setToX(1.15);
            breathe.setToY(1.15);
            breathe.setAutoReverse(true);
            breathe.setCycleCount(Animation.INDEFINITE);
            loops[i] = new ParallelTransition(drift, breathe);
        }
        Controls.whileShown(calm, loops);

        // "touch to start", cycling through the languages; the whole middle of the screen is the button
        BoothLanguage[] languages = BoothLanguage.values();
        StringProperty invitation = new SimpleStringProperty(model.textNow(BoothText.ATTRACT_TOUCH_TO_START));
        int[] shown = {0};
        Runnable[] startStyle = {() -> { }};
        Timeline cycle = new Timeline(new KeyFrame(Duration.seconds(3), event -> {
            shown[0] = (shown[0] + 1) % languages.length;
            invitation.set(model.textIn(languages[shown[0]], BoothText.ATTRACT_TOUCH_TO_START));
            // each language in a font that has its script (IPAexGothic has no hangul)
            startStyle[0].run();
        }));
        cycle.setCycleCount(Animation.INDEFINITE);
        Button start = new Button();
        start.textProperty().bind(invitation);
        start.setAccessibleText(model.textNow(BoothText.ATTRACT_TOUCH_TO_START));
        start.getStyleClass().add("touch-to-start");
        start.setId("touch-to-start");
        start.setOnAction(event -> model.touchToStart());
        start.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        VBox.setVgrow(start, Priority.ALWAYS);
        startStyle[0] = () -> start.setStyle(BoothTheme.fontStyle(languages[shown[0]]));
        Controls.whileShown(start, cycle);

        FlowPane languageButtons = new FlowPane();
        languageButtons.setAlignment(Pos.CENTER);
        languageButtons.hgapProperty().bind(Bindings.createDoubleBinding(() -> 0.6 * start.getFont().getSize(),
                start.fontProperty()));
        languageButtons.vgapProperty().bind(languageButtons.hgapProperty());
        for (BoothLanguage language : languages) {
            Button choose = button(language.ownName(), language.ownName(), () -> model.chooseLanguage(language),
                    "language", BIG);
            choose.setId("attract-language-" + language.name().toLowerCase(Locale.ROOT));
            choose.setStyle(BoothTheme.fontStyle(language));
            languageButtons.getChildren().add(choose);
        }
        VBox content = new VBox(start, languageButtons);
        content.setSpacing(16);
        content.setAlignment(Pos.CENTER);
        content.setPadding(new Insets(0, 0, 24, 0));
        view.lastEnd().ifPresent(cause -> {
            Label ended = label(model.text(BoothText.sessionEnd(cause)), "lead", "last-end");
            ended.setId("last-end");
            ended.setAlignment(Pos.CENTER);
            ended.setMaxWidth(Double.MAX_VALUE);
            StackPane box = new StackPane(ended);
            box.getStyleClass().add("warning-box");
            box.setMaxWidth(Double.MAX_VALUE);
            content.getChildren().add(0, box);
            // shown briefly: the next resident should not read the previous one's story
            FadeTransition fade = new FadeTransition(Duration.seconds(1.5), box);
            fade.setToValue(0);
            SequentialTransition brief = new SequentialTransition(new PauseTransition(Duration.seconds(10)), fade);
            brief.setOnFinished(event -> {
                box.setVisible(false);
                box.setManaged(false);
            });
            Controls.whileShown(box, brief);
        });
        StackPane attract = new StackPane(calm, content);
        attract.getStyleClass().add("attract");
        return attract;
    }

    // ---- language and procedures ----

    private Node language() {
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(24);
        grid.setAlignment(Pos.CENTER);
        BoothLanguage[] languages = BoothLanguage.values();
        for (int i = 0; i < languages.length; i++) {
            BoothLanguage language = languages[i];
            Button choose = button(language.ownName(), language.ownName(), () -> model.chooseLanguage(language),
                    "language", BIG);
            choose.setId("language-" + language.name().toLowerCase(Locale.ROOT));
            choose.setStyle(BoothTheme.fontStyle(language));
            choose.setMaxWidth(Double.MAX_VALUE);
            choose.setPrefWidth(420);
            grid.add(choose, i % 2, i / 2);
        }
        Controls.arrowKeys(grid);
        VBox screen = Controls.centred(label(model.text(UiText.ATTRACT_CHOOSE_LANGUAGE), "lead"), grid);
        return screen;
    }

    private Node procedures(JourneyView view) {
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(20);
        grid.setAlignment(Pos.CENTER);
        List<ProcedureView> procedures = view.procedures();
        for (int i = 0; i < procedures.size(); i++) {
            ProcedureView procedure = procedures.get(i);
            Button choose = button(procedure.title(), procedure.title() + ", " + procedure.department(),
                    () -> model.chooseProcedure(procedure.id()), PRIMARY, BIG);
            choose.setId("procedure-" + procedure.id());
            choose.setMaxWidth(Double.MAX_VALUE);
            choose.setPrefWidth(760);
            grid.add(choose, i % 2, i / 2);
        }
        Button clerk = button(model.text(UiText.PROCEDURE_TALK_TO_CLERK), model::talkToClerk, BIG);
        clerk.setId("procedure-talk-to-clerk");
        clerk.setMaxWidth(Double.MAX_VALUE);
        grid.add(clerk, 0, (procedures.size() + 1) / 2, 2, 1);
        Controls.arrowKeys(grid);
        grid.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("plain-scroll");
        return scroll;
    }

    // ---- the card ----

    private Node placeCard(JourneyView view) {
        String key = switch (view.card()) {
            case WAITING_FOR_CARD -> "card.place";
            case READING -> "card.reading";
            case UNREADABLE -> "card.unreadable";
            case READER_MISSING -> "card.reader_missing";
            case PCSC_UNAVAILABLE -> "card.service_down";
        };
        Label sentence = label(model.text(key), "lead");
        sentence.setId("card-prompt");
        sentence.setMaxWidth(1300);
        sentence.setAlignment(Pos.CENTER);
        VBox screen = Controls.centred();
        view.procedure().ifPresent(p -> screen.getChildren().add(label(p.title(), "big-value")));
        switch (view.card()) {
            case WAITING_FOR_CARD -> screen.getChildren().addAll(cardAnimation(false), sentence);
            case READING -> {
                ProgressIndicator spinner = new ProgressIndicator();
                spinner.setAccessibleText(model.textNow(key));
                screen.getChildren().addAll(cardAnimation(false), spinner, sentence);
            }
            case UNREADABLE -> {
                VBox box = Controls.column("warning-box", sentence);
                box.setMaxWidth(1300);
                screen.getChildren().addAll(cardAnimation(false), box);
            }
            case READER_MISSING, PCSC_UNAVAILABLE -> {
                VBox box = Controls.column("danger-box", sentence);
                box.setMaxWidth(1300);
                screen.getChildren().add(box);
            }
        }
        return screen;
    }

    /** A card moving onto a reader (or, for "take your card", up and away from it), in shapes. */
    private Node cardAnimation(boolean takeAway) {
        Rectangle reader = new Rectangle(0, 230, 360, 60);
        reader.setArcWidth(18);
        reader.setArcHeight(18);
        reader.getStyleClass().add("reader-shape");
        Rectangle card = new Rectangle(60, 0, 240, 150);
        card.setArcWidth(20);
        card.setArcHeight(20);
        card.getStyleClass().add("card-shape");
        Rectangle chip = new Rectangle(90, 50, 44, 36);
        chip.setArcWidth(8);
        chip.setArcHeight(8);
        chip.setStyle("-fx-fill: #b08d2c;");
        Group cardGroup = new Group(card, chip);
        TranslateTransition move = new TranslateTransition(Duration.seconds(1.6), cardGroup);
        move.setFromY(takeAway ? 80 : -10);
        move.setToY(takeAway ? -10 : 80);
        move.setInterpolator(Interpolator.EASE_BOTH);
        SequentialTransition loop = new SequentialTransition(move, new PauseTransition(Duration.seconds(1)));
        loop.setCycleCount(Animation.INDEFINITE);
        Group picture = new Group(reader, cardGroup);
        picture.setMouseTransparent(true);
        Controls.whileShown(picture, loop);
        return picture;
    }

    // ---- Is this you? ----

    private Node identity(JourneyView view) {
        IdentityView identity = view.identity().orElse(null);
        GridPane grid = new GridPane();
        grid.setHgap(36);
        grid.setVgap(18);
        grid.getStyleClass().add("panel");
        grid.setMaxWidth(1500);
        if (identity != null) {
            addRow(grid, 0, UiText.IDENTITY_NAME, identity.name(), "identity-name");
            addRow(grid, 1, UiText.IDENTITY_ADDRESS, identity.address(), "identity-address");
            addRow(grid, 2, UiText.IDENTITY_BIRTH_DATE, identity.birthDate(), "identity-birth-date");
        }
        Button yes = button(model.text(UiText.IDENTITY_YES), () -> model.confirmIdentity(true), PRIMARY, BIG);
        yes.setId("identity-yes");
        Button no = button(model.text(UiText.IDENTITY_NO), () -> model.confirmIdentity(false), BIG);
        no.setId("identity-no");
        yes.setPrefWidth(520);
        no.setPrefWidth(520);
        HBox answers = new HBox(36, yes, no);
        answers.setAlignment(Pos.CENTER);
        VBox screen = Controls.centred(grid);
        if (identity != null && identity.needsClerkCheck()) {
            Label note = label(model.text(UiText.IDENTITY_CLERK_CHECK));
            note.setId("identity-clerk-check");
            VBox box = Controls.column("warning-box", note);
            box.setMaxWidth(1500);
            screen.getChildren().add(box);
        }
        screen.getChildren().add(answers);
        return screen;
    }

    private void addRow(GridPane grid, int row, String labelKey, String value, String id) {
        Label name = label(model.text(labelKey), "field-label");
        Label shown = label(value, "big-value");
        shown.setId(id);
        shown.setAccessibleText(value);
        grid.add(name, 0, row);
        grid.add(shown, 1, row);
        GridPane.setHgrow(shown, Priority.ALWAYS);
    }

    // ---- questions ----

    private Node questions(JourneyView view) {
        if (view.question().isEmpty()) {
            GridPane answers = new GridPane();
            answers.setHgap(36);
            answers.setVgap(14);
            answers.getStyleClass().add("panel");
            answers.setMaxWidth(1500);
            for (int i = 0; i < view.usualAnswers().size(); i++) {
                JourneyView.AnswerView answer = view.usualAnswers().get(i);
                answers.add(label(answer.prompt(), "field-label"), 0, i);
                Label value = label(answer.answer(), "big-value");
                value.setId("usual-" + answer.questionId());
                answers.add(value, 1, i);
            }
            Button accept = button(model.text(UiText.USUAL_ACCEPT), model::acceptUsualAnswers, PRIMARY, BIG);
            accept.setId("usual-accept");
            Button change = button(model.text(UiText.USUAL_CHANGE), model::changeAnswers, BIG);
            change.setId("usual-change");
            accept.setPrefWidth(480);
            change.setPrefWidth(480);
            HBox buttons = new HBox(36, accept, change);
            buttons.setAlignment(Pos.CENTER);
            return Controls.centred(label(model.text(UiText.USUAL_INTRO), "lead"), answers, buttons);
        }
        QuestionView question = view.question().get();
        Label number = label(model.text(UiText.QUESTION_NUMBER, question.number(), question.count()), "hint");
        number.setId("question-number");
        Label prompt = label(question.prompt(), "big-value");
        prompt.setId("question-prompt");
        prompt.setMaxWidth(1500);
        prompt.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        prompt.setAlignment(Pos.CENTER);
        VBox screen = Controls.centred(number, prompt);
        if (question.kind() == QuestionView.Kind.CHOICE) {
            GridPane choices = new GridPane();
            choices.setHgap(24);
            choices.setVgap(20);
            choices.setAlignment(Pos.CENTER);
            int columns = question.choices().size() > 4 ? 2 : 1;
            for (int i = 0; i < question.choices().size(); i++) {
                JourneyView.ChoiceView choice = question.choices().get(i);
                boolean current = question.currentValue().filter(choice.value()::equals).isPresent();
                Button choose = button(choice.label(), choice.label(), () -> model.answer(choice.value()), BIG);
                if (current) {
                    choose.getStyleClass().add("selected");
                }
                choose.setId("choice-" + choice.value());
                choose.setPrefWidth(columns == 1 ? 900 : 680);
                choose.setMaxWidth(Double.MAX_VALUE);
                choices.add(choose, i % columns, i / columns);
            }
            Controls.arrowKeys(choices);
            screen.getChildren().add(choices);
        } else {
            int start = question.currentValue().map(BoothScreens::parse).orElse(question.min());
            IntegerProperty value = new SimpleIntegerProperty(Math.max(question.min(), Math.min(question.max(), start)));
            Label shown = new Label();
            shown.textProperty().bind(value.asString());
            shown.getStyleClass().addAll("reference", "number-value");
            shown.setId("number-value");
            shown.setMinWidth(Label.USE_PREF_SIZE);
            Button minus = button("−", model.textNow(UiText.QUESTION_MINUS), () -> value.set(value.get() - 1),
                    "key", BIG);
            minus.accessibleTextProperty().bind(model.text(UiText.QUESTION_MINUS));
            minus.setId("number-minus");
            minus.disableProperty().bind(value.lessThanOrEqualTo(question.min()));
            Button plus = button("+", model.textNow(UiText.QUESTION_PLUS), () -> value.set(value.get() + 1),
                    "key", BIG);
            plus.accessibleTextProperty().bind(model.text(UiText.QUESTION_PLUS));
            plus.setId("number-plus");
            plus.disableProperty().bind(value.greaterThanOrEqualTo(question.max()));
            HBox stepper = new HBox(48, minus, shown, plus);
            stepper.setAlignment(Pos.CENTER);
            Button next = button(model.text(UiText.QUESTION_NEXT), () -> model.answer(Integer.toString(value.get())),
                    PRIMARY, BIG);
            next.setId("number-next");
            next.setPrefWidth(480);
            screen.getChildren().addAll(stepper, next);
        }
        return screen;
    }

    private static int parse(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }

    // ---- review ----

    private Node review(JourneyView view) {
        ReviewView review = view.review().orElse(null);
        HBox screen = new HBox(32);
        screen.setAlignment(Pos.TOP_CENTER);
        if (review == null) {
            return waiting(BoothText.stepTitle(view.step()));
        }
        ImageView preview = new ImageView();
        Controls.showPng(preview, review.previewPng());
        preview.setPreserveRatio(true);
        preview.setSmooth(true);
        preview.setAccessibleText(model.textNow(UiText.REVIEW_PREVIEW));
        preview.setId("review-preview");
        ScrollPane previewScroll = new ScrollPane(new StackPane(preview));
        previewScroll.setPannable(true);
        previewScroll.setId("review-scroll");
        VBox.setVgrow(previewScroll, Priority.ALWAYS);
        // the page fits the pane's width at first; zoom in steps of 1.25 up to 4 times
        javafx.beans.property.DoubleProperty zoom = new javafx.beans.property.SimpleDoubleProperty(1);
        preview.fitWidthProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(300, previewScroll.getViewportBounds().getWidth() - 4) * zoom.get(),
                previewScroll.viewportBoundsProperty(), zoom));
        Button zoomOut = button(model.text(UiText.REVIEW_ZOOM_OUT), () -> zoom.set(Math.max(1, zoom.get() / 1.25)));
        zoomOut.setId("review-zoom-out");
        zoomOut.disableProperty().bind(zoom.lessThanOrEqualTo(1.0001));
        Button zoomIn = button(model.text(UiText.REVIEW_ZOOM_IN), () -> zoom.set(Math.min(4, zoom.get() * 1.25)));
        zoomIn.setId("review-zoom-in");
        HBox zoomButtons = new HBox(16, zoomOut, zoomIn);
        VBox left = new VBox(12, zoomButtons, previewScroll);
        left.setPrefWidth(820);
        left.setMinWidth(600);

        VBox fields = new VBox(6);
        for (FieldView field : review.fields()) {
            boolean fromResident = field.source().startsWith("card.") || field.source().startsWith("answer.");
            boolean clerkCheck = field.needsClerkCheck() || review.clerkCheckFieldIds().contains(field.id());
            Label name = label(field.label() + (clerkCheck ? "  ※" : ""), "field-label");
            Label value = label(field.value(), "field-value");
            value.setStyle("-fx-font-size: 1.15em; -fx-font-weight: bold;");
            VBox row = new VBox(name, value);
            row.getStyleClass().add("field-row");
            row.setId("field-" + field.id().replaceAll("[^A-Za-z0-9_-]", "-"));
            if (fromResident) {
                row.getStyleClass().add("from-resident");
                row.getChildren().add(label(model.text(field.source().startsWith("card.")
                        ? UiText.REVIEW_FROM_CARD : UiText.REVIEW_FROM_ANSWER), "source-badge"));
            }
            if (clerkCheck) {
                row.getStyleClass().add("clerk-check");
            }
            fields.getChildren().add(row);
        }
        ScrollPane fieldScroll = new ScrollPane(fields);
        fieldScroll.setFitToWidth(true);
        VBox.setVgrow(fieldScroll, Priority.ALWAYS);
        VBox right = new VBox(14, label(model.text(UiText.REVIEW_INTRO), "lead"), fieldScroll);
        if (!review.clerkCheckFieldIds().isEmpty() || review.fields().stream().anyMatch(FieldView::needsClerkCheck)) {
            Label explain = label(model.text(UiText.REVIEW_CLERK_CHECK));
            explain.setId("review-clerk-check");
            right.getChildren().add(Controls.column("warning-box", explain));
        }
        Button confirm = button(model.text(UiText.REVIEW_CONFIRM), model::confirmReview, PRIMARY, BIG);
        confirm.setId("review-confirm");
        confirm.setMaxWidth(Double.MAX_VALUE);
        right.getChildren().add(confirm);
        HBox.setHgrow(right, Priority.ALWAYS);
        right.setMinWidth(560);
        screen.getChildren().addAll(left, right);
        return screen;
    }

    // ---- the call ----

    private Node call(JourneyView view) {
        BoothWindow.CallParts parts = callParts.get();
        FxVideoSession call = parts.session();
        VideoPane videoPane = parts.pane();
        CallView callView = view.call().orElse(new CallView(CallPhase.REQUESTING, java.util.OptionalInt.empty(),
                java.util.OptionalInt.empty(), java.util.Optional.empty(), java.util.Optional.empty()));
        VBox side = new VBox(18);
        side.setPrefWidth(560);
        side.setMinWidth(460);
        String phaseKey = switch (callView.phase()) {
            case REQUESTING -> UiText.CALL_REQUESTING;
            case QUEUED -> null;
            case CONNECTING -> UiText.CALL_CONNECTING;
            case IN_CALL -> null;
            case ENDED -> UiText.CALL_ENDED;
            case UNAVAILABLE -> UiText.CALL_UNAVAILABLE;
        };
        Label status;
        if (callView.phase() == CallPhase.IN_CALL) {
            status = label(call.messageProperty(), "lead");
        } else if (callView.phase() == CallPhase.CONNECTING) {
            // while the video is being connected it may already be lost and rejoined (a crashed browser, a dropped
            // network): then the video's own "reconnecting (attempt n)" sentence, not "connecting the video"
            ObservableStringValue connecting = model.text(phaseKey);
            status = label(Bindings.createStringBinding(() -> call.stateProperty().get() == VideoState.RECONNECTING
                    ? call.messageProperty().get() : connecting.get(), call.stateProperty(), call.messageProperty(),
                    connecting), "lead");
        } else if (phaseKey != null) {
            status = label(model.text(phaseKey), "lead");
        } else {
            status = label(model.text(UiText.CALL_QUEUED, callView.position().orElse(1)), "big-value");
        }
        status.setId("call-status");
        // the video's own sentence is empty while the video session has none to say: no blank line, nothing to read out
        status.visibleProperty().bind(status.textProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        if (callView.phase() == CallPhase.QUEUED && callView.returned()) {
            // the clerk's side was cut: say so before "you are number N", which is still true
            Label returned = label(model.text(UiText.CALL_RETURNED), "lead");
            returned.setId("call-returned");
            returned.setWrapText(true);
            side.getChildren().add(Controls.column("warning-box", returned));
        }
        if (callView.decision().isEmpty() || callView.phase() == CallPhase.UNAVAILABLE) {
            // once the clerk has decided, the decision is what the resident reads, not "connecting…"
            side.getChildren().add(status);
        }
        if (callView.phase() == CallPhase.QUEUED && callView.estimatedWaitSeconds().isPresent()) {
            int minutes = (callView.estimatedWaitSeconds().getAsInt() + 59) / 60;
            Label wait = label(model.text(UiText.CALL_WAIT, minutes), "lead");
            wait.setId("call-wait");
            side.getChildren().add(wait);
        }
        if (callView.decision().isEmpty() && (callView.phase() == CallPhase.REQUESTING
                || callView.phase() == CallPhase.QUEUED || callView.phase() == CallPhase.CONNECTING)) {
            ProgressIndicator spinner = new ProgressIndicator();
            spinner.accessibleTextProperty().bind(status.textProperty());
            side.getChildren().add(spinner);
        }
        callView.reference().ifPresent(reference -> side.getChildren().addAll(
                label(model.text(UiText.REFERENCE), "field-label"), label(reference, "big-value")));
        view.review().filter(review -> !review.clerkCheckFieldIds().isEmpty()).ifPresent(review -> {
            // 外字: known only once the card's signature certificate was read, i.e. after the review
            Label note = label(model.text(UiText.CALL_CLERK_CHECK));
            note.setId("call-clerk-check");
            side.getChildren().add(Controls.column("warning-box", note));
        });
        callView.decision().ifPresent(decision -> {
            Label title = label(model.text(UiText.CALL_DECISION), "field-label");
            Label outcome = label(model.text(UiText.decision(decision.outcome())), "box-title");
            outcome.setId("call-decision");
            VBox box = Controls.column("warning-box", title, outcome, label(decision.message()));
            side.getChildren().add(box);
        });
        if (callView.phase() == CallPhase.UNAVAILABLE) {
            status.getStyleClass().add("big-value");
            VBox box = Controls.column("warning-box", status);
            box.setMaxWidth(1400);
            return Controls.centred(box);
        }
        boolean live = callView.phase() == CallPhase.CONNECTING || callView.phase() == CallPhase.IN_CALL;
        Button microphone = new Button();
        microphone.textProperty().bind(call.microphoneActionTextProperty());
        microphone.accessibleTextProperty().bind(call.microphoneAccessibleTextProperty());
        microphone.setOnAction(event -> call.toggleMicrophone());
        microphone.setId("call-microphone");
        Button camera = new Button();
        camera.textProperty().bind(call.cameraActionTextProperty());
        camera.accessibleTextProperty().bind(call.cameraAccessibleTextProperty());
        camera.setOnAction(event -> call.toggleCamera());
        camera.setId("call-camera");
        Button hangUp = new Button();
        hangUp.textProperty().bind(call.hangUpTextProperty());
        hangUp.accessibleTextProperty().bind(call.hangUpAccessibleTextProperty());
        hangUp.setOnAction(event -> call.hangUp());
        hangUp.setId("call-hang-up");
        hangUp.setStyle("-fx-background-color: -booth-danger-border; -fx-background-insets: 0;"
                + " -fx-text-fill: white;");
        for (Button b : List.of(microphone, camera, hangUp)) {
            b.getStyleClass().add(BIG);
            b.setMaxWidth(Double.MAX_VALUE);
        }
        side.getChildren().add(Controls.spacer());
        if (live) {
            // only while there is a call to mute, to show oneself in, or to end
            side.getChildren().addAll(microphone, camera, hangUp);
        }
        HBox.setHgrow(videoPane, Priority.ALWAYS);
        videoPane.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        // the side column scrolls rather than pushing the screen (and the call window over it) past the
        // window's edge when large text or a long decision needs more height than there is
        javafx.scene.control.ScrollPane sideScroll = new javafx.scene.control.ScrollPane(side);
        sideScroll.setFitToWidth(true);
        sideScroll.setFitToHeight(true);
        sideScroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        sideScroll.getStyleClass().add("plain-scroll");
        sideScroll.setMinWidth(460);
        sideScroll.setPrefWidth(580);
        side.setFillWidth(true);
        HBox screen = new HBox(28, videoPane);
        callView.shown().filter(shown -> !shown.text().isEmpty() || shown.hasPicture())
                .ifPresent(shown -> screen.getChildren().add(clerkShows(shown)));
        screen.getChildren().add(sideScroll);
        return screen;
    }

    /**
     * What the clerk shows, in its own column between the video and the call's controls: the video pane narrows
     * to make room, so nothing of it lies under the call's window (which would hide it). The text wraps and scrolls;
     * the picture fits the rest of the column, its proportions kept.
     */
    private Node clerkShows(JourneyView.ClerkShowsView shown) {
        VBox column = Controls.column("clerk-shows");
        column.setId("clerk-shows");
        column.setPrefWidth(CLERK_SHOWS_WIDTH);
        column.setMinWidth(CLERK_SHOWS_WIDTH);
        column.setMaxWidth(CLERK_SHOWS_WIDTH);
        Label title = label(model.text(UiText.CALL_CLERK_SHOWS_TITLE), "box-title");
        title.setId("clerk-shows-title");
        column.getChildren().add(title);
        if (!shown.text().isEmpty()) {
            Label text = label(shown.text(), "clerk-shows-text");
            text.setId("clerk-shows-text");
            text.setMaxWidth(Double.MAX_VALUE);
            ScrollPane textScroll = new ScrollPane(text);
            textScroll.setFitToWidth(true);
            textScroll.setPannable(true);
            textScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
            textScroll.getStyleClass().add("plain-scroll");
            textScroll.setId("clerk-shows-text-scroll");
            // as tall as the wrapped text (a ScrollPane would ask for one line's height), scrolling beyond its room
            textScroll.prefViewportHeightProperty().bind(text.heightProperty());
            if (shown.hasPicture()) {
                // a long text leaves the picture at least half the column
                textScroll.maxHeightProperty().bind(column.heightProperty().multiply(0.4));
            } else {
                VBox.setVgrow(textScroll, Priority.ALWAYS);
            }
            column.getChildren().add(textScroll);
        }
        if (shown.hasPicture()) {
            ImageView picture = new ImageView();
            Controls.showPng(picture, shown.picture());
            picture.setPreserveRatio(true);
            picture.setSmooth(true);
            picture.accessibleTextProperty().bind(model.text(UiText.CALL_CLERK_SHOWS_PICTURE));
            picture.setId("clerk-shows-picture");
            // the holder takes the column's remaining room; the picture fits inside it without distortion
            StackPane holder = new StackPane(picture);
            holder.setMinSize(0, 0);
            holder.setPrefSize(1, 1);
            holder.setAlignment(Pos.TOP_CENTER);
            picture.fitWidthProperty().bind(holder.widthProperty());
            picture.fitHeightProperty().bind(holder.heightProperty());
            VBox.setVgrow(holder, Priority.ALWAYS);
            column.getChildren().add(holder);
        }
        return column;
    }

    // ---- receipt and card ----

    private Node receipt(JourneyView view) {
        ReceiptView receipt = view.receipt().orElse(null);
        if (receipt == null) {
            return waiting(BoothText.stepTitle(view.step()));
        }
        Label reference = label(receipt.reference(), "reference");
        reference.setId("receipt-reference");
        reference.setAccessibleText(receipt.reference());
        // a reference number is copied by hand or read out on the phone: never broken over two lines
        reference.setWrapText(false);
        reference.setMinWidth(Region.USE_PREF_SIZE);
        VBox left = new VBox(20, label(model.text(UiText.REFERENCE), "field-label"), reference);
        Label how = label(model.text(receipt.printed() ? UiText.RECEIPT_PRINTED : UiText.RECEIPT_QR), "lead");
        how.setId("receipt-how");
        left.getChildren().add(how);
        if (!receipt.delivered()) {
            Label pending = label(model.text(UiText.RECEIPT_PENDING));
            pending.setId("receipt-pending");
            left.getChildren().add(Controls.column("warning-box", pending));
        }
        Button done = button(model.text(UiText.RECEIPT_DONE), model::finish, PRIMARY, BIG);
        done.setId("receipt-done");
        done.setPrefWidth(480);
        left.getChildren().addAll(Controls.spacer(), done);
        HBox.setHgrow(left, Priority.ALWAYS);
        byte[] png = receipt.printed() ? receipt.receiptPng() : receipt.qrPng();
        HBox screen = new HBox(48, left);
        if (png != null && png.length > 0) {
            ImageView image = new ImageView();
            Controls.showPng(image, png);
            image.setPreserveRatio(true);
            image.setSmooth(receipt.printed());
            image.setFitWidth(receipt.printed() ? 520 : 420);
            image.setAccessibleText(model.textNow(receipt.printed() ? UiText.RECEIPT_IMAGE : UiText.RECEIPT_QR));
            image.setId(receipt.printed() ? "receipt-image" : "receipt-qr");
            ScrollPane scroll = new ScrollPane(new StackPane(image));
            scroll.setFitToWidth(true);
            scroll.setMinWidth(460);
            scroll.setMaxHeight(Region.USE_PREF_SIZE);
            VBox holder = new VBox(scroll);
            screen.getChildren().add(holder);
        }
        return screen;
    }

    private Node takeCard() {
        Label hint = label(model.text(UiText.TAKE_CARD_HINT), "lead");
        hint.setId("take-card-hint");
        return Controls.centred(cardAnimation(true), hint);
    }

    private Node waiting(String key) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setAccessibleText(model.textNow(key));
        return Controls.centred(spinner);
    }
}
