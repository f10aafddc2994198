package io.streampatterns.harness.conformance.report;

import io.streampatterns.harness.conformance.CheckStatus;
import io.streampatterns.harness.conformance.ConformanceReport;
import java.io.PrintStream;
import java.util.List;

/** The table a person reads at the end of {@code make conformance}, and every failure in full. */
public final class ConsoleReport {

    private ConsoleReport() {
    }

    public static void print(ConformanceReport report, PrintStream out) {
        List<String> header = ResultTable.header(report);
        List<List<String>> rows = ResultTable.rows(report);
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        out.println();
        out.println(line(header, widths));
        out.println(line(header.stream().map(h -> "-".repeat(h.length())).toList(), widths).replace(' ', ' '));
        rows.forEach(row -> out.println(line(row, widths)));
        out.println();
        report.results().stream().filter(r -> r.status() == CheckStatus.FAIL)
                .forEach(r -> out.println("FAIL " + r.pattern() + " × " + r.check() + ": " + r.message()));
        out.println(ResultTable.summary(report));
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(String.format("%-" + (widths[i] + 2) + "s", cells.get(i)));
        }
        return line.toString().stripTrailing();
    }
}
