package io.streampatterns.benchmarks.e2e;

import io.streampatterns.benchmarks.BenchSettings;
import io.streampatterns.benchmarks.MachineInfo;
import io.streampatterns.benchmarks.jmh.Dimension;
import io.streampatterns.benchmarks.jmh.TransformBenchmarks;
import io.streampatterns.benchmarks.profile.JfrProfile;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.RunningPipeline;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.patterns.enrichment.KafkaEnrichmentPipeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * End-to-end throughput, every pipeline on the same broker and the same preloaded backlog: the raw
 * relay (the baseline), Kafka → Kafka enrichment at-least-once and exactly-once (the same pipeline
 * through the transactional sink) at each of its batch caps, Kafka → Delta bronze at each cap, and
 * every {@link BronzeLayout} at one cap with its table's size and a silver query's cost over it. Each
 * Spark pipeline runs as fast as batches complete (processing time 0) from the earliest offset until
 * it has read the backlog or its time window, which starts when the first batch is done, is over.
 */
public final class ThroughputBench {
    private static final Duration FIRST_BATCH_TIMEOUT = Duration.ofMinutes(3);
    /** How often each layout's silver query runs; the median counts (the first also warms the code). */
    private static final int SILVER_RUNS = 3;
    /** Batches left out of the step-by-step means: the first plans and compiles everything. */
    private static final int WARMUP_BATCHES = 2;
    private final BenchEnvironment env;
    private final List<LayoutResult> layouts = new ArrayList<>();
    private final BenchSettings settings;

    public ThroughputBench(BenchEnvironment env) {
        this.env = env;
        this.settings = env.settings();
    }

    public List<ThroughputResult> run() {
        List<ThroughputResult> results = new ArrayList<>();
        String input = env.newTopic("tp_in");
        preload(input);

        results.add(relay(input));
        print(results.get(results.size() - 1));

        List<Boolean> enrichmentModes = new ArrayList<>();
        if (settings.throughputPipelines().contains("enrichment")) {
            enrichmentModes.add(false);
        }
        if (settings.throughputPipelines().contains("enrichment-eos")) {
            enrichmentModes.add(true);
        }
        if (!enrichmentModes.isEmpty()) {
            String dimension = env.workspace().tablePath("bench_users");
            Dimension.write(env.spark(), dimension, TransformBenchmarks.DIMENSION_ROWS);
            // Both modes at one cap, then the next: a cap's pair runs as close in time as the machine allows.
            for (long cap : settings.enrichmentCaps()) {
                for (boolean exactlyOnce : enrichmentModes) {
                    results.add(enrichment(input, dimension, cap, exactlyOnce));
                    print(results.get(results.size() - 1));
                }
            }
        }
        if (settings.throughputPipelines().contains("bronze")) {
            // Before and after at one cap, then the next: each pair as close in time as the machine allows.
            for (long cap : settings.bronzeCaps()) {
                results.add(bronzeBaseline(input, cap));
                print(results.get(results.size() - 1));
                results.add(bronze(input, cap));
                print(results.get(results.size() - 1));
            }
        }
        if (settings.throughputPipelines().contains("layouts")) {
            for (BronzeLayout layout : BronzeLayout.values()) {
                LayoutResult measured = layout(input, layout, settings.layoutCap());
                layouts.add(measured);
                results.add(measured.run());
                print(measured.run());
                env.out().printf(Locale.ROOT, "    table %.1f MiB in %d files (%.0f bytes/row), silver query %d ms%n",
                        measured.tableBytes() / 1048576.0, measured.tableFiles(), measured.bytesPerRow(), measured.silverMillis());
            }
        }
        return results;
    }

    /** The bronze layouts measured by the last {@link #run()}, in {@link BronzeLayout} order. */
    public List<LayoutResult> layouts() {
        return List.copyOf(layouts);
    }

    /** One layout from the backlog at {@code cap}: its rate, its table, and its silver query's cost. */
    private LayoutResult layout(String input, BronzeLayout layout, long cap) {
        String name = "bench_" + layout.id();
        String table = env.workspace().tablePath(name);
        ThroughputResult run = runSpark(layout.id(), "bronze layout: " + layout.label(), cap,
                layout.build(env, name, input, table, cap), () -> env.spark().read().format("delta").load(table).count());
        long[] files = dataFiles(java.nio.file.Path.of(table));
        long rows = env.spark().read().format("delta").load(table).count();
        List<Long> millis = new ArrayList<>();
        String answer = null;
        for (int i = 0; i < SILVER_RUNS; i++) {
            long start = System.nanoTime();
            List<org.apache.spark.sql.Row> result = layout.silver(env.spark(), table).collectAsList();
            millis.add((System.nanoTime() - start) / 1_000_000);
            answer = result.toString();
        }
        java.util.Collections.sort(millis);
        return new LayoutResult(layout, run, files[0], (int) files[1], rows, millis.get(millis.size() / 2), answer);
    }

    /** Bytes and count of the data files under {@code table}, its Delta log left out. */
    private static long[] dataFiles(java.nio.file.Path table) {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(table)) {
            long[] sizeAndCount = new long[2];
            files.filter(f -> f.toString().endsWith(".parquet") && !f.toString().contains("_delta_log"))
                    .forEach(f -> {
                        sizeAndCount[0] += f.toFile().length();
                        sizeAndCount[1]++;
                    });
            return sizeAndCount;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void preload(String topic) {
        long start = System.nanoTime();
        env.out().printf("  preloading %,d events into %s ...%n", settings.backlog(), topic);
        int chunk = 50_000;
        try (KafkaProducer<String, String> producer = env.kafka().newProducer(Map.of(
                "linger.ms", 20, "batch.size", 512 * 1024, "compression.type", "lz4"))) {
            for (long from = 0; from < settings.backlog(); from += chunk) {
                env.events().publish(producer, topic, from, (int) Math.min(chunk, settings.backlog() - from));
            }
        }
        env.out().printf(Locale.ROOT, "  preloaded in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private ThroughputResult relay(String input) {
        String output = env.newTopic("tp_relay_out");
        long warmupRecords = (long) (settings.backlog() * settings.relayWarmupShare());
        try (RelayProcess relay = RelayProcess.start(true, env.kafka().bootstrapServers(), input, output,
                settings.backlog(), warmupRecords, env.clientPropertiesFile(), env.output().resolve("logs"))) {
            RssSampler memory = RssSampler.start(env.processes("relay", relay.pid()));
            RelayProcess.Timings timings = relay.awaitDone(Duration.ofMinutes(10));
            RssSampler.Usage usage = memory.stop();
            return new ThroughputResult(ThroughputResult.RELAY, "raw kafka-clients relay (baseline)", null,
                    timings.steadyRecordsPerSecond(), timings.overallRecordsPerSecond(), timings.records(),
                    TopicScan.size(env.kafka(), output), 0, 0, 0, usage.peakRssMiB(), usage.cpuCores(),
                    MachineInfo.loadAverage(), null,
                    String.format(Locale.ROOT, "steady rate after the first %,d records", timings.warmupRecords()), List.of());
        }
    }

    private ThroughputResult enrichment(String input, String dimension, long cap, boolean exactlyOnce) {
        String id = (exactlyOnce ? ThroughputResult.ENRICHMENT_EOS : ThroughputResult.ENRICHMENT) + cap;
        String output = env.newTopic("tp_" + id + "_out");
        String name = "bench_" + id;
        KafkaEnrichmentPipeline.Builder builder = KafkaEnrichmentPipeline.builder()
                .name(name)
                .bootstrapServers(env.kafka().bootstrapServers())
                .kafkaOptions(env.kafka().clientProperties())
                .topic(input)
                .outputTopic(output)
                .eventSchema(EventGenerator.SCHEMA)
                .dimensionTablePath(dimension)
                .maxOffsetsPerTrigger(cap)
                .trigger(TriggerPolicy.processingTime(Duration.ZERO))
                .checkpointLocation(env.workspace().checkpointPath(name));
        if (exactlyOnce) {
            builder.exactlyOnce();
        }
        String label = "Kafka→Kafka enrichment (100,000-row Delta dimension), "
                + (exactlyOnce ? "exactly-once (transactional sink)" : "at-least-once");
        return runSpark(id, label, cap, builder.build().pipeline(), () -> TopicScan.count(env.kafka(), output));
    }

    /** This project's bronze at {@code cap}: the typed layout, built as {@link BronzeLayout#TYPED} builds it. */
    private ThroughputResult bronze(String input, long cap) {
        String name = "bench_bronze_" + cap;
        String table = env.workspace().tablePath(name);
        return runSpark("bronze_" + cap, "Kafka→Delta bronze", cap, BronzeLayout.TYPED.build(env, name, input, table, cap),
                () -> env.spark().read().format("delta").load(table).count());
    }

    /** Bronze as it was before issue 14: Delta's streaming sink and Delta's default checkpoint interval. */
    private ThroughputResult bronzeBaseline(String input, long cap) {
        String name = "bench_" + ThroughputResult.BRONZE_BASELINE + cap;
        String table = env.workspace().tablePath(name);
        return runSpark(ThroughputResult.BRONZE_BASELINE + cap, "Kafka→Delta bronze, Delta's streaming sink and table defaults",
                cap, BronzeLayout.typedWithDeltaDefaults(env, name, input, table, cap),
                () -> env.spark().read().format("delta").load(table).count());
    }

    private ThroughputResult runSpark(String id, String label, long cap, Pipeline pipeline,
                                      java.util.function.LongSupplier written) {
        RssSampler memory = RssSampler.start(env.processes("driver", BenchEnvironment.self()));
        JfrProfile[] profile = {null};
        List<StreamingQueryProgress> progress;
        BatchSteps.Recorder jobs = BatchSteps.Recorder.attach(env.spark().sparkContext());
        try {
            progress = drain(id, pipeline, () -> {
                memory.restartCpu();
                if (settings.profile()) {
                    profile[0] = JfrProfile.start(env.output().resolve("jfr").resolve("throughput_" + id + ".jfr"));
                }
            });
        } catch (RuntimeException e) {
            memory.stop();
            if (profile[0] != null) {
                profile[0].close();
            }
            throw e;
        } finally {
            jobs.close();
        }
        List<Throughput.Batch> batches = Throughput.batches(progress);
        RssSampler.Usage usage = memory.stop();
        JfrProfile.Summary summary = profile[0] == null ? null : profile[0].stop();
        Throughput.Rate rate = Throughput.of(batches, settings.throughputWarmup().toMillis());
        String note = rate.warm() ? "" : "no batch started after the warm-up; the rate includes it";
        if (rate.rows() < settings.backlog()) {
            note = (note.isEmpty() ? "" : note + "; ") + String.format(Locale.ROOT,
                    "the %d s window after the first batch ended after %,d of %,d records", settings.throughputWindow().toSeconds(),
                    rate.rows(), settings.backlog());
        }
        return new ThroughputResult(id, label, cap, rate.steadyRecordsPerSecond(), rate.overallRecordsPerSecond(),
                rate.rows(), written.getAsLong(), rate.batches(), rate.countedBatches(), rate.meanBatchMs(),
                usage.peakRssMiB(), usage.cpuCores(), MachineInfo.loadAverage(), summary, note,
                batches.stream().filter(batch -> batch.rows() > 0).toList())
                .withSteps(BatchSteps.of(progress, jobs, WARMUP_BATCHES));
    }

    /**
     * Runs the pipeline until it has read the backlog or the window is over; its batches.
     * {@code windowStarts} runs when the first batch is done (the profile covers the window only).
     */
    private List<StreamingQueryProgress> drain(String id, Pipeline pipeline, Runnable windowStarts) {
        RunningPipeline running;
        try {
            running = pipeline.start(env.spark());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(id + " did not start in time", e);
        }
        try {
            // The window starts once the first batch is done: it is warm-up (left out of the rate) however long it takes.
            Instant firstDeadline = Instant.now().plus(FIRST_BATCH_TIMEOUT);
            while (read(running) == 0 && Instant.now().isBefore(firstDeadline)) {
                checkActive(id, running);
                LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            }
            if (read(running) == 0) {
                throw new IllegalStateException(id + " read nothing in " + FIRST_BATCH_TIMEOUT.toSeconds() + " s");
            }
            windowStarts.run();
            Instant deadline = Instant.now().plus(settings.throughputWindow());
            while (Instant.now().isBefore(deadline) && read(running) < settings.backlog()) {
                checkActive(id, running);
                LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            }
            return running.progressHistory();
        } finally {
            try {
                QuietStop.run(running::stop);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException(id + " did not stop in time", e);
            }
        }
    }

    private static void checkActive(String id, RunningPipeline running) {
        if (!running.isActive()) {
            throw new IllegalStateException(id + " stopped: " + (running.query().exception().isDefined()
                    ? running.query().exception().get().getMessage() : "without an error"));
        }
    }

    private static long read(RunningPipeline running) {
        return running.progressHistory().stream().mapToLong(p -> p.numInputRows()).sum();
    }

    private void print(ThroughputResult r) {
        env.out().printf(Locale.ROOT, "  %-12s %10.0f records/s (overall %.0f), %,d records, %d batches, load %s%n",
                r.id(), r.steadyRecordsPerSecond(), r.overallRecordsPerSecond(), r.records(), r.batches(), r.loadAverage());
    }
}
