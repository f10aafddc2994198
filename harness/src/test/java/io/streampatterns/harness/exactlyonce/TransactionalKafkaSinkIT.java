package io.streampatterns.harness.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streampatterns.core.InvalidPipelineException;
import io.streampatterns.core.kafka.ReplayRefusedException;
import io.streampatterns.core.kafka.TransactionalKafkaSink;
import io.streampatterns.harness.junit.KafkaClusterConfig;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.kafka.TopicReader;
import io.streampatterns.harness.spark.LocalSpark;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The transactional Kafka sink against a real broker: a replayed batch is written once, a replay cut
 * otherwise is refused, a zombie of a slice is fenced, a timeout the broker does not allow is refused
 * before the query starts, and a slice that outlives its transaction fails loudly with nothing visible.
 * The broker aborts timed-out transactions every second instead of every ten, and a client quota
 * slows one producer down, to provoke that last fault.
 */
@KafkaClusterConfig(brokers = 1, brokerProperties = {
        "transaction.abort.timed.out.transaction.cleanup.interval.ms=1000",
        "transaction.max.timeout.ms=600000"})
class TransactionalKafkaSinkIT {
    private static final SparkSession SPARK = LocalSpark.session();
    private static final int SLICES = 3;
    private static final int PER_SLICE = 100;

    /**
     * Purpose: the sink's promise: a batch replayed after a crash adds nothing.
     * How: write batch 7 of 300 records in 3 slices, then write batch 7 again (the replay); the same
     * with replay detection off, to show the count can fail.
     * Pass: 300 records, each once, through a read_committed reader; 600 without replay detection.
     */
    @Test
    void aReplayedBatchIsWrittenOnce(KafkaCluster cluster) {
        // 1. Batch 7, then its replay
        TransactionalKafkaSink sink = sink(cluster, "replayed", "replayed").build();
        sink.writeBatch(records(SLICES), 7);
        sink.writeBatch(records(SLICES), 7);

        // 2. Once each
        List<String> values = values(cluster, "replayed");
        assertThat(values).hasSize(SLICES * PER_SLICE).doesNotHaveDuplicates();
        assertThat(partitionsOfKeys(cluster, "replayed")).as("each key in the partition Kafka's partitioner gives it")
                .allSatisfy((key, partition) -> assertThat(partition)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), SLICES)));

        // 3. The same without replay detection: written twice
        TransactionalKafkaSink careless = sink(cluster, "careless", "careless").withoutReplayDetection().build();
        careless.writeBatch(records(SLICES), 7);
        careless.writeBatch(records(SLICES), 7);
        assertThat(values(cluster, "careless")).hasSize(2 * SLICES * PER_SLICE);
    }

    /**
     * Purpose: records that name their topic (routes, valid records and dead letters) are written
     * once each, to their own topic, even when the batch is replayed.
     * How: 300 records, a third of them to a topic of 2 partitions and the rest to one of 3 (5
     * slices); write batch 3, replay it; then a batch with a row naming an undeclared topic.
     * Pass: 100 and 200 records, none twice, each key in its topic's partitioner partition; the
     * undeclared topic fails the batch naming it, and nothing of that batch is visible.
     */
    @Test
    void recordsNamingTheirTopicAreWrittenOnceEachToTheirTopic(KafkaCluster cluster) {
        // 1. Two topics, one sink, batch 3 and its replay
        cluster.createTopic("routed-dlq", 2);
        cluster.createTopic("routed-valid", SLICES);
        TransactionalKafkaSink sink = TransactionalKafkaSink.builder().bootstrapServers(cluster.bootstrapServers())
                .topicFromColumn(List.of("routed-valid", "routed-dlq")).transactionalIdPrefix("routed").build();
        Dataset<Row> routed = records(SLICES).selectExpr("IF(CAST(key AS INT) % 3 = 0, 'routed-dlq', 'routed-valid') AS topic",
                "key", "value");
        sink.writeBatch(routed, 3);
        sink.writeBatch(routed, 3);

        // 2. Each record once, in its topic, where Kafka's partitioner would put it
        assertThat(values(cluster, "routed-dlq")).hasSize(PER_SLICE).doesNotHaveDuplicates();
        assertThat(values(cluster, "routed-valid")).hasSize(2 * PER_SLICE).doesNotHaveDuplicates();
        assertThat(partitionsOfKeys(cluster, "routed-dlq")).allSatisfy((key, partition) -> assertThat(partition)
                .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), 2)));

        // 3. A row naming a topic the sink was not given fails the batch before anything of it commits
        Dataset<Row> stray = routed.selectExpr("IF(CAST(key AS INT) = 7, 'elsewhere', topic) AS topic", "key", "value");
        assertThatThrownBy(() -> sink.writeBatch(stray, 4)).hasStackTraceContaining("topic 'elsewhere'");
        assertThat(values(cluster, "routed-valid")).hasSize(2 * PER_SLICE);
    }

    /**
     * Purpose: a replay that would not write what the first attempt wrote is refused, not written.
     * How: commit batch 5 to a topic of 3 partitions (3 slices); add a fourth partition and replay it;
     * then write batch 4, older than the output.
     * Pass: both refused with a ReplayRefusedException naming the slices or the batches; still 300 records.
     */
    @Test
    void aReplayCutOtherwiseOrOlderThanTheOutputIsRefused(KafkaCluster cluster) throws Exception {
        // 1. Batch 5 in 3 slices
        TransactionalKafkaSink sink = sink(cluster, "recut", "recut").build();
        sink.writeBatch(records(SLICES), 5);

        // 2. Its replay in 4 slices, and an older batch
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            admin.createPartitions(Map.of("recut", NewPartitions.increaseTo(4))).all().get();
        }
        assertThatThrownBy(() -> sink.writeBatch(records(SLICES), 5))
                .isInstanceOf(ReplayRefusedException.class)
                .hasMessageContaining("batch 5 was committed cut into 3 slices; the replay cuts it into 4");
        assertThatThrownBy(() -> sink.writeBatch(records(SLICES), 4))
                .isInstanceOf(ReplayRefusedException.class)
                .hasMessageContaining("has committed batch 5 but the query is writing batch 4");

        // 3. Nothing written by the refused batches
        assertThat(values(cluster, "recut")).hasSize(SLICES * PER_SLICE);
    }

    /**
     * Purpose: a zombie (an earlier attempt of a slice, still running) cannot commit.
     * How: a producer with slice 0's transactional.id opens a transaction and sends a record; the sink
     * then writes batch 1; the zombie tries to commit.
     * Pass: the zombie's commit fails; the output holds the batch's 300 records and not the zombie's.
     */
    @Test
    void aZombieOfASliceIsFenced(KafkaCluster cluster) {
        // 1. The zombie's open transaction
        TransactionalKafkaSink sink = sink(cluster, "zombie", "zombie").build();
        KafkaProducer<String, String> zombie = cluster.newProducer(new StringSerializer(), new StringSerializer(),
                Map.of("transactional.id", "zombie-0"));
        zombie.initTransactions();
        zombie.beginTransaction();
        zombie.send(new ProducerRecord<>("zombie", 0, null, "from the zombie"));
        zombie.flush();

        // 2. The slice's new attempt
        sink.writeBatch(records(SLICES), 1);

        // 3. Fenced
        assertThatThrownBy(zombie::commitTransaction).isInstanceOf(KafkaException.class);
        zombie.close(Duration.ofSeconds(5));
        assertThat(values(cluster, "zombie")).hasSize(SLICES * PER_SLICE).doesNotContain("from the zombie");
    }

    /**
     * Purpose: a transaction timeout the broker would not grant fails before the query starts.
     * How: ask for 20 minutes against a broker whose transaction.max.timeout.ms is 10 minutes, and start.
     * Pass: an InvalidPipelineException naming transactionTimeout and the broker's maximum; no query runs.
     */
    @Test
    void aTimeoutOverTheBrokersMaximumIsRefusedBeforeStart(KafkaCluster cluster) {
        TransactionalKafkaSink sink = sink(cluster, "too_long", "too_long").transactionTimeout(Duration.ofMinutes(20)).build();
        var writer = SPARK.readStream().format("rate").load().selectExpr("CAST(value AS STRING) AS value").writeStream();

        assertThatThrownBy(() -> sink.start(writer, null))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining("transactionTimeout: 1200000 ms is over the broker's transaction.max.timeout.ms=600000");
        assertThat(SPARK.streams().active()).isEmpty();
    }

    /**
     * Purpose: a slice that outlives its transaction fails loudly and shows nothing.
     * How: a 2 s transaction timeout, and the slice's producer throttled by a broker quota to 2 KB/s
     * while it writes 50 KB (the broker aborts timed-out transactions every second here).
     * Pass: writeBatch fails naming transaction.timeout.ms; a read_committed reader sees no record.
     */
    @Test
    void aSliceThatOutlivesItsTransactionFailsLoudly(KafkaCluster cluster) throws Exception {
        // 1. A producer the broker slows down
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            admin.alterClientQuotas(List.of(new ClientQuotaAlteration(
                    new ClientQuotaEntity(Map.of(ClientQuotaEntity.CLIENT_ID, "throttled")),
                    List.of(new ClientQuotaAlteration.Op("producer_byte_rate", 2_000.0))))).all().get();
        }
        Dataset<Row> large = SPARK.range(0, 50, 1, 1)
                .selectExpr("CAST(id AS STRING) AS key", "concat(to_json(named_struct('seq', id)), repeat(' ', 1000)) AS value");
        TransactionalKafkaSink sink = sink(cluster, "timed_out", "timed_out").transactionTimeout(Duration.ofSeconds(2))
                .kafkaOption("client.id", "throttled").build();

        // 2. Fails, saying why
        assertThatThrownBy(() -> sink.writeBatch(large, 0))
                .hasStackTraceContaining("over transaction.timeout.ms=2000");

        // 3. Nothing visible
        assertThat(values(cluster, "timed_out")).isEmpty();
    }

    private static TransactionalKafkaSink.Builder sink(KafkaCluster cluster, String topic, String prefix) {
        cluster.createTopic(topic, SLICES);
        return TransactionalKafkaSink.builder().bootstrapServers(cluster.bootstrapServers()).topic(topic)
                .transactionalIdPrefix(prefix);
    }

    /** {@code slices} × 100 records, values {@code {"seq":n}}, in {@code slices} partitions. */
    private static Dataset<Row> records(int slices) {
        return SPARK.range(0, (long) slices * PER_SLICE, 1, slices)
                .selectExpr("CAST(id AS STRING) AS key", "to_json(named_struct('seq', id)) AS value");
    }

    private static Map<String, Integer> partitionsOfKeys(KafkaCluster cluster, String topic) {
        Map<String, Integer> partitions = new HashMap<>();
        TopicReader.readAll(cluster, topic).forEach(r -> partitions.put(new String(r.key(), StandardCharsets.UTF_8), r.partition()));
        return partitions;
    }

    private static List<String> values(KafkaCluster cluster, String topic) {
        return TopicReader.readAll(cluster, topic).stream()
                .map(ConsumerRecord::value).map(v -> new String(v, StandardCharsets.UTF_8)).toList();
    }
}
