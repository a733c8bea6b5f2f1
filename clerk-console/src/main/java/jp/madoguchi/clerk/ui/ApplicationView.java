package jp.madoguchi.clerk.ui;

import java.io.ByteArrayInputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import jp.madoguchi.clerk.i18n.ConsoleText;
import jp.madoguchi.clerk.model.ApplicationViewModel;
import jp.madoguchi.clerk.model.ApplicationViewModel.Badge;
import jp.madoguchi.clerk.model.ApplicationViewModel.FieldRow;

/**
 * An application as the clerk checks it: the procedure and reference, the verification badges (one per check, in
 * plain words, a failed one saying what failed; the substituted characters' badge last), then the fields with their
 * sources and the paper form as the booth printed it. FX thread only; the model was built on the work thread.
 */
public final class ApplicationView extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** The fields' table and the printed form get at least this much height (the view scrolls, they do not vanish). */
    private static final double TABS_MIN_HEIGHT = 300;

    public ApplicationView(ApplicationViewModel model, Locale locale, ZoneId zone) {
        setId("application-view");
        setMinHeight(0);
        setSpacing(8);
        setPadding(new Insets(8));
        Label title = new Label(model.formTitle());
        title.getStyleClass().add("section-title");
        title.setId("application-title");
        Label reference = new Label(ConsoleText.APP_REFERENCE.in(locale, model.reference()) + "　"
                + ConsoleText.APP_RECEIVED.in(locale, TIME.format(model.receivedAt().atZone(zone))));
        reference.setId("application-reference");
        getChildren().addAll(title, reference);

        Label overall = new Label(model.anyFailed() ? ConsoleText.CHECK_OVERALL_FAILED.in(locale)
                : ConsoleText.CHECK_OVERALL_VERIFIED.in(locale));
        overall.setId("verification-overall");
        overall.getStyleClass().add(model.anyFailed() ? "problem" : "section-title");
        FlowPane badges = new FlowPane(8, 8);
        badges.setId("badges");
        for (Badge badge : model.badges()) {
            badges.getChildren().add(badgeNode(badge));
        }
        getChildren().addAll(overall, badges);
        if (!model.problem().isEmpty()) {
            Label problem = new Label(model.problem());
            problem.setId("application-problem");
            problem.getStyleClass().add("problem");
            problem.setWrapText(true);
            getChildren().add(problem);
        }
        if (!model.notice().isEmpty()) {
            Label notice = new Label(model.notice());
            notice.setId("application-notice");
            notice.getStyleClass().add("notice");
            notice.setWrapText(true);
            getChildren().add(notice);
        }

        TableView<FieldRow> table = new TableView<>(FXCollections.observableArrayList(model.fields()));
        table.setId("application-fields");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column(ConsoleText.APP_COL_SECTION.in(locale), FieldRow::section, 0.16));
        table.getColumns().add(column(ConsoleText.APP_COL_LABEL.in(locale), FieldRow::label, 0.2));
        TableColumn<FieldRow, FieldRow> value = new TableColumn<>(ConsoleText.APP_COL_VALUE.in(locale));
        value.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cell.getValue()));
        value.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(FieldRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("gaiji-cell");
                if (empty || row == null) {
                    setText(null);
                    return;
                }
                setText(row.needsClerkCheck() ? row.value() + "　" + row.clerkCheck() : row.value());
                setWrapText(true);
                if (row.needsClerkCheck()) {
                    getStyleClass().add("gaiji-cell");
                }
            }
        });
        value.setPrefWidth(320);
        table.getColumns().add(value);
        table.getColumns().add(column(ConsoleText.APP_COL_SOURCE.in(locale), FieldRow::source, 0.12));

        ImageView form = new ImageView();
        form.setId("application-form-image");
        form.setPreserveRatio(true);
        form.setSmooth(true);
        form.setAccessibleText(ConsoleText.APP_TAB_FORM.in(locale));
        byte[] png = model.formPng();
        Label formMessage = new Label();
        if (png != null) {
            form.setImage(new Image(new ByteArrayInputStream(png)));
        } else {
            formMessage.setText(ConsoleText.APP_RENDER_FAILED.in(locale));
            formMessage.getStyleClass().add("problem");
        }
        ScrollPane formScroll = new ScrollPane(new VBox(formMessage, form));
        formScroll.setFitToWidth(true);
        formScroll.viewportBoundsProperty().addListener((o, before, bounds) -> form.setFitWidth(Math.max(200, bounds.getWidth() - 8)));

        Tab fieldsTab = new Tab(ConsoleText.APP_TAB_FIELDS.in(locale), table);
        fieldsTab.setId("tab-fields");
        Tab formTab = new Tab(ConsoleText.APP_TAB_FORM.in(locale), formScroll);
        formTab.setId("tab-form");
        TabPane tabs = new TabPane(fieldsTab, formTab);
        tabs.setMinHeight(TABS_MIN_HEIGHT);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        getChildren().add(tabs);
    }

    /** The height below which the view scrolls instead of squeezing its tabs: the header and badges plus the tabs. */
    double minimumUsefulHeight() {
        double above = 0;
        for (javafx.scene.Node child : getChildren()) {
            if (!(child instanceof TabPane)) {
                above += child.prefHeight(getWidth() - getPadding().getLeft() - getPadding().getRight()) + getSpacing();
            }
        }
        return above + TABS_MIN_HEIGHT + getPadding().getTop() + getPadding().getBottom();
    }

    private static TableColumn<FieldRow, String> column(String title, java.util.function.Function<FieldRow, String> value,
            double share) {
        TableColumn<FieldRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(600 * share);
        return column;
    }

    static VBox badgeNode(Badge badge) {
        String mark = switch (badge.level()) {
            case PASSED -> "✔ ";
            case FAILED -> "✖ ";
            case INDETERMINATE -> "？ ";
            case ATTENTION -> "⚠ ";
        };
        Label title = new Label(mark + badge.title() + "：" + badge.verdict());
        title.getStyleClass().add("badge-title");
        VBox box = new VBox(title);
        if (!badge.detail().isBlank()) {
            javafx.scene.control.Tooltip.install(box, new javafx.scene.control.Tooltip(badge.detail()));
        }
        // a passed check is one line (its technical reason in the tooltip); what failed, was not decided, needs the
        // clerk, or is the CRL's date is written out
        boolean spelledOut = badge.level() != ApplicationViewModel.Level.PASSED || "revocation".equals(badge.id());
        if (spelledOut && !badge.detail().isBlank()) {
            Label detail = new Label(badge.detail());
            detail.getStyleClass().add("badge-detail");
            detail.setWrapText(true);
            detail.setMaxWidth(360);
            box.getChildren().add(detail);
        }
        box.getStyleClass().addAll("badge", "badge-" + badge.level().name().toLowerCase(Locale.ROOT));
        box.setId("badge-" + badge.id());
        box.setAccessibleText(title.getText() + (badge.detail().isBlank() ? "" : "、" + badge.detail()));
        return box;
    }
}
