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

    // ---- kiosk.hq (wt-hqlink) ----

    @Test
    void hqServerIsOnlyForTestsAgainstARunningDemoHeadquarters() {
        // kiosk-app has hq-server in test scope (docs/decisions/0023-booth-tests-against-real-hq.md): the booth's
        // main code reaches headquarters through hq-link's protocol only
        noClasses().should().dependOnClassesThat().resideInAPackage("jp.madoguchi.hq..")
                .because("the booth talks to headquarters only over hq-link; hq-server is a test dependency")
                .check(main);
        // the rule really sees hq-server: the test fixture that starts the demo headquarters breaks it
        JavaClasses fixture = new ClassFileImporter().importClasses(jp.madoguchi.kiosk.hq.DemoHeadquarters.class);
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> noClasses().should()
                .dependOnClassesThat().resideInAPackage("jp.madoguchi.hq..").check(fixture));
    }

    @Test
    void theHeadquartersLinkKnowsOnlyTheStoreOfTheBooth() {
        // the journey listens to the link; the link never calls back into the journey, the session or the card
        noClasses().that().resideInAPackage("jp.madoguchi.kiosk.hq..")
                .should().dependOnClassesThat().resideInAnyPackage("jp.madoguchi.kiosk.journey..",
                        "jp.madoguchi.kiosk.session..", "jp.madoguchi.kiosk.pin..", "jp.madoguchi.kiosk.card..",
                        "jp.madoguchi.kiosk.i18n..", "jp.madoguchi.card..", "jp.madoguchi.video..")
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

    // ---- jp.madoguchi.kiosk.maintenance (IT staff maintenance)

    @Test
    void maintenanceLogicKnowsNoScreen() {
        // diagnostics, the PIN gate and the log export are plain Java; the ui package renders them
        noClasses().that().resideInAPackage("jp.madoguchi.kiosk.maintenance")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "jp.madoguchi.video.fx..",
                        "jp.madoguchi.kiosk.maintenance.ui..")
                .check(main);
    }

    @Test
    void maintenanceViewModelsTouchNoControls() {
        // MVVM: view models expose properties and are tested without a screen; only *View classes build nodes
        noClasses().that().resideInAPackage("jp.madoguchi.kiosk.maintenance.ui")
                .and().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(main);
    }

    @Test
    void nothingButMaintenanceUsesMaintenance() {
        // the booth opens it through MaintenanceMode; the resident's logic never reaches into it
        noClasses().that().resideInAnyPackage("jp.madoguchi.kiosk.store..", "jp.madoguchi.kiosk.session..",
                        "jp.madoguchi.kiosk.pin..", "jp.madoguchi.kiosk.journey..", "jp.madoguchi.kiosk.card..")
                .should().dependOnClassesThat().resideInAPackage("jp.madoguchi.kiosk.maintenance..")
                .check(main);
    }

    @Test
    void loggingThroughSlf4jAndNoConsole() {
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(main);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.log4j..",
                "org.apache.logging.log4j..", "org.apache.commons.logging..", "ch.qos.logback..").check(main);
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace").check(main);
    }

    @Test
    void theJourneySitsOnTopOfTheBoothsParts() {
        // kiosk.journey: the application service uses the card slot, the PIN pad, the session, the store and the
        // headquarters port; none of them knows the journey, so each stays testable on its own
        noClasses().that().resideInAnyPackage("jp.madoguchi.kiosk.card..", "jp.madoguchi.kiosk.pin..",
                        "jp.madoguchi.kiosk.session..", "jp.madoguchi.kiosk.store..", "jp.madoguchi.kiosk.hq..",
                        "jp.madoguchi.kiosk.i18n..")
                .should().dependOnClassesThat().resideInAPackage("jp.madoguchi.kiosk.journey..").check(main);
    }

    // ---- the booth's screens (kiosk.ui) ----

    @Test
    void viewModelsNeverTouchControls() {
        // MVVM (style.md 3): properties and actions only, unit-tested without a screen
        noClasses().that().resideInAPackage("jp.madoguchi.kiosk.ui.model..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..",
                        "javafx.application..", "jp.madoguchi.video.fx..", "jp.madoguchi.kiosk.ui")
                .check(main);
    }

    @Test
    void theScreensTalkOnlyToTheJourney() {
        // no card reader, store, outbox or headquarters behind the journey's back
        noClasses().that().resideInAPackage("jp.madoguchi.kiosk.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("jp.madoguchi.kiosk.card..",
                        "jp.madoguchi.kiosk.hq..", "jp.madoguchi.card.emulator..", "jp.madoguchi.hqlink.client..")
                .check(main);
        noClasses().that().resideInAPackage("jp.madoguchi.kiosk.ui")
                .should().dependOnClassesThat().resideInAPackage("jp.madoguchi.kiosk.store..")
                .check(main);
    }

    @Test
    void noLogicKnowsTheScreens() {
        noClasses().that().resideInAnyPackage("jp.madoguchi.kiosk.journey..", "jp.madoguchi.kiosk.hq..",
                        "jp.madoguchi.kiosk.store..", "jp.madoguchi.kiosk.session..", "jp.madoguchi.kiosk.pin..",
                        "jp.madoguchi.kiosk.i18n..", "jp.madoguchi.kiosk.card..")
                .should().dependOnClassesThat().resideInAPackage("jp.madoguchi.kiosk.ui..")
                .check(main);
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
