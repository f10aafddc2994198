package io.streampatterns.harness.conformance;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.streampatterns.harness.conformance.fixtures.PatternSuites;
import io.streampatterns.harness.conformance.report.ConformanceReportListener;
import io.streampatterns.harness.conformance.report.ConsoleReport;
import io.streampatterns.harness.conformance.report.HtmlReport;
import io.streampatterns.harness.conformance.report.JsonReport;
import io.streampatterns.harness.conformance.report.MarkdownReport;
import io.streampatterns.harness.settings.EnvironmentSettings;
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
 * {@code CONFORMANCE_SEED} for the event generator (default 42).
 */
public final class ConformanceMain {
    static final Path OUTPUT = Path.of("target", "conformance");

    private ConformanceMain() {
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), System.out));
    }

    static int run(Map<String, String> environment, PrintStream out) {
        List<Class<? extends PipelineConformanceSuite>> suites;
        List<ConformanceCheck> checks;
        try {
            suites = select(PatternSuites.all(), PatternSuites::patternName, "CONFORMANCE_PATTERNS", environment);
            checks = select(ConformanceChecks.profile(environment.get(ConformanceChecks.PROFILE)).all(),
                    ConformanceCheck::name, "CONFORMANCE_CHECKS", environment);
            new EnvironmentSettings(environment).wholeNumber("CONFORMANCE_SEED", 42);
        } catch (IllegalArgumentException e) {
            out.println("Conformance could not start: " + e.getMessage());
            return 2;
        }
        out.printf("Conformance: %d patterns × %d checks, as JUnit 5 suites; Kafka and Spark start with the first check%n",
                suites.size(), checks.size());
        try {
            Files.createDirectories(OUTPUT);
            ConformanceReportListener listener = new ConformanceReportListener(out, checks);
            // Not closed: closing it would close `out`, and the table below would vanish without an error.
            PrintWriter junitLog = new PrintWriter(out, true);
            Launcher launcher = LauncherFactory.create();
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors(suites, checks)).build(),
                    listener, new LegacyXmlReportGeneratingListener(OUTPUT, junitLog));
            junitLog.flush();
            ConformanceReport report = listener.report();
            ConsoleReport.print(report, out);
            write(report);
            out.println("Reports: " + OUTPUT.resolve("report.md") + ", report.html, report.json, TEST-conformance.xml;"
                    + " log: conformance.log");
            return report.passed() ? 0 : 1;
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

    static void write(ConformanceReport report) throws IOException {
        Files.writeString(OUTPUT.resolve("report.md"), MarkdownReport.render(report));
        Files.writeString(OUTPUT.resolve("report.html"), HtmlReport.render(report));
        Files.writeString(OUTPUT.resolve("report.json"), JsonReport.render(report));
        Path junit = OUTPUT.resolve("TEST-junit-jupiter.xml");
        if (Files.exists(junit)) {
            Files.move(junit, OUTPUT.resolve("TEST-conformance.xml"), StandardCopyOption.REPLACE_EXISTING);
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
