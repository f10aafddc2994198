package io.streampatterns.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps dependencies pointing one way: core ← patterns ← harness ← chaos / benchmarks.
 *
 * <p>Maven's module graph already forbids a cycle between modules; these rules also catch a
 * class placed in the wrong module's package, and keep the direction readable as tests.
 */
class ModuleDependenciesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.streampatterns");
    }

    @Test
    void coreDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("io.streampatterns.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.streampatterns.patterns..", "io.streampatterns.harness..",
                        "io.streampatterns.chaos..", "io.streampatterns.benchmarks..")
                .check(classes);
    }

    @Test
    void patternsDependOnlyOnCore() {
        noClasses().that().resideInAPackage("io.streampatterns.patterns..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.streampatterns.harness..", "io.streampatterns.chaos..", "io.streampatterns.benchmarks..")
                .check(classes);
    }

    @Test
    void harnessDependsNeitherOnChaosNorOnBenchmarks() {
        noClasses().that().resideInAPackage("io.streampatterns.harness..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.streampatterns.chaos..", "io.streampatterns.benchmarks..")
                .check(classes);
    }

    /** The rules above only mean something if the classes were found. */
    @Test
    void everyModuleOnTheClasspathWasImported() {
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("io.streampatterns.core")).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("io.streampatterns.patterns.bronze")).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("io.streampatterns.harness.kafka")).isTrue();
    }
}
