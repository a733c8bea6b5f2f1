package jp.madoguchi.hqlink.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** hq-link's place on the map (shared/design/architecture.md): a library with no UI and no other module. */
class HqLinkArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("jp.madoguchi.hqlink");
    }

    @Test
    void noJavaFxNoSmartCardsNoOtherModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "javax.smartcardio..")
                .check(main);
        noClasses().should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("jp.madoguchi..")
                .and(JavaClass.Predicates.resideOutsideOfPackage("jp.madoguchi.hqlink.."))).check(main);
    }

    @Test
    void theMessagesDoNotKnowTheClient() {
        noClasses().that().resideInAPackage("jp.madoguchi.hqlink.message..")
                .should().dependOnClassesThat().resideInAPackage("jp.madoguchi.hqlink.client..").check(main);
    }

    @Test
    void loggingThroughSlf4jAndNoConsole() {
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(main);
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(main);
    }
}
