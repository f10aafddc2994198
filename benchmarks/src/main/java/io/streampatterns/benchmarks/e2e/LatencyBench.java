package io.streampatterns.benchmarks.e2e;

import io.streampatterns.benchmarks.BenchSettings;
import io.streampatterns.benchmarks.MachineInfo;
import io.streampatterns.benchmarks.profile.JfrProfile;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.RunningPipeline;
import io.streampatterns.core.Sink;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.core.kafka.StartingOffsets;
import io.streampatterns.core.kafka.TransactionalKafkaSink;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.patterns.realtime.RealTimeModeRequirements;
import io.streampatterns.patterns.realtime.RealTimeProjection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.streaming.OutputMode;

/**
 * End-to-end latency at fixed input rates: from the producer's timestamp header to the output
 * record's timestamp (set by the relay's or the pipeline's producer when it sent the record; both
 * clocks are this machine's). Every variant does the same work on the same broker: Kafka in, each
 * event forwarded (the Spark variants parse it and project it to JSON, {@link RealTimeProjection}),
 * Kafka out. The warm-up is produced and left out; the window's records are measured.
 */
public final class LatencyBench {
    /**
     * What is compared: the relay, Real-Time Mode at each checkpoint interval, and a micro-batch
     * trigger of 0, at-least-once and exactly-once (through the transactional sink, measured until a
     * {@code read_committed} consumer receives each record: see {@link VisibilityTail}). An optional
     * variant runs only when {@code BENCH_VARIANTS} names it: Real-Time Mode with an uncompressed
     * sink, the same query built from core parts because the pattern's sink always compresses (lz4).
     */
    record Variant(String id, String label, Duration realTimeInterval, boolean optional, boolean compressed,
                   boolean transactional, RealTimePatternQuery pattern) {
        Variant(String id, String label, Duration realTimeInterval, boolean optional, boolean compressed,
                boolean transactional) {
            this(id, label, realTimeInterval, optional, compressed, transactional,
                    realTimeInterval != null && compressed ? RealTimePatternQuery.PROJECTION : null);
        }

        boolean relay() {
            return id.equals(LatencyResult.RELAY);
        }

        /** The input's records and how their seq is read: the pattern's, else the generator's JSON. */
        RealTimePatternQuery input() {
            return pattern != null ? pattern : RealTimePatternQuery.PROJECTION;
        }
    }

    static final String RTM_UNCOMPRESSED = LatencyResult.RTM_DEFAULT + "_uncompressed";
    static final String MICROBATCH_EOS = "microbatch_eos";

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);

    private final BenchEnvironment env;
    private final BenchSettings settings;

    public LatencyBench(BenchEnvironment env) {
        this.env = env;
        this.settings = env.settings();
    }

    static List<Variant> variants(List<Duration> realTimeIntervals) {
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant(LatencyResult.RELAY, "raw kafka-clients relay (baseline)", null, false, true, false));
        for (Duration interval : realTimeIntervals) {
            variants.add(new Variant("rtm_" + interval.toSeconds() + "s",
                    "Real-Time Mode, checkpoint interval " + interval.toSeconds() + " s", interval, false, true, false));
        }
        for (RealTimePatternQuery pattern : RealTimePatternQuery.values()) {
            if (pattern != RealTimePatternQuery.PROJECTION) {
                variants.add(new Variant(LatencyResult.realTimePattern(pattern.name()), "Real-Time Mode, " + pattern.label()
                        + ", checkpoint interval 60 s", Duration.ofSeconds(60), false, true, false, pattern));
            }
        }
        variants.add(new Variant("microbatch", "micro-batch, ProcessingTime(0)", null, false, true, false));
        variants.add(new Variant(MICROBATCH_EOS, "micro-batch, ProcessingTime(0), exactly-once (transactional sink;"
                + " until a read_committed consumer received it)", null, false, true, true));
        variants.add(new Variant(RTM_UNCOMPRESSED, "Real-Time Mode, checkpoint interval 60 s, sink uncompressed",
                Duration.ofSeconds(60), true, false, false));
        return variants;
    }

    /** The names {@code BENCH_VARIANTS} takes. */
    public static List<String> variantIds(List<Duration> realTimeIntervals) {
        return variants(realTimeIntervals).stream().map(Variant::id).toList();
    }

    public List<LatencyResult> run() {
        List<Variant> variants = variants(settings.realTimeIntervals());
        List<LatencyResult> results = new ArrayList<>();
        for (int rate : settings.rates()) {
            for (Variant variant : variants) {
                boolean chosen = settings.latencyVariants().isEmpty() ? !variant.optional()
                        : settings.latencyVariants().contains(variant.id());
                if (!chosen) {
                    continue;
                }
                LatencyResult result = runOne(variant, rate);
                results.add(result);
                LatencyStats s = result.stats();
                env.out().printf(Locale.ROOT, "  %-11s %6d/s  p50 %5d  p90 %5d  p99 %5d  p99.9 %5d  max %5d ms"
                                + "  (%,d records%s), load %s%n", variant.id(), rate, s.p50(), s.p90(), s.p99(), s.p999(),
                        s.max(), s.samples(), result.missing() > 0 ? ", " + result.missing() + " missing" : "",
                        result.loadAverage());
            }
        }
        return results;
    }

    private LatencyResult runOne(Variant variant, int rate) {
        String name = "lat_" + variant.id() + "_" + rate;
        String input = env.newInputTopic(name + "_in");
        String output = env.newTopic(name + "_out");
        Duration warmup = settings.latencyWarmup();
        Duration window = settings.latencyMeasureFor(variant.realTimeInterval());
        LoadGenerator.Result load;
        RssSampler.Usage usage;
        JfrProfile.Summary profile = null;
        VisibilityTail tail = null;
        if (variant.relay()) {
            try (RelayProcess relay = RelayProcess.start(false, env.kafka().bootstrapServers(), input, output, 0, 0,
                    env.clientPropertiesFile(), env.output().resolve("logs"))) {
                RssSampler memory = RssSampler.start(env.processes("relay", relay.pid()));
                load = produce(variant, input, rate, warmup.plus(window));
                awaitOutput(output, load.sent(), () -> TopicScan.size(env.kafka(), output));
                usage = memory.stop();
            }
        } else {
            // Recorded after the warm-up, like the latencies (the query and the generator start within a second).
            JfrProfile recording = settings.profile()
                    ? JfrProfile.start(env.output().resolve("jfr").resolve("latency_" + name + ".jfr"), warmup) : null;
            RssSampler memory = RssSampler.start(env.processes("driver", BenchEnvironment.self()));
            tail = variant.transactional() ? VisibilityTail.start(env.kafka(), output) : null;
            try {
                RunningPipeline running = pipeline(variant, name, input, output).start(env.spark());
                try {
                    load = produce(variant, input, rate, warmup.plus(window));
                    VisibilityTail seen = tail;
                    awaitOutput(output, load.sent(), seen == null ? () -> TopicScan.size(env.kafka(), output) : seen::received);
                    if (!running.isActive()) {
                        throw new IllegalStateException(name + " stopped: " + (running.query().exception().isDefined()
                                ? running.query().exception().get().getMessage() : "without an error"));
                    }
                } finally {
                    QuietStop.run(running::stop);
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException(name + " did not start or stop in time", e);
            } finally {
                usage = memory.stop();
                if (recording != null) {
                    profile = recording.stop();
                }
                if (tail != null) {
                    tail.close();
                }
            }
        }
        long from = load.startMs() + warmup.toMillis();
        long to = from + window.toMillis();
        Measured measured = measure(variant.input(), input, output, load.sent(), from, to, tail);
        return new LatencyResult(variant.id(), variant.label(), rate, load.eventsPerSecond(), load.maxBehindMs(),
                warmup.toSeconds(), window.toSeconds(), LatencyStats.of(measured.latencies()), measured.produced(),
                measured.missing(), measured.breakdown(), usage.peakRssMiB(), usage.cpuCores(), MachineInfo.loadAverage(),
                profile);
    }

    private Pipeline pipeline(Variant variant, String name, String input, String output) {
        String bootstrap = env.kafka().bootstrapServers();
        Map<String, String> client = env.kafka().clientProperties();
        String checkpoint = env.workspace().checkpointPath(name);
        if (!variant.compressed()) {
            // The pattern's query with one change: the sink does not compress.
            KafkaSource.Builder source = KafkaSource.builder().bootstrapServers(bootstrap).subscribe(input)
                    .startingOffsets(StartingOffsets.earliest()).includeHeaders(true);
            KafkaSink.Builder sink = KafkaSink.builder().bootstrapServers(bootstrap).topic(output).compression("none");
            client.forEach((k, v) -> {
                source.kafkaOption(k, v);
                sink.kafkaOption(k, v);
            });
            return Pipeline.builder(name)
                    .source(source.build())
                    .transform(new RealTimeProjection(EventGenerator.SCHEMA, List.of()))
                    .sink(sink.build())
                    .trigger(TriggerPolicy.realTime(variant.realTimeInterval()))
                    .outputMode(OutputMode.Update())
                    .startCheck(new RealTimeModeRequirements())
                    .checkpointLocation(checkpoint)
                    .build();
        }
        if (variant.pattern() != null) {
            return variant.pattern().build(env, name, input, output, variant.realTimeInterval());
        }
        // The same projection on a micro-batch trigger: Real-Time Mode's pattern refuses any other trigger.
        KafkaSource.Builder source = KafkaSource.builder().bootstrapServers(bootstrap).subscribe(input)
                .startingOffsets(StartingOffsets.earliest()).includeHeaders(true);
        client.forEach(source::kafkaOption);
        return Pipeline.builder(name)
                .source(source.build())
                .transform(new RealTimeProjection(EventGenerator.SCHEMA, List.of()))
                .sink(microBatchSink(variant, bootstrap, client, output))
                .trigger(TriggerPolicy.processingTime(Duration.ZERO))
                .checkpointLocation(checkpoint)
                .build();
    }

    /** The at-least-once Kafka sink, or for a transactional variant the exactly-once one, on the same brokers. */
    private static Sink microBatchSink(Variant variant, String bootstrap, Map<String, String> client, String output) {
        if (variant.transactional()) {
            TransactionalKafkaSink.Builder sink = TransactionalKafkaSink.builder().bootstrapServers(bootstrap).topic(output);
            client.forEach(sink::kafkaOption);
            return sink.build();
        }
        KafkaSink.Builder sink = KafkaSink.builder().bootstrapServers(bootstrap).topic(output);
        client.forEach(sink::kafkaOption);
        return sink.build();
    }

    private LoadGenerator.Result produce(Variant variant, String topic, int rate, Duration duration) {
        try (KafkaProducer<byte[], byte[]> producer = env.kafka().newProducer(new ByteArraySerializer(),
                new ByteArraySerializer(), Map.of("linger.ms", 0))) {
            LoadGenerator.Result result = LoadGenerator.run(producer, variant.input().inputRecords(env.events(), topic),
                    rate, duration);
            if (result.failed() > 0) {
                throw new IllegalStateException(result.failed() + " events were not acknowledged by " + topic);
            }
            return result;
        }
    }

    private void awaitOutput(String output, long expected, java.util.function.LongSupplier written) {
        Instant deadline = Instant.now().plus(DRAIN_TIMEOUT);
        while (written.getAsLong() < expected && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }

    record Measured(long[] latencies, long produced, long missing, LatencyResult.Breakdown breakdown) {
    }

    /**
     * Latencies of the records produced in [from, to), matched by seq to the input for the breakdown:
     * to the output record's timestamp, or, with a {@code tail}, to the time it became visible.
     */
    private Measured measure(RealTimePatternQuery inputFormat, String input, String output, long sent, long from, long to,
                             VisibilityTail tail) {
        int n = (int) sent;
        long[] producedAt = new long[n];
        long[] appendedAt = new long[n];
        long[] outputAt = new long[n];
        Arrays.fill(appendedAt, -1);
        Arrays.fill(outputAt, -1);
        boolean[] logAppendTime = {true};
        TopicScan.forEach(env.kafka(), input, record -> {
            long seq = inputFormat.inputSeq(record.value());
            if (seq >= 0 && seq < n) {
                producedAt[(int) seq] = TopicScan.producedAt(record);
                appendedAt[(int) seq] = record.timestamp();
                logAppendTime[0] &= record.timestampType() == TimestampType.LOG_APPEND_TIME;
            }
        });
        BitSet seen = new BitSet(n);
        List<Long> latencies = new ArrayList<>();
        // The send time is the input record's, found by seq: a pattern need not carry the header through (enrichment does not).
        TopicScan.forEach(env.kafka(), output, record -> {
            long seq = TopicScan.seq(record.value());
            long sentAt = seq >= 0 && seq < n ? producedAt[(int) seq] : -1;
            if (sentAt >= from && sentAt < to && !seen.get((int) seq)) {
                long at = tail == null ? record.timestamp() : tail.visibleAt(seq);
                if (at < 0) {
                    return;
                }
                seen.set((int) seq);
                latencies.add(at - sentAt);
                outputAt[(int) seq] = at;
            }
        });
        long produced = 0;
        List<Long> produceHop = new ArrayList<>();
        List<Long> pipelineHop = new ArrayList<>();
        for (int seq = 0; seq < n; seq++) {
            if (producedAt[seq] >= from && producedAt[seq] < to) {
                produced++;
                if (outputAt[seq] >= 0 && appendedAt[seq] >= 0) {
                    produceHop.add(appendedAt[seq] - producedAt[seq]);
                    pipelineHop.add(outputAt[seq] - appendedAt[seq]);
                }
            }
        }
        LatencyResult.Breakdown breakdown = null;
        if (logAppendTime[0] && !produceHop.isEmpty()) {
            long[] produce = produceHop.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] pipeline = pipelineHop.stream().mapToLong(Long::longValue).sorted().toArray();
            breakdown = new LatencyResult.Breakdown(LatencyStats.nearestRank(produce, 50), LatencyStats.nearestRank(produce, 99),
                    LatencyStats.nearestRank(pipeline, 50), LatencyStats.nearestRank(pipeline, 99));
        }
        return new Measured(latencies.stream().mapToLong(Long::longValue).toArray(), produced,
                Math.max(0, produced - latencies.size()), breakdown);
    }
}
