package dev.continuum.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Guards DESIGN.md's dependency direction and STYLE.md's layering rules. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.continuum");
    }

    @Test
    void workflowModuleDependsOnNoOuterModule() {
        noClasses().that().resideInAPackage("dev.continuum.workflow..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.continuum.cli..", "dev.continuum.engine..", "dev.continuum.actions..",
                        "dev.continuum.security..", "dev.continuum.server..", "dev.continuum.kubernetes..")
                .check(classes);
    }

    @Test
    void engineDependsOnTheWorkflowModuleOnly() {
        noClasses().that().resideInAPackage("dev.continuum.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.continuum.cli..", "dev.continuum.posix..", "dev.continuum.actions..", "dev.continuum.security..",
                        "dev.continuum.server..", "dev.continuum.kubernetes..")
                .check(classes);
    }

    @Test
    void thePosixLauncherDependsOnTheEngineOnlyAndNothingDependsOnIt() {
        noClasses().that().resideInAPackage("dev.continuum.posix..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.continuum.cli..", "dev.continuum.workflow..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("dev.continuum.posix..")
                .should().dependOnClassesThat().resideInAPackage("dev.continuum.posix..")
                .check(classes);
    }

    @Test
    void modelAndExpressionsUseNoYamlLibraryPicocliOrLogging() {
        noClasses().that().resideInAnyPackage("dev.continuum.workflow.model..", "dev.continuum.workflow.expr..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.snakeyaml..", "picocli..", "java.lang.System$Logger", "java.util.logging..", "org.slf4j..")
                .check(classes);
    }

    @Test
    void onlyTheCliUsesPicocli() {
        noClasses().that().resideOutsideOfPackage("dev.continuum.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(classes);
    }

    @Test
    void onlyTheCliWritesToStandardStreamsOrExits() {
        noClasses().that().resideOutsideOfPackage("dev.continuum.cli..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethod(System.class, "exit", int.class)
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.continuum.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyPackageSaysItsRole() {
        classes().that().resideInAPackage("dev.continuum..")
                .should(PackageInfoCondition.HAS_PACKAGE_INFO)
                .check(classes);
    }
}
