package jp.madoguchi.video.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * video-session's place on the map (shared/design/architecture.md): the port in {@code jp.madoguchi.video} knows
 * no adapter and no UI; only {@code jp.madoguchi.video.fx} touches JavaFX, and it codes against the port only.
 */
class VideoSessionArchitectureTest {
    private static final String PORT = "jp.madoguchi.video";
    private static final String FX = "jp.madoguchi.video.fx..";
    private static final String CLI = "jp.madoguchi.video.cli..";

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(PORT);
    }

    @Test
    void noSmartCardsAndNoOtherModule() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javax.smartcardio..").check(main);
        noClasses().should().dependOnClassesThat(resideInAPackage("jp.madoguchi..")
                .and(resideOutsideOfPackage("jp.madoguchi.video.."))).check(main);
    }

    @Test
    void thePortKnowsNoJavaFxAndNoAdapter() {
        noClasses().that().resideInAPackage(PORT)
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("kiosk logic and the clerk console's services use the port without a screen").check(main);
        noClasses().that().resideInAPackage(PORT)
                .should().dependOnClassesThat(resideInAPackage("jp.madoguchi.video..").and(resideOutsideOfPackage(PORT)))
                .because("adapters and the JavaFX side depend on the port, never the other way").check(main);
    }

    @Test
    void onlyTheFxPackageUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage(FX)
                .should().dependOnClassesThat().resideInAPackage("javafx..").check(main);
    }

    @Test
    void theFxSideCodesAgainstThePortNotTheAdapters() {
        noClasses().that().resideInAPackage(FX)
                .should().dependOnClassesThat().resideInAnyPackage("jp.madoguchi.video.chromium..",
                        "jp.madoguchi.video.loopback..").check(main);
    }

    @Test
    void noTestFixtureInTheShippedJar() {
        noClasses().should().dependOnClassesThat().resideInAPackage("jp.madoguchi.video.testing..")
                .orShould().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.testfx..").check(main);
    }

    @Test
    void loggingThroughSlf4jAndNoConsole() {
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(main);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.logging.log4j..",
                "org.apache.log4j..", "org.apache.commons.logging..", "ch.qos.logback..").check(main);
        // video-session.jar's command line writes its results to the console (its own output, not logging)
        noClasses().that().resideOutsideOfPackage(CLI)
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(main);
        noClasses().that().resideInAPackage(CLI).and().doNotHaveSimpleName("VideoTool")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("commands print through picocli's writers, which the tests capture").check(main);
    }
}
