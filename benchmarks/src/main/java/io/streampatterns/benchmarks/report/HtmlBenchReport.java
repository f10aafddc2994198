package io.streampatterns.benchmarks.report;

import io.streampatterns.benchmarks.Targets;
import io.streampatterns.benchmarks.e2e.LatencyResult;
import io.streampatterns.benchmarks.e2e.ThroughputResult;
import io.streampatterns.harness.report.HtmlPage;
import io.streampatterns.harness.report.SvgChart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: the report with charts, self-contained: JMH rows/s as bars, throughput
 * against maxOffsetsPerTrigger with the relay and the 25% target as lines, and a latency CDF per
 * input rate (and a zoom on the low-latency variants when the micro-batch's tail would squash them).
 */
public final class HtmlBenchReport {
    private static final String BASELINE_DASH = "6 3";

    private HtmlBenchReport() {
    }

    public static String render(BenchReport report) {
        HtmlPage page = new HtmlPage("streampatterns benchmarks", "Benchmark report")
                .markdownParagraph(BenchTables.headline(report)).list(BenchTables.facts(report));
        if (report.underLoad() || report.settings().quick()) {
            page.warning((report.settings().quick() ? "Quick run: smoke-sized, figures not to be quoted. " : "")
                    + (report.underLoad() ? "Taken under load: other work shared the cores." : ""));
        }
        page.heading(2, "Targets").table(BenchTables.targets(report));

        page.heading(2, "1. Transforms (JMH, rows/s)");
        if (report.jmh().isEmpty()) {
            page.paragraph("Not run.");
        } else {
            page.table(BenchTables.jmh(report)).markdownParagraph("JMH's own JSON: `jmh.json`.");
        }

        page.heading(2, "2. End-to-end throughput (records/s)");
        if (report.throughput().isEmpty()) {
            page.paragraph("Not run.");
        } else {
            page.table(BenchTables.throughput(report)).paragraph(BenchTables.CPU_SECOND).charts(List.of(throughputChart(report)));
        }

        if (!BenchTables.steppedBronze(report).isEmpty()) {
            page.heading(3, "The steps of a bronze batch").paragraph(BenchTables.BATCH_STEPS).table(BenchTables.batchSteps(report));
        }
        if (!report.layouts().isEmpty()) {
            page.heading(3, "Bronze layouts").paragraph(BenchTables.LAYOUTS).table(BenchTables.layouts(report));
        }

        page.heading(2, "3. End-to-end latency (ms)");
        if (report.latency().isEmpty()) {
            page.paragraph("Not run.");
        }
        for (int rate : BenchTables.rates(report)) {
            page.heading(3, String.format(Locale.ROOT, "%,d events/s", rate)).table(BenchTables.latency(report, rate))
                    .charts(cdfCharts(rate, report.latency().stream().filter(l -> l.rate() == rate).toList()));
        }

        page.heading(2, "4. Memory and CPU per run").paragraph(BenchTables.MEMORY).table(BenchTables.usage(report));

        page.heading(2, "Where the time goes");
        List<Findings.Section> findings = Findings.of(report);
        if (findings.isEmpty()) {
            page.paragraph("No target was measured in this run.");
        }
        findings.forEach(section -> page.heading(3, section.title()).list(section.lines()));
        page.heading(2, "How it was measured").list(Findings.method(report));
        if (!report.errors().isEmpty()) {
            page.heading(2, "Errors").list(report.errors());
        }
        return page.render();
    }

    /**
     * Records/s against the batch cap: bronze and enrichment (at-least-once and exactly-once) as
     * measured, the relay and the 25% target as flat lines.
     */
    static SvgChart throughputChart(BenchReport report) {
        SvgChart chart = new SvgChart("Throughput against maxOffsetsPerTrigger", "maxOffsetsPerTrigger", "records/s");
        List<ThroughputResult> capped = report.throughput().stream().filter(t -> !t.isRelay()).toList();
        if (capped.isEmpty()) {
            return chart;
        }
        double low = capped.stream().mapToDouble(ThroughputResult::maxOffsetsPerTrigger).min().orElse(0);
        double high = capped.stream().mapToDouble(ThroughputResult::maxOffsetsPerTrigger).max().orElse(1);
        series(chart, "Kafka→Delta bronze", 0, capped.stream().filter(ThroughputResult::isBronze).toList());
        series(chart, "bronze, Delta's streaming sink and table defaults", 5,
                capped.stream().filter(ThroughputResult::isBronzeBaseline).toList());
        series(chart, "enrichment, at-least-once", 1,
                capped.stream().filter(t -> t.isEnrichment() && !t.isExactlyOnce()).toList());
        series(chart, "enrichment, exactly-once", 4, capped.stream().filter(ThroughputResult::isExactlyOnce).toList());
        report.throughput().stream().filter(ThroughputResult::isRelay).findFirst().ifPresent(relay -> {
            chart.line("relay (baseline)", flat(low, high, relay.steadyRecordsPerSecond()), SvgChart.PALETTE.get(2),
                    BASELINE_DASH, SvgChart.Axis.LEFT);
            chart.line("target for bronze: 25% of relay", flat(low, high,
                            relay.steadyRecordsPerSecond() * Targets.BRONZE_MIN_RELAY_SHARE),
                    SvgChart.PALETTE.get(3), "2 3", SvgChart.Axis.LEFT);
        });
        return chart;
    }

    /** One measured line; fixed colours, so that a run without bronze does not give enrichment the relay's. */
    private static void series(SvgChart chart, String name, int colour, List<ThroughputResult> runs) {
        chart.line(name, runs.stream().map(t -> new double[] {t.maxOffsetsPerTrigger(), t.steadyRecordsPerSecond()}).toList(),
                SvgChart.PALETTE.get(colour), null, SvgChart.Axis.LEFT);
    }

    /** A CDF of every variant, and a zoom on the fast ones when a slow one's tail would hide them. */
    static List<SvgChart> cdfCharts(int rate, List<LatencyResult> runs) {
        List<SvgChart> charts = new ArrayList<>();
        Map<String, String> colours = new HashMap<>();
        runs.forEach(r -> colours.put(r.variant(), SvgChart.PALETTE.get(colours.size() % SvgChart.PALETTE.size())));
        long all = runs.stream().mapToLong(r -> r.stats().p999()).max().orElse(0);
        charts.add(cdf(String.format(Locale.ROOT, "Latency CDF at %,d events/s (cut at the largest p99.9)", rate), runs, all, colours));
        List<LatencyResult> fast = runs.stream().filter(r -> r.variant().equals(LatencyResult.RELAY)
                || r.variant().equals(LatencyResult.RTM_DEFAULT)).toList();
        long fastLimit = fast.stream().mapToLong(r -> r.stats().p99()).max().orElse(0) * 3 / 2;
        if (fastLimit > 0 && fastLimit * 3 < all) {
            charts.add(cdf(String.format(Locale.ROOT, "Zoom: relay and Real-Time Mode (60 s) at %,d events/s, to 1.5 × p99",
                    rate), fast, fastLimit, colours));
        }
        return charts;
    }

    /** Each variant in the same colour in every chart, so the zoom reads like the full CDF. */
    private static SvgChart cdf(String title, List<LatencyResult> runs, long limit, Map<String, String> colours) {
        SvgChart chart = new SvgChart(title, "latency (ms)", "share of records").xMax(limit);
        for (LatencyResult r : runs) {
            chart.line(r.variant(), r.stats().cdf().stream().filter(p -> p[0] <= limit).toList(), colours.get(r.variant()), null,
                    SvgChart.Axis.LEFT);
        }
        return chart;
    }

    private static List<double[]> flat(double from, double to, double y) {
        return List.of(new double[] {from, y}, new double[] {to, y});
    }
}
