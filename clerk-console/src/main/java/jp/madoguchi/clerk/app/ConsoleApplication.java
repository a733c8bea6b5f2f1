package jp.madoguchi.clerk.app;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import jp.madoguchi.clerk.i18n.ConsoleText;
import jp.madoguchi.clerk.model.ApplicationViewModel;
import jp.madoguchi.clerk.service.HqClerkService;
import jp.madoguchi.forms.catalogue.CatalogueException;
import jp.madoguchi.forms.catalogue.FormCatalogue;
import jp.madoguchi.forms.model.Language;
import jp.madoguchi.forms.render.JapaneseFonts;
import jp.madoguchi.hqlink.client.BoothTlsContexts;
import jp.madoguchi.hqlink.client.ClerkClient;
import jp.madoguchi.hqlink.client.HqTransport;
import jp.madoguchi.video.VideoSession;
import jp.madoguchi.video.chromium.ChromiumOptions;
import jp.madoguchi.video.chromium.ChromiumVideoSession;
import jp.madoguchi.video.fx.CallSounds;
import jp.madoguchi.video.fx.FxVideoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console's window, built from {@link ConsoleMain}'s settings. */
public final class ConsoleApplication extends Application {
    private static final Logger log = LoggerFactory.getLogger(ConsoleApplication.class);

    private ExecutorService work;
    private ScheduledExecutorService timer;
    private VideoSession video;
    private CallSounds sounds;
    private ClerkConsole console;

    @Override
    public void start(Stage stage) throws CatalogueException {
        ConsoleMain.Settings s = ConsoleMain.settings;
        work = Executors.newFixedThreadPool(2, daemon("clerk-work"));
        timer = Executors.newSingleThreadScheduledExecutor(daemon("clerk-timer"));
        HqTransport transport = HqTransport.builder(s.hqUrl(), BoothTlsContexts.trustOnly(s.hqCa())).build();
        FormCatalogue catalogue = FormCatalogue.load(null);
        video = new ChromiumVideoSession(
                s.demo() ? ChromiumOptions.demoWindow() : ChromiumOptions.production());
        sounds = CallSounds.withJavaFxMedia();
        JapaneseFonts[] fonts = new JapaneseFonts[1];
        Function<String, String> procedureName = procedureNames(catalogue, s.locale());
        console = new ClerkConsole(new ClerkConsole.Dependencies(new HqClerkService(new ClerkClient(transport)),
                FxVideoSession.onFxThread(video, s.locale()), video.window(),
                ApplicationViewModel.factory(catalogue, () -> {
                    synchronized (fonts) {
                        if (fonts[0] == null) {
                            fonts[0] = JapaneseFonts.fromSystem();
                        }
                        return fonts[0];
                    }
                }, s.locale(), ZoneId.systemDefault()),
                procedureName, work, Platform::runLater, timer, Clock.systemDefaultZone(), s.locale(),
                ZoneId.systemDefault(), () -> sounds.play(CallSounds.Sound.RING)));
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double width = Math.min(1600, screen.getWidth());
        double height = Math.min(960, screen.getHeight());
        if (s.demo()) { // beside the demo booth (top left) and its DEMO panel (top right): the bottom right corner
            width = Math.min(1280, screen.getWidth());
            height = Math.min(800, screen.getHeight());
        }
        Scene scene = new Scene(console.root(), width, height);
        stage.setTitle(ConsoleText.APP_TITLE.in(s.locale()));
        stage.setScene(scene);
        if (s.demo()) {
            stage.setX(screen.getMaxX() - width);
            stage.setY(screen.getMaxY() - height);
        }
        stage.setOnCloseRequest(event -> console.logout(""));
        stage.show();
        log.info("clerk console started for {}", s.hqUrl());
    }

    /** The procedure's name as the board shows it: the catalogue form's title, else its id. */
    static Function<String, String> procedureNames(FormCatalogue catalogue, Locale locale) {
        Language language = Locale.JAPANESE.getLanguage().equals(locale.getLanguage()) ? Language.JA : Language.EN;
        return id -> catalogue.form(id).map(form -> form.title().in(language)).orElse(id);
    }

    @Override
    public void stop() {
        if (video != null) {
            video.close();
        }
        if (sounds != null) {
            sounds.close();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        if (work != null) {
            work.shutdown(); // the logout request of the closing window still goes out, for up to 3 s
            try {
                work.awaitTermination(3, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
