package jp.madoguchi.kiosk.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.kiosk.i18n.BoothLanguage;

/**
 * What the booth was started with ({@link BoothMain}'s command line, checked). Immutable.
 *
 * @param demo demo mode: the emulated card in-process, the demo panel, windowed unless {@code --kiosk}
 * @param dataDirectory the booth's data directory (key, store, log)
 * @param headquartersUrl headquarters' base URL for this run; empty: the store's {@code hq.url} setting
 * @param boothDirectory the booth's credentials from enrolment (key, certificate, headquarters' CA); empty:
 *        {@code DATA_DIR/credentials}
 * @param reader the card reader to use; empty: the first one attached (in demo mode, the demo reader)
 * @param display windowed, or full screen and undecorated (the booth in service)
 * @param language the attract screen's language for this run; empty: the store's {@code language.default}
 * @param testAuthority demo mode: the card emulator's test authority (the one headquarters trusts)
 * @param persona demo mode: the persona first selected in the demo panel
 * @param verbose log at debug level
 */
public record BoothOptions(boolean demo, Path dataDirectory, Optional<URI> headquartersUrl,
                           Optional<Path> boothDirectory, Optional<String> reader, Display display,
                           Optional<BoothLanguage> language, Path testAuthority, String persona, boolean verbose) {

    /** How the booth's stage is shown. */
    public enum Display {
        /** A normal decorated window (demo, development); closing it stops the booth. */
        WINDOWED,
        /** Full screen and undecorated (the booth in service). */
        KIOSK
    }

    public BoothOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(headquartersUrl, "headquartersUrl");
        Objects.requireNonNull(boothDirectory, "boothDirectory");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(display, "display");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(testAuthority, "testAuthority");
        Objects.requireNonNull(persona, "persona");
    }
}
