package io.streampatterns.harness.conformance.report;

import io.streampatterns.harness.conformance.CheckResult;
import io.streampatterns.harness.conformance.CheckResultJson;
import io.streampatterns.harness.conformance.CheckStatus;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceExtension;
import io.streampatterns.harness.conformance.ConformanceReport;
import io.streampatterns.harness.conformance.PipelineConformanceSuite;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Listens to a JUnit run of {@link PipelineConformanceSuite}s: prints a progress line as each check
 * ends and collects the results the suites publish, for the table and the reports. A test that
 * ended without publishing one (it failed before its check ran) becomes a FAIL with its error.
 */
public final class ConformanceReportListener implements TestExecutionListener {
    private final PrintStream progress;
    private final List<ConformanceCheck> checks;
    private final Map<String, CheckResult> published = new LinkedHashMap<>();
    private final List<CheckResult> results = new ArrayList<>();
    private final Set<String> patterns = new LinkedHashSet<>();
    private final Set<String> kafka = new LinkedHashSet<>();
    private Instant started = Instant.now();
    private long total;

    /** @param checks the checks in report order, for the table's columns and descriptions */
    public ConformanceReportListener(PrintStream progress, List<ConformanceCheck> checks) {
        this.progress = progress;
        this.checks = checks;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        started = Instant.now();
        total = plan.countTestIdentifiers(TestIdentifier::isTest);
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        entry.getKeyValuePairs().forEach((key, value) -> {
            if (key.equals(PipelineConformanceSuite.RESULT_ENTRY)) {
                published.put(test.getUniqueId(), CheckResultJson.read(value));
            } else if (key.equals(ConformanceExtension.KAFKA_ENTRY) && kafka.add(value)) {
                progress.println("Kafka: " + value);
            }
        });
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult outcome) {
        if (!test.isTest()) {
            return;
        }
        CheckResult result = published.get(test.getUniqueId());
        if (result == null) {
            Throwable error = outcome.getThrowable().orElse(new IllegalStateException(outcome.getStatus().toString()));
            result = outcome.getStatus() == TestExecutionResult.Status.ABORTED
                    ? CheckResult.notApplicable(suiteName(test), checkName(test), String.valueOf(error.getMessage()))
                    : CheckResult.crashed(suiteName(test), checkName(test), error, Duration.ZERO);
        }
        patterns.add(result.pattern());
        results.add(result);
        progress.printf("[%2d/%d] %-26s %-10s %-5s %-34s %6.1f s  %s%n", results.size(), total, result.pattern(),
                result.check(), result.status().label(), result.keyFigure(), result.took().toMillis() / 1000.0,
                result.status() == CheckStatus.PASS ? "" : result.message());
    }

    /** The run so far as a report. */
    public ConformanceReport report() {
        return new ConformanceReport(kafka.isEmpty() ? "none started" : String.join("; ", kafka), started,
                Duration.between(started, Instant.now()), List.copyOf(patterns), checks, List.copyOf(results));
    }

    private static String suiteName(TestIdentifier test) {
        String id = test.getUniqueId();
        int classStart = id.indexOf("[class:");
        String type = classStart < 0 ? id : id.substring(classStart + 7, id.indexOf(']', classStart));
        return type.substring(type.lastIndexOf('.') + 1).replace('$', '.');
    }

    private static String checkName(TestIdentifier test) {
        return test.getSource().map(source -> source instanceof org.junit.platform.engine.support.descriptor.MethodSource method
                ? method.getMethodName() : test.getDisplayName()).orElse(test.getDisplayName());
    }
}
