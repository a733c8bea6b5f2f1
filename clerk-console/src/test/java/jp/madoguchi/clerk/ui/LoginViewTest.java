package jp.madoguchi.clerk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import jp.madoguchi.clerk.model.LoginViewModel;
import jp.madoguchi.clerk.model.ScriptedClerkService;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.message.ClerkLoginResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The login screen driven as a clerk drives it (typing, Enter), headless, over a scripted headquarters. */
class LoginViewTest {
    private final FxRobot robot = new FxRobot();
    private final ScriptedClerkService hq = new ScriptedClerkService();
    private final List<ClerkLoginResponse> sessions = new CopyOnWriteArrayList<>();
    private Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        if (stage != null) {
            WaitForAsyncUtils.asyncFx(stage::hide).get(10, TimeUnit.SECONDS);
        }
    }

    private LoginView open(Locale locale) throws Exception {
        LoginView view = WaitForAsyncUtils.asyncFx(() -> {
            // headquarters is asked on the FX thread's queue here: the scripted answers need no real work thread
            LoginViewModel model = new LoginViewModel(hq, Platform::runLater, Platform::runLater, locale);
            model.setOnLoggedIn(sessions::add);
            LoginView v = new LoginView(model, locale);
            stage = new Stage();
            stage.setScene(new Scene(v, 900, 600));
            stage.show();
            return v;
        }).get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return view;
    }

    @Test
    void aWrongPasswordIsExplainedAndTheFieldIsEmptiedThenEnterLogsIn() throws Exception {
        hq.logins.add(() -> {
            throw new HqRejectedException(401, "bad_credentials", "");
        });
        hq.logins.add(() -> new ClerkLoginResponse("tok", Instant.parse("2026-11-24T12:00:00Z"), "山田 花子"));
        open(Locale.JAPANESE);

        robot.clickOn("#login-username").write("yamada");
        robot.clickOn("#login-password").write("wrong-one").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("職員IDまたはパスワードが違います。", robot.lookup("#login-message").queryAs(Label.class).getText());
        assertEquals("", robot.lookup("#login-password").queryAs(PasswordField.class).getText(),
                "the password field is emptied at once");
        assertEquals(List.of("wrong-one"), hq.passwordsAtCall);
        assertTrue(sessions.isEmpty());

        robot.clickOn("#login-password").write("right-one");
        robot.clickOn("#login-submit");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("yamada", "yamada"), hq.loginsSent, "the ID stays for the second try");
        assertEquals("right-one", hq.passwordsAtCall.get(1));
        assertEquals(1, sessions.size());
        assertEquals("", robot.lookup("#login-message").queryAs(Label.class).getText());

        Path shot = Path.of("target", "screenshots", "clerk-login-ja.png");
        Files.createDirectories(shot.getParent());
        javafx.scene.image.WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null))
                .get(20, TimeUnit.SECONDS);
        java.awt.image.BufferedImage png = new java.awt.image.BufferedImage((int) image.getWidth(),
                (int) image.getHeight(), java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                png.setRGB(x, y, image.getPixelReader().getArgb(x, y));
            }
        }
        javax.imageio.ImageIO.write(png, "png", shot.toFile());
    }
}
