package jp.madoguchi.hq.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules for the server and its configuration (other hq packages keep their own): the demo material stays a replaceable corner that
 * only the command line uses, and only the command line writes to the console.
 */
class HqServerArchitectureTest {
    private static JavaClasses main;
    /** Every class of headquarters (the rules above look at the server and its configuration). */
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("jp.madoguchi.hq.server", "jp.madoguchi.hq.config");
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("jp.madoguchi.hq");
    }

    @Test
    void onlyTheCommandLineUsesTheDemoMaterial() {
        noClasses().that().resideOutsideOfPackage("jp.madoguchi.hq.server.demo..")
                .and().doNotHaveFullyQualifiedName(HqMain.class.getName())
                .should().dependOnClassesThat().resideInAPackage("jp.madoguchi.hq.server.demo..")
                .because("demo mode is chosen at the command line; the server itself knows no demo CA")
                .check(main);
    }

    @Test
    void onlyTheCommandLineWritesToTheConsole() {
        noClasses().that().doNotHaveFullyQualifiedName(HqMain.class.getName())
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .because("logging goes through SLF4J, where it can be filtered and kept free of personal data")
                .check(main);
    }

    @Test
    void configurationDoesNotDependOnTheServer() {
        noClasses().that().resideInAPackage("jp.madoguchi.hq.config..")
                .should().dependOnClassesThat().resideInAnyPackage("jp.madoguchi.hq.server..", "io.javalin..",
                        "org.eclipse.jetty..")
                .check(main);
    }

    @Test
    void headquartersHasNoUiNoCardReaderHardwareAndTheCardEmulatorOnlyInDemoMode() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "javax.smartcardio..", "jnasmartcardio..",
                "jp.madoguchi.card.pcsc..").because("headquarters verifies signatures; it never talks to a card").check(classes);
        noClasses().that().resideOutsideOfPackage("jp.madoguchi.hq.server.demo..")
                .should().dependOnClassesThat().resideInAPackage("jp.madoguchi.card.emulator..")
                .because("the test JPKI authority is trusted only in demo mode").check(classes);
    }

    @Test
    void theStoreKnowsNoHttpAndTheServicesNoServer() {
        noClasses().that().resideInAnyPackage("jp.madoguchi.hq.store..", "jp.madoguchi.hq.security..",
                        "jp.madoguchi.hq.enrol..", "jp.madoguchi.hq.intake..", "jp.madoguchi.hq.calls..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..",
                        "jp.madoguchi.hq.server..", "jp.madoguchi.hq.api..")
                .because("the services are plain Java, tested without a server").check(classes);
    }

    @Test
    void noJavaUtilLogging() {
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(main);
    }
}
