package io.streampatterns.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A whole chaos run: how it was set up and what every scenario found.
 *
 * @param kafka which cluster the faults struck
 * @param settings seed, rate, batch cap, trigger
 * @param startedAt when the run started
 * @param took how long it took, cluster start-up included
 * @param results one per pattern and scenario, in the order they ran
 * @param notes anything the run could not do (a pattern without a fixture), said once
 */
public record ChaosReport(String kafka, ChaosSettings settings, Instant startedAt, Duration took,
                          List<ScenarioResult> results, List<String> notes) {

    public ChaosReport {
        results = List.copyOf(results);
        notes = List.copyOf(notes);
    }

    /** Nothing failed: nothing acknowledged lost, nothing twice into an exactly-once sink, every scenario completed. */
    public boolean passed() {
        return results.stream().noneMatch(r -> r.status() == ScenarioResult.Status.FAIL);
    }

    public long count(ScenarioResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** E.g. "12 scenario runs: 11 PASS, 1 FAIL, 0 SKIPPED in 21.3 min, seed 42". */
    public String summary() {
        return String.format(Locale.ROOT, "%d scenario runs: %d PASS, %d FAIL, %d SKIPPED in %.1f min, seed %d",
                results.size(), count(ScenarioResult.Status.PASS), count(ScenarioResult.Status.FAIL),
                count(ScenarioResult.Status.SKIPPED), took.toMillis() / 60_000.0, settings.seed());
    }

    /** The command that repeats this run's plan. */
    public String repeatCommand() {
        return "CHAOS_SEED=" + settings.seed() + " make chaos";
    }
}
