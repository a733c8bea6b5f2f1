package jp.madoguchi.kiosk.app;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.stage.Stage;
import jp.madoguchi.forms.catalogue.FormCatalogue;
import jp.madoguchi.forms.model.Booth;
import jp.madoguchi.kiosk.card.BoothCardReader;
import jp.madoguchi.kiosk.hq.BoothCredentials;
import jp.madoguchi.kiosk.hq.HeadquartersLink;
import jp.madoguchi.kiosk.hq.HqLinkService;
import jp.madoguchi.kiosk.i18n.BoothMessages;
import jp.madoguchi.kiosk.journey.BoothJourney;
import jp.madoguchi.kiosk.journey.JavaxReceiptPrinter;
import jp.madoguchi.kiosk.journey.Journey;
import jp.madoguchi.kiosk.hq.NotEnrolledLink;
import jp.madoguchi.kiosk.maintenance.BoothEnrolment;
import jp.madoguchi.kiosk.maintenance.MaintenanceContext;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;
import jp.madoguchi.kiosk.maintenance.ui.UnenrolledView;
import jp.madoguchi.kiosk.maintenance.MaintenancePin;
import jp.madoguchi.kiosk.maintenance.ui.MaintenanceMode;
import jp.madoguchi.kiosk.store.SettingKey;
import jp.madoguchi.kiosk.store.Settings;
import jp.madoguchi.kiosk.ui.BoothSounds;
import jp.madoguchi.kiosk.ui.BoothWindow;
import jp.madoguchi.kiosk.ui.Lockdown;
import jp.madoguchi.kiosk.ui.model.BoothPreferences;
import jp.madoguchi.video.VideoSession;
import jp.madoguchi.video.chromium.ChromiumOptions;
import jp.madoguchi.video.chromium.ChromiumVideoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The booth's production parts: the headquarters link ({@link HqLinkService} over the enrolled booth's
 * credentials), the resident's journey ({@link BoothJourney} over the card reader, the shipped forms
 * catalogue, the store, the link and a Chromium video session) and the screens ({@link BoothWindow}, with the
 * maintenance overlay behind its hidden gesture).
 */
public final class BoothAssembly {
    private static final Logger log = LoggerFactory.getLogger(BoothAssembly.class);

    private BoothAssembly() {
    }

    /** Whether the booth has an enrolment to run on (the demo always has: hq-server --demo's demo booth). */
    static boolean enrolled(BoothContext ctx) {
        return BoothEnrolment.isEnrolled(ctx.boothDirectory());
    }

    /** The booth's production parts. One instance per booth run (it remembers what it made, to close it). */
    public static BoothParts parts() {
        return new ProductionParts();
    }

    private static final class ProductionParts implements BoothParts {
        private BoothCredentials credentials;
        private volatile BoothCardReader cardReader;
        private volatile VideoSession video;
        private volatile HeadquartersLink link;
        private MaintenanceContext maintenance; // FX thread

        @Override
        public HeadquartersLink headquarters(BoothContext ctx) {
            if (!enrolled(ctx)) {
                log.warn("this booth is not enrolled (no credentials in {}): it shows \"not enrolled yet\" and "
                        + "offers maintenance; enrol it there or with 'kiosk-app enroll'", ctx.boothDirectory());
                link = new NotEnrolledLink(ctx.store().outbox());
                return link;
            }
            credentials = BoothCredentials.load(ctx.boothDirectory());
            Settings settings = ctx.store().settings();
            link = HqLinkService.create(ctx.headquartersUrl(), credentials, ctx.store().outbox(), ctx.store().audit(),
                    settings, Clock.systemUTC());
            return link;
        }

        @Override
        public Journey journey(BoothContext ctx, HeadquartersLink headquarters) throws Exception {
            Settings settings = ctx.store().settings();
            cardReader = BoothCardReader.of(ctx.cards().emulated(), ctx.cards().readerName());
            // the demo runs on machines without a camera or microphone: a synthetic pair, in a real window
            video = new ChromiumVideoSession(ctx.isDemo() ? ChromiumOptions.demoWindow() : ChromiumOptions.production());
            String boothId = credentials == null ? "booth" : credentials.boothId();
            Booth booth = new Booth(settings.get(SettingKey.MUNICIPALITY), settings.get(SettingKey.BOOTH_NAME), boothId);
            if (ctx.isDemo()) {
                MaintenancePin.setDemoPinIfUnset(settings);
            }
            BoothJourney journey = BoothJourney.builder()
                    .cardReader(cardReader)
                    .catalogue(FormCatalogue.load(null))
                    .store(ctx.store())
                    .headquarters(headquarters)
                    .video(video)
                    .booth(booth)
                    .printer(new JavaxReceiptPrinter())
                    .callbackExecutor(ctx.fxExecutor())
                    .build();
            journey.start();
            return journey;
        }

        @Override
        public AutoCloseable screens(BoothContext ctx, Journey journey, Stage stage) {
            Settings settings = ctx.store().settings();
            BoothPreferences preferences = BoothPreferences.from(settings);
            BoothSounds sounds = BoothSounds.withJavaFxMedia(preferences.soundEnabled());
            BoothWindow window = BoothWindow.create(journey, BoothMessages.lenient(), preferences, sounds);
            stage.setScene(window.scene());
            if (ctx.options().display() == BoothOptions.Display.KIOSK) {
                Lockdown.apply(stage);
            }
            ExecutorService maintenanceWork = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "booth-maintenance");
                thread.setDaemon(true);
                return thread;
            });
            Runnable openMaintenance = () -> {
                if (cardReader == null) {
                    // the screens show before the journey (and its card reader) is made: a second at most
                    log.info("maintenance gesture while the booth is still starting: ignored");
                    return;
                }
                log.info("maintenance gesture: asking for the IT staff PIN");
                MaintenanceMode.open(window.root(), maintenance(ctx, settings, journey, maintenanceWork),
                        () -> log.info("back in service"));
            };
            window.onMaintenanceRequested(openMaintenance);
            if (!enrolled(ctx)) {
                // three file look-ups: no waiting worth moving off the FX thread
                window.root().getChildren().add(new UnenrolledView(
                        MaintenanceText.forBoothLanguage(settings.get(SettingKey.LANGUAGE_DEFAULT)), openMaintenance));
            }
            return () -> {
                window.close();
                maintenanceWork.shutdownNow();
                if (video != null) {
                    video.close();
                }
            };
        }

        /** On the FX thread, at the first maintenance gesture (the journey's card reader exists by then). */
        private MaintenanceContext maintenance(BoothContext ctx, Settings settings, Journey journey,
                                               ExecutorService maintenanceWork) {
            if (maintenance == null) {
                maintenance = MaintenanceContext.builder()
                        .settings(settings)
                        .outbox(ctx.store().outbox())
                        .audit(ctx.store().audit())
                        .cardProbe(cardReader.probe())
                        .video(journey.video())
                        .dataDir(ctx.dataDirectory().root())
                        .credentialsDir(ctx.boothDirectory())
                        .logFile(ctx.dataDirectory().logFile())
                        .hqUrl(ctx::headquartersUrl)
                        .deliverNow(() -> Optional.ofNullable(link).ifPresent(HeadquartersLink::deliverNow))
                        .background(maintenanceWork)
                        .fxExecutor(ctx.fxExecutor())
                        .build();
            }
            return maintenance;
        }
    }
}
