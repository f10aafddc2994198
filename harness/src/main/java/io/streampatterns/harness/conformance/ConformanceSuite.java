package io.streampatterns.harness.conformance;

import io.streampatterns.core.StreamingPattern;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies every check to every pattern, printing a progress line per check. A check that does not
 * apply is reported NOT_APPLICABLE with its reason; a check that throws is a FAIL carrying the error.
 */
public final class ConformanceSuite {
    private final List<PatternFixture> fixtures;
    private final List<ConformanceCheck> checks;
    private final ConformanceEnvironment env;
    private final PrintStream progress;

    public ConformanceSuite(List<PatternFixture> fixtures, List<ConformanceCheck> checks,
                            ConformanceEnvironment env, PrintStream progress) {
        this.fixtures = fixtures;
        this.checks = checks;
        this.env = env;
        this.progress = progress;
    }

    public ConformanceReport run(String kafkaDescription) {
        Instant started = Instant.now();
        List<CheckResult> results = new ArrayList<>();
        int total = fixtures.size() * checks.size();
        for (PatternFixture fixture : fixtures) {
            Optional<StreamingPattern> described = describe(fixture, results);
            for (ConformanceCheck check : checks) {
                CheckResult result = described.map(pattern -> run(fixture, pattern, check))
                        .orElseGet(() -> CheckResult.notApplicable(fixture.name(), check.name(),
                                "the pattern could not be built; see its first check"));
                results.add(result);
                progress.printf("[%2d/%d] %-26s %-8s %-5s %-34s %6.1f s  %s%n", results.size(), total, fixture.name(),
                        check.name(), result.status().label(), result.keyFigure(), result.took().toMillis() / 1000.0,
                        result.status() == CheckStatus.PASS ? "" : result.message());
            }
        }
        List<String> names = fixtures.stream().map(PatternFixture::name).toList();
        return new ConformanceReport(kafkaDescription, started, Duration.between(started, Instant.now()), names,
                checks, results);
    }

    /** Builds the pattern once to learn what it promises; a pattern that cannot be built fails every check. */
    private Optional<StreamingPattern> describe(PatternFixture fixture, List<CheckResult> results) {
        try {
            return Optional.of(fixture.build(env.newRun(fixture, "describe"), env));
        } catch (RuntimeException e) {
            progress.printf("%s could not be built: %s%n", fixture.name(), e.getMessage());
            return Optional.empty();
        }
    }

    private CheckResult run(PatternFixture fixture, StreamingPattern pattern, ConformanceCheck check) {
        Optional<String> notApplicable = check.notApplicableBecause(pattern);
        if (notApplicable.isPresent()) {
            return CheckResult.notApplicable(fixture.name(), check.name(), notApplicable.get());
        }
        Instant started = Instant.now();
        try {
            Outcome outcome = check.run(fixture, env);
            return outcome.toResult(fixture.name(), check.name(), Duration.between(started, Instant.now()));
        } catch (Exception | AssertionError e) {
            return CheckResult.crashed(fixture.name(), check.name(), e, Duration.between(started, Instant.now()));
        } finally {
            for (var query : env.spark().streams().active()) {
                stopQuietly(query);
            }
        }
    }

    /** A check that failed midway may leave its query running; the next check must not inherit it. */
    private static void stopQuietly(org.apache.spark.sql.streaming.StreamingQuery query) {
        try {
            query.stop();
        } catch (Exception e) {
            // Stopping is best effort; the query's failure is already in the result.
        }
    }
}
