package io.streampatterns.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How much a {@code make bench} run measures, chosen by environment variables:
 * <ul>
 *   <li>{@code BENCH_QUICK=1}: a smoke-sized run (a few minutes) that checks the machinery; its
 *       figures are not to be quoted. Unset: the full run the targets are judged on.</li>
 *   <li>{@code BENCH_PARTS=jmh,throughput,latency}: a subset (default all three).</li>
 *   <li>{@code BENCH_JMH=jsonParse,enrichmentJoin}: a subset of the JMH benchmarks (default all).</li>
 *   <li>{@code BENCH_VARIANTS=relay,rtm_60s}: the latency variants to run (relay, rtm_60s, rtm_5s,
 *       microbatch by default; rtm_60s_uncompressed only when named).</li>
 *   <li>{@code BENCH_RATES=1000,10000}: the latency runs' input rates, events per second.</li>
 *   <li>{@code BENCH_BACKLOG=n}: records preloaded for the throughput runs.</li>
 *   <li>{@code BENCH_CAPS=10000,50000,200000}: bronze's maxOffsetsPerTrigger values.</li>
 *   <li>{@code BENCH_PIPELINES=relay,bronze}: the throughput runs (relay, enrichment, bronze; default all; the
 *       relay always runs, since every ratio is to it).</li>
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
        long enrichmentCap,
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

    public static BenchSettings fromEnvironment(Map<String, String> env) {
        boolean quick = flag(env, "BENCH_QUICK", false);
        Set<Part> parts = parts(env.get("BENCH_PARTS"));
        long seed = Long.parseLong(env.getOrDefault("BENCH_SEED", "42"));
        boolean strict = flag(env, "BENCH_STRICT", false);
        boolean profile = flag(env, "BENCH_PROFILE", true);
        List<Integer> rates = env.containsKey("BENCH_RATES")
                ? Arrays.stream(env.get("BENCH_RATES").split(",")).map(String::trim).map(Integer::parseInt).toList()
                : List.of(1_000, 10_000);
        Map<String, String> sparkConf = sparkConf(env.get("BENCH_SPARK_CONF"));
        List<String> jmh = env.containsKey("BENCH_JMH")
                ? Arrays.stream(env.get("BENCH_JMH").split(",")).map(String::trim).filter(b -> !b.isEmpty()).toList()
                : List.of();
        List<String> variants = env.containsKey("BENCH_VARIANTS")
                ? Arrays.stream(env.get("BENCH_VARIANTS").split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList()
                : List.of();
        List<Long> caps = env.containsKey("BENCH_CAPS")
                ? Arrays.stream(env.get("BENCH_CAPS").split(",")).map(String::trim).map(Long::parseLong).toList()
                : null;
        Set<String> pipelines = pipelines(env.get("BENCH_PIPELINES"));
        if (quick) {
            int backlog = Integer.parseInt(env.getOrDefault("BENCH_BACKLOG", "100000"));
            return new BenchSettings(true, parts, seed, strict, profile, sparkConf, jmh,
                    1, Duration.ofSeconds(1), 2, Duration.ofSeconds(2),
                    backlog, pipelines, caps != null ? caps : List.of(2_000L, 10_000L, 40_000L), 10_000, Duration.ofSeconds(20), Duration.ofSeconds(3), 0.1,
                    variants, rates, Duration.ofSeconds(4), Duration.ofSeconds(8), REAL_TIME_INTERVALS);
        }
        // 2,000,000: at the largest cap (200,000) the two warm-up batches and the remainder are left out and
        // at least five batches still count; with 1,000,000 one batch did. Five JMH iterations: with three,
        // the 99.9% error was as large as the score.
        int backlog = Integer.parseInt(env.getOrDefault("BENCH_BACKLOG", "2000000"));
        return new BenchSettings(false, parts, seed, strict, profile, sparkConf, jmh,
                3, Duration.ofSeconds(3), 5, Duration.ofSeconds(4),
                backlog, pipelines, caps != null ? caps : List.of(10_000L, 50_000L, 200_000L), 50_000, Duration.ofSeconds(45), Duration.ofSeconds(8), 0.1,
                variants, rates, Duration.ofSeconds(10), Duration.ofSeconds(30), REAL_TIME_INTERVALS);
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

    static Set<Part> parts(String list) {
        if (list == null || list.isBlank()) {
            return EnumSet.allOf(Part.class);
        }
        Set<Part> parts = EnumSet.noneOf(Part.class);
        for (String name : list.split(",")) {
            String trimmed = name.trim().toUpperCase(java.util.Locale.ROOT);
            try {
                parts.add(Part.valueOf(trimmed));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("BENCH_PARTS: expected a comma-separated subset of "
                        + Arrays.stream(Part.values()).map(p -> p.name().toLowerCase(java.util.Locale.ROOT))
                        .collect(Collectors.joining(",")) + ", got '" + name.trim() + "'", e);
            }
        }
        return parts;
    }

    /** The throughput pipelines to run; the relay always, every ratio being to it. */
    static Set<String> pipelines(String list) {
        Set<String> known = new java.util.LinkedHashSet<>(List.of("relay", "enrichment", "bronze"));
        if (list == null || list.isBlank()) {
            return known;
        }
        Set<String> chosen = new java.util.LinkedHashSet<>(List.of("relay"));
        for (String name : list.split(",")) {
            String trimmed = name.trim();
            if (!known.contains(trimmed)) {
                throw new IllegalArgumentException("BENCH_PIPELINES: expected some of " + known + ", got '" + trimmed + "'");
            }
            chosen.add(trimmed);
        }
        return chosen;
    }

    static Map<String, String> sparkConf(String list) {
        Map<String, String> conf = new java.util.LinkedHashMap<>();
        if (list == null || list.isBlank()) {
            return conf;
        }
        for (String pair : list.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("BENCH_SPARK_CONF: expected key=value pairs separated by ';', got '"
                        + pair.trim() + "'");
            }
            conf.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return conf;
    }

    private static boolean flag(Map<String, String> env, String name, boolean fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return !(value.equals("0") || value.equalsIgnoreCase("false") || value.equalsIgnoreCase("no"));
    }
}
