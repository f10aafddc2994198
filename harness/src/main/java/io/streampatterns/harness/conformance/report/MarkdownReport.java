package io.streampatterns.harness.conformance.report;

import io.streampatterns.harness.conformance.CheckResult;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceReport;
import java.util.List;

/** {@code report.md}: the table, what each check proves, and every result's message. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(ConformanceReport report) {
        StringBuilder md = new StringBuilder("# Conformance report\n\n");
        md.append(ResultTable.summary(report)).append(", started ").append(report.startedAt()).append(".\n\n");
        List<String> header = ResultTable.header(report);
        md.append("| ").append(String.join(" | ", header)).append(" |\n");
        md.append("|").append("---|".repeat(header.size())).append('\n');
        for (List<String> row : ResultTable.rows(report)) {
            md.append("| ").append(String.join(" | ", row.stream().map(MarkdownReport::escape).toList())).append(" |\n");
        }
        md.append("\n## Checks\n\n");
        for (ConformanceCheck check : report.checks()) {
            md.append("- **").append(check.name()).append("**: ").append(check.description()).append('\n');
        }
        md.append("\n## Results\n\n");
        for (CheckResult result : report.results()) {
            md.append("- ").append(result.status().label()).append(" **").append(result.pattern()).append(" × ")
                    .append(result.check()).append("**: ").append(escape(result.message())).append('\n');
        }
        return md.toString();
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
