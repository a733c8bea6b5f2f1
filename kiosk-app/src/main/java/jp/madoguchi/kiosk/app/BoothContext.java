package jp.madoguchi.kiosk.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import jp.madoguchi.kiosk.app.demo.DemoCardReader;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.store.BoothStore;

/**
 * Everything the launcher has made for the booth's parts ({@link BoothParts}) to be built from. The launcher
 * owns and closes all of it; the parts must not close the store.
 *
 * @param options the command line
 * @param dataDirectory the data directory (key, store, logs)
 * @param store the booth's store: outbox, settings, audit trail (open)
 * @param cards the card reader (PC/SC, or the demo's in-process reader)
 * @param fxExecutor the FX thread ({@code Platform::runLater}); the journey's callback executor
 * @param headquartersUrl headquarters for this run ({@code --hq-url}, else the {@code hq.url} setting)
 * @param boothDirectory the booth's credentials ({@code --booth-dir}, else {@code DATA_DIR/credentials}):
 *        what {@code BoothCredentials.load(boothDirectory)} reads
 * @param language the attract screen's language ({@code --lang}, else the {@code language.default} setting)
 * @param demo the demo reader and its personas, in demo mode
 * @param run when this run started and whether the run before stopped uncleanly ({@link RunningMarker})
 */
public record BoothContext(BoothOptions options, BoothDataDirectory dataDirectory, BoothStore store, CardSource cards,
                           Executor fxExecutor, URI headquartersUrl, Path boothDirectory, BoothLanguage language,
                           Optional<DemoCardReader> demo, RunningMarker.Run run) {
    public BoothContext {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(cards, "cards");
        Objects.requireNonNull(fxExecutor, "fxExecutor");
        Objects.requireNonNull(headquartersUrl, "headquartersUrl");
        Objects.requireNonNull(boothDirectory, "boothDirectory");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(demo, "demo");
        Objects.requireNonNull(run, "run");
    }

    public boolean isDemo() {
        return demo.isPresent();
    }
}
