package jp.madoguchi.kiosk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** kiosk-app's place on the map (shared/design/architecture.md): an app that uses every library but never headquarters. */
class KioskAppArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("jp.madoguchi.kiosk");
    }

    @Test
    void neverHeadquartersNorSmartCardsDirectly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jp.madoguchi.hq..", "javax.smartcardio..")
                .check(main);
    }

    @Test
    void theStoreKnowsNoScreen() {
        noClasses().that().resideInAPackage("jp.madoguchi.kiosk.store..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..").check(main);
    }

    @Test
    void theJourneyAndTheHeadquartersLinkKnowNoScreen() {
        // the journey is the booth's application service: the FX view models render its snapshots
        noClasses().that().resideInAnyPackage("jp.madoguchi.kiosk.journey..", "jp.madoguchi.kiosk.hq..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "jp.madoguchi.video.fx..")
                .check(main);
    }

    @Test
    void theSessionKnowsNoScreenAndNeverTouchesTheOutbox() {
        // the view models wrap the session later; the wipe must leave the signed application alone
        noClasses().that().resideInAPackage("jp.madoguchi.kiosk.session..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jp.madoguchi.kiosk.store.Outbox")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jp.madoguchi.kiosk.store.OutboxEntry")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jp.madoguchi.kiosk.store.BoothStore")
                .check(main);
    }

    @Test
    void messagesKnowNoScreenAndNoStore() {
        // the bundle and its loader are plain JDK text: view models bind them later
        noClasses().that().resideInAPackage("jp.madoguchi.kiosk.i18n..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "jp.madoguchi.kiosk.store..")
                .check(main);
    }

    @Test
    void pinEntryKnowsNoScreenNoLoggerAndNoCardTransport() {
        // Plain logic a view model wraps; it decides, the caller talks to the card. Nothing here may log.
        noClasses().that().resideInAPackage("jp.madoguchi.kiosk.pin..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.slf4j..",
                        "jp.madoguchi.card.apdu..", "jp.madoguchi.card.pcsc..", "jp.madoguchi.card.emulator..")
                .check(main);
    }

    @Test
    void onlyTheCardSlotWatchesReaders() {
        // the screens, the session and the PIN pad hear about the reader through jp.madoguchi.kiosk.card
        noClasses().that().resideOutsideOfPackage("jp.madoguchi.kiosk.card..")
                .should().dependOnClassesThat().resideInAPackage("jp.madoguchi.card.pcsc..").check(main);
    }

    @Test
    void loggingThroughSlf4jAndNoConsole() {
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(main);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.log4j..",
                "org.apache.logging.log4j..", "org.apache.commons.logging..", "ch.qos.logback..").check(main);
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace").check(main);
    }

    // ---- kiosk.app (the launcher and composition root) and kiosk.bench ----

    @Test
    void theCompositionRootIsUsedByNothingButTheBenchmark() {
        // the journey, the screens and the link are plugged into kiosk.app, never the other way round
        noClasses().that().resideOutsideOfPackages("jp.madoguchi.kiosk.app..", "jp.madoguchi.kiosk.bench..")
                .should().dependOnClassesThat().resideInAPackage("jp.madoguchi.kiosk.app..").check(main);
    }

    @Test
    void theDemoCardKnowsNoScreenAndItsViewModelTouchesNoControl() {
        noClasses().that().resideInAPackage("jp.madoguchi.kiosk.app.demo..")
                .and().haveNameNotMatching(".*View(Model)?(\\$.*)?") // views, view models and their nested classes
                .should().dependOnClassesThat().resideInAnyPackage("javafx..").check(main);
        noClasses().that().resideInAPackage("jp.madoguchi.kiosk.app..").and().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..").check(main);
    }
}
