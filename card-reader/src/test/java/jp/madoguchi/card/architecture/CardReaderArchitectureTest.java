package jp.madoguchi.card.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of shared/design/architecture.md for card-reader, as tests: they fail the
 * build when the code drifts from the map.
 */
class CardReaderArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("jp.madoguchi.card");
    }

    @Test
    void cardReaderNeverImportsJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("card-reader is a library used by the booth and the server; no UI").check(main);
    }

    @Test
    void onlyThePcscAdaptersTouchJavaxSmartcardio() {
        noClasses().that().resideOutsideOfPackages("jp.madoguchi.card.pcsc..", "jp.madoguchi.card.emulator.inprocess..",
                        "jp.madoguchi.card.cli..")
                .should().dependOnClassesThat().resideInAPackage("javax.smartcardio..")
                .because("the protocol speaks byte[] -> byte[]; PC/SC is one adapter among others").check(main);
    }

    @Test
    void protocolCoreDoesNotDependOnAdaptersOrTheEmulator() {
        ArchRule rule = noClasses().that().resideInAnyPackage("jp.madoguchi.card.apdu..", "jp.madoguchi.card.tlv..",
                        "jp.madoguchi.card.mynumber..", "jp.madoguchi.card.jpki..")
                .should().dependOnClassesThat().resideInAnyPackage("jp.madoguchi.card.pcsc..",
                        "jp.madoguchi.card.emulator..", "jp.madoguchi.card.cli..", "jnasmartcardio..");
        rule.check(main);
    }

    @Test
    void onlyTheCommandLineToolWritesToTheConsole() {
        noClasses().that().resideOutsideOfPackage("jp.madoguchi.card.cli..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .because("logging goes through SLF4J, where it can be filtered and kept free of personal data")
                .check(main);
    }

    @Test
    void loggingIsThroughSlf4jOnly() {
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(main);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.log4j..", "org.apache.logging.log4j..",
                "ch.qos.logback..", "org.apache.commons.logging..").check(main);
    }

    @Test
    void libraryCodeDoesNotDependOnTheCommandLineTool() {
        classes().that().resideInAPackage("jp.madoguchi.card.cli..").should().onlyBeAccessed()
                .byClassesThat().resideInAPackage("jp.madoguchi.card.cli..").check(main);
    }
}
