package io.streampatterns.harness.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a conformance run: one result per pattern and check.
 *
 * @param kafka where Kafka came from, e.g. "embedded: 1 KRaft broker (Kafka 4.3.1)"
 * @param patterns pattern names, in run order
 * @param checks the checks, in run order
 */
public record ConformanceReport(String kafka, Instant startedAt, Duration took, List<String> patterns,
                                List<ConformanceCheck> checks, List<CheckResult> results) {

    public Optional<CheckResult> result(String pattern, String check) {
        return results.stream().filter(r -> r.pattern().equals(pattern) && r.check().equals(check)).findFirst();
    }

    public long count(CheckStatus status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    public boolean passed() {
        return count(CheckStatus.FAIL) == 0;
    }
}
