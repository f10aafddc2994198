package io.streampatterns.benchmarks;

import io.streampatterns.benchmarks.e2e.BatchSteps;
import io.streampatterns.benchmarks.e2e.BronzeLayout;
import io.streampatterns.benchmarks.e2e.LatencyResult;
import io.streampatterns.benchmarks.e2e.LayoutResult;
import io.streampatterns.benchmarks.e2e.LatencyStats;
import io.streampatterns.benchmarks.e2e.Throughput;
import io.streampatterns.benchmarks.e2e.ThroughputResult;
import io.streampatterns.benchmarks.jmh.JmhRun;
import io.streampatterns.benchmarks.profile.JfrProfile;
import io.streampatterns.benchmarks.report.BenchReport;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/** Made-up results for the tests of targets and reports. */
public final class Samples {
    private Samples() {
    }

    public static ThroughputResult relay(double rate) {
        return new ThroughputResult(ThroughputResult.RELAY, "raw kafka-clients relay (baseline)", null, rate, rate * 0.9,
                1_000_000, 1_000_000, 0, 0, 0, rss("relay", 150), cpu("relay", 0.9), "0.50 0.40 0.30", null, "", List.of());
    }

    public static ThroughputResult bronze(long cap, double rate) {
        return bronze(cap, rate, profile());
    }

    public static ThroughputResult bronze(long cap, double rate, JfrProfile.Summary profile) {
        return new ThroughputResult("bronze_" + cap, "Kafka→Delta bronze", cap, rate, rate * 0.8, 500_000, 500_000,
                10, 8, cap * 1000.0 / rate, rss("driver", 1200), cpu("driver", 1.2), "0.50 0.40 0.30", profile, "",
                List.of(new Throughput.Batch(1_000, 9_000, cap), new Throughput.Batch(10_000, 1_000, cap)));
    }

    /** Bronze with Delta's streaming sink and table defaults at {@code cap}, at {@code rate}. */
    public static ThroughputResult bronzeBaseline(long cap, double rate) {
        return new ThroughputResult(ThroughputResult.BRONZE_BASELINE + cap, "Kafka→Delta bronze, Delta's defaults", cap, rate,
                rate * 0.8, 500_000, 500_000, 10, 8, cap * 1000.0 / rate, rss("driver", 1200), cpu("driver", 1.2),
                "0.50 0.40 0.30", null, "", List.of());
    }

    /** Steps of a batch: {@code rebuild} ms rebuilding Delta's state, 200 ms writing, 100 ms elsewhere. */
    public static BatchSteps steps(double rebuild) {
        Map<String, Double> ms = new LinkedHashMap<>();
        BatchSteps.STEPS.forEach(step -> ms.put(step, 20.0));
        ms.put(BatchSteps.STATE_REBUILD, rebuild);
        ms.put(BatchSteps.WRITE_JOBS, 200.0);
        return new BatchSteps(ms, 12);
    }

    /** A bronze layout's run at cap 200,000, at {@code rate}, its driver using 1.2 cores. */
    public static ThroughputResult layoutRun(BronzeLayout layout, double rate) {
        return new ThroughputResult(layout.id(), "bronze layout: " + layout.label(), 200_000L, rate, rate * 0.8, 500_000,
                500_000, 5, 3, 2_000, rss("driver", 1200), cpu("driver", 1.2), "0.50 0.40 0.30", null, "", List.of());
    }

    /** {@code layout} measured: its run at {@code rate}, a 40 MiB table of 500,000 rows, a 900 ms silver query giving {@code answer}. */
    public static LayoutResult layout(BronzeLayout layout, double rate, String answer) {
        return new LayoutResult(layout, layoutRun(layout, rate), 40L * 1024 * 1024, 12, 500_000, 900, answer);
    }

    public static ThroughputResult enrichment(double rate) {
        return enrichment(50_000L, rate, 900, false);
    }

    /** An enrichment run at {@code cap}, at-least-once or through the transactional sink. */
    public static ThroughputResult enrichment(long cap, double rate, double meanBatchMs, boolean exactlyOnce) {
        String id = (exactlyOnce ? ThroughputResult.ENRICHMENT_EOS : ThroughputResult.ENRICHMENT) + cap;
        return new ThroughputResult(id, "Kafka→Kafka enrichment" + (exactlyOnce ? ", exactly-once" : ""), cap, rate, rate,
                500_000, 500_000, 10, 8, meanBatchMs, rss("driver", 1100), cpu("driver", 1.1), "0.50 0.40 0.30", null, "",
                List.of());
    }

    /** A latency run whose records all took {@code typical} ms but two in a hundred took {@code tail}. */
    public static LatencyResult latency(String variant, int rate, long typical, long tail) {
        long[] latencies = LongStream.range(0, 10_000).map(i -> i % 50 == 0 ? tail : typical).toArray();
        return new LatencyResult(variant, variant + " label", rate, rate, 1, 10, 30, LatencyStats.of(latencies), 10_000,
                0, new LatencyResult.Breakdown(1, 3, typical - 1, tail - 1), rss("driver", 900), cpu("driver", 0.4), "0.50 0.40 0.30",
                variant.startsWith("rtm") ? profile() : null);
    }

    public static JfrProfile.Summary profile() {
        return profile(0.55, 0.97);
    }

    /** A profile whose JVM used {@code jvmCpu} of the machine while the machine used {@code machineCpu}. */
    public static JfrProfile.Summary profile(double jvmCpu, double machineCpu) {
        Map<String, Double> methods = new LinkedHashMap<>();
        methods.put("org.apache.kafka.clients.consumer.KafkaConsumer.poll", 0.4);
        methods.put("GeneratedClass(whole-stage codegen).processNext", 0.2);
        return new JfrProfile.Summary("target/bench/jfr/x.jfr", 5_000, Map.of("Kafka client (fetch, produce)", 0.45),
                methods, Map.of("org.apache.kafka.clients", 0.4),
                Map.of("Executor task launch worker for task N.N in stage N.N", 0.7), 12, 150, 40, jvmCpu, machineCpu);
    }

    public static BenchReport report(BenchSettings settings, List<ThroughputResult> throughput, List<LatencyResult> latency) {
        List<JmhRun.Score> jmh = List.of(new JmhRun.Score("jsonParse", 250_000, 12_000, 3),
                new JmhRun.Score("kafkaMetadata", 2_000_000, Double.NaN, 1));
        return new BenchReport(Instant.parse("2026-01-02T03:04:05Z"), Duration.ofSeconds(754),
                new MachineInfo(2, "Test CPU", 23.4, "OpenJDK 17", "Linux"), "4.10 3.00 2.00", "0.50 0.40 0.30",
                "embedded: 1 KRaft broker at 127.0.0.1:1234", "-Xmx2g (collectors: G1)", settings, jmh, throughput,
                latency, Targets.evaluate(throughput, latency), List.of(), List.of());
    }

    private static Map<String, Double> cpu(String driver, double cores) {
        Map<String, Double> used = new LinkedHashMap<>();
        used.put(driver, cores);
        used.put("broker-1", 0.3);
        return used;
    }

    private static Map<String, Double> rss(String driver, double mib) {
        Map<String, Double> peaks = new LinkedHashMap<>();
        peaks.put(driver, mib);
        peaks.put("broker-1", 310.0);
        return peaks;
    }
}
