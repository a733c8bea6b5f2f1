package jp.madoguchi.clerk.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import jp.madoguchi.clerk.i18n.ConsoleText;
import jp.madoguchi.clerk.model.AdminModel;
import jp.madoguchi.hqlink.message.BoothHealth;
import jp.madoguchi.hqlink.message.ClerkAccountView;
import jp.madoguchi.hqlink.message.EnrolmentCodeRequest;

/**
 * The administrator's tab: enrol a booth (a one-time code to type at the booth), the booths' health with "revoke"
 * (asked first: it cannot be undone), and the clerk accounts. Shown only to a clerk with the administrator role.
 * FX thread only.
 */
public final class AdminView extends ScrollPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public AdminView(AdminModel model, Locale locale, ZoneId zone) {
        setId("admin-view");
        setFitToWidth(true);

        Label enrolTitle = new Label(ConsoleText.ADMIN_ENROL_TITLE.in(locale));
        enrolTitle.getStyleClass().add("section-title");
        TextField name = field("admin-enrol-name", ConsoleText.ADMIN_ENROL_NAME.in(locale));
        TextField location = field("admin-enrol-location", ConsoleText.ADMIN_ENROL_LOCATION.in(locale));
        Spinner<Integer> hours = new Spinner<>(1, EnrolmentCodeRequest.MAX_VALID_HOURS, 24);
        hours.setId("admin-enrol-hours");
        hours.setEditable(true);
        hours.setPrefWidth(90);
        hours.setAccessibleText(ConsoleText.ADMIN_ENROL_HOURS.in(locale));
        Button create = new Button(ConsoleText.ADMIN_ENROL_CREATE.in(locale));
        create.setId("admin-enrol-create");
        create.getStyleClass().add("primary");
        create.setOnAction(event -> model.createEnrolmentCode(name.getText(), location.getText(), hours.getValue()));
        HBox enrolForm = new HBox(8, new Label(ConsoleText.ADMIN_ENROL_NAME.in(locale)), name,
                new Label(ConsoleText.ADMIN_ENROL_LOCATION.in(locale)), location,
                new Label(ConsoleText.ADMIN_ENROL_HOURS.in(locale)), hours, create);
        enrolForm.setAlignment(Pos.CENTER_LEFT);
        Label enrolResult = new Label();
        enrolResult.setId("admin-enrol-result");
        enrolResult.getStyleClass().add("enrol-code");
        enrolResult.setWrapText(true);
        enrolResult.textProperty().bind(model.enrolResultProperty());

        Label boothsTitle = new Label(ConsoleText.ADMIN_BOOTHS_TITLE.in(locale));
        boothsTitle.getStyleClass().add("section-title");
        TableView<BoothHealth> booths = new TableView<>(model.booths());
        booths.setId("admin-booths");
        booths.setPrefHeight(220);
        booths.getColumns().add(column(ConsoleText.ADMIN_COL_NAME.in(locale), BoothHealth::name, 180));
        booths.getColumns().add(column(ConsoleText.ADMIN_COL_LOCATION.in(locale), BoothHealth::location, 180));
        booths.getColumns().add(column(ConsoleText.ADMIN_COL_STATE.in(locale), b -> b.revokedAt() != null
                ? ConsoleText.ADMIN_BOOTH_REVOKED.in(locale, time(b.revokedAt(), zone))
                : QueueBoardView.boothState(b.online(), b.state(), locale), 160));
        booths.getColumns().add(column(ConsoleText.ADMIN_COL_LAST_SEEN.in(locale), b -> time(b.lastSeen(), zone), 150));
        booths.getColumns().add(column(ConsoleText.ADMIN_COL_STARTED.in(locale), b -> time(b.startedAt(), zone), 150));
        booths.getColumns().add(column(ConsoleText.ADMIN_COL_UNCLEAN.in(locale),
                b -> b.lastUncleanRestartAt() == null ? "" : "⚠ " + time(b.lastUncleanRestartAt(), zone), 170));
        booths.getColumns().add(column(ConsoleText.ADMIN_COL_ENROLLED.in(locale), b -> time(b.enrolledAt(), zone), 150));
        TableColumn<BoothHealth, BoothHealth> revoke = new TableColumn<>("");
        revoke.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cell.getValue()));
        revoke.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(BoothHealth booth, boolean empty) {
                super.updateItem(booth, empty);
                if (empty || booth == null || booth.revokedAt() != null) {
                    setGraphic(null);
                    return;
                }
                Button button = new Button(ConsoleText.ADMIN_BOOTH_REVOKE.in(locale));
                button.setId("admin-revoke-" + booth.boothId());
                button.getStyleClass().add("reject");
                button.setOnAction(event -> {
                    Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                            ConsoleText.ADMIN_BOOTH_REVOKE_CONFIRM.in(locale, booth.name()));
                    ask.setHeaderText(null);
                    ask.initOwner(getScene() == null ? null : getScene().getWindow());
                    ask.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> model.revokeBooth(booth));
                });
                setGraphic(button);
            }
        });
        revoke.setPrefWidth(150);
        booths.getColumns().add(revoke);
        Label boothsMessage = new Label();
        boothsMessage.setId("admin-booths-message");
        boothsMessage.textProperty().bind(model.boothsMessageProperty());

        Label clerksTitle = new Label(ConsoleText.ADMIN_CLERKS_TITLE.in(locale));
        clerksTitle.getStyleClass().add("section-title");
        TableView<ClerkAccountView> clerks = new TableView<>(model.clerks());
        clerks.setId("admin-clerks");
        clerks.setPrefHeight(220);
        clerks.getColumns().add(column(ConsoleText.ADMIN_CLERK_USERNAME.in(locale), ClerkAccountView::username, 150));
        clerks.getColumns().add(column(ConsoleText.ADMIN_CLERK_NAME.in(locale), ClerkAccountView::displayName, 180));
        clerks.getColumns().add(column(ConsoleText.ADMIN_CLERK_IS_ADMIN.in(locale), c -> c.admin() ? "✔" : "", 80));
        clerks.getColumns().add(column(ConsoleText.ADMIN_COL_STATE.in(locale), c -> c.disabled()
                ? ConsoleText.ADMIN_CLERK_STATUS_DISABLED.in(locale) : c.locked()
                ? ConsoleText.ADMIN_CLERK_STATUS_LOCKED.in(locale) : ConsoleText.ADMIN_CLERK_STATUS_ACTIVE.in(locale), 100));
        TableColumn<ClerkAccountView, ClerkAccountView> actions = new TableColumn<>("");
        actions.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cell.getValue()));
        actions.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(ClerkAccountView clerk, boolean empty) {
                super.updateItem(clerk, empty);
                if (empty || clerk == null) {
                    setGraphic(null);
                    return;
                }
                Button toggle = new Button(clerk.disabled() ? ConsoleText.ADMIN_CLERK_ENABLE.in(locale)
                        : ConsoleText.ADMIN_CLERK_DISABLE.in(locale));
                toggle.setId("admin-toggle-" + clerk.username());
                toggle.setOnAction(event -> model.setDisabled(clerk, !clerk.disabled()));
                HBox box = new HBox(6, toggle);
                if (clerk.locked()) {
                    Button unlock = new Button(ConsoleText.ADMIN_CLERK_UNLOCK.in(locale));
                    unlock.setId("admin-unlock-" + clerk.username());
                    unlock.setOnAction(event -> model.unlock(clerk));
                    box.getChildren().add(unlock);
                }
                setGraphic(box);
            }
        });
        actions.setPrefWidth(220);
        clerks.getColumns().add(actions);

        TextField username = field("admin-clerk-username", ConsoleText.ADMIN_CLERK_USERNAME.in(locale));
        TextField displayName = field("admin-clerk-name", ConsoleText.ADMIN_CLERK_NAME.in(locale));
        PasswordField password = new PasswordField();
        password.setId("admin-clerk-password");
        password.setPromptText(ConsoleText.ADMIN_CLERK_PASSWORD.in(locale));
        password.setAccessibleText(ConsoleText.ADMIN_CLERK_PASSWORD.in(locale));
        password.setPrefColumnCount(20);
        CheckBox admin = new CheckBox(ConsoleText.ADMIN_CLERK_IS_ADMIN.in(locale));
        admin.setId("admin-clerk-admin");
        Button createClerk = new Button(ConsoleText.ADMIN_CLERK_CREATE.in(locale));
        createClerk.setId("admin-clerk-create");
        createClerk.getStyleClass().add("primary");
        createClerk.setOnAction(event -> {
            CharSequence typed = password.getCharacters();
            char[] copy = new char[typed.length()];
            for (int i = 0; i < copy.length; i++) {
                copy[i] = typed.charAt(i);
            }
            password.clear();
            model.createClerk(username.getText(), displayName.getText(), copy, admin.isSelected());
        });
        HBox clerkForm = new HBox(8, username, displayName, password, admin, createClerk);
        clerkForm.setAlignment(Pos.CENTER_LEFT);
        Label clerksMessage = new Label();
        clerksMessage.setId("admin-clerks-message");
        clerksMessage.textProperty().bind(model.clerksMessageProperty());

        VBox content = new VBox(10, enrolTitle, enrolForm, enrolResult, boothsTitle, booths, boothsMessage, clerksTitle,
                clerks, clerkForm, clerksMessage);
        content.setPadding(new Insets(12));
        setContent(content);
    }

    private static TextField field(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setAccessibleText(prompt);
        return field;
    }

    private static String time(Instant at, ZoneId zone) {
        return at == null ? "—" : TIME.format(at.atZone(zone));
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
