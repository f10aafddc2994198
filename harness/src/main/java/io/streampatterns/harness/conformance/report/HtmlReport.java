package io.streampatterns.harness.conformance.report;

import io.streampatterns.harness.conformance.CheckResult;
import io.streampatterns.harness.conformance.CheckStatus;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceReport;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code report.html}: the table with coloured cells (hover for the message), a chart of lag falling
 * during lag recovery, a latency CDF from the SLA check, and every message in full.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static String render(ConformanceReport report) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>streampatterns conformance</title>
                <style>
                body{font-family:sans-serif;margin:2em;color:#222} table{border-collapse:collapse}
                td,th{border:1px solid #ccc;padding:6px 10px;text-align:left;font-size:14px}
                td.PASS{background:#dff5e1} td.FAIL{background:#fbdada} td.NOT_APPLICABLE{background:#f1f1f1;color:#777}
                .charts svg{margin:1em 1em 0 0;border:1px solid #eee} li{margin:.3em 0}
                </style></head><body>
                <h1>Conformance report</h1>
                """);
        html.append("<p>").append(SvgLineChart.escape(ResultTable.summary(report))).append("</p>\n<table><tr><th>pattern</th>");
        for (ConformanceCheck check : report.checks()) {
            html.append("<th title=\"").append(SvgLineChart.escape(check.description())).append("\">")
                    .append(check.name()).append("</th>");
        }
        html.append("</tr>\n");
        for (String pattern : report.patterns()) {
            html.append("<tr><th>").append(SvgLineChart.escape(pattern)).append("</th>");
            for (ConformanceCheck check : report.checks()) {
                report.result(pattern, check.name()).ifPresentOrElse(r -> html.append("<td class=\"")
                        .append(r.status().name()).append("\" title=\"").append(SvgLineChart.escape(r.message())).append("\">")
                        .append(SvgLineChart.escape(ResultTable.cell(r))).append("</td>"), () -> html.append("<td></td>"));
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n<div class=\"charts\">\n");
        SvgLineChart lag = lagChart(report);
        SvgLineChart latency = latencyChart(report);
        if (!lag.isEmpty()) {
            html.append(lag.render());
        }
        if (!latency.isEmpty()) {
            html.append(latency.render());
        }
        html.append("</div>\n<h2>Results</h2>\n<ul>\n");
        for (CheckResult r : report.results()) {
            html.append("<li><b>").append(r.status().label()).append("</b> ").append(SvgLineChart.escape(r.pattern()))
                    .append(" × ").append(r.check()).append(": ").append(SvgLineChart.escape(r.message())).append("</li>\n");
        }
        return html.append("</ul>\n</body></html>\n").toString();
    }

    /** Lag (records behind) at the end of each batch, over time, while a backlog drains. */
    private static SvgLineChart lagChart(ConformanceReport report) {
        SvgLineChart chart = new SvgLineChart("Lag recovery: records behind while a backlog drains", "seconds", "lag (records)");
        for (CheckResult r : resultsOf(report, "lag")) {
            if (r.figures().get("lag_after_batch") instanceof List<?> lags && r.figures().get("backlog") instanceof Number backlog
                    && r.figures().get("seconds_at_batch_end") instanceof List<?> seconds) {
                List<double[]> points = new ArrayList<>();
                points.add(new double[] {0, backlog.doubleValue()});
                for (int i = 0; i < lags.size(); i++) {
                    points.add(new double[] {((Number) seconds.get(i)).doubleValue(), ((Number) lags.get(i)).doubleValue()});
                }
                chart.series(r.pattern(), points);
            }
        }
        return chart;
    }

    /** Share of records delivered within a latency: a CDF per pattern. */
    private static SvgLineChart latencyChart(ConformanceReport report) {
        SvgLineChart chart = new SvgLineChart("End-to-end latency under nominal load (CDF)", "latency (ms)", "share of records");
        for (CheckResult r : resultsOf(report, "sla")) {
            if (r.figures().get("latency_ms_sorted") instanceof List<?> sorted && !sorted.isEmpty()) {
                List<double[]> points = new ArrayList<>();
                for (int i = 0; i < sorted.size(); i++) {
                    points.add(new double[] {((Number) sorted.get(i)).doubleValue(), (i + 1) / (double) sorted.size()});
                }
                chart.series(r.pattern(), points);
            }
        }
        return chart;
    }

    private static List<CheckResult> resultsOf(ConformanceReport report, String check) {
        return report.results().stream().filter(r -> r.check().equals(check) && r.status() != CheckStatus.NOT_APPLICABLE).toList();
    }
}
