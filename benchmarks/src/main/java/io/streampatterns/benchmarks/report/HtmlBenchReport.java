package io.streampatterns.benchmarks.report;

import static io.streampatterns.benchmarks.report.MarkdownBenchReport.header;

import io.streampatterns.benchmarks.Targets;
import io.streampatterns.benchmarks.e2e.LatencyResult;
import io.streampatterns.benchmarks.e2e.LatencyStats;
import io.streampatterns.benchmarks.e2e.ThroughputResult;
import io.streampatterns.benchmarks.jmh.JmhRun;
import io.streampatterns.harness.conformance.report.SvgLineChart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code report.html}: the report with charts, self-contained (inline SVG and CSS): JMH rows/s as
 * bars, throughput against maxOffsetsPerTrigger with the relay and the 25% target as lines, and a
 * latency CDF per input rate (and a zoom on the low-latency variants when the micro-batch's tail
 * would squash them).
 */
public final class HtmlBenchReport {

    private HtmlBenchReport() {
    }

    public static String render(BenchReport report) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>streampatterns benchmarks</title>
                <style>
                body{font-family:sans-serif;margin:2em;color:#222;max-width:1300px} table{border-collapse:collapse;margin:.5em 0}
                td,th{border:1px solid #ccc;padding:5px 9px;text-align:left;font-size:13px} td.n{text-align:right}
                td.MET{background:#dff5e1} td.MISSED{background:#fbdada} td.NOT_MEASURED{background:#f1f1f1;color:#777}
                .bar{background:#1f77b4;height:12px} .warn{background:#fff3cd;padding:.5em;border:1px solid #e0c060}
                .charts svg{margin:1em 1em 0 0;border:1px solid #eee} li{margin:.3em 0} code{background:#f4f4f4}
                </style></head><body>
                <h1>Benchmark report</h1>
                """);
        html.append("<div>");
        for (String line : header(report)) {
            html.append(line.isEmpty() ? "" : "<div>" + inline(line) + "</div>");
        }
        html.append("</div>\n");
        if (report.underLoad() || report.settings().quick()) {
            html.append("<p class=\"warn\">").append(report.settings().quick()
                    ? "Quick run: smoke-sized, figures not to be quoted. " : "")
                    .append(report.underLoad() ? "Taken under load: other work shared the cores." : "").append("</p>\n");
        }

        html.append("<h2>Targets</h2>\n<table><tr><th>target</th><th>measured</th><th>status</th></tr>\n");
        for (Targets.Target t : report.targets()) {
            html.append("<tr><td>").append(esc(t.requirement())).append("</td><td>").append(esc(t.measured()))
                    .append("</td><td class=\"").append(t.status().name()).append("\"><b>").append(Format.status(t.status()))
                    .append("</b></td></tr>\n");
        }
        html.append("</table>\n");

        html.append("<h2>1. Transforms (JMH, rows/s)</h2>\n");
        if (report.jmh().isEmpty()) {
            html.append("<p>Not run.</p>\n");
        } else {
            double max = Findings.maxScore(report.jmh());
            html.append("<table><tr><th>transform</th><th>rows/s</th><th>error (99.9%)</th><th style=\"width:320px\"></th></tr>\n");
            for (JmhRun.Score s : report.jmh()) {
                html.append("<tr><td>").append(esc(s.benchmark())).append("</td><td class=\"n\">").append(Format.rate(s.rowsPerSecond()))
                        .append("</td><td class=\"n\">").append(esc(Format.error(s.error()))).append("</td><td><div class=\"bar\" style=\"width:")
                        .append(String.format(Locale.ROOT, "%.0f", 300 * s.rowsPerSecond() / max)).append("px\"></div></td></tr>\n");
            }
            html.append("</table><p>JMH's own JSON: <code>jmh.json</code>.</p>\n");
        }

        html.append("<h2>2. End-to-end throughput</h2>\n");
        if (report.throughput().isEmpty()) {
            html.append("<p>Not run.</p>\n");
        } else {
            html.append("<table><tr><th>pipeline</th><th>maxOffsetsPerTrigger</th><th>records/s</th><th>vs relay</th>"
                    + "<th>overall records/s</th><th>batches (counted)</th><th>mean batch</th><th>records per CPU-second</th>"
                    + "<th>driver peak RSS</th>"
                    + "<th>broker peak RSS</th><th>note</th></tr>\n");
            for (ThroughputResult t : report.throughput()) {
                html.append("<tr><td>").append(esc(t.pipeline())).append("</td><td class=\"n\">")
                        .append(t.maxOffsetsPerTrigger() == null ? "–" : String.format(Locale.ROOT, "%,d", t.maxOffsetsPerTrigger()))
                        .append("</td><td class=\"n\">").append(Format.rate(t.steadyRecordsPerSecond()))
                        .append("</td><td class=\"n\">").append(t.isRelay() ? "baseline" : Format.ratio(Targets.ratioToRelay(t, report.throughput())))
                        .append("</td><td class=\"n\">").append(Format.rate(t.overallRecordsPerSecond()))
                        .append("</td><td class=\"n\">").append(t.isRelay() ? "–" : t.batches() + " (" + t.countedBatches() + ")")
                        .append("</td><td class=\"n\">").append(t.isRelay() ? "–" : String.format(Locale.ROOT, "%.0f ms", t.meanBatchMs()))
                        .append("</td><td class=\"n\">").append(Double.isNaN(t.recordsPerCpuSecond()) ? "–" : Format.rate(t.recordsPerCpuSecond()))
                        .append("</td><td class=\"n\">").append(Format.mib(t.peakRssMiB(), t.isRelay() ? "relay" : "driver"))
                        .append("</td><td class=\"n\">").append(Format.mib(t.peakRssMiB(), "broker"))
                        .append("</td><td>").append(esc(t.note())).append("</td></tr>\n");
            }
            html.append("</table>\n<div class=\"charts\">").append(throughputChart(report)).append("</div>\n");
        }

        html.append("<h2>3. End-to-end latency (ms)</h2>\n");
        if (report.latency().isEmpty()) {
            html.append("<p>Not run.</p>\n");
        }
        for (int rate : report.latency().stream().map(LatencyResult::rate).distinct().toList()) {
            List<LatencyResult> runs = report.latency().stream().filter(l -> l.rate() == rate).toList();
            html.append(String.format(Locale.ROOT, "<h3>%,d events/s</h3>\n", rate));
            html.append("<table><tr><th>variant</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th>"
                    + "<th>p99 vs relay</th><th>records</th><th>missing</th><th>send→append p50/p99</th>"
                    + "<th>append→output p50/p99</th><th>peak RSS driver / brokers</th></tr>\n");
            Optional<LatencyResult> relay = Targets.find(report.latency(), LatencyResult.RELAY, rate);
            for (LatencyResult r : runs) {
                LatencyStats s = r.stats();
                html.append("<tr><td>").append(esc(r.label())).append("</td>");
                for (String p : LatencyStats.PERCENTILES) {
                    html.append("<td class=\"n\">").append(s.at(p)).append("</td>");
                }
                html.append("<td class=\"n\">").append(r.variant().equals(LatencyResult.RELAY) ? "baseline" : relay
                                .map(b -> String.format(Locale.ROOT, "%.1f×", s.p99() / (double) Math.max(1, b.stats().p99())))
                                .orElse("–"))
                        .append("</td><td class=\"n\">").append(String.format(Locale.ROOT, "%,d", s.samples()))
                        .append("</td><td class=\"n\">").append(r.missing())
                        .append("</td><td class=\"n\">").append(r.breakdown() == null ? "–" : r.breakdown().produceP50() + " / " + r.breakdown().produceP99())
                        .append("</td><td class=\"n\">").append(r.breakdown() == null ? "–" : r.breakdown().pipelineP50() + " / " + r.breakdown().pipelineP99())
                        .append("</td><td class=\"n\">").append(Format.mib(r.peakRssMiB(), r.variant().equals(LatencyResult.RELAY) ? "relay" : "driver"))
                        .append(" / ").append(Format.mib(r.peakRssMiB(), "broker")).append("</td></tr>\n");
            }
            html.append("</table>\n<div class=\"charts\">");
            cdfCharts(rate, runs).forEach(chart -> html.append(chart.render()));
            html.append("</div>\n");
        }

        html.append("<h2>4. Memory and CPU per run</h2>\n<table><tr><th>run</th><th>driver peak RSS</th>"
                + "<th>brokers peak RSS</th><th>driver CPU (cores)</th><th>brokers CPU (cores)</th><th>load average at the end</th></tr>\n");
        for (MarkdownBenchReport.Usage u : MarkdownBenchReport.usages(report)) {
            html.append("<tr><td>").append(esc(u.run())).append("</td><td class=\"n\">").append(Format.mib(u.rss(), u.driver()))
                    .append("</td><td class=\"n\">").append(Format.mib(u.rss(), "broker"))
                    .append("</td><td class=\"n\">").append(Format.cores(u.cpu(), u.driver()))
                    .append("</td><td class=\"n\">").append(Format.cores(u.cpu(), "broker"))
                    .append("</td><td>").append(esc(Format.load(u.load()))).append("</td></tr>\n");
        }
        html.append("</table>\n");

        html.append("<h2>Where the time goes</h2>\n");
        for (Findings.Section section : Findings.of(report)) {
            html.append("<h3>").append(esc(section.title())).append("</h3>\n<ul>\n");
            section.lines().forEach(line -> html.append("<li>").append(esc(line)).append("</li>\n"));
            html.append("</ul>\n");
        }
        html.append("<h2>How it was measured</h2>\n<ul>\n");
        Findings.method(report).forEach(line -> html.append("<li>").append(esc(line)).append("</li>\n"));
        html.append("</ul>\n");
        if (!report.errors().isEmpty()) {
            html.append("<h2>Errors</h2>\n<ul>\n");
            report.errors().forEach(e -> html.append("<li>").append(esc(e)).append("</li>\n"));
            html.append("</ul>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    /** Records/s against the batch cap: bronze as measured, the relay and the 25% target as flat lines. */
    static String throughputChart(BenchReport report) {
        List<ThroughputResult> bronze = report.throughput().stream().filter(ThroughputResult::isBronze).toList();
        if (bronze.isEmpty()) {
            return "";
        }
        double low = bronze.stream().mapToDouble(ThroughputResult::maxOffsetsPerTrigger).min().orElse(0);
        double high = bronze.stream().mapToDouble(ThroughputResult::maxOffsetsPerTrigger).max().orElse(1);
        SvgLineChart chart = new SvgLineChart("Throughput against maxOffsetsPerTrigger", "maxOffsetsPerTrigger",
                "records/s");
        chart.series("Kafka→Delta bronze", bronze.stream()
                .map(t -> new double[] {t.maxOffsetsPerTrigger(), t.steadyRecordsPerSecond()}).toList());
        report.throughput().stream().filter(t -> t.id().equals("enrichment")).findFirst().ifPresent(t -> chart.series(
                String.format(Locale.ROOT, "enrichment (at %,d)", t.maxOffsetsPerTrigger()),
                flat(low, high, t.steadyRecordsPerSecond())));
        report.throughput().stream().filter(ThroughputResult::isRelay).findFirst().ifPresent(relay -> {
            chart.series("relay (baseline)", flat(low, high, relay.steadyRecordsPerSecond()));
            chart.series("target: 25% of relay", flat(low, high, relay.steadyRecordsPerSecond() * Targets.BRONZE_MIN_RELAY_SHARE));
        });
        return chart.render();
    }

    /** A CDF of every variant, and a zoom on the fast ones when a slow one's tail would hide them. */
    static List<SvgLineChart> cdfCharts(int rate, List<LatencyResult> runs) {
        List<SvgLineChart> charts = new ArrayList<>();
        long all = runs.stream().mapToLong(r -> r.stats().p999()).max().orElse(0);
        charts.add(cdf(String.format(Locale.ROOT, "Latency CDF at %,d events/s (cut at the largest p99.9)", rate), runs, all));
        List<LatencyResult> fast = runs.stream().filter(r -> r.variant().equals(LatencyResult.RELAY)
                || r.variant().equals(LatencyResult.RTM_DEFAULT)).toList();
        long fastLimit = fast.stream().mapToLong(r -> r.stats().p99()).max().orElse(0) * 3 / 2;
        if (fastLimit > 0 && fastLimit * 3 < all) {
            charts.add(cdf(String.format(Locale.ROOT, "Zoom: relay and Real-Time Mode (60 s) at %,d events/s, to 1.5 × p99",
                    rate), fast, fastLimit));
        }
        return charts;
    }

    private static SvgLineChart cdf(String title, List<LatencyResult> runs, long limit) {
        SvgLineChart chart = new SvgLineChart(title, "latency (ms)", "share of records");
        for (LatencyResult r : runs) {
            chart.series(r.variant(), r.stats().cdf().stream().filter(p -> p[0] <= limit).toList());
        }
        return chart;
    }

    private static List<double[]> flat(double from, double to, double y) {
        return List.of(new double[] {from, y}, new double[] {to, y});
    }

    private static String esc(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A header line's markdown (bold, code, leading "- ") as HTML. */
    private static String inline(String line) {
        String text = esc(line.startsWith("- ") ? line.substring(2) : line);
        return text.replaceAll("\\*\\*(.+?)\\*\\*", "<b>$1</b>").replaceAll("`(.+?)`", "<code>$1</code>");
    }
}
