package jp.madoguchi.video.fx;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.application.Application;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.EndReason;
import jp.madoguchi.video.ScreenRect;
import jp.madoguchi.video.VideoWindow;
import jp.madoguchi.video.testing.FakeVideoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A booth-like screen to look at (1280x800): the VideoPane with the resident's large buttons, bound to an
 * FxVideoSession over a FakeVideoSession, and a row of buttons that play the other side. A plain undecorated window
 * stands in for Chromium and follows the pane, as the real call window does.
 *
 * <p>Start with {@link VideoPaneDemoLauncher}; arguments {@code --lang=ja|en|easy|zh|ko|vi|pt} and
 * {@code --state=idle|waiting|in_call|reconnecting|failed|ended} set the first picture (for screenshots).
 */
public class VideoPaneDemo extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(VideoPaneDemo.class);
    private static final Map<String, Locale> LANGUAGES = Map.of("ja", Locale.JAPANESE, "easy", VideoMessages.EASY_JAPANESE,
            "en", Locale.ENGLISH, "zh", Locale.CHINESE, "ko", Locale.KOREAN, "vi", new Locale("vi"), "pt", new Locale("pt"));

    private final FakeVideoSession session = new FakeVideoSession();
    private FxVideoSession call;
    private StandInCallWindow callWindow;

    @Override
    public void start(Stage stage) {
        Map<String, String> named = getParameters().getNamed();
        Locale language = LANGUAGES.getOrDefault(named.getOrDefault("lang", "ja"), Locale.JAPANESE);
        call = FxVideoSession.onFxThread(session, language);
        callWindow = new StandInCallWindow(stage);

        VideoPane pane = new VideoPane(callWindow);
        pane.callVisibleProperty().bind(call.callVisibleProperty());
        pane.localeProperty().bind(call.localeProperty());
        pane.messageProperty().bind(call.messageProperty());

        BorderPane booth = BoothDemoScreen.boothLayout(call, pane);
        booth.setBottom(scriptBar());

        Scene scene = new Scene(new StackPane(booth), 1280, 800);
        scene.getStylesheets().add(Objects.requireNonNull(BoothDemoScreen.class.getResource("booth-demo.css"))
                .toExternalForm());
        scene.getStylesheets().add(Objects.requireNonNull(VideoPaneDemo.class.getResource("demo.css")).toExternalForm());
        stage.setTitle("Madoguchi video pane demo");
        stage.setScene(scene);
        stage.setX(0);
        stage.setY(0);
        stage.show();
        playTo(named.getOrDefault("state", "idle"));
        booth.lookup(".booth-microphone").requestFocus();
    }

    @Override
    public void stop() {
        call.detach();
        session.close();
    }

    /** The operator's row: plays the clerk and the network, and switches the language. */
    private FlowPane scriptBar() {
        FlowPane bar = new FlowPane(
                script("通話開始 / Call", () -> call.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT))),
                script("職員参加 / Clerk joins", () -> session.peerJoins("窓口 山田")),
                script("職員退出 / Clerk leaves", session::peerLeaves),
                script("職員が終了 / Clerk ends", session::remoteEnds),
                script("切断 / Drop", session::connectionDrops),
                script("再接続 / Rejoin", session::reconnects),
                script("カメラ故障 / Camera fault", () -> session.deviceError("camera")),
                script("失敗 / Fail", () -> session.fail(EndReason.NETWORK_LOST)),
                script("リセット / Reset", session::reset));
        ToggleGroup languages = new ToggleGroup();
        HBox languageBox = new HBox();
        languageBox.getStyleClass().add("demo-languages");
        for (String code : new String[] {"ja", "easy", "en", "zh", "ko", "vi", "pt"}) {
            ToggleButton choice = new ToggleButton(code);
            choice.setToggleGroup(languages);
            choice.setSelected(LANGUAGES.get(code).equals(call.localeProperty().get()));
            choice.setOnAction(e -> call.localeProperty().set(LANGUAGES.get(code)));
            languageBox.getChildren().add(choice);
        }
        bar.getChildren().add(languageBox);
        bar.getStyleClass().add("demo-script");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static Button script(String label, Runnable step) {
        Button button = new Button(label);
        button.getStyleClass().add("demo-script-button");
        button.setOnAction(e -> {
            try {
                step.run();
            } catch (IllegalStateException notNow) {
                LOG.info("demo: {}", notNow.getMessage());
            }
        });
        return button;
    }

    private void playTo(String state) {
        switch (state) {
            case "idle" -> {
            }
            case "waiting" -> call.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT));
            case "in_call" -> {
                call.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT));
                session.peerJoins("窓口 山田");
            }
            case "reconnecting" -> {
                call.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT));
                session.peerJoins("窓口 山田");
                session.connectionDrops();
                session.connectionDrops();
            }
            case "failed" -> {
                call.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT));
                session.fail(EndReason.NETWORK_LOST);
            }
            case "ended" -> {
                call.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT));
                session.peerJoins("窓口 山田");
                session.remoteEnds();
            }
            default -> throw new IllegalArgumentException("unknown --state=" + state);
        }
    }

    /** Stands in for Chromium's window: an undecorated window that goes where the pane says. */
    private static final class StandInCallWindow implements VideoWindow {
        private final Stage window = new Stage(StageStyle.UNDECORATED);
        private final Stage owner;

        StandInCallWindow(Stage owner) {
            this.owner = owner;
            window.initOwner(owner);
            Label label = new Label("相手の映像 / the clerk's video\n(Chromium)");
            label.getStyleClass().add("demo-call-window-label");
            StackPane content = new StackPane(label);
            content.getStyleClass().add("demo-call-window");
            Scene scene = new Scene(content, 320, 240);
            scene.getStylesheets().add(Objects.requireNonNull(BoothDemoScreen.class.getResource("booth-demo.css"))
                .toExternalForm());
        scene.getStylesheets().add(Objects.requireNonNull(VideoPaneDemo.class.getResource("demo.css")).toExternalForm());
            window.setScene(scene);
        }

        @Override
        public void show(ScreenRect bounds) {
            window.setX(bounds.left());
            window.setY(bounds.top());
            window.setWidth(bounds.pixelWidth());
            window.setHeight(bounds.pixelHeight());
            if (!window.isShowing()) {
                window.show();
                owner.requestFocus(); // the booth's buttons keep the keyboard, not the video
                window.toFront(); // and the video stays over the booth
            }
        }

        @Override
        public void hide() {
            window.hide();
        }
    }
}
