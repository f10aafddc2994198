package io.streampatterns.chaos.report;

import io.streampatterns.chaos.ChaosReport;
import io.streampatterns.chaos.ScenarioResult;
import io.streampatterns.chaos.measure.ChaosVerdict;
import io.streampatterns.chaos.scenario.ScenarioPlan.PlannedStep;
import java.util.Locale;

/** {@code report.md}: the table of scenario × pattern with every figure, then each scenario's plan and faults. */
public final class MarkdownChaosReport {

    private MarkdownChaosReport() {
    }

    public static String render(ChaosReport report) {
        StringBuilder md = new StringBuilder("# Chaos report\n\n");
        md.append(report.summary()).append(", started ").append(report.startedAt()).append(".\n\n");
        md.append("Kafka: ").append(report.kafka()).append(". Input: ").append(report.settings().rate())
                .append(" records/s, acks=all, idempotent. Repeat the plan with `").append(report.repeatCommand())
                .append("`.\n\n");
        report.notes().forEach(note -> md.append("> ").append(note).append("\n\n"));
        md.append("| scenario | pattern | guarantee | status | produced | acknowledged | in output | lost | duplicated "
                + "| longest stall | time to recover | seed |\n");
        md.append("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScenarioResult r : report.results()) {
            ChaosVerdict v = r.verdict();
            md.append("| ").append(r.scenario()).append(" | ").append(r.pattern()).append(" | ")
                    .append(r.guarantee() == null ? "" : r.guarantee().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .append(" | ").append(r.status()).append(" | ");
            if (v == null) {
                md.append("| | | | | | | ");
            } else {
                md.append(String.format(Locale.ROOT, "%,d | %,d | %,d | %,d | %,d | %s | %s | ", v.produced(), v.acknowledged(),
                        v.output(), v.lost(), v.duplicates(), stallText(r), r.recoveryText()));
            }
            md.append(r.seed()).append(" |\n");
        }
        md.append("\nLost = acknowledged by the brokers but not in the output (must be 0). Duplicated = output records "
                + "beyond the first copy of a seq (must be 0 into Delta; counted into Kafka, which is at-least-once). "
                + "Longest stall = the longest time input was waiting and the output did not grow. Time to recover = "
                + "from a fault to the output growing again, the slowest of the scenario's faults.\n");
        md.append("\n## Scenarios\n");
        String current = null;
        for (ScenarioResult r : report.results()) {
            if (!r.scenario().equals(current)) {
                current = r.scenario();
                md.append("\n### ").append(current).append("\n\n").append(r.plan().scenario().description())
                        .append("\n\nScript: `").append(r.plan().scenario().script()).append("`\n");
            }
            md.append("\n**").append(r.pattern()).append("**: ").append(r.status()).append(", ")
                    .append(escape(r.message())).append(String.format(Locale.ROOT, " (%.0f s)", r.took().toMillis() / 1000.0))
                    .append("\n\n");
            if (r.status() == ScenarioResult.Status.SKIPPED) {
                continue;
            }
            md.append("- plan (seed ").append(r.seed()).append(", times counted from the moment the pipeline was warm): ");
            md.append(String.join("; ", r.plan().steps().stream().map(PlannedStep::toString).toList())).append('\n');
            for (ScenarioResult.Recovery recovery : r.recoveries()) {
                md.append(String.format(Locale.ROOT, "- %.1f s: %s; output growing again after %s%n",
                        recovery.fault().atMillis() / 1000.0, escape(recovery.fault().label()),
                        recovery.millis().isPresent() ? String.format(Locale.ROOT, "%.1f s", recovery.millis().getAsLong() / 1000.0)
                                : "never"));
            }
            if (r.longestStall().millis() > 0) {
                md.append(String.format(Locale.ROOT, "- longest stall: %s%n", stallText(r) + " from "
                        + String.format(Locale.ROOT, "%.1f s to %.1f s", r.longestStall().fromMillis() / 1000.0,
                        r.longestStall().toMillis() / 1000.0)));
            }
            md.append("- driver JVM starts: ").append(r.driverStarts());
            if (!r.unplannedDriverExits().isEmpty()) {
                md.append("; it exited by itself ").append(r.unplannedDriverExits().size()).append(" times: ")
                        .append(escape(String.join("; ", r.unplannedDriverExits())));
            }
            md.append('\n');
            if (!r.sendFailures().isEmpty()) {
                md.append("- sends not acknowledged (first few): ").append(escape(String.join("; ", r.sendFailures()))).append('\n');
            }
        }
        return md.toString();
    }

    static String stallText(ScenarioResult r) {
        return String.format(Locale.ROOT, "%.1f s", r.longestStall().millis() / 1000.0) + (r.longestStall().recovered() ? "" : " (open)");
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
