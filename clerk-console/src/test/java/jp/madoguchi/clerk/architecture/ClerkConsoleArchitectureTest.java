package jp.madoguchi.clerk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * clerk-console's place on the map (shared/design/architecture.md: it uses forms, hq-link and video-session) and its
 * MVVM (decision 0027): view models never touch controls, services never touch the screen.
 */
class ClerkConsoleArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("jp.madoguchi.clerk");
    }

    @Test
    void neverHeadquartersTheBoothNorCards() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jp.madoguchi.hq..", "jp.madoguchi.kiosk..",
                "jp.madoguchi.card..", "javax.smartcardio..")
                .because("the console reaches headquarters over hq-link only; hq-server is a test dependency")
                .check(main);
        // the rule really sees hq-server: the test fixture that starts a demo headquarters breaks it
        JavaClasses fixture = new ClassFileImporter().importPackages("jp.madoguchi.clerk.e2e");
        Assertions.assertThrows(AssertionError.class, () -> noClasses().should().dependOnClassesThat()
                .resideInAPackage("jp.madoguchi.hq..").check(fixture));
    }

    @Test
    void viewModelsNeverTouchControls() {
        noClasses().that().resideInAPackage("jp.madoguchi.clerk.model..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..",
                        "jp.madoguchi.clerk.ui..", "jp.madoguchi.clerk.app..")
                .because("view models expose properties; the views bind them (testable without a screen)")
                .check(main);
    }

    @Test
    void servicesAndTextsKnowNoScreen() {
        noClasses().that().resideInAnyPackage("jp.madoguchi.clerk.service..", "jp.madoguchi.clerk.i18n..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "jp.madoguchi.clerk.ui..",
                        "jp.madoguchi.clerk.model..")
                .check(main);
    }

    @Test
    void onlyTheAssemblyChoosesTheVideoAdapter() {
        noClasses().that().resideOutsideOfPackage("jp.madoguchi.clerk.app..")
                .should().dependOnClassesThat().resideInAnyPackage("jp.madoguchi.video.chromium..")
                .because("screens and view models use the VideoSession port; only the application starts Chromium")
                .check(main);
    }

    @Test
    void logsThroughSlf4jOnly() {
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(main);
    }
}
