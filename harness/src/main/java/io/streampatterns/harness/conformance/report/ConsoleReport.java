package io.streampatterns.harness.conformance.report;

import io.streampatterns.harness.conformance.CheckStatus;
import io.streampatterns.harness.conformance.ConformanceReport;
import java.io.PrintStream;

/** The table a person reads at the end of {@code make conformance}, and every failure in full. */
public final class ConsoleReport {

    private ConsoleReport() {
    }

    public static void print(ConformanceReport report, PrintStream out) {
        out.println();
        out.print(ResultTable.of(report).text());
        out.println();
        report.results().stream().filter(r -> r.status() == CheckStatus.FAIL)
                .forEach(r -> out.println("FAIL " + r.pattern() + " × " + r.check() + ": " + r.message()));
        out.println(ResultTable.summary(report));
    }
}
