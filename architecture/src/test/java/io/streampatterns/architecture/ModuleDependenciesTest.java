package io.streampatterns.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps dependencies pointing one way: core ← patterns ← harness ← chaos / benchmarks, and
 * core ← patterns ← jobs (the command line), which nothing depends on; with the
 * conformance kit in harness usable without the patterns module. This module depends on every
 * other, so the rules see all of their classes.
 *
 * <p>Maven's module graph already forbids a cycle between modules; these rules also catch a class
 * placed in another module's package (a split package) and a kit class that would drag the
 * project's patterns onto a team's test classpath.
 */
class ModuleDependenciesTest {
    private static final List<String> MODULES = List.of("core", "patterns", "harness", "jobs", "chaos", "benchmarks");
    /** Where a class was loaded from: a module's classes folder in the reactor, or its installed jar. */
    private static final Pattern MODULE_LOCATION = Pattern.compile("(?:/(core|patterns|harness|jobs|chaos|benchmarks)/target/"
            + "|streampatterns-(core|patterns|harness|jobs|chaos|benchmarks)-[^/]*\\.jar)");

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

    /** The command line runs the patterns; the kit, chaos and the benchmarks never need it, nor it them. */
    @Test
    void jobsDependOnlyOnCoreAndPatternsAndNothingOnJobs() {
        noClasses().that().resideInAPackage("io.streampatterns.jobs..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.streampatterns.harness..", "io.streampatterns.chaos..", "io.streampatterns.benchmarks..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("io.streampatterns.jobs..")
                .should().dependOnClassesThat().resideInAPackage("io.streampatterns.jobs..")
                .check(classes);
    }

    @Test
    void chaosAndBenchmarksDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("io.streampatterns.chaos..")
                .should().dependOnClassesThat().resideInAPackage("io.streampatterns.benchmarks..")
                .check(classes);
        noClasses().that().resideInAPackage("io.streampatterns.benchmarks..")
                .should().dependOnClassesThat().resideInAPackage("io.streampatterns.chaos..")
                .check(classes);
    }

    /**
     * A team's test depends on the kit alone: only the project's own fixtures (and the main of
     * {@code make conformance}, through them) may know the patterns module.
     */
    @Test
    void theConformanceKitNeedsNoPattern() {
        noClasses().that().resideInAPackage("io.streampatterns.harness..")
                .and().resideOutsideOfPackage("io.streampatterns.harness.conformance.fixtures..")
                .should().dependOnClassesThat().resideInAPackage("io.streampatterns.patterns..")
                .check(classes);
    }

    /** No split packages: every class lives in a package named after the module it ships in. */
    @Test
    void everyClassLivesInItsModulesPackage() {
        List<String> misplaced = new ArrayList<>();
        for (JavaClass type : classes) {
            Optional<String> module = moduleOf(type);
            if (module.isPresent() && !type.getPackageName().startsWith("io.streampatterns." + module.get())) {
                misplaced.add(type.getName() + " ships in module " + module.get());
            }
        }
        assertThat(misplaced).isEmpty();
    }

    /** The rules above only mean something if every module's classes were found. */
    @Test
    void everyModuleWasImported() {
        for (String module : MODULES) {
            assertThat(classes.stream().anyMatch(type -> moduleOf(type).equals(Optional.of(module))))
                    .as("classes of module %s", module).isTrue();
        }
    }

    private static Optional<String> moduleOf(JavaClass type) {
        return type.getSource().map(source -> source.getUri().toString()).flatMap(uri -> {
            Matcher matcher = MODULE_LOCATION.matcher(uri);
            return matcher.find() ? Optional.of(matcher.group(1) != null ? matcher.group(1) : matcher.group(2))
                    : Optional.empty();
        });
    }
}
