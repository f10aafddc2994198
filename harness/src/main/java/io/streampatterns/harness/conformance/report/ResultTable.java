package io.streampatterns.harness.conformance.report;

import io.streampatterns.harness.conformance.CheckResult;
import io.streampatterns.harness.conformance.CheckStatus;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceReport;
import io.streampatterns.harness.report.Table;

/** The pattern × check table every format shows, and the summary line. */
final class ResultTable {

    private ResultTable() {
    }

    /** A row per pattern, a column per check (its description on hover), each cell coloured by status with its message on hover. */
    static Table of(ConformanceReport report) {
        Table table = new Table().column("pattern");
        report.checks().forEach(check -> table.column(check.name(), check.description()));
        for (String pattern : report.patterns()) {
            Object[] row = new Object[report.checks().size() + 1];
            row[0] = pattern;
            for (int i = 0; i < report.checks().size(); i++) {
                ConformanceCheck check = report.checks().get(i);
                row[i + 1] = report.result(pattern, check.name())
                        .map(r -> Table.Cell.of(cell(r)).status(r.status().name()).title(r.message())).orElse(null);
            }
            table.row(row);
        }
        return table;
    }

    static String cell(CheckResult result) {
        return result.keyFigure().isEmpty() ? result.status().label()
                : result.status().label() + " " + result.keyFigure();
    }

    static String summary(ConformanceReport report) {
        return String.format(java.util.Locale.ROOT, "%d passed, %d failed, %d not applicable in %d s (Kafka: %s)",
                report.count(CheckStatus.PASS), report.count(CheckStatus.FAIL), report.count(CheckStatus.NOT_APPLICABLE),
                report.took().toSeconds(), report.kafka());
    }
}
