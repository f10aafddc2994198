package io.streampatterns.harness.conformance;

import io.streampatterns.harness.conformance.WindowedAggregates.Aggregate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether a job's final aggregates equal what its input holds: for every window and group, the
 * latest output record's count (and sum, where reported) against the count and sum recomputed from
 * the input. No window may be missing, none counted twice, none invented.
 *
 * @param windows how many windows and groups the input holds
 * @param correct how many the output got right
 * @param problems each wrong, missing or invented window, as a person would say it
 */
public record AggregateVerdict(int windows, int correct, List<String> problems) {
    private static final int LISTED = 5;
    private static final double SUM_TOLERANCE = 1e-6;

    /**
     * @param expected window and group key → the aggregate recomputed from the input
     * @param latest window and group key → the job's latest output for it
     */
    public static AggregateVerdict of(Map<String, Aggregate> expected, Map<String, Aggregate> latest) {
        List<String> problems = new ArrayList<>();
        int correct = 0;
        int found = 0;
        for (Aggregate want : new TreeMap<>(expected).values()) {
            Aggregate got = latest.get(want.key());
            String problem = compare(want, got);
            if (problem == null) {
                correct++;
            } else if (found++ < LISTED) {
                problems.add(problem);
            }
        }
        for (String key : new TreeMap<>(latest).keySet()) {
            if (!expected.containsKey(key) && found++ < LISTED) {
                problems.add("window " + key + " is in the output (count " + latest.get(key).count() + ") but the input has no event in it");
            }
        }
        if (found > LISTED) {
            problems.add("and " + (found - LISTED) + " more");
        }
        return new AggregateVerdict(expected.size(), correct, problems);
    }

    private static String compare(Aggregate want, Aggregate got) {
        if (got == null) {
            return "window " + want.key() + " is missing (the input has " + want.count() + " events in it)";
        }
        if (got.count() != want.count()) {
            String how = got.count() > want.count() ? "counted twice or more" : "lost";
            return "window " + want.key() + " counts " + got.count() + " events, the input has " + want.count()
                    + " (" + Math.abs(got.count() - want.count()) + " " + how + ")";
        }
        if (got.sum().isPresent() && want.sum().isPresent()) {
            double w = want.sum().getAsDouble();
            double g = got.sum().getAsDouble();
            if (Math.abs(g - w) > SUM_TOLERANCE * Math.max(1, Math.abs(w))) {
                return "window " + want.key() + " sums to " + g + ", the input to " + w;
            }
        }
        return null;
    }

    public boolean passed() {
        return problems.isEmpty();
    }

    public String describe() {
        return passed() ? "all " + windows + " windows and groups match the input"
                : correct + " of " + windows + " windows right: " + String.join("; ", problems);
    }
}
