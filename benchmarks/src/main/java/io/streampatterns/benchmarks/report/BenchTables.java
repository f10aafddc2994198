package io.streampatterns.benchmarks.report;

import io.streampatterns.benchmarks.Targets;
import io.streampatterns.benchmarks.e2e.BatchSteps;
import io.streampatterns.benchmarks.e2e.LatencyResult;
import io.streampatterns.benchmarks.e2e.LatencyStats;
import io.streampatterns.benchmarks.e2e.LayoutResult;
import io.streampatterns.benchmarks.e2e.ThroughputResult;
import io.streampatterns.benchmarks.jmh.JmhRun;
import io.streampatterns.harness.report.Table;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What the Markdown and HTML reports both show: the opening lines and every table. */
final class BenchTables {
    static final String CPU_SECOND = "Records per CPU-second: the rate divided by the CPU the pipeline's own process used"
            + " meanwhile (the driver after its first batch, the relay's JVM): a cost per record, which other work on the"
            + " machine disturbs less than the rate.";
    static final String MEMORY = "Peak resident set and CPU used (cores: CPU seconds per second of the run) of the driver"
            + " (or the relay's JVM) and of each broker.";

    private BenchTables() {
    }

    /** The first line: when, how long, and whether the figures may be quoted (Markdown's inline marks). */
    static String headline(BenchReport report) {
        return String.format(Locale.ROOT, "Run started %s, took %d min %02d s%s.",
                report.startedAt().truncatedTo(ChronoUnit.SECONDS), report.took().toMinutes(), report.took().toSecondsPart(),
                report.settings().quick() ? " — **quick run (BENCH_QUICK=1): smoke-sized, figures not to be quoted**" : "");
    }

    /** Where, on what, under what load (Markdown's inline marks). */
    static List<String> facts(BenchReport report) {
        List<String> lines = new ArrayList<>();
        lines.add("Machine: " + report.machine().describe());
        lines.add("Load average: " + Format.load(report.loadAtStart()) + " at the start, " + Format.load(report.loadAtEnd())
                + " at the end" + (report.underLoad()
                ? ". **Taken under load: other work shared the cores, so the figures are noisy.**" : "."));
        lines.add("Kafka: " + report.kafka());
        lines.add("Benchmark JVM flags: `" + report.jvmFlags() + "`");
        if (!report.settings().sparkConf().isEmpty()) {
            lines.add("Spark settings changed for this run (BENCH_SPARK_CONF): `" + report.settings().sparkConf() + "`");
        }
        return lines;
    }

    static Table targets(BenchReport report) {
        Table table = new Table().column("target").column("measured").column("status");
        report.targets().forEach(t -> table.row(t.requirement(), t.measured(),
                Table.Cell.of(Format.status(t.status())).status(t.status().name()).bold()));
        return table;
    }

    /** JMH's scores, with a bar against the fastest. */
    static Table jmh(BenchReport report) {
        double max = Findings.maxScore(report.jmh());
        Table table = new Table().column("transform").number("rows/s").number("error (99.9%)").number("samples").column("");
        for (JmhRun.Score s : report.jmh()) {
            table.row(s.benchmark(), Format.rate(s.rowsPerSecond()), Format.error(s.error()), s.samples(),
                    Table.Cell.bar(s.rowsPerSecond() / max));
        }
        return table;
    }

    static Table throughput(BenchReport report) {
        Table table = new Table().column("pipeline").number("maxOffsetsPerTrigger").number("records/s").number("vs relay")
                .number("overall records/s").number("batches (counted)").number("mean batch").number("records per CPU-second")
                .number("records read / written").number("driver peak RSS").number("broker peak RSS").column("note");
        for (ThroughputResult t : report.throughput()) {
            table.row(t.pipeline(),
                    t.maxOffsetsPerTrigger() == null ? "–" : String.format(Locale.ROOT, "%,d", t.maxOffsetsPerTrigger()),
                    Format.rate(t.steadyRecordsPerSecond()),
                    t.isRelay() ? "baseline" : Format.ratio(Targets.ratioToRelay(t, report.throughput())),
                    Format.rate(t.overallRecordsPerSecond()),
                    t.isRelay() ? "–" : t.batches() + " (" + t.countedBatches() + ")",
                    t.isRelay() ? "–" : String.format(Locale.ROOT, "%.0f ms", t.meanBatchMs()),
                    Double.isNaN(t.recordsPerCpuSecond()) ? "–" : Format.rate(t.recordsPerCpuSecond()),
                    String.format(Locale.ROOT, "%,d / %,d", t.records(), t.written()),
                    Format.mib(t.peakRssMiB(), t.isRelay() ? "relay" : "driver"), Format.mib(t.peakRssMiB(), "broker"),
                    t.note());
        }
        return table;
    }

    /** What the bronze layouts section says before its table. */
    static final String LAYOUTS = "Every layout drains the same backlog at the same maxOffsetsPerTrigger into a table of its"
            + " own; the silver query (high-priority events and their total amount per event type) runs three times over"
            + " the whole table, the median counts, and its answer must be the same for every layout.";

    /** The bronze layouts side by side: what each costs to write, to keep, and to read. */
    static Table layouts(BenchReport report) {
        Table table = new Table().column("layout").number("records/s").number("vs relay").number("CPU µs/record")
                .number("table MiB").number("bytes/row").number("files").number("silver query").number("silver µs/row")
                .column("silver answer");
        String first = report.layouts().isEmpty() ? null : report.layouts().get(0).silverAnswer();
        for (LayoutResult l : report.layouts()) {
            table.row(l.layout().label(), Format.rate(l.run().steadyRecordsPerSecond()),
                    Format.ratio(Targets.ratioToRelay(l.run(), report.throughput())),
                    Double.isNaN(l.cpuMicrosPerRecord()) ? "–" : String.format(Locale.ROOT, "%.1f", l.cpuMicrosPerRecord()),
                    String.format(Locale.ROOT, "%.1f", l.tableBytes() / 1048576.0),
                    String.format(Locale.ROOT, "%.0f", l.bytesPerRow()), l.tableFiles(),
                    String.format(Locale.ROOT, "%,d ms", l.silverMillis()),
                    String.format(Locale.ROOT, "%.2f", l.silverMicrosPerRow()),
                    l.silverAnswer().equals(first) ? "same as the first" : "DIFFERS: " + l.silverAnswer());
        }
        return table;
    }

    /** What the steps section says before its table. */
    static final String BATCH_STEPS = "Mean milliseconds per batch of each step, bronze as it is (idempotent batches whose"
            + " last batch id is read from Delta's checksum; checkpoint every 100 commits) beside the same pipeline with"
            + " Delta's streaming sink and Delta's table defaults (the state rebuilt every batch; checkpoint every 10),"
            + " at each cap, in the same run. The first two batches of each run are left out.";

    /** The bronze runs that were taken apart step by step, baseline and bronze at each cap. */
    static List<ThroughputResult> steppedBronze(BenchReport report) {
        return report.throughput().stream().filter(t -> t.steps() != null && (t.isBronze() || t.isBronzeBaseline()))
                .sorted(java.util.Comparator.comparing(ThroughputResult::maxOffsetsPerTrigger)
                        .thenComparing(t -> t.isBronze()))
                .toList();
    }

    /** Each step of a bronze batch, baseline beside bronze at each cap. */
    static Table batchSteps(BenchReport report) {
        List<ThroughputResult> runs = steppedBronze(report);
        Table table = new Table().column("step");
        runs.forEach(t -> table.number(String.format(Locale.ROOT, "%s %,d", t.isBronze() ? "bronze" : "baseline",
                t.maxOffsetsPerTrigger())));
        for (String step : BatchSteps.STEPS) {
            List<Object> row = new ArrayList<>(List.of(step));
            runs.forEach(t -> row.add(String.format(Locale.ROOT, "%,.0f", t.steps().meanMs().get(step))));
            table.row(row.toArray());
        }
        List<Object> total = new ArrayList<>(List.of("a batch in all"));
        runs.forEach(t -> total.add(String.format(Locale.ROOT, "%,.0f", t.steps().totalMs())));
        table.row(total.toArray());
        List<Object> counted = new ArrayList<>(List.of("batches averaged"));
        runs.forEach(t -> counted.add(t.steps().batches()));
        table.row(counted.toArray());
        return table;
    }

    /** The latency runs at one input rate. */
    static Table latency(BenchReport report, int rate) {
        Table table = new Table().column("variant");
        LatencyStats.PERCENTILES.forEach(table::number);
        table.number("p99 vs relay").number("records").number("missing").number("send→append p50/p99")
                .number("append→output p50/p99").number("generator behind").number("peak RSS driver / brokers");
        Optional<LatencyResult> relay = Targets.find(report.latency(), LatencyResult.RELAY, rate);
        for (LatencyResult r : report.latency().stream().filter(l -> l.rate() == rate).toList()) {
            LatencyStats s = r.stats();
            List<Object> row = new ArrayList<>(List.of(r.label()));
            LatencyStats.PERCENTILES.forEach(p -> row.add(s.at(p)));
            boolean isRelay = r.variant().equals(LatencyResult.RELAY);
            row.add(isRelay ? "baseline" : relay.map(b -> String.format(Locale.ROOT, "%.1f×",
                    s.p99() / (double) Math.max(1, b.stats().p99()))).orElse("–"));
            row.add(String.format(Locale.ROOT, "%,d", s.samples()));
            row.add(r.missing());
            row.add(r.breakdown() == null ? "–" : r.breakdown().produceP50() + " / " + r.breakdown().produceP99());
            row.add(r.breakdown() == null ? "–" : r.breakdown().pipelineP50() + " / " + r.breakdown().pipelineP99());
            row.add(r.generatorMaxBehindMs() + " ms");
            row.add(Format.mib(r.peakRssMiB(), isRelay ? "relay" : "driver") + " / " + Format.mib(r.peakRssMiB(), "broker"));
            table.row(row.toArray());
        }
        return table;
    }

    /** Memory and CPU of every run, throughput runs then latency runs. */
    static Table usage(BenchReport report) {
        Table table = new Table().column("run").number("driver peak RSS").number("brokers peak RSS")
                .number("driver CPU (cores)").number("brokers CPU (cores)").column("load average at the end");
        for (ThroughputResult t : report.throughput()) {
            usageRow(table, "throughput: " + t.id(), t.isRelay() ? "relay" : "driver", t.peakRssMiB(), t.cpuCores(),
                    t.loadAverage());
        }
        for (LatencyResult r : report.latency()) {
            usageRow(table, String.format(Locale.ROOT, "latency: %s @ %,d/s", r.variant(), r.rate()),
                    r.variant().equals(LatencyResult.RELAY) ? "relay" : "driver", r.peakRssMiB(), r.cpuCores(), r.loadAverage());
        }
        return table;
    }

    private static void usageRow(Table table, String run, String driver, Map<String, Double> rss, Map<String, Double> cpu,
                                 String load) {
        table.row(run, Format.mib(rss, driver), Format.mib(rss, "broker"), Format.cores(cpu, driver),
                Format.cores(cpu, "broker"), Format.load(load));
    }

    /** The input rates of the latency runs, in the order they ran. */
    static List<Integer> rates(BenchReport report) {
        return report.latency().stream().map(LatencyResult::rate).distinct().toList();
    }
}
