package jp.madoguchi.forms.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules of shared/design/architecture.md for forms, as tests. */
class FormsArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("jp.madoguchi.forms");
    }

    @Test
    void formsNeverImportsJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("forms is a library for the booth, the clerk console and headquarters").check(main);
    }

    @Test
    void onlyCardReaderTouchesSmartCards() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javax.smartcardio..", "jnasmartcardio..")
                .because("only card-reader talks to card readers").check(main);
    }

    @Test
    void formsDependsOnNoOtherMadoguchiModule() {
        noClasses().should().dependOnClassesThat(
                        JavaClass.Predicates.resideInAPackage("jp.madoguchi..")
                                .and(JavaClass.Predicates.resideOutsideOfPackage("jp.madoguchi.forms..")))
                .because("forms is a library: apps use it, it uses no other module").check(main);
    }

    @Test
    void theModelIsPlainData() {
        noClasses().that().resideInAPackage("jp.madoguchi.forms.model..")
                .should().dependOnClassesThat().resideInAnyPackage("jp.madoguchi.forms.catalogue..",
                        "jp.madoguchi.forms.fill..", "jp.madoguchi.forms.render..", "jp.madoguchi.forms.cli..",
                        "org.apache.pdfbox..", "com.fasterxml..", "com.google.zxing..")
                .check(main);
    }

    @Test
    void onlyTheToolWritesToTheConsoleAndLoggingIsSlf4j() {
        noClasses().that().resideOutsideOfPackage("jp.madoguchi.forms.cli..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace").check(main);
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(main);
    }
}
