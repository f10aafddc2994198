package io.streampatterns.harness.conformance;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.streampatterns.harness.conformance.fixtures.PatternSuites;
import io.streampatterns.harness.conformance.report.ConformanceReportListener;
import io.streampatterns.harness.conformance.report.ConsoleReport;
import io.streampatterns.harness.conformance.report.HtmlReport;
import io.streampatterns.harness.conformance.report.JsonReport;
import io.streampatterns.harness.conformance.report.MarkdownReport;
import io.streampatterns.harness.settings.EnvironmentSettings;
import io.streampatterns.harness.spark.SparkBackend;
import io.streampatterns.harness.spark.SparkParallelism;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * {@code make conformance}: the project's own patterns, each a {@link PipelineConformanceSuite},
 * run through the JUnit Platform launcher exactly as a team's suite runs in its build. Prints a
 * progress line per check and the pattern × check table, and writes {@code target/conformance/}
 * {@code report.md}, {@code report.html}, {@code report.json} and JUnit's own XML
 * ({@code TEST-conformance.xml}). Exits 1 when any check fails, 2 when the run could not start.
 *
 * <p>Environment: {@code KAFKA_BOOTSTRAP_SERVERS}, {@code KAFKA_CLIENT_PROPERTIES}, {@code KAFKA_BACKEND},
 * {@code KAFKA_BROKERS} (see {@link KafkaBackendSettings}); {@code CONFORMANCE_PATTERNS} and
 * {@code CONFORMANCE_CHECKS}, comma-separated names, to run a subset; {@code CONFORMANCE_PROFILE},
 * {@code quick} (the default) or {@code full}, for the sizes ({@link ConformanceChecks});
 * {@code CONFORMANCE_SEED} for the event generator (default 42); {@code CONFORMANCE_PARALLEL}, how
 * many JVMs the patterns are split over (default 2, each with its own broker and SparkSession:
 * {@link ConformanceShards}; 1 runs all in this JVM); {@code CONFORMANCE_OUTPUT}, the reports' folder.
 */
public final class ConformanceMain {
    static final Path OUTPUT = Path.of("target", "conformance");
    /** The variable naming another folder for the reports (a share's own, in a split run). */
    static final String OUTPUT_VARIABLE = "CONFORMANCE_OUTPUT";
    private static final int DEFAULT_PARALLEL = 2;

    private ConformanceMain() {
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), System.out));
    }

    static int run(Map<String, String> environment, PrintStream out) {
        List<Class<? extends PipelineConformanceSuite>> suites;
        List<ConformanceCheck> checks;
        int parallel;
        SparkBackend spark;
        try {
            suites = select(PatternSuites.all(), PatternSuites::patternName, "CONFORMANCE_PATTERNS", environment);
            checks = select(ConformanceChecks.profile(environment.get(ConformanceChecks.PROFILE)).all(),
                    ConformanceCheck::name, "CONFORMANCE_CHECKS", environment);
            EnvironmentSettings settings = new EnvironmentSettings(environment);
            settings.wholeNumber("CONFORMANCE_SEED", 42);
            parallel = (int) settings.wholeNumber(ConformanceShards.PARALLEL, 1, 8, DEFAULT_PARALLEL);
            spark = SparkBackend.ofThisJvm();
        } catch (IllegalArgumentException | IllegalStateException e) {
            out.println("Conformance could not start: " + e.getMessage());
            return 2;
        }
        Path output = Path.of(environment.getOrDefault(OUTPUT_VARIABLE, OUTPUT.toString()));
        List<String> patterns = suites.stream().map(PatternSuites::patternName).toList();
        if (parallel > 1 && suites.size() > 1) {
            if (spark.isCluster()) {
                out.println("Spark: " + spark.describe(SparkParallelism.DEFAULT) + ", shared by the JVMs below");
            }
            return runShared(patterns, checks, parallel, environment, output, out);
        }
        boolean share = environment.containsKey(ConformanceShards.SHARD);
        if (!share) {
            out.printf("Conformance: %d patterns × %d checks, as JUnit 5 suites; Kafka and Spark start with the first check%n",
                    suites.size(), checks.size());
        }
        if (spark.isCluster() && !share) {
            out.println("Spark: " + spark.describe(SparkParallelism.DEFAULT));
        }
        try {
            Files.createDirectories(output);
            ConformanceReportListener listener = new ConformanceReportListener(out, checks);
            // Not closed: closing it would close `out`, and the table below would vanish without an error.
            PrintWriter junitLog = new PrintWriter(out, true);
            Launcher launcher = LauncherFactory.create();
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors(suites, checks)).build(),
                    listener, new LegacyXmlReportGeneratingListener(output, junitLog));
            junitLog.flush();
            ConformanceReport report = listener.report();
            write(report, output);
            if (share) {
                Files.write(output.resolve(ConformanceShards.RESULTS),
                        report.results().stream().map(CheckResultJson::write).toList());
                Files.writeString(output.resolve("kafka.txt"), report.kafka());
                return report.passed() ? 0 : 1;
            }
            return printed(report, output, "TEST-conformance.xml; log: conformance.log", out);
        } catch (Exception e) {
            out.println("Conformance run failed: " + e);
            e.printStackTrace(out);
            return 2;
        }
    }

    /** One selector per suite and check: the check's test method. */
    static List<DiscoverySelector> selectors(List<Class<? extends PipelineConformanceSuite>> suites,
                                                     List<ConformanceCheck> checks) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (Class<? extends PipelineConformanceSuite> suite : suites) {
            for (ConformanceCheck check : checks) {
                Method test = Arrays.stream(PipelineConformanceSuite.class.getMethods())
                        .filter(m -> m.getName().equals(check.testMethodName())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("PipelineConformanceSuite has no test for " + check.name()));
                selectors.add(selectMethod(suite, test));
            }
        }
        return selectors;
    }

    /**
     * Splits the patterns over {@code parallel} JVMs by how many checks apply to each, and prints
     * and writes the merged report as a run in one JVM would.
     */
    private static int runShared(List<String> patterns, List<ConformanceCheck> checks, int parallel,
                                 Map<String, String> environment, Path output, PrintStream out) {
        List<List<String>> shares = ConformanceShards.split(patterns, parallel, name -> applicableChecks(name, checks));
        out.printf("Conformance: %d patterns × %d checks, as JUnit 5 suites in %d JVMs (%s), each with its own Kafka"
                        + " and Spark; %s=1 runs them in one%n", patterns.size(), checks.size(), shares.size(),
                String.join(" | ", shares.stream().map(share -> String.join(",", share)).toList()), ConformanceShards.PARALLEL);
        try {
            Files.createDirectories(output);
            ConformanceReport report = ConformanceShards.run(shares, patterns, checks, environment, output, out);
            if (report == null) {
                out.println("Conformance run failed: a share could not run (its lines above say why)");
                return 2;
            }
            write(report, output);
            Files.deleteIfExists(output.resolve("TEST-conformance.xml"));
            return printed(report, output, "TEST-conformance-<n>.xml; logs: shard-<n>/conformance.log", out);
        } catch (Exception e) {
            out.println("Conformance run failed: " + e);
            e.printStackTrace(out);
            return 2;
        }
    }

    /** Prints the table and where the reports are; the run's exit code. */
    private static int printed(ConformanceReport report, Path output, String junitAndLogs, PrintStream out) {
        ConsoleReport.print(report, out);
        out.println("Reports: " + output.resolve("report.md") + ", report.html, report.json, " + junitAndLogs);
        return report.passed() ? 0 : 1;
    }

    /** How many of {@code checks} apply to the pattern called {@code name}: its share of the run's work. */
    private static int applicableChecks(String name, List<ConformanceCheck> checks) {
        PipelineUnderTest pipeline = PatternSuites.fixture(name);
        return (int) checks.stream().filter(check -> check.notApplicableBecause(pipeline).isEmpty()).count();
    }

    static void write(ConformanceReport report, Path output) throws IOException {
        Files.writeString(output.resolve("report.md"), MarkdownReport.render(report));
        Files.writeString(output.resolve("report.html"), HtmlReport.render(report));
        Files.writeString(output.resolve("report.json"), JsonReport.render(report));
        Path junit = output.resolve("TEST-junit-jupiter.xml");
        if (Files.exists(junit)) {
            Files.move(junit, output.resolve("TEST-conformance.xml"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The items whose names the variable {@code option} lists, in run order, or all when it is unset.
     *
     * @throws IllegalArgumentException naming the variable and the expected names, for an unknown name
     */
    static <T> List<T> select(List<T> all, Function<T, String> name, String option, Map<String, String> environment) {
        List<String> wanted = new EnvironmentSettings(environment).subset(option, all.stream().map(name).toList());
        return wanted.isEmpty() ? all : all.stream().filter(item -> wanted.contains(name.apply(item))).toList();
    }
}
