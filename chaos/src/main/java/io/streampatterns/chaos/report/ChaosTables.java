package io.streampatterns.chaos.report;

import io.streampatterns.chaos.ChaosReport;
import io.streampatterns.chaos.ScenarioResult;
import io.streampatterns.chaos.measure.ChaosVerdict;
import io.streampatterns.chaos.scenario.ScenarioPlan.PlannedStep;
import io.streampatterns.harness.report.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the Markdown and HTML reports both say: the intro, the results table and each run's details. */
final class ChaosTables {
    static final String LEGEND = "Lost = acknowledged by the brokers but not in the output (must be 0). Duplicated = output"
            + " records beyond the first copy of a seq (must be 0 for an exactly-once pattern, read with read_committed; counted for an at-least-once one)."
            + " Longest stall = the longest time input was waiting and the output did not grow (shaded in the charts)."
            + " Time to recover = from a fault to the output growing again, the slowest of the scenario's faults.";

    private ChaosTables() {
    }

    /** The line under the summary, with Markdown's inline marks. */
    static String intro(ChaosReport report) {
        return "Kafka: " + report.kafka() + ". Input: " + report.settings().rate()
                + " records/s, acks=all, idempotent. Repeat the plan with `" + report.repeatCommand() + "`.";
    }

    /** A row per scenario and pattern with every figure; the scenario links to its section in HTML. */
    static Table results(ChaosReport report) {
        Table table = new Table().column("scenario").column("pattern").column("guarantee").column("status")
                .number("produced").number("acknowledged").number("in output").number("lost").number("duplicated")
                .number("longest stall").number("time to recover").number("seed");
        for (ScenarioResult r : report.results()) {
            ChaosVerdict v = r.verdict();
            table.row(Table.Cell.of(r.scenario()).linkTo(anchor(r)), r.pattern(),
                    r.guarantee() == null ? "" : r.guarantee().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    Table.Cell.of(r.status().name()).status(r.status().name()).title(r.message()),
                    v == null ? null : count(v.produced()), v == null ? null : count(v.acknowledged()),
                    v == null ? null : count(v.output()), v == null ? null : count(v.lost()),
                    v == null ? null : count(v.duplicates()), v == null ? null : stallText(r),
                    v == null ? null : r.recoveryText(), r.seed());
        }
        return table;
    }

    /** The plan, each fault with its recovery, the longest stall, the driver's starts and exits, failed sends. */
    static List<String> details(ScenarioResult r) {
        List<String> lines = new ArrayList<>();
        lines.add("Plan (seed " + r.seed() + ", times counted from the moment the pipeline was warm; the timeline counts"
                + " from the start of production): `" + String.join("; ", r.plan().steps().stream().map(PlannedStep::toString).toList())
                + "`");
        for (ScenarioResult.Recovery recovery : r.recoveries()) {
            lines.add(String.format(Locale.ROOT, "%.1f s: %s; output growing again after %s",
                    recovery.fault().atMillis() / 1000.0, recovery.fault().label(), recovery.millis().isPresent()
                            ? String.format(Locale.ROOT, "%.1f s", recovery.millis().getAsLong() / 1000.0) : "never"));
        }
        if (r.longestStall().millis() > 0) {
            lines.add(String.format(Locale.ROOT, "Longest stall: %s from %.1f s to %.1f s", stallText(r),
                    r.longestStall().fromMillis() / 1000.0, r.longestStall().toMillis() / 1000.0));
        }
        lines.add("Driver JVM starts: " + r.driverStarts() + ", unplanned exits: " + r.unplannedDriverExits().size()
                + (r.unplannedDriverExits().isEmpty() ? "" : ": " + String.join("; ", r.unplannedDriverExits())));
        if (!r.sendFailures().isEmpty()) {
            lines.add("Sends not acknowledged (first few): " + String.join("; ", r.sendFailures()));
        }
        return lines;
    }

    /** "12.3 s", "(open)" when the output never grew again. */
    static String stallText(ScenarioResult r) {
        return String.format(Locale.ROOT, "%.1f s", r.longestStall().millis() / 1000.0) + (r.longestStall().recovered() ? "" : " (open)");
    }

    /** "(42 s)": how long the run took. */
    static String took(ScenarioResult r) {
        return String.format(Locale.ROOT, " (%.0f s)", r.took().toMillis() / 1000.0);
    }

    static String anchor(ScenarioResult r) {
        return r.scenario() + "-" + r.pattern();
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
