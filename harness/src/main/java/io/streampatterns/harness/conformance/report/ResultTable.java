package io.streampatterns.harness.conformance.report;

import io.streampatterns.harness.conformance.CheckResult;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceReport;
import java.util.ArrayList;
import java.util.List;

/** The pattern × check table, as rows of cells: what the console and Markdown reports print. */
final class ResultTable {

    private ResultTable() {
    }

    static List<String> header(ConformanceReport report) {
        List<String> header = new ArrayList<>(List.of("pattern"));
        report.checks().stream().map(ConformanceCheck::name).forEach(header::add);
        return header;
    }

    static List<List<String>> rows(ConformanceReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (String pattern : report.patterns()) {
            List<String> row = new ArrayList<>(List.of(pattern));
            for (ConformanceCheck check : report.checks()) {
                row.add(report.result(pattern, check.name()).map(ResultTable::cell).orElse(""));
            }
            rows.add(row);
        }
        return rows;
    }

    static String cell(CheckResult result) {
        return result.keyFigure().isEmpty() ? result.status().label()
                : result.status().label() + " " + result.keyFigure();
    }

    static String summary(ConformanceReport report) {
        return String.format("%d passed, %d failed, %d not applicable in %d s (Kafka: %s)",
                report.count(io.streampatterns.harness.conformance.CheckStatus.PASS),
                report.count(io.streampatterns.harness.conformance.CheckStatus.FAIL),
                report.count(io.streampatterns.harness.conformance.CheckStatus.NOT_APPLICABLE),
                report.took().toSeconds(), report.kafka());
    }
}
