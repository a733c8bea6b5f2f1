package jp.madoguchi.clerk.ui;

import java.util.Locale;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import jp.madoguchi.clerk.i18n.ConsoleText;
import jp.madoguchi.clerk.model.LoginViewModel;

/**
 * The login screen: clerk ID, password, "log in", and the view model's message under them. A thin view: Enter in
 * either field or the button logs in; the password's characters are copied out of the field into a {@code char[]}
 * for the view model and the field is cleared at once (decision 0027). While a login is under way the fields and
 * the button are disabled. FX thread only.
 */
public final class LoginView extends VBox {
    private final LoginViewModel model;
    private final PasswordField password = new PasswordField();

    public LoginView(LoginViewModel model, Locale locale) {
        this.model = Objects.requireNonNull(model, "model");
        getStyleClass().add("login");
        setAlignment(Pos.CENTER);
        setSpacing(16);
        setPadding(new Insets(48));

        Label title = new Label(ConsoleText.LOGIN_TITLE.in(locale));
        title.getStyleClass().add("login-title");
        title.setStyle("-fx-font-size: 1.6em; -fx-font-weight: bold;");

        TextField username = new TextField();
        username.setId("login-username");
        username.textProperty().bindBidirectional(model.usernameProperty());
        username.setAccessibleText(ConsoleText.LOGIN_USERNAME.in(locale));
        username.setPrefColumnCount(18);
        password.setId("login-password");
        password.setAccessibleText(ConsoleText.LOGIN_PASSWORD.in(locale));
        password.setPrefColumnCount(18);

        Label usernameLabel = new Label(ConsoleText.LOGIN_USERNAME.in(locale));
        usernameLabel.setLabelFor(username);
        Label passwordLabel = new Label(ConsoleText.LOGIN_PASSWORD.in(locale));
        passwordLabel.setLabelFor(password);
        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(12);
        form.setAlignment(Pos.CENTER);
        form.addRow(0, usernameLabel, username);
        form.addRow(1, passwordLabel, password);

        Button submit = new Button(ConsoleText.LOGIN_SUBMIT.in(locale));
        submit.setId("login-submit");
        submit.setDefaultButton(true);
        submit.setOnAction(event -> submit());
        username.setOnAction(event -> submit());
        password.setOnAction(event -> submit());

        Label message = new Label();
        message.setId("login-message");
        message.setWrapText(true);
        message.setMaxWidth(520);
        message.textProperty().bind(model.messageProperty());
        message.accessibleTextProperty().bind(model.messageProperty());

        form.disableProperty().bind(model.busyProperty());
        submit.disableProperty().bind(model.busyProperty());
        getChildren().addAll(title, form, submit, message);
    }

    /** Copies the password out of the field (no String made here), clears the field, logs in. */
    private void submit() {
        CharSequence typed = password.getCharacters();
        char[] copy = new char[typed.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = typed.charAt(i);
        }
        password.clear();
        model.logIn(copy);
    }
}
