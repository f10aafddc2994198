package io.streampatterns.benchmarks;

import io.streampatterns.benchmarks.e2e.LatencyBench;
import io.streampatterns.benchmarks.jmh.JmhRun;
import io.streampatterns.harness.settings.EnvironmentSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How much a {@code make bench} run measures, chosen by environment variables:
 * <ul>
 *   <li>{@code BENCH_QUICK=1}: a smoke-sized run (a few minutes) that checks the machinery; its
 *       figures are not to be quoted. Unset: the full run the targets are judged on.</li>
 *   <li>{@code BENCH_PARTS=jmh,throughput,latency}: a subset (default all three).</li>
 *   <li>{@code BENCH_JMH=jsonParse,enrichmentJoin}: a subset of the JMH benchmarks (default all).</li>
 *   <li>{@code BENCH_VARIANTS=relay,rtm_60s}: the latency variants to run (relay, rtm_60s, rtm_5s: the
 *       Real-Time projection; rtm_enrichment, rtm_routing, rtm_validation, rtm_avro: those patterns in
 *       Real-Time Mode; microbatch, microbatch_eos by default; rtm_60s_uncompressed only when named).</li>
 *   <li>{@code BENCH_RATES=1000,10000}: the latency runs' input rates, events per second.</li>
 *   <li>{@code BENCH_BACKLOG=n}: records preloaded for the throughput runs.</li>
 *   <li>{@code BENCH_CAPS=10000,50000,200000}: bronze's maxOffsetsPerTrigger values.</li>
 *   <li>{@code BENCH_LAYOUT_CAP=200000}: the maxOffsetsPerTrigger of every bronze layout's run (the
 *       seeds' code, typed, VARIANT, raw bytes; pipeline {@code layouts}).</li>
 *   <li>{@code BENCH_ENRICHMENT_CAPS=10000,50000}: the maxOffsetsPerTrigger values of both enrichment runs,
 *       at-least-once and exactly-once, so that the price of exactly-once is read per batch size.</li>
 *   <li>{@code BENCH_PIPELINES=relay,bronze}: the throughput runs (relay, enrichment, enrichment-eos: the
 *       same through the transactional sink, bronze, layouts: every bronze layout; default all; the
 *       relay always runs, since every ratio
 *       is to it).</li>
 *   <li>{@code BENCH_PROFILE=0}: no JFR recordings of the Spark runs (default on).</li>
 *   <li>{@code BENCH_SPARK_CONF=key=value;key=value}: Spark session settings for the end-to-end runs, to
 *       try a change (the report lists them).</li>
 *   <li>{@code BENCH_STRICT=1}: exit 1 when a target is missed (default: the report says so, exit 0).</li>
 *   <li>{@code BENCH_SEED}: the event generator's seed (default 42).</li>
 * </ul>
 * Kafka is chosen as for conformance ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code KAFKA_CLIENT_PROPERTIES},
 * {@code KAFKA_BACKEND}), so the same benchmark runs against a real cluster.
 */
public record BenchSettings(
        boolean quick,
        Set<Part> parts,
        long seed,
        boolean strict,
        boolean profile,
        Map<String, String> sparkConf,
        // JMH
        List<String> jmhBenchmarks,
        int jmhWarmupIterations,
        Duration jmhWarmupTime,
        int jmhMeasurementIterations,
        Duration jmhMeasurementTime,
        // throughput
        int backlog,
        Set<String> throughputPipelines,
        List<Long> bronzeCaps,
        List<Long> enrichmentCaps,
        long layoutCap,
        Duration throughputWindow,
        Duration throughputWarmup,
        double relayWarmupShare,
        // latency
        List<String> latencyVariants,
        List<Integer> rates,
        Duration latencyWarmup,
        Duration latencyMeasure,
        List<Duration> realTimeIntervals) {

    /** The parts of a run. */
    public enum Part { JMH, THROUGHPUT, LATENCY }

    /** The pattern default's checkpoint interval and Spark's minimum, as the issue asks. */
    static final List<Duration> REAL_TIME_INTERVALS = List.of(Duration.ofSeconds(60), Duration.ofSeconds(5));
    /** The throughput runs, in the order they run. */
    static final List<String> PIPELINES = List.of("relay", "enrichment", "enrichment-eos", "bronze", "layouts");

    /**
     * @throws IllegalArgumentException naming the variable and what was expected, for a value that is not
     *     what the setting takes (an unknown part, benchmark, variant or pipeline included)
     */
    public static BenchSettings fromEnvironment(Map<String, String> environment) {
        EnvironmentSettings env = new EnvironmentSettings(environment);
        boolean quick = env.flag("BENCH_QUICK", false);
        Set<Part> parts = parts(env);
        long seed = env.wholeNumber("BENCH_SEED", 42);
        boolean strict = env.flag("BENCH_STRICT", false);
        boolean profile = env.flag("BENCH_PROFILE", true);
        List<Integer> rates = env.wholeNumbers("BENCH_RATES", 1, Integer.MAX_VALUE, List.of(1_000L, 10_000L)).stream()
                .map(Long::intValue).toList();
        Map<String, String> sparkConf = env.pairs("BENCH_SPARK_CONF", ";");
        List<String> jmh = env.subset("BENCH_JMH", JmhRun.BENCHMARKS);
        List<String> variants = env.subset("BENCH_VARIANTS", LatencyBench.variantIds(REAL_TIME_INTERVALS));
        Set<String> pipelines = pipelines(env);
        if (quick) {
            int backlog = backlog(env, 100_000);
            return new BenchSettings(true, parts, seed, strict, profile, sparkConf, jmh,
                    1, Duration.ofSeconds(1), 2, Duration.ofSeconds(2),
                    backlog, pipelines, env.wholeNumbers("BENCH_CAPS", 1, Long.MAX_VALUE, List.of(2_000L, 10_000L, 40_000L)),
                    enrichmentCaps(env, List.of(2_000L, 10_000L)), layoutCap(env, 40_000), Duration.ofSeconds(20), Duration.ofSeconds(3), 0.1,
                    variants, rates, Duration.ofSeconds(4), Duration.ofSeconds(8), REAL_TIME_INTERVALS);
        }
        // 2,000,000: at the largest cap (200,000) the two warm-up batches and the remainder are left out and
        // at least five batches still count; with 1,000,000 one batch did. Five JMH iterations: with three,
        // the 99.9% error was as large as the score.
        int backlog = backlog(env, 2_000_000);
        return new BenchSettings(false, parts, seed, strict, profile, sparkConf, jmh,
                3, Duration.ofSeconds(3), 5, Duration.ofSeconds(4),
                backlog, pipelines, env.wholeNumbers("BENCH_CAPS", 1, Long.MAX_VALUE, List.of(10_000L, 50_000L, 200_000L)),
                enrichmentCaps(env, List.of(10_000L, 50_000L, 200_000L)), layoutCap(env, 200_000), Duration.ofSeconds(45), Duration.ofSeconds(8), 0.1,
                variants, rates, Duration.ofSeconds(10), Duration.ofSeconds(30), REAL_TIME_INTERVALS);
    }

    private static List<Long> enrichmentCaps(EnvironmentSettings env, List<Long> otherwise) {
        return env.wholeNumbers("BENCH_ENRICHMENT_CAPS", 1, Long.MAX_VALUE, otherwise);
    }

    private static long layoutCap(EnvironmentSettings env, long otherwise) {
        return env.wholeNumber("BENCH_LAYOUT_CAP", 1, Long.MAX_VALUE, otherwise);
    }

    private static int backlog(EnvironmentSettings env, int otherwise) {
        return Math.toIntExact(env.wholeNumber("BENCH_BACKLOG", 1, Integer.MAX_VALUE, otherwise));
    }

    /**
     * How long a latency run measures: a Real-Time Mode run at least one checkpoint interval (plus a
     * margin for the first batch to start), so its p99 includes a batch boundary as a long run's would;
     * a quick run does not wait that long.
     */
    public Duration latencyMeasureFor(Duration checkpointInterval) {
        if (quick || checkpointInterval == null) {
            return latencyMeasure;
        }
        Duration covering = checkpointInterval.minus(latencyWarmup).plusSeconds(10);
        return covering.compareTo(latencyMeasure) > 0 ? covering : latencyMeasure;
    }

    public boolean runs(Part part) {
        return parts.contains(part);
    }

    /** The parts named in {@code BENCH_PARTS}, or all. */
    private static Set<Part> parts(EnvironmentSettings env) {
        List<String> chosen = env.subset("BENCH_PARTS",
                Arrays.stream(Part.values()).map(p -> p.name().toLowerCase(Locale.ROOT)).toList());
        Set<Part> parts = EnumSet.allOf(Part.class);
        if (!chosen.isEmpty()) {
            parts.clear();
            chosen.forEach(name -> parts.add(Part.valueOf(name.toUpperCase(Locale.ROOT))));
        }
        return parts;
    }

    /** The throughput pipelines named in {@code BENCH_PIPELINES}, or all; the relay always, every ratio being to it. */
    private static Set<String> pipelines(EnvironmentSettings env) {
        List<String> chosen = env.subset("BENCH_PIPELINES", PIPELINES);
        Set<String> pipelines = new LinkedHashSet<>(List.of("relay"));
        pipelines.addAll(chosen.isEmpty() ? PIPELINES : chosen);
        return pipelines;
    }
}
