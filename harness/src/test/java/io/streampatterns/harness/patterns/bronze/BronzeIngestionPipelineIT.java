package io.streampatterns.harness.patterns.bronze;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.core.RunningPipeline;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.delta.DeltaSink;
import io.streampatterns.core.transform.JsonValueParser;
import io.streampatterns.harness.data.Event;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaTableReader;
import io.streampatterns.harness.delta.DeltaWorkspace;
import io.streampatterns.harness.junit.KafkaClusterConfig;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.spark.LocalSpark;
import io.streampatterns.patterns.bronze.BronzeIngestionPipeline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bronze pattern against a real broker and real Delta tables. */
@KafkaClusterConfig(brokers = 1)
class BronzeIngestionPipelineIT {
    private static final Duration FAST_TRIGGER = Duration.ZERO;

    private static final SparkSession SPARK = LocalSpark.session();
    private static final EventGenerator EVENTS = new EventGenerator(42);
    private static DeltaWorkspace workspace;

    @BeforeAll
    static void createWorkspace() {
        workspace = DeltaWorkspace.create();
    }

    @AfterAll
    static void deleteWorkspace() {
        workspace.close();
    }

    private static BronzeIngestionPipeline bronze(KafkaCluster cluster, String topic, DeltaSink table) {
        return BronzeIngestionPipeline.builder()
                .bootstrapServers(cluster.bootstrapServers())
                .topic(topic)
                .eventSchema(EventGenerator.SCHEMA)
                .table(table)
                .checkpointLocation(workspace.checkpointPath(topic))
                .trigger(TriggerPolicy.processingTime(FAST_TRIGGER))
                .build();
    }

    /**
     * Purpose: the documented promise of bronze ingestion, exactly once across a restart.
     *
     * <p>How: 20,000 events into a 3-partition topic are ingested; the query stops; 5,000 more
     * are produced while it is down; a new query on the same checkpoint ingests them.
     *
     * <p>Pass: 20,000 rows, then 25,000; every (partition, offset) once; per partition the offsets
     * are exactly 0 up to the broker's end offset; each row's fields and metadata match the event
     * that was sent.
     */
    @Test
    void ingestsEveryEventOnceAndResumesFromTheCheckpoint(KafkaCluster cluster) throws Exception {
        String topic = "bronze_restart";
        String table = workspace.tablePath(topic);
        cluster.createTopic(topic, 3);
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of())) {
            // 1. Produce 20,000 events and ingest them.
            EVENTS.publish(producer, topic, 0, 20_000);
            try (RunningPipeline running = bronze(cluster, topic, DeltaSink.toPath(table)).pipeline().start(SPARK)) {
                running.processAllAvailable();
            }
            // 2. Exactly the 20,000, each once, as sent.
            assertExactlyOnce(cluster, topic, table, 20_000);

            // 3. Produce 5,000 more while the pipeline is down, then restart on the same checkpoint.
            EVENTS.publish(producer, topic, 20_000, 5_000);
            try (RunningPipeline running = bronze(cluster, topic, DeltaSink.toPath(table)).pipeline().start(SPARK)) {
                running.processAllAvailable();
                assertThat(running.consumerLag().total()).isZero();
            }
        }
        // 4. Only the new events were added.
        assertExactlyOnce(cluster, topic, table, 25_000);
    }

    /**
     * Purpose: the foreachBatch variant (txnAppId/txnVersion) is exactly once too.
     *
     * <p>How: as above with {@code idempotentBatches()}, batches capped at 1,000 records, so the
     * run spans several Delta transactions; then a restart with more input.
     *
     * <p>Pass: every seq once after the first run and after the restart.
     */
    @Test
    void idempotentBatchesAreExactlyOnceAcrossARestart(KafkaCluster cluster) throws Exception {
        String topic = "bronze_txn";
        String table = workspace.tablePath(topic);
        cluster.createTopic(topic, 2);
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of())) {
            // 1. Ingest 3,000 events in batches of at most 1,000.
            EVENTS.publish(producer, topic, 0, 3_000);
            BronzeIngestionPipeline bronze = BronzeIngestionPipeline.builder()
                    .bootstrapServers(cluster.bootstrapServers()).topic(topic).eventSchema(EventGenerator.SCHEMA)
                    .table(DeltaSink.toPath(table).idempotentBatches()).maxOffsetsPerTrigger(1_000)
                    .checkpointLocation(workspace.checkpointPath(topic))
                    .trigger(TriggerPolicy.processingTime(FAST_TRIGGER)).build();
            try (RunningPipeline running = bronze.pipeline().start(SPARK)) {
                running.processAllAvailable();
                // 2. No batch read more than the cap.
                assertThat(running.progressHistory()).allSatisfy(p -> assertThat(p.numInputRows()).isLessThanOrEqualTo(1_000));
            }
            // 3. Restart with 1,500 more.
            EVENTS.publish(producer, topic, 3_000, 1_500);
            try (RunningPipeline running = bronze.pipeline().start(SPARK)) {
                running.processAllAvailable();
            }
        }
        // 4. Every seq once.
        assertThat(new DeltaTableReader(SPARK, table).seqs()).containsExactly(seqsUpTo(4_500));
    }

    /**
     * Purpose: bronze loses nothing, not even a record that is not JSON.
     *
     * <p>How: one valid event and one malformed payload are ingested.
     *
     * <p>Pass: two rows; the malformed one has null fields and its raw text in
     * {@value JsonValueParser#MALFORMED_COLUMN}, the valid one has that column null.
     */
    @Test
    void keepsMalformedRecordsWithTheirText(KafkaCluster cluster) throws Exception {
        String topic = "bronze_malformed";
        String table = workspace.tablePath(topic);
        cluster.createTopic(topic, 1);
        // 1. One good event, one broken payload.
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of())) {
            producer.send(new ProducerRecord<>(topic, "k1", EVENTS.event(7).toJson())).get();
            producer.send(new ProducerRecord<>(topic, "k2", "{not json")).get();
        }
        // 2. Ingest.
        try (RunningPipeline running = bronze(cluster, topic, DeltaSink.toPath(table)).pipeline().start(SPARK)) {
            running.processAllAvailable();
        }
        // 3. Both rows are there, told apart by the malformed column.
        List<Row> rows = new DeltaTableReader(SPARK, table).table().orderBy("offset").collectAsList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).<Long>getAs("seq")).isEqualTo(7L);
        assertThat(rows.get(0).<String>getAs(JsonValueParser.MALFORMED_COLUMN)).isNull();
        assertThat(rows.get(1).<String>getAs("event_id")).isNull();
        assertThat(rows.get(1).<String>getAs(JsonValueParser.MALFORMED_COLUMN)).isEqualTo("{not json");
    }

    private static void assertExactlyOnce(KafkaCluster cluster, String topic, String table, int expected) {
        DeltaTableReader reader = new DeltaTableReader(SPARK, table);
        assertThat(reader.count()).isEqualTo(expected);
        assertThat(reader.duplicateCoordinates()).isEmpty();
        // Per partition: offsets 0..end-1, each once.
        for (Map.Entry<TopicPartition, Long> end : cluster.endOffsets(topic).entrySet()) {
            Row stats = reader.table().filter(col("partition").equalTo(end.getKey().partition()))
                    .selectExpr("count(*)", "count(distinct offset)", "min(offset)", "max(offset)").first();
            assertThat(stats.getLong(0)).as("rows of %s", end.getKey()).isEqualTo(end.getValue());
            assertThat(stats.getLong(1)).isEqualTo(end.getValue());
            if (end.getValue() > 0) {
                assertThat(stats.getLong(2)).isZero();
                assertThat(stats.getLong(3)).isEqualTo(end.getValue() - 1);
            }
        }
        // Every row is the event that was sent, with its metadata.
        for (Row row : reader.table().collectAsList()) {
            Event sent = EVENTS.event(row.<Long>getAs("seq"));
            assertThat(row.<String>getAs("event_id")).isEqualTo(sent.eventId());
            assertThat(row.<String>getAs("key")).isEqualTo(sent.userId());
            assertThat(row.<String>getAs("user_id")).isEqualTo(sent.userId());
            assertThat(row.<Double>getAs("amount")).isEqualTo(sent.amount());
            assertThat(row.<java.sql.Timestamp>getAs("event_time").toInstant()).isEqualTo(sent.eventTime());
            assertThat(row.<String>getAs("topic")).isEqualTo(topic);
            assertThat(row.<java.sql.Timestamp>getAs("kafka_timestamp")).isNotNull();
            assertThat(row.<java.sql.Timestamp>getAs("ingestion_timestamp"))
                    .isAfterOrEqualTo(row.<java.sql.Timestamp>getAs("kafka_timestamp"));
            assertThat(row.<String>getAs(JsonValueParser.MALFORMED_COLUMN)).isNull();
        }
        assertThat(reader.seqs()).containsExactly(seqsUpTo(expected));
    }

    private static long[] seqsUpTo(int count) {
        return java.util.stream.LongStream.range(0, count).toArray();
    }
}
