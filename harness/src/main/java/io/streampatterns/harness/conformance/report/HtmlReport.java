package io.streampatterns.harness.conformance.report;

import io.streampatterns.harness.conformance.CheckResult;
import io.streampatterns.harness.conformance.CheckStatus;
import io.streampatterns.harness.conformance.ConformanceReport;
import io.streampatterns.harness.conformance.checks.ReadingUnderFaultsCheck;
import io.streampatterns.harness.report.HtmlPage;
import io.streampatterns.harness.report.SvgChart;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code report.html}: the table with coloured cells (hover for the message), a chart of lag falling
 * during lag recovery, a latency CDF from the SLA check, a reader's timeline through the faults of
 * the reading-under-faults check (one per pattern), what each check proves, and every message in full.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static String render(ConformanceReport report) {
        return new HtmlPage("streampatterns conformance", "Conformance report")
                .paragraph(ResultTable.summary(report))
                .table(ResultTable.of(report))
                .charts(List.of(lagChart(report), latencyChart(report)))
                .charts(readerTimelines(report))
                .heading(2, "What each check proves")
                .list(report.checks().stream().map(c -> "**" + c.name() + "**: " + c.description()).toList())
                .heading(2, "Results")
                .list(report.results().stream().map(r -> "**" + r.status().label() + "** " + r.pattern() + " × "
                        + r.check() + ": " + r.message()).toList())
                .render();
    }

    /** Lag (records behind) at the end of each batch, over time, while a backlog drains. */
    private static SvgChart lagChart(ConformanceReport report) {
        SvgChart chart = new SvgChart("Lag recovery: records behind while a backlog drains", "seconds", "lag (records)");
        for (CheckResult r : resultsOf(report, "lag")) {
            if (r.figures().get("lag_after_batch") instanceof List<?> lags && r.figures().get("backlog") instanceof Number backlog
                    && r.figures().get("seconds_at_batch_end") instanceof List<?> seconds) {
                List<double[]> points = new ArrayList<>();
                points.add(new double[] {0, backlog.doubleValue()});
                for (int i = 0; i < lags.size(); i++) {
                    points.add(new double[] {((Number) seconds.get(i)).doubleValue(), ((Number) lags.get(i)).doubleValue()});
                }
                chart.line(r.pattern(), points);
            }
        }
        return chart;
    }

    /** Share of records delivered within a latency: a CDF per pattern. */
    private static SvgChart latencyChart(ConformanceReport report) {
        SvgChart chart = new SvgChart("End-to-end latency under nominal load (CDF)", "latency (ms)", "share of records");
        for (CheckResult r : resultsOf(report, "sla")) {
            if (r.figures().get("latency_ms_sorted") instanceof List<?> sorted && !sorted.isEmpty()) {
                List<double[]> points = new ArrayList<>();
                for (int i = 0; i < sorted.size(); i++) {
                    points.add(new double[] {((Number) sorted.get(i)).doubleValue(), (i + 1) / (double) sorted.size()});
                }
                chart.line(r.pattern(), points);
            }
        }
        return chart;
    }

    /** Records a downstream reader saw each second, the brokers' bounce shaded and the driver kill marked. */
    private static List<SvgChart> readerTimelines(ConformanceReport report) {
        SvgChart.MarkerKind driver = new SvgChart.MarkerKind("driver", "#d62728", "4 2");
        List<SvgChart> charts = new ArrayList<>();
        for (CheckResult r : resultsOf(report, "reading-under-faults")) {
            if (!(r.figures().get("seen_per_second") instanceof List<?> perSecond)) {
                continue;
            }
            List<double[]> points = new ArrayList<>();
            for (int second = 0; second < perSecond.size(); second++) {
                points.add(new double[] {second, ((Number) perSecond.get(second)).doubleValue()});
            }
            SvgChart chart = new SvgChart(r.pattern() + ": what a reader saw through the faults", "seconds",
                    "records seen per second").size(420, 160).line(r.status().label(), points);
            if (r.figures().get(ReadingUnderFaultsCheck.faultFigure("brokers stopped")) instanceof Number stopped
                    && r.figures().get(ReadingUnderFaultsCheck.faultFigure("brokers back")) instanceof Number back) {
                chart.span(stopped.doubleValue() / 1000, back.doubleValue() / 1000, "brokers down", "brokers stopped and restarted");
            }
            for (String fault : List.of("driver killed", "driver restarted")) {
                if (r.figures().get(ReadingUnderFaultsCheck.faultFigure(fault)) instanceof Number at) {
                    chart.marker(at.doubleValue() / 1000, fault, fault + " at " + at.doubleValue() / 1000 + " s", driver);
                }
            }
            charts.add(chart);
        }
        return charts;
    }

    private static List<CheckResult> resultsOf(ConformanceReport report, String check) {
        return report.results().stream().filter(r -> r.check().equals(check) && r.status() != CheckStatus.NOT_APPLICABLE).toList();
    }
}
