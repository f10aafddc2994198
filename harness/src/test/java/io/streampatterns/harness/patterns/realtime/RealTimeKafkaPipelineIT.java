package io.streampatterns.harness.patterns.realtime;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streampatterns.core.Checkpoint;
import io.streampatterns.core.InvalidPipelineException;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.RunningPipeline;
import io.streampatterns.core.Sink;
import io.streampatterns.core.Transform;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.delta.DeltaSink;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.harness.data.Event;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaWorkspace;
import io.streampatterns.harness.junit.KafkaClusterConfig;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.spark.LocalSpark;
import io.streampatterns.patterns.realtime.RealTimeKafkaPipeline;
import io.streampatterns.patterns.realtime.RealTimeModeRequirements;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Real-Time Mode pattern against a real broker: records flowing, and every refusal of its capability check. */
@KafkaClusterConfig(brokers = 1)
class RealTimeKafkaPipelineIT {
    private static final SparkSession SPARK = LocalSpark.session();
    private static final EventGenerator EVENTS = new EventGenerator(7);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The shortest interval Spark allows: checkpoints often, so a stop is quick and a restart replays little. */
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration FIRST_RECORDS = Duration.ofSeconds(60);
    private static DeltaWorkspace workspace;

    @BeforeAll
    static void createWorkspace() {
        workspace = DeltaWorkspace.create();
    }

    @AfterAll
    static void deleteWorkspace() {
        workspace.close();
    }

    private static RealTimeKafkaPipeline realTime(KafkaCluster cluster, String in, String out) {
        return RealTimeKafkaPipeline.builder()
                .name("rt_" + in)
                .bootstrapServers(cluster.bootstrapServers())
                .topic(in)
                .outputTopic(out)
                .eventSchema(EventGenerator.SCHEMA)
                .keepFields("event_id", "user_id", "amount", "seq")
                .checkpointLocation(workspace.checkpointPath(in))
                .checkpointInterval(INTERVAL)
                .build();
    }

    /**
     * Purpose: the pattern's promise: every event arrives in the output topic, projected, as it arrives.
     *
     * <p>How: a 2-partition topic (as many partitions as local[2] has task slots); the pipeline starts
     * in Real-Time Mode; a warm-up burst of 50 events, then 10 bursts of 50 while it runs, each
     * awaited before the next. End-to-end latency (the producer's {@code produced_at_ms} header, which
     * the pipeline forwards, against the output record's timestamp) is printed, not asserted.
     *
     * <p>Pass: every seq 0..549 in the output; each value holds exactly the kept fields with the values
     * sent, and a {@code processed_at} between the send time and the output's timestamp; the key and
     * the {@code produced_at_ms} header are the input's.
     */
    @Test
    void deliversEveryEventProjectedAsItArrives(KafkaCluster cluster) throws Exception {
        String in = "rt_flow_in";
        String out = "rt_flow_out";
        cluster.createTopic(in, 2);
        cluster.createTopic(out, 2);
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of("linger.ms", 0));
             OutputTopic output = new OutputTopic(cluster, out);
             RunningPipeline running = realTime(cluster, in, out).pipeline().start(SPARK)) {
            // 1. A warm-up burst: the first records after a start wait for the long-running batch to begin.
            Instant started = Instant.now();
            EVENTS.publish(producer, in, 0, 50);
            output.awaitSeqs(50, FIRST_RECORDS);
            Duration firstWait = Duration.between(started, Instant.now());
            // 2. Ten more bursts while the query runs, each awaited.
            for (int burst = 1; burst <= 10; burst++) {
                EVENTS.publish(producer, in, burst * 50L, 50);
                output.awaitSeqs((burst + 1) * 50, Duration.ofSeconds(30));
            }
            assertThat(running.isActive()).isTrue();
            // 3. Every seq, each value as sent.
            assertThat(output.seqs()).containsExactlyInAnyOrder(LongStream.range(0, 550).toArray());
            for (ConsumerRecord<byte[], byte[]> record : output.records()) {
                assertProjected(record);
            }
            // 4. Latency after the warm-up: reported, not asserted.
            long[] latencies = output.records().stream().filter(r -> seq(r) >= 50)
                    .mapToLong(r -> r.timestamp() - producedAt(r)).sorted().toArray();
            System.out.printf("Real-Time Mode, local[2], 2 partitions, interval %s: first records after %d ms;"
                            + " then %d records: p50 %d ms, p99 %d ms, max %d ms%n", INTERVAL, firstWait.toMillis(),
                    latencies.length, percentile(latencies, 50), percentile(latencies, 99), latencies[latencies.length - 1]);
        }
    }

    /**
     * Purpose: a stop and a restart from the checkpoint lose nothing (at least once).
     *
     * <p>How: 200 events are delivered and the first real-time batch ends (a checkpoint); the query
     * stops; 200 more are produced while it is down; a new query on the same checkpoint runs.
     *
     * <p>Pass: every seq 0..399 in the output at least once; duplicates (records replayed from the
     * last checkpoint) are counted and printed.
     */
    @Test
    void resumesFromItsCheckpoint(KafkaCluster cluster) throws Exception {
        String in = "rt_restart_in";
        String out = "rt_restart_out";
        cluster.createTopic(in, 2);
        cluster.createTopic(out, 1);
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of());
             OutputTopic output = new OutputTopic(cluster, out)) {
            // 1. 200 events through a first run.
            EVENTS.publish(producer, in, 0, 200);
            try (RunningPipeline running = realTime(cluster, in, out).pipeline().start(SPARK)) {
                output.awaitSeqs(200, FIRST_RECORDS);
                // A stop aborts the running batch: what it wrote since the last checkpoint is replayed.
                await().atMost(INTERVAL.multipliedBy(4)).until(() -> running.lastProgress().isPresent());
            }
            // 2. 200 more while stopped, then a restart on the same checkpoint.
            EVENTS.publish(producer, in, 200, 200);
            try (RunningPipeline running = realTime(cluster, in, out).pipeline().start(SPARK)) {
                output.awaitSeqs(400, FIRST_RECORDS);
            }
            // 3. Every seq at least once.
            assertThat(Arrays.stream(output.seqs()).distinct().sorted().toArray()).containsExactly(LongStream.range(0, 400).toArray());
            System.out.printf("Real-Time Mode restart: %d records for 400 events (%d replayed)%n",
                    output.records().size(), output.records().size() - 400);
        }
    }

    /**
     * Purpose: a topic with more partitions than the application has task slots is refused, where
     * Spark itself would silently read only some of them.
     *
     * <p>How: a 3-partition input topic against local[2]; the pipeline is started.
     *
     * <p>Pass: start throws InvalidPipelineException naming 2 task slots, 3 partitions and the topic;
     * no query is running afterwards; with task slots declared as 3, the check passes.
     */
    @Test
    void refusesMorePartitionsThanTaskSlots(KafkaCluster cluster) throws Exception {
        String in = "rt_slots_in";
        cluster.createTopic(in, 3);
        cluster.createTopic("rt_slots_out", 1);
        RealTimeKafkaPipeline pattern = realTime(cluster, in, "rt_slots_out");
        // 1. Start on local[2].
        assertThatThrownBy(() -> pattern.pipeline().start(SPARK))
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("task slots: the application has 2 task slots (master local[2]) but"
                                + " the source reads 3 partitions (topic rt_slots_in: 3)"));
        // 2. Nothing started.
        assertThat(SPARK.streams().active()).noneMatch(q -> ("rt_" + in).equals(q.name()));
        // 3. Declared slots are believed.
        Pipeline declared = pattern.pipeline();
        assertThat(new RealTimeModeRequirements().withTaskSlots(3)
                .problems(declared, rawStream(cluster, in), SPARK)).isEmpty();
    }

    /**
     * Purpose: every configuration Real-Time Mode cannot run is refused at start with its cause, for a
     * core pipeline built by hand with the check attached (so none was caught at build time).
     *
     * <p>How: pipelines on a 2-partition topic with, in turn: a Delta sink, a foreachBatch sink,
     * maxOffsetsPerTrigger, append mode, a 3 s interval, and all of them at once; then a 5 s interval
     * with the session's minimum raised to 10 s; then a topic that does not exist.
     *
     * <p>Pass: each start throws InvalidPipelineException whose problems name that cause; all at once
     * gives four (one sink, the cap, the mode, the interval); a valid one gives none; no query is left
     * running.
     */
    @Test
    void refusesEachConfigurationRealTimeModeCannotRun(KafkaCluster cluster) throws Exception {
        String in = "rt_config_in";
        cluster.createTopic(in, 2);
        KafkaSink kafka = KafkaSink.builder().bootstrapServers(cluster.bootstrapServers()).topic("rt_config_out").build();
        // 1. One cause at a time.
        assertRefused(corePipeline(cluster, in, "delta").sink(DeltaSink.toPath(workspace.tablePath("rt_delta"))),
                "sink: DeltaSink");
        assertRefused(corePipeline(cluster, in, "foreach_batch").sink(new ForeachBatchSink()),
                "sink: ForeachBatchSink cannot be written in Real-Time Mode");
        assertRefused(corePipeline(cluster, in, "capped").source(source(cluster, in).maxOffsetsPerTrigger(100).build()),
                "maxOffsetsPerTrigger: Real-Time Mode reads records as they arrive");
        assertRefused(corePipeline(cluster, in, "append").outputMode(OutputMode.Append()),
                "outputMode: Real-Time Mode supports update only, got Append");
        assertRefused(corePipeline(cluster, in, "short").trigger(TriggerPolicy.realTime(Duration.ofSeconds(3))),
                "trigger realTime checkpoint interval: 3s is under the minimum of 5s");
        // 2. All at once.
        assertThatThrownBy(() -> corePipeline(cluster, in, "all").sink(DeltaSink.toPath(workspace.tablePath("rt_all")))
                        .source(source(cluster, in).maxOffsetsPerTrigger(100).build()).outputMode(OutputMode.Append())
                        .trigger(TriggerPolicy.realTime(Duration.ofSeconds(3))).build().start(SPARK))
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems()).hasSize(4));
        // 3. The minimum is the session's.
        SPARK.conf().set(RealTimeModeRequirements.MIN_BATCH_DURATION_CONF, "10s");
        try {
            assertRefused(corePipeline(cluster, in, "session_min").trigger(TriggerPolicy.realTime(Duration.ofSeconds(5))),
                    "trigger realTime checkpoint interval: 5s is under the minimum of 10s");
        } finally {
            SPARK.conf().unset(RealTimeModeRequirements.MIN_BATCH_DURATION_CONF);
        }
        // 4. A missing topic has no partitions to count.
        assertRefused(corePipeline(cluster, "rt_no_such_topic", "missing"),
                "source partitions: a topic of topics [rt_no_such_topic] does not exist");
        // 5. A valid one passes the check.
        assertThat(new RealTimeModeRequirements().problems(corePipeline(cluster, in, "valid").sink(kafka).build(),
                rawStream(cluster, in), SPARK)).isEmpty();
        assertThat(SPARK.streams().active()).noneMatch(q -> q.name() != null && q.name().startsWith("rt_core_"));
    }

    /**
     * Purpose: stateful operators are refused before start, named as the DataFrame operation that
     * caused them; a broadcast stream-static join is let through.
     *
     * <p>How: core pipelines whose transform is, in turn: groupBy().count(), a windowed aggregation,
     * dropDuplicates, a stream-stream join, a stream-static join with a static side of 800 MB, a
     * full outer stream-static join, and a stream-static left join on a small broadcast table.
     *
     * <p>Pass: each refused one throws InvalidPipelineException naming its operation; the broadcast
     * join gives no problem.
     */
    @Test
    void refusesStatefulOperatorsBeforeStart(KafkaCluster cluster) throws Exception {
        String in = "rt_stateful_in";
        cluster.createTopic(in, 2);
        Dataset<Row> small = SPARK.range(10).withColumnRenamed("id", "k");
        Dataset<Row> large = SPARK.range(100_000_000L).withColumnRenamed("id", "k");
        // 1. Aggregations, deduplication, joins.
        assertRefusedTransform(cluster, in, "count", rows -> rows.groupBy("key").count().selectExpr("key", "CAST(count AS STRING) AS value"),
                "operators: an aggregation (groupBy/agg, count, or a window(...) grouping) keeps state");
        assertRefusedTransform(cluster, in, "window", rows -> rows.withWatermark("timestamp", "1 minute")
                        .groupBy(window(col("timestamp"), "1 minute")).count().selectExpr("'k' AS key", "CAST(count AS STRING) AS value"),
                "operators: an aggregation");
        assertRefusedTransform(cluster, in, "dedup", rows -> rows.dropDuplicates("key").select("key", "value"),
                "operators: dropDuplicates/distinct keeps state");
        assertRefusedTransform(cluster, in, "stream_stream", rows -> rows.as("a").join(rows.as("b"),
                        col("a.key").equalTo(col("b.key"))).select(col("a.key"), col("a.value")),
                "operators: a stream-stream join (inner) keeps both streams as state");
        assertRefusedTransform(cluster, in, "large_static", rows -> rows.join(large, col("partition").equalTo(col("k")), "left")
                        .select("key", "value"),
                "operators: a stream-static left outer join has a static side estimated at 800000000 bytes");
        assertRefusedTransform(cluster, in, "full_outer", rows -> rows.join(small, col("partition").equalTo(col("k")), "full_outer")
                        .select("key", "value"),
                "operators: a stream-static full outer join cannot broadcast its static side");
        // 2. A broadcast stream-static join is what Real-Time Mode runs.
        Pipeline joined = corePipeline(cluster, in, "broadcast_join").build();
        Dataset<Row> plan = rawStream(cluster, in).join(broadcast(large), col("partition").equalTo(col("k")), "left")
                .select("key", "value");
        assertThat(new RealTimeModeRequirements().problems(joined, plan, SPARK)).isEmpty();
    }

    // --- helpers -------------------------------------------------------------------------------

    private static KafkaSource.Builder source(KafkaCluster cluster, String topic) {
        return KafkaSource.builder().bootstrapServers(cluster.bootstrapServers()).subscribe(topic);
    }

    private static Dataset<Row> rawStream(KafkaCluster cluster, String topic) {
        return source(cluster, topic).build().read(SPARK, Checkpoint.at(workspace.checkpointPath("rt_plan_" + topic),
                SPARK.sparkContext().hadoopConfiguration()));
    }

    /** A core pipeline that Real-Time Mode can run, with the check attached: each test breaks one thing. */
    private static Pipeline.Builder corePipeline(KafkaCluster cluster, String topic, String name) {
        return Pipeline.builder("rt_core_" + name)
                .source(source(cluster, topic).build())
                .transform(rows -> rows.select("key", "value"))
                .sink(KafkaSink.builder().bootstrapServers(cluster.bootstrapServers()).topic("rt_config_out").build())
                .trigger(TriggerPolicy.realTime(INTERVAL))
                .outputMode(OutputMode.Update())
                .checkpointLocation(workspace.checkpointPath("rt_core_" + name))
                .startCheck(new RealTimeModeRequirements());
    }

    private static void assertRefused(Pipeline.Builder pipeline, String problemStart) {
        assertThatThrownBy(() -> pipeline.build().start(SPARK))
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith(problemStart)));
    }

    private static void assertRefusedTransform(KafkaCluster cluster, String topic, String name, Transform transform,
                                               String problemStart) {
        Pipeline.Builder pipeline = Pipeline.builder("rt_core_" + name)
                .source(source(cluster, topic).build())
                .transform(transform)
                .sink(KafkaSink.builder().bootstrapServers(cluster.bootstrapServers()).topic("rt_config_out").build())
                .trigger(TriggerPolicy.realTime(INTERVAL))
                .outputMode(OutputMode.Update())
                .checkpointLocation(workspace.checkpointPath("rt_core_" + name))
                .startCheck(new RealTimeModeRequirements());
        assertRefused(pipeline, problemStart);
    }

    private static void assertProjected(ConsumerRecord<byte[], byte[]> record) {
        JsonNode value = json(record.value());
        Event sent = EVENTS.event(value.get("seq").asLong());
        List<String> fields = new ArrayList<>();
        value.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("event_id", "user_id", "amount", "seq", "processed_at");
        assertThat(value.get("event_id").asText()).isEqualTo(sent.eventId());
        assertThat(value.get("user_id").asText()).isEqualTo(sent.userId());
        assertThat(value.get("amount").asDouble()).isEqualTo(sent.amount());
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(sent.userId());
        long processedAt = OffsetDateTime.parse(value.get("processed_at").asText()).toInstant().toEpochMilli();
        assertThat(processedAt).as("processed_at of seq %d", sent.seq())
                .isBetween(producedAt(record), record.timestamp());
    }

    private static long seq(ConsumerRecord<byte[], byte[]> record) {
        return json(record.value()).path("seq").asLong(-1);
    }

    private static long producedAt(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(EventGenerator.PRODUCED_AT_HEADER);
        assertThat(header).as("forwarded %s header", EventGenerator.PRODUCED_AT_HEADER).isNotNull();
        return ByteBuffer.wrap(header.value()).getLong();
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new AssertionError("output value is not JSON: " + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }

    /** The output topic, read continuously from the start while a test waits on it. */
    private static final class OutputTopic implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

        OutputTopic(KafkaCluster cluster, String topic) {
            consumer = cluster.newConsumer(new ByteArrayDeserializer(), new ByteArrayDeserializer(), null,
                    Map.of("isolation.level", "read_committed"));
            var partitions = cluster.endOffsets(topic).keySet();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Waits until at least {@code count} distinct seqs have arrived. */
        void awaitSeqs(int count, Duration atMost) {
            await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return Arrays.stream(seqs()).distinct().count() >= count;
            });
        }

        long[] seqs() {
            return records.stream().mapToLong(RealTimeKafkaPipelineIT::seq).toArray();
        }

        List<ConsumerRecord<byte[], byte[]>> records() {
            return records;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    /** A sink written through foreachBatch, as dead-letter patterns have; never started here. */
    private static final class ForeachBatchSink implements Sink {
        @Override
        public List<String> validate() {
            return List.of();
        }

        @Override
        public StreamingQuery start(DataStreamWriter<Row> writer, Checkpoint checkpoint) throws TimeoutException {
            return writer.foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> { }).start();
        }

        @Override
        public DeliveryGuarantee deliveryGuarantee() {
            return DeliveryGuarantee.AT_LEAST_ONCE;
        }

        @Override
        public String toString() {
            return "ForeachBatchSink";
        }
    }
}
