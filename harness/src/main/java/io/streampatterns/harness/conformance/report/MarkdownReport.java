package io.streampatterns.harness.conformance.report;

import io.streampatterns.harness.conformance.CheckResult;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceReport;
import io.streampatterns.harness.report.Escape;

/** {@code report.md}: the table, what each check proves, and every result's message. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(ConformanceReport report) {
        StringBuilder md = new StringBuilder("# Conformance report\n\n");
        md.append(ResultTable.summary(report)).append(", started ").append(report.startedAt()).append(".\n\n");
        md.append(ResultTable.of(report).markdown());
        md.append("\n## Checks\n\n");
        for (ConformanceCheck check : report.checks()) {
            md.append("- **").append(check.name()).append("**: ").append(check.description()).append('\n');
        }
        md.append("\n## Results\n\n");
        for (CheckResult result : report.results()) {
            md.append("- ").append(result.status().label()).append(" **").append(result.pattern()).append(" × ")
                    .append(result.check()).append("**: ").append(Escape.markdownCell(result.message())).append('\n');
        }
        return md.toString();
    }
}
