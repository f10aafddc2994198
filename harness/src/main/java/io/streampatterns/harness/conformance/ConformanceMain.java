package io.streampatterns.harness.conformance;

import io.streampatterns.harness.conformance.report.ConsoleReport;
import io.streampatterns.harness.conformance.report.HtmlReport;
import io.streampatterns.harness.conformance.report.JUnitXmlReport;
import io.streampatterns.harness.conformance.report.JsonReport;
import io.streampatterns.harness.conformance.report.MarkdownReport;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaWorkspace;
import io.streampatterns.harness.spark.LocalSpark;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code make conformance}: every pattern against every check, a progress line per check, the table,
 * and the reports in {@code target/conformance/}. Exits 1 when any check fails, 2 when the run could
 * not start.
 *
 * <p>Environment: {@code KAFKA_BOOTSTRAP_SERVERS}, {@code KAFKA_CLIENT_PROPERTIES}, {@code KAFKA_BACKEND},
 * {@code KAFKA_BROKERS} (see {@link KafkaBackendSettings}); {@code CONFORMANCE_PATTERNS} and
 * {@code CONFORMANCE_CHECKS}, comma-separated names, to run a subset; {@code CONFORMANCE_SEED} for the
 * event generator (default 42).
 */
public final class ConformanceMain {
    static final Path OUTPUT = Path.of("target", "conformance");

    private ConformanceMain() {
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), System.out));
    }

    static int run(Map<String, String> environment, PrintStream out) {
        List<PatternFixture> fixtures;
        List<ConformanceCheck> checks;
        long seed;
        try {
            fixtures = select(PatternFixtures.all(), PatternFixture::name, "CONFORMANCE_PATTERNS", environment);
            checks = select(ConformanceChecks.all(), ConformanceCheck::name, "CONFORMANCE_CHECKS", environment);
            seed = seed(environment.getOrDefault("CONFORMANCE_SEED", "42"));
        } catch (IllegalArgumentException e) {
            out.println("Conformance could not start: " + e.getMessage());
            return 2;
        }
        out.printf("Conformance: %d patterns × %d checks, seed %d%n", fixtures.size(), checks.size(), seed);
        KafkaBackend kafka;
        try {
            out.println("Starting Kafka...");
            kafka = KafkaBackend.fromEnvironment(environment);
        } catch (RuntimeException e) {
            out.println("Conformance could not start: " + e.getMessage());
            return 2;
        }
        try (kafka; DeltaWorkspace workspace = DeltaWorkspace.create()) {
            out.println("Kafka: " + kafka.description());
            out.println("Starting Spark (local[2]) ...");
            String prefix = "cf" + Long.toString(System.currentTimeMillis() / 1000, 36);
            ConformanceEnvironment env = new ConformanceEnvironment(kafka.endpoint(), LocalSpark.session(), workspace,
                    new EventGenerator(seed), prefix);
            ConformanceReport report = new ConformanceSuite(fixtures, checks, env, out).run(kafka.description());
            ConsoleReport.print(report, out);
            write(report);
            out.println("Reports: " + OUTPUT.resolve("report.md") + ", report.html, report.json, TEST-conformance.xml");
            return report.passed() ? 0 : 1;
        } catch (Exception e) {
            out.println("Conformance run failed: " + e);
            e.printStackTrace(out);
            return 2;
        }
    }

    static void write(ConformanceReport report) throws IOException {
        Files.createDirectories(OUTPUT);
        Files.writeString(OUTPUT.resolve("report.md"), MarkdownReport.render(report));
        Files.writeString(OUTPUT.resolve("report.html"), HtmlReport.render(report));
        Files.writeString(OUTPUT.resolve("report.json"), JsonReport.render(report));
        Files.writeString(OUTPUT.resolve("TEST-conformance.xml"), JUnitXmlReport.render(report));
    }

    /**
     * The items whose names the variable {@code option} lists, or all when it is unset.
     *
     * @throws IllegalArgumentException naming the variable and the expected names, for an unknown name
     */
    static <T> List<T> select(List<T> all, java.util.function.Function<T, String> name, String option,
                              Map<String, String> environment) {
        String filter = environment.get(option);
        if (filter == null || filter.isBlank()) {
            return all;
        }
        Set<String> wanted = Arrays.stream(filter.split(",")).map(String::trim).collect(Collectors.toSet());
        Set<String> known = all.stream().map(name).collect(Collectors.toSet());
        wanted.stream().filter(w -> !known.contains(w)).findFirst().ifPresent(unknown -> {
            throw new IllegalArgumentException(option + ": '" + unknown + "' is not one of " + new java.util.TreeSet<>(known));
        });
        return all.stream().filter(item -> wanted.contains(name.apply(item))).toList();
    }

    private static long seed(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CONFORMANCE_SEED: expected a whole number, got '" + text + "'");
        }
    }
}
