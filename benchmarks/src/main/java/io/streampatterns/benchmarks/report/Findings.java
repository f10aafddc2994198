package io.streampatterns.benchmarks.report;

import io.streampatterns.benchmarks.Targets;
import io.streampatterns.benchmarks.e2e.LatencyResult;
import io.streampatterns.benchmarks.e2e.LayoutResult;
import io.streampatterns.benchmarks.e2e.ThroughputResult;
import io.streampatterns.benchmarks.jmh.JmhRun;
import io.streampatterns.benchmarks.profile.JfrProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The report's explanations, as plain-text lines: for each missed target, where the time goes (the
 * latency split at the broker, CPU and GC during the run, the JFR profile) and what was tried; and
 * the same evidence for the targets that held, so a later regression can be compared.
 */
final class Findings {
    /** A titled list of lines. */
    record Section(String title, List<String> lines) {
    }

    private Findings() {
    }

    static List<Section> of(BenchReport report) {
        List<Section> sections = new ArrayList<>();
        for (Targets.Target target : report.targets()) {
            if (target.status() == Targets.Status.NOT_MEASURED) {
                continue;
            }
            String verdict = target.status() == Targets.Status.MISSED ? "Missed: " : "Met: ";
            List<String> lines = switch (target.id()) {
                case "rtm_p99", "rtm_p99_vs_relay" -> latencyEvidence(report);
                case "bronze_vs_relay" -> bronzeEvidence(report);
                case "layout_fastest_vs_relay" -> layoutEvidence(report);
                case "bronze_fixed_cost" -> fixedCostEvidence(report);
                default -> List.of();
            };
            if (!lines.isEmpty()) {
                sections.add(new Section(verdict + target.requirement() + " (" + target.measured() + ")", lines));
            }
        }
        List<String> exactlyOnce = exactlyOnceCost(report);
        if (!exactlyOnce.isEmpty()) {
            sections.add(new Section("The price of exactly-once into Kafka (no target: measured)", exactlyOnce));
        }
        // Both latency targets share their evidence; say it once.
        List<Section> unique = new ArrayList<>();
        for (Section s : sections) {
            boolean duplicate = unique.stream().anyMatch(u -> u.lines().equals(s.lines()));
            if (duplicate) {
                Section first = unique.stream().filter(u -> u.lines().equals(s.lines())).findFirst().orElseThrow();
                unique.set(unique.indexOf(first), new Section(first.title() + "; " + s.title(), first.lines()));
            } else {
                unique.add(s);
            }
        }
        return unique;
    }

    /** Step by step at the target's cap, what bronze saves against the baseline, and what remains. */
    private static List<String> fixedCostEvidence(BenchReport report) {
        List<String> lines = new ArrayList<>();
        List<ThroughputResult> atCap = BenchTables.steppedBronze(report).stream()
                .filter(t -> t.maxOffsetsPerTrigger() == Targets.FIXED_COST_CAP).toList();
        Optional<ThroughputResult> baseline = atCap.stream().filter(ThroughputResult::isBronzeBaseline).findFirst();
        Optional<ThroughputResult> bronze = atCap.stream().filter(ThroughputResult::isBronze).findFirst();
        if (baseline.isEmpty() || bronze.isEmpty()) {
            return lines;
        }
        for (String step : io.streampatterns.benchmarks.e2e.BatchSteps.STEPS) {
            double before = baseline.get().steps().meanMs().get(step);
            double after = bronze.get().steps().meanMs().get(step);
            lines.add(String.format(Locale.ROOT, "%s: %,.0f → %,.0f ms per batch.", step, before, after));
        }
        lines.add(String.format(Locale.ROOT, "A batch in all: %,.0f → %,.0f ms; records/s at this cap %,.0f → %,.0f.",
                baseline.get().steps().totalMs(), bronze.get().steps().totalMs(),
                baseline.get().steadyRecordsPerSecond(), bronze.get().steadyRecordsPerSecond()));
        return lines;
    }

    /** Per layout: its share of the relay, its CPU per record, where the profile saw its time; then what reading it costs. */
    private static List<String> layoutEvidence(BenchReport report) {
        List<String> lines = new ArrayList<>();
        for (LayoutResult l : report.layouts()) {
            String profile = l.run().profile() == null ? "" : "; JFR: " + l.run().profile().byComponent().entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(3)
                    .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), e.getValue() * 100))
                    .collect(Collectors.joining(", "));
            lines.add(String.format(Locale.ROOT, "%s: %,.0f records/s, %.1f%% of the relay, %.1f µs of driver CPU a record%s.",
                    l.layout().label(), l.run().steadyRecordsPerSecond(), 100 * Targets.ratioToRelay(l.run(), report.throughput()),
                    l.cpuMicrosPerRecord(), profile));
        }
        report.layouts().stream().min(java.util.Comparator.comparingLong(LayoutResult::silverMillis)).ifPresent(fastest ->
                lines.add(String.format(Locale.ROOT, "Reading pays for what writing skipped: the silver query took %s.",
                        report.layouts().stream().map(l -> String.format(Locale.ROOT, "%,d ms over %s (%.1f× %s)",
                                l.silverMillis(), l.layout().name().toLowerCase(Locale.ROOT),
                                l.silverMillis() / (double) Math.max(1, fastest.silverMillis()),
                                fastest.layout().name().toLowerCase(Locale.ROOT))).collect(Collectors.joining("; ")))));
        return lines;
    }

    private static List<String> latencyEvidence(BenchReport report) {
        List<String> lines = new ArrayList<>();
        Optional<LatencyResult> rtm = Targets.find(report.latency(), LatencyResult.RTM_DEFAULT, Targets.TARGET_RATE);
        Optional<LatencyResult> relay = Targets.find(report.latency(), LatencyResult.RELAY, Targets.TARGET_RATE);
        if (rtm.isEmpty()) {
            return lines;
        }
        LatencyResult r = rtm.get();
        lines.add(String.format(Locale.ROOT, "Real-Time Mode (60 s) at %,d events/s: p50 %d ms, p90 %d ms, p99 %d ms, "
                        + "p99.9 %d ms, max %d ms over %,d records (%d s after a %d s warm-up).", r.rate(), r.stats().p50(),
                r.stats().p90(), r.stats().p99(), r.stats().p999(), r.stats().max(), r.stats().samples(),
                r.windowSeconds(), r.warmupSeconds()));
        relay.ifPresent(b -> lines.add(String.format(Locale.ROOT,
                "The relay on the same broker at the same rate: p50 %d ms, p99 %d ms, max %d ms.",
                b.stats().p50(), b.stats().p99(), b.stats().max())));
        if (r.breakdown() != null) {
            lines.add(String.format(Locale.ROOT, "Split at the broker: producer send → broker append of the input "
                            + "p50 %d / p99 %d ms (Kafka's produce path, the same for every variant); broker append → the "
                            + "pipeline's send of the output p50 %d / p99 %d ms%s.", r.breakdown().produceP50(),
                    r.breakdown().produceP99(), r.breakdown().pipelineP50(), r.breakdown().pipelineP99(),
                    relay.filter(b -> b.breakdown() != null).map(b -> String.format(Locale.ROOT,
                            " (relay: %d / %d ms)", b.breakdown().pipelineP50(), b.breakdown().pipelineP99())).orElse("")));
        }
        if (r.generatorMaxBehindMs() > 5) {
            lines.add(String.format(Locale.ROOT, "The load generator (in the driver's JVM) fell up to %d ms behind its "
                    + "schedule: the JVM or the machine was short of CPU at moments.", r.generatorMaxBehindMs()));
        }
        for (LatencyResult other : report.latency()) {
            if (other.rate() == r.rate() && !other.variant().equals(r.variant()) && !other.variant().equals(LatencyResult.RELAY)) {
                lines.add(String.format(Locale.ROOT, "Tried: %s at the same rate: p50 %d ms, p99 %d ms, max %d ms.",
                        other.label(), other.stats().p50(), other.stats().p99(), other.stats().max()));
            }
        }
        if (r.profile() != null) {
            lines.addAll(profileLines(r.profile()));
        }
        return lines;
    }

    private static List<String> bronzeEvidence(BenchReport report) {
        List<String> lines = new ArrayList<>();
        Optional<ThroughputResult> best = Targets.bestBronze(report.throughput());
        Optional<ThroughputResult> relay = report.throughput().stream().filter(ThroughputResult::isRelay).findFirst();
        if (best.isEmpty() || relay.isEmpty()) {
            return lines;
        }
        String byCap = report.throughput().stream().filter(ThroughputResult::isBronze)
                .map(t -> String.format(Locale.ROOT, "%,d: %,.0f records/s in batches of %.0f ms", t.maxOffsetsPerTrigger(),
                        t.steadyRecordsPerSecond(), t.meanBatchMs()))
                .collect(Collectors.joining("; "));
        lines.add("Tried maxOffsetsPerTrigger " + byCap + ". A rate that rises with the cap is a "
                + "fixed cost per batch (planning, Kafka offsets, the Delta commit) being spread over more records.");
        List<ThroughputResult> bronzeRuns = report.throughput().stream().filter(ThroughputResult::isBronze).toList();
        double target = relay.get().steadyRecordsPerSecond() * Targets.BRONZE_MIN_RELAY_SHARE;
        io.streampatterns.benchmarks.BatchCost.fit(bronzeRuns).ifPresent(cost -> lines.add(String.format(Locale.ROOT,
                "Fitted over the caps, a batch costs %.2f s whatever its size plus %.1f µs per record: with ever larger"
                        + " batches bronze would approach %,.0f records/s (%s of the relay). %s", cost.fixedSeconds(),
                cost.perRecordSeconds() * 1e6, cost.ceiling(), Format.ratio(cost.ceiling() / relay.get().steadyRecordsPerSecond()),
                cost.capFor(target).map(cap -> String.format(Locale.ROOT, "25%% of the relay (%,.0f records/s) would take"
                        + " batches of about %,d records, if memory and the batch's duration allow.", target, cap))
                        .orElse(String.format(Locale.ROOT, "25%% of the relay (%,.0f records/s) is above that ceiling: the"
                                + " cost per record itself must fall (JSON parsing, Parquet encoding, Delta statistics).",
                                target)))));
        lines.add(String.format(Locale.ROOT, "The relay moved %,.0f records/s with its own JVM; bronze's best was %,.0f "
                        + "(%s).", relay.get().steadyRecordsPerSecond(), best.get().steadyRecordsPerSecond(),
                Format.ratio(best.get().steadyRecordsPerSecond() / relay.get().steadyRecordsPerSecond())));
        // JMH runs minutes before the relay; only on a quiet machine are the two comparable.
        report.jmh().stream().filter(s -> s.benchmark().equals("jsonParse")).filter(s -> !report.underLoad())
                .findFirst().ifPresent(parse -> lines.add(String.format(Locale.ROOT, "Bound from JMH: bronze's JSON parse"
                                + " alone, on cached rows with no Kafka and no Delta, ran at %,.0f rows/s (%s of the relay's"
                                + " rate); bronze parses every record, so it cannot run faster than that.",
                        parse.rowsPerSecond(), Format.ratio(parse.rowsPerSecond() / relay.get().steadyRecordsPerSecond()))));
        List<String> byCapComponents = report.throughput().stream().filter(ThroughputResult::isBronze)
                .filter(t -> t.profile() != null)
                .map(t -> String.format(Locale.ROOT, "at %,d: %s", t.maxOffsetsPerTrigger(), join(t.profile().byComponent(), 4)))
                .toList();
        if (byCapComponents.size() > 1) {
            lines.add("Where the CPU went at each cap (JFR, largest components): " + String.join("; ", byCapComponents)
                    + ". Per-batch work (code generation, planning, scheduling, the Delta commit) shrinks as a share as"
                    + " the cap grows; per-record work (JSON, Parquet, Delta's per-row statistics, Kafka) remains.");
        }
        if (best.get().profile() != null) {
            lines.addAll(profileLines(best.get().profile()));
        }
        return lines;
    }

    /**
     * Enrichment through the transactional sink against the same pipeline at-least-once, cap by cap,
     * and the micro-batch latency of each: ratios within the run, and the extra time per batch.
     */
    static List<String> exactlyOnceCost(BenchReport report) {
        List<String> lines = new ArrayList<>();
        for (ThroughputResult eos : report.throughput().stream().filter(ThroughputResult::isExactlyOnce).toList()) {
            report.throughput().stream().filter(t -> t.isEnrichment() && !t.isExactlyOnce()
                            && t.maxOffsetsPerTrigger().equals(eos.maxOffsetsPerTrigger())).findFirst()
                    .ifPresent(alo -> lines.add(String.format(Locale.ROOT, "At maxOffsetsPerTrigger %,d: exactly-once %,.0f"
                                    + " records/s against at-least-once %,.0f (%s); a batch took %.0f ms against %.0f ms (%+.0f ms:"
                                    + " the shuffle into one slice per output partition, a producer, initTransactions, a marker"
                                    + " read and a commit per slice).", eos.maxOffsetsPerTrigger(), eos.steadyRecordsPerSecond(),
                            alo.steadyRecordsPerSecond(), Format.ratio(eos.steadyRecordsPerSecond() / alo.steadyRecordsPerSecond()),
                            eos.meanBatchMs(), alo.meanBatchMs(), eos.meanBatchMs() - alo.meanBatchMs())));
        }
        for (LatencyResult eos : report.latency().stream().filter(r -> r.variant().equals("microbatch_eos")).toList()) {
            Targets.find(report.latency(), "microbatch", eos.rate()).ifPresent(alo -> lines.add(String.format(Locale.ROOT,
                    "Latency at %,d events/s, micro-batch with a trigger of 0: exactly-once p50 %d ms, p99 %d ms (until a"
                            + " read_committed consumer received the record) against at-least-once p50 %d ms, p99 %d ms (to"
                            + " the output record's timestamp); the exactly-once p99 is %s of the at-least-once one.", eos.rate(), eos.stats().p50(), eos.stats().p99(),
                    alo.stats().p50(), alo.stats().p99(), Format.ratio((double) eos.stats().p99() / Math.max(1, alo.stats().p99())))));
        }
        return lines;
    }

    static List<String> profileLines(JfrProfile.Summary p) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "CPU during the run: this JVM %s of the machine, the whole machine %s%s.",
                Format.share(p.jvmCpu()), Format.share(p.machineCpu()),
                p.machineCpu() > 0.9 ? ": the machine was saturated, so records also waited for a core" : ""));
        lines.add(String.format(Locale.ROOT, "GC: %d pauses, %.0f ms in total, the longest %.0f ms.", p.gcPauses(),
                p.gcPauseTotalMs(), p.gcPauseMaxMs()));
        lines.add("Where the CPU went, by component (share of " + p.samples() + " JFR stack samples, each counted once for"
                + " the most specific component on its stack): " + join(p.byComponent(), 8) + ".");
        lines.add("Busiest threads: " + join(p.topThreads(), 5) + ".");
        lines.add("On top of the stack, by package: " + join(p.topPackages(), 6) + ".");
        lines.add("On top of the stack, by method: " + join(p.topMethods(), 8) + ".");
        lines.add("Recording: " + p.file() + " (open with JDK Mission Control or `jfr print`).");
        return lines;
    }

    private static String join(Map<String, Double> shares, int limit) {
        return shares.entrySet().stream().limit(limit)
                .map(e -> e.getKey() + " " + Format.share(e.getValue())).collect(Collectors.joining(", "));
    }

    /** Lines explaining how each figure is measured. */
    static List<String> method(BenchReport report) {
        List<String> lines = new ArrayList<>();
        lines.add("JMH: each transform of a pattern alone on " + String.format(Locale.ROOT, "%,d",
                io.streampatterns.benchmarks.jmh.TransformBenchmarks.ROWS) + " cached Kafka-shaped rows in 2 partitions,"
                + " run through Spark's noop sink (every column computed, nothing written); one fork per benchmark, "
                + report.settings().jmhWarmupIterations() + " warm-up × " + report.settings().jmhWarmupTime().toSeconds()
                + " s and " + report.settings().jmhMeasurementIterations() + " measured × "
                + report.settings().jmhMeasurementTime().toSeconds() + " s iterations. JMH's own output: jmh.json, jmh.log.");
        lines.add("Throughput: " + String.format(Locale.ROOT, "%,d", report.settings().backlog()) + " events preloaded into a"
                + " 2-partition topic; each pipeline reads it all from the earliest offset, on the same broker. The relay is"
                + " plain kafka-clients in its own JVM (one consumer, one producer: acks=all, idempotent, lz4, like the"
                + " pipelines' sink, batching 256 KiB / 5 ms); its rate leaves out the first "
                + Format.share(report.settings().relayWarmupShare()) + " of the records. Spark pipelines run on"
                + " ProcessingTime(0) until their first batch is done, then for at most "
                + report.settings().throughputWindow().toSeconds() + " s; their rate is"
                + " rows over wall-clock time of the batches after the first two, after "
                + report.settings().throughputWarmup().toSeconds() + " s of warm-up, and without the backlog's small"
                + " remainder. Ratios are to the relay of the same run.");
        lines.add("Latency: events sent at a fixed rate (evenly spread), each stamped with its send time in a header;"
                + " latency = the output record's timestamp (set by the relay's or pipeline's producer when it sent it)"
                + " minus that header; for microbatch_eos, whose records nobody can read before their transaction"
                + " commits, the time a read_committed consumer tailing the output received it. The first " + report.settings().latencyWarmup().toSeconds() + " s are warm-up and"
                + " left out; Real-Time Mode at 60 s is measured for a whole checkpoint interval so its p99 includes a"
                + " batch boundary. Every variant forwards each event Kafka → Kafka; the Spark ones parse and project it"
                + " (RealTimeProjection). Percentiles are nearest-rank.");
        lines.add("Memory: resident set (VmRSS) of the driver (this JVM: Spark's driver and executors in local mode) or"
                + " the relay's JVM, and of each broker, sampled every 100 ms during each run; the peak is reported.");
        lines.add("Profiles: JFR (default settings, ~1% overhead) records this JVM during every Spark run, after its"
                + " warm-up (the first batch of a throughput run, the warm-up seconds of a latency run): files in"
                + " target/bench/jfr/.");
        return lines;
    }

    /** Best JMH score, for scaling the report's bars. */
    static double maxScore(List<JmhRun.Score> scores) {
        return scores.stream().mapToDouble(JmhRun.Score::rowsPerSecond).max().orElse(1);
    }
}
