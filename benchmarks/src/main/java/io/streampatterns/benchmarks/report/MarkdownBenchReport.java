package io.streampatterns.benchmarks.report;

import io.streampatterns.benchmarks.Targets;
import io.streampatterns.benchmarks.e2e.LatencyResult;
import io.streampatterns.benchmarks.e2e.LatencyStats;
import io.streampatterns.benchmarks.e2e.ThroughputResult;
import io.streampatterns.benchmarks.jmh.JmhRun;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code report.md}: targets, the three tables, memory, where the time goes, and how it was measured. */
public final class MarkdownBenchReport {

    private MarkdownBenchReport() {
    }

    public static String render(BenchReport report) {
        StringBuilder md = new StringBuilder("# Benchmark report\n\n");
        header(report).forEach(line -> md.append(line).append('\n'));
        md.append('\n');

        md.append("## Targets\n\n| target | measured | status |\n|---|---|---|\n");
        for (Targets.Target t : report.targets()) {
            md.append("| ").append(escape(t.requirement())).append(" | ").append(escape(t.measured())).append(" | **")
                    .append(Format.status(t.status())).append("** |\n");
        }

        md.append("\n## 1. Transforms (JMH, rows/s)\n\n");
        if (report.jmh().isEmpty()) {
            md.append("Not run.\n");
        } else {
            md.append("| transform | rows/s | error (99.9%) | samples |\n|---|---:|---:|---:|\n");
            for (JmhRun.Score s : report.jmh()) {
                md.append("| ").append(s.benchmark()).append(" | ").append(Format.rate(s.rowsPerSecond())).append(" | ")
                        .append(Format.error(s.error())).append(" | ").append(s.samples()).append(" |\n");
            }
            md.append("\nJMH's own JSON: `jmh.json`.\n");
        }

        md.append("\n## 2. End-to-end throughput (records/s)\n\n");
        if (report.throughput().isEmpty()) {
            md.append("Not run.\n");
        } else {
            md.append("| pipeline | maxOffsetsPerTrigger | records/s | vs relay | overall records/s | batches (counted) "
                    + "| mean batch | records per CPU-second | records read / written | note |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            for (ThroughputResult t : report.throughput()) {
                md.append("| ").append(escape(t.pipeline())).append(" | ")
                        .append(t.maxOffsetsPerTrigger() == null ? "–" : String.format(Locale.ROOT, "%,d", t.maxOffsetsPerTrigger()))
                        .append(" | ").append(Format.rate(t.steadyRecordsPerSecond())).append(" | ")
                        .append(t.isRelay() ? "baseline" : Format.ratio(Targets.ratioToRelay(t, report.throughput())))
                        .append(" | ").append(Format.rate(t.overallRecordsPerSecond())).append(" | ")
                        .append(t.isRelay() ? "–" : t.batches() + " (" + t.countedBatches() + ")").append(" | ")
                        .append(t.isRelay() ? "–" : String.format(Locale.ROOT, "%.0f ms", t.meanBatchMs())).append(" | ")
                        .append(Double.isNaN(t.recordsPerCpuSecond()) ? "–" : Format.rate(t.recordsPerCpuSecond())).append(" | ")
                        .append(String.format(Locale.ROOT, "%,d / %,d", t.records(), t.written())).append(" | ")
                        .append(escape(t.note())).append(" |\n");
            }
            md.append("\nRecords per CPU-second: the rate divided by the CPU the pipeline's own process used meanwhile"
                    + " (the driver after its first batch, the relay's JVM): a cost per record, which other work on the"
                    + " machine disturbs less than the rate.\n");
        }

        md.append("\n## 3. End-to-end latency (ms)\n\n");
        if (report.latency().isEmpty()) {
            md.append("Not run.\n");
        }
        for (int rate : report.latency().stream().map(LatencyResult::rate).distinct().toList()) {
            md.append(String.format(Locale.ROOT, "### %,d events/s\n\n", rate));
            md.append("| variant | p50 | p90 | p99 | p99.9 | max | p99 vs relay | records | missing "
                    + "| send→append p50/p99 | append→output p50/p99 | generator behind |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            Optional<LatencyResult> relay = Targets.find(report.latency(), LatencyResult.RELAY, rate);
            for (LatencyResult r : report.latency().stream().filter(l -> l.rate() == rate).toList()) {
                LatencyStats s = r.stats();
                md.append("| ").append(escape(r.label())).append(" | ").append(s.p50()).append(" | ").append(s.p90())
                        .append(" | ").append(s.p99()).append(" | ").append(s.p999()).append(" | ").append(s.max())
                        .append(" | ").append(r.variant().equals(LatencyResult.RELAY) ? "baseline" : relay
                                .map(b -> String.format(Locale.ROOT, "%.1f×", s.p99() / (double) Math.max(1, b.stats().p99())))
                                .orElse("–"))
                        .append(" | ").append(String.format(Locale.ROOT, "%,d", s.samples())).append(" | ").append(r.missing())
                        .append(" | ").append(r.breakdown() == null ? "–" : r.breakdown().produceP50() + " / " + r.breakdown().produceP99())
                        .append(" | ").append(r.breakdown() == null ? "–" : r.breakdown().pipelineP50() + " / " + r.breakdown().pipelineP99())
                        .append(" | ").append(r.generatorMaxBehindMs()).append(" ms |\n");
            }
            md.append('\n');
        }

        md.append("## 4. Memory and CPU per run\n\n");
        md.append("Peak resident set and CPU used (cores: CPU seconds per second of the run) of the driver (or the"
                + " relay's JVM) and of each broker.\n\n");
        md.append("| run | driver peak RSS | brokers peak RSS | driver CPU (cores) | brokers CPU (cores) "
                + "| load average at the end |\n|---|---:|---:|---:|---:|---|\n");
        for (Usage u : usages(report)) {
            md.append("| ").append(u.run()).append(" | ").append(Format.mib(u.rss(), u.driver())).append(" | ")
                    .append(Format.mib(u.rss(), "broker")).append(" | ").append(Format.cores(u.cpu(), u.driver()))
                    .append(" | ").append(Format.cores(u.cpu(), "broker")).append(" | ").append(Format.load(u.load()))
                    .append(" |\n");
        }
        md.append("\n## Where the time goes\n\n");
        List<Findings.Section> findings = Findings.of(report);
        if (findings.isEmpty()) {
            md.append("No target was measured in this run.\n");
        }
        for (Findings.Section section : findings) {
            md.append("### ").append(section.title()).append("\n\n");
            section.lines().forEach(line -> md.append("- ").append(line).append('\n'));
            md.append('\n');
        }

        md.append("## How it was measured\n\n");
        Findings.method(report).forEach(line -> md.append("- ").append(line).append('\n'));
        if (!report.errors().isEmpty()) {
            md.append("\n## Errors\n\n");
            report.errors().forEach(e -> md.append("- ").append(escape(e)).append('\n'));
        }
        return md.toString();
    }

    /** The lines every report starts with: when, where, on what, under what load. */
    static List<String> header(BenchReport report) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Run started %s, took %d min %02d s%s.",
                report.startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                report.took().toMinutes(), report.took().toSecondsPart(), report.settings().quick()
                        ? " — **quick run (BENCH_QUICK=1): smoke-sized, figures not to be quoted**" : ""));
        lines.add("");
        lines.add("- Machine: " + report.machine().describe());
        lines.add("- Load average: " + Format.load(report.loadAtStart()) + " at the start, " + Format.load(report.loadAtEnd())
                + " at the end" + (report.underLoad()
                ? ". **Taken under load: other work shared the cores, so the figures are noisy.**" : "."));
        lines.add("- Kafka: " + report.kafka());
        lines.add("- Benchmark JVM flags: `" + report.jvmFlags() + "`");
        if (!report.settings().sparkConf().isEmpty()) {
            lines.add("- Spark settings changed for this run (BENCH_SPARK_CONF): `" + report.settings().sparkConf() + "`");
        }
        return lines;
    }

    /** One run's memory and CPU, throughput runs then latency runs. */
    record Usage(String run, String driver, Map<String, Double> rss, Map<String, Double> cpu, String load) {
    }

    static List<Usage> usages(BenchReport report) {
        List<Usage> usages = new java.util.ArrayList<>();
        for (ThroughputResult t : report.throughput()) {
            usages.add(new Usage("throughput: " + t.id(), t.isRelay() ? "relay" : "driver", t.peakRssMiB(), t.cpuCores(),
                    t.loadAverage()));
        }
        for (LatencyResult r : report.latency()) {
            usages.add(new Usage(String.format(Locale.ROOT, "latency: %s @ %,d/s", r.variant(), r.rate()),
                    r.variant().equals(LatencyResult.RELAY) ? "relay" : "driver", r.peakRssMiB(), r.cpuCores(),
                    r.loadAverage()));
        }
        return usages;
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
