package io.streampatterns.chaos.report;

import io.streampatterns.chaos.ChaosReport;
import io.streampatterns.chaos.ScenarioResult;
import io.streampatterns.harness.report.Escape;

/** {@code report.md}: the table of scenario × pattern with every figure, then each scenario's plan and faults. */
public final class MarkdownChaosReport {

    private MarkdownChaosReport() {
    }

    public static String render(ChaosReport report) {
        StringBuilder md = new StringBuilder("# Chaos report\n\n");
        md.append(report.summary()).append(", started ").append(report.startedAt()).append(".\n\n");
        md.append(ChaosTables.intro(report)).append("\n\n");
        report.notes().forEach(note -> md.append("> ").append(note).append("\n\n"));
        md.append(ChaosTables.results(report).markdown());
        md.append('\n').append(ChaosTables.LEGEND).append('\n');
        md.append("\n## Scenarios\n");
        String current = null;
        for (ScenarioResult r : report.results()) {
            if (!r.scenario().equals(current)) {
                current = r.scenario();
                md.append("\n### ").append(current).append("\n\n").append(r.plan().scenario().description())
                        .append("\n\nScript: `").append(r.plan().scenario().script()).append("`\n");
            }
            md.append("\n**").append(r.pattern()).append("**: ").append(r.status()).append(", ")
                    .append(Escape.markdownCell(r.message())).append(ChaosTables.took(r)).append("\n\n");
            if (r.status() != ScenarioResult.Status.SKIPPED) {
                ChaosTables.details(r).forEach(line -> md.append("- ").append(Escape.markdownCell(line)).append('\n'));
            }
        }
        return md.toString();
    }
}
