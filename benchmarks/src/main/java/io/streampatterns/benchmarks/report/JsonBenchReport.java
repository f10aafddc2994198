package io.streampatterns.benchmarks.report;

import io.streampatterns.benchmarks.BenchSettings;
import io.streampatterns.benchmarks.Targets;
import io.streampatterns.benchmarks.e2e.LatencyResult;
import io.streampatterns.benchmarks.e2e.LayoutResult;
import io.streampatterns.benchmarks.e2e.ThroughputResult;
import io.streampatterns.harness.report.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.json}: every figure of the run, for tools and for comparing runs: settings, machine,
 * JMH scores (JMH's own file is {@code jmh.json}), throughput runs with their ratio to the relay,
 * latency runs with percentiles and CDF points, memory, JFR summaries, and the targets.
 */
public final class JsonBenchReport {
    private JsonBenchReport() {
    }

    public static String render(BenchReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("started_at", report.startedAt().toString());
        root.put("seconds", report.took().toSeconds());
        root.put("quick", report.settings().quick());
        root.put("under_load", report.underLoad());
        root.put("load_average_start", report.loadAtStart());
        root.put("load_average_end", report.loadAtEnd());
        root.put("machine", report.machine());
        root.put("kafka", report.kafka());
        root.put("jvm_flags", report.jvmFlags());
        root.put("settings", settings(report.settings()));
        root.put("targets", report.targets());
        root.put("all_targets_met", report.targets().stream().allMatch(t -> t.status() == Targets.Status.MET));
        root.put("jmh", report.jmh().stream().map(s -> Map.of("benchmark", s.benchmark(), "rows_per_second",
                s.rowsPerSecond(), "error", Double.isNaN(s.error()) ? "NaN" : s.error(), "samples", s.samples())).toList());
        root.put("throughput", report.throughput().stream().map(t -> throughput(t, report.throughput())).toList());
        root.put("layouts", report.layouts().stream().map(JsonBenchReport::layout).toList());
        root.put("latency", report.latency().stream().map(JsonBenchReport::latency).toList());
        root.put("errors", report.errors());
        return Json.write(root);
    }

    private static Map<String, Object> layout(LayoutResult l) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("layout", l.layout().name().toLowerCase(java.util.Locale.ROOT));
        entry.put("throughput_id", l.run().id());
        entry.put("table_bytes", l.tableBytes());
        entry.put("table_files", l.tableFiles());
        entry.put("table_rows", l.tableRows());
        entry.put("cpu_micros_per_record", Double.isNaN(l.cpuMicrosPerRecord()) ? "NaN" : l.cpuMicrosPerRecord());
        entry.put("silver_query_ms", l.silverMillis());
        entry.put("silver_answer", l.silverAnswer());
        return entry;
    }

    private static Map<String, Object> throughput(ThroughputResult t, List<ThroughputResult> all) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", t.id());
        entry.put("pipeline", t.pipeline());
        entry.put("max_offsets_per_trigger", t.maxOffsetsPerTrigger());
        entry.put("records_per_second", t.steadyRecordsPerSecond());
        double ratio = Targets.ratioToRelay(t, all);
        entry.put("ratio_to_relay", Double.isNaN(ratio) ? null : ratio);
        entry.put("overall_records_per_second", t.overallRecordsPerSecond());
        entry.put("records", t.records());
        entry.put("written", t.written());
        entry.put("batches", t.batches());
        entry.put("counted_batches", t.countedBatches());
        entry.put("mean_batch_ms", t.meanBatchMs());
        entry.put("peak_rss_mib", t.peakRssMiB());
        entry.put("cpu_cores", t.cpuCores());
        entry.put("records_per_cpu_second", Double.isNaN(t.recordsPerCpuSecond()) ? null : t.recordsPerCpuSecond());
        entry.put("load_average", t.loadAverage());
        entry.put("profile", t.profile());
        entry.put("note", t.note());
        if (t.steps() != null) {
            entry.put("batch_steps_ms", t.steps().meanMs());
            entry.put("batch_steps_batches", t.steps().batches());
        }
        long first = t.batchList().isEmpty() ? 0 : t.batchList().get(0).startMs();
        entry.put("batches_detail", t.batchList().stream().map(batch -> Map.of("start_ms", batch.startMs() - first,
                "duration_ms", batch.durationMs(), "rows", batch.rows())).toList());
        return entry;
    }

    private static Map<String, Object> latency(LatencyResult r) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("variant", r.variant());
        entry.put("label", r.label());
        entry.put("rate", r.rate());
        entry.put("achieved_rate", r.achievedRate());
        entry.put("generator_max_behind_ms", r.generatorMaxBehindMs());
        entry.put("warmup_seconds", r.warmupSeconds());
        entry.put("window_seconds", r.windowSeconds());
        entry.put("samples", r.stats().samples());
        entry.put("p50_ms", r.stats().p50());
        entry.put("p90_ms", r.stats().p90());
        entry.put("p99_ms", r.stats().p99());
        entry.put("p999_ms", r.stats().p999());
        entry.put("max_ms", r.stats().max());
        entry.put("mean_ms", r.stats().mean());
        entry.put("produced_in_window", r.producedInWindow());
        entry.put("missing", r.missing());
        entry.put("breakdown", r.breakdown());
        entry.put("peak_rss_mib", r.peakRssMiB());
        entry.put("cpu_cores", r.cpuCores());
        entry.put("load_average", r.loadAverage());
        entry.put("profile", r.profile());
        entry.put("cdf", r.stats().cdf());
        return entry;
    }

    private static Map<String, Object> settings(BenchSettings s) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("parts", s.parts());
        map.put("seed", s.seed());
        map.put("spark_conf", s.sparkConf());
        map.put("jmh_warmup", s.jmhWarmupIterations() + " x " + s.jmhWarmupTime().toMillis() + " ms");
        map.put("jmh_measurement", s.jmhMeasurementIterations() + " x " + s.jmhMeasurementTime().toMillis() + " ms");
        map.put("backlog", s.backlog());
        map.put("throughput_pipelines", s.throughputPipelines());
        map.put("bronze_max_offsets_per_trigger", s.bronzeCaps());
        map.put("enrichment_max_offsets_per_trigger", s.enrichmentCaps());
        map.put("throughput_window_seconds", s.throughputWindow().toSeconds());
        map.put("throughput_warmup_seconds", s.throughputWarmup().toSeconds());
        map.put("rates", s.rates());
        map.put("latency_warmup_seconds", s.latencyWarmup().toSeconds());
        map.put("latency_measure_seconds", s.latencyMeasure().toSeconds());
        map.put("real_time_intervals_seconds", s.realTimeIntervals().stream().map(d -> d.toSeconds()).toList());
        return map;
    }
}
