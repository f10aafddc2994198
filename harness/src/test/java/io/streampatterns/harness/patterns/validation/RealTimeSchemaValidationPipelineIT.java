package io.streampatterns.harness.patterns.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streampatterns.core.Capability;
import io.streampatterns.core.RunningPipeline;
import io.streampatterns.harness.conformance.OutputReaders;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaWorkspace;
import io.streampatterns.harness.junit.KafkaClusterConfig;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.spark.LocalSpark;
import io.streampatterns.harness.patterns.validation.ValidationCases.Case;
import io.streampatterns.harness.patterns.validation.ValidationCases.Sent;
import io.streampatterns.patterns.validation.RealTimeSchemaValidationPipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Schema validation with a dead letter queue in Real-Time Mode, against a real broker. */
@KafkaClusterConfig(brokers = 1)
class RealTimeSchemaValidationPipelineIT {
    private static final SparkSession SPARK = LocalSpark.session();
    private static final EventGenerator EVENTS = new EventGenerator(12);
    private static final long CASE_SEQS = 1_000_000;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static DeltaWorkspace workspace;

    @BeforeAll
    static void createWorkspace() {
        workspace = DeltaWorkspace.create();
    }

    @AfterAll
    static void deleteWorkspace() {
        workspace.close();
    }

    /**
     * Purpose: in Real-Time Mode, with one Kafka write and a per-row topic, every record still
     * lands in exactly one of the valid topic and the DLQ, with the same dead letters as the
     * micro-batch variant, both for records there at start and for records arriving while it runs.
     *
     * <p>How: a 2-partition topic (local[2] has 2 task slots) gets 100 events, 5 valid edge cases
     * (one without headers) and 7 invalid records (not JSON, tombstone, array, mistyped amount, mistyped event_id, absent
     * and null user_id); the pipeline starts with a 5 s checkpoint interval; once those are through,
     * 50 more events and 2 invalid records are sent while it runs. Awaitility waits for the counts.
     *
     * <p>Pass: the valid topic holds the 155 valid records, byte for byte, each once; the DLQ holds
     * the 9 invalid ones, each once, with reason, detail, source partition and offset as the
     * producer was told, original key, value and headers and the {@code __connect.errors.*} headers;
     * no record is in both.
     */
    @Test
    void splitsRecordsInRealTimeMode(KafkaCluster cluster) throws Exception {
        String topic = "rt_validation_in";
        String validTopic = "rt_validation_valid";
        String dlqTopic = "rt_validation_dlq";
        cluster.createTopic(topic, 2);
        cluster.createTopic(validTopic, 2);
        cluster.createTopic(dlqTopic, 1);
        List<Case> all = ValidationCases.invalid(EVENTS, CASE_SEQS);
        List<Case> invalid = all.stream().filter(c -> Set.of("not-json", "tombstone", "array", "amount-abc",
                "event-id-object", "user-id-absent", "user-id-null").contains(c.label())).toList();
        List<Case> edges = ValidationCases.validEdges(EVENTS, CASE_SEQS + 100);
        long[] edgeSeqs = LongStream.range(CASE_SEQS + 100, CASE_SEQS + 100 + edges.size()).toArray();

        // 1. Records there before the start.
        List<Sent> sentInvalid = new ArrayList<>();
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of())) {
            EVENTS.publish(producer, topic, 0, 100);
        }
        sentInvalid.addAll(ValidationCases.send(cluster, topic, invalid));
        ValidationCases.send(cluster, topic, edges);

        RealTimeSchemaValidationPipeline pattern = RealTimeSchemaValidationPipeline.builder()
                .name("rt_validation")
                .bootstrapServers(cluster.bootstrapServers())
                .topic(topic)
                .eventSchema(EventGenerator.SCHEMA)
                .validTopic(validTopic)
                .dlqTopic(dlqTopic)
                .checkpointInterval(Duration.ofSeconds(5))
                .checkpointLocation(workspace.checkpointPath("rt_validation"))
                .build();
        assertThat(pattern.capabilities()).contains(Capability.REAL_TIME_MODE, Capability.DEAD_LETTER_QUEUE);
        try (RunningPipeline running = pattern.pipeline().start(SPARK)) {
            // 2. They come through.
            awaitTotals(cluster, validTopic, 100 + edges.size(), dlqTopic, invalid.size());

            // 3. Records sent while it runs come through too.
            try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of())) {
                EVENTS.publish(producer, topic, 100, 50);
            }
            List<Case> later = invalid.subList(0, 2).stream()
                    .map(c -> new Case(c.label() + "-later", c.value(), c.reason(), c.detail())).toList();
            sentInvalid.addAll(ValidationCases.send(cluster, topic, later));
            awaitTotals(cluster, validTopic, 150 + edges.size(), dlqTopic, invalid.size() + 2);
        }

        // 4. Exactly the right records on each side.
        ValidationCases.assertValidTopic(cluster, EVENTS, validTopic, LongStream.range(0, 150).toArray(), edges, edgeSeqs);
        ValidationCases.assertDeadLetters(cluster, dlqTopic, topic, "rt_validation", sentInvalid,
                OutputReaders.deadLettersInTopic(cluster, dlqTopic));
        ValidationCases.assertNoRecordInBoth(cluster, validTopic, dlqTopic, 150 + edges.size() + invalid.size() + 2);
    }

    private static void awaitTotals(KafkaCluster cluster, String validTopic, long valid, String dlqTopic, long dead) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(ValidationCases.total(cluster, validTopic)).isGreaterThanOrEqualTo(valid);
            assertThat(ValidationCases.total(cluster, dlqTopic)).isGreaterThanOrEqualTo(dead);
        });
    }
}
