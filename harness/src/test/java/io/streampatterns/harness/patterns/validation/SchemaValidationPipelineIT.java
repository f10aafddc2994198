package io.streampatterns.harness.patterns.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.core.RunningPipeline;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.harness.conformance.OutputReaders;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaTableReader;
import io.streampatterns.harness.delta.DeltaWorkspace;
import io.streampatterns.harness.junit.KafkaClusterConfig;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.spark.LocalSpark;
import io.streampatterns.harness.patterns.validation.ValidationCases.Case;
import io.streampatterns.harness.patterns.validation.ValidationCases.Sent;
import io.streampatterns.patterns.validation.SchemaValidationPipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Schema validation with a dead letter queue, micro-batch variant, against a real broker. */
@KafkaClusterConfig(brokers = 1)
class SchemaValidationPipelineIT {
    private static final SparkSession SPARK = LocalSpark.session();
    private static final EventGenerator EVENTS = new EventGenerator(11);
    /** Seqs of hand-made cases start here, far from the generated events'. */
    private static final long CASE_SEQS = 1_000_000;
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
     * Purpose: every record ends up in exactly one of the valid topic and the DLQ, each dead letter
     * with its exact reason, detail, source coordinates and original record; and a restart on the
     * checkpoint adds only what is new.
     *
     * <p>How: 300 generated events, 8 valid edge cases (optional field absent or null, an extra
     * field, an integer amount, the largest double, multi-byte characters, a 900 KiB value, no
     * headers at all) and 23 invalid records of every kind (not JSON, empty, tombstone, single
     * quotes, text after the document, array, number, JSON null, mistyped fields, absent and null
     * required fields, and the I-JSON rules: a duplicate member, a byte order mark, Latin-1 bytes,
     * a number beyond a double, an integer beyond its field's type) go to a 2-partition topic,
     * each with a key and a trace header. The pipeline runs until all is processed and stops; 100 more events and 2 more
     * invalid records are sent and it runs again on the same checkpoint.
     *
     * <p>Pass: the valid topic holds the 308 (then 408) valid records, byte for byte, with key and
     * headers, each once; the DLQ holds the 23 (then 25) invalid ones, each once, carrying the reason
     * and detail of its case, the partition and offset the producer was given, the original key,
     * value and headers and the {@code __connect.errors.*} headers after them; valid plus dead
     * letters equal the input, and no record is in both.
     */
    @Test
    void splitsEveryRecordIntoValidOrDeadLetterAndResumes(KafkaCluster cluster) throws Exception {
        String topic = "validation_in";
        String validTopic = "validation_valid";
        String dlqTopic = "validation_dlq";
        cluster.createTopic(topic, 2);
        cluster.createTopic(validTopic, 2);
        cluster.createTopic(dlqTopic, 1);
        List<Case> invalid = ValidationCases.invalid(EVENTS, CASE_SEQS);
        List<Case> edges = ValidationCases.validEdges(EVENTS, CASE_SEQS + 100);

        // 1. Generated events around the hand-made cases.
        List<Sent> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of())) {
            EVENTS.publish(producer, topic, 0, 150);
            sent.addAll(ValidationCases.send(cluster, topic, Stream.concat(invalid.stream(), edges.stream()).toList()));
            EVENTS.publish(producer, topic, 150, 150);
        }

        // 2. Validate everything there is.
        SchemaValidationPipeline pattern = validation(cluster, topic, "validation_run", validTopic, dlqTopic);
        try (RunningPipeline running = pattern.pipeline().start(SPARK)) {
            running.processAllAvailable();
        }

        // 3. Valid records forwarded unchanged, dead letters exact, nothing in both.
        long[] edgeSeqs = LongStream.range(CASE_SEQS + 100, CASE_SEQS + 100 + edges.size()).toArray();
        ValidationCases.assertValidTopic(cluster, EVENTS, validTopic, LongStream.range(0, 300).toArray(), edges, edgeSeqs);
        List<Sent> sentInvalid = sent.stream().filter(s -> !s.sent().valid()).toList();
        ValidationCases.assertDeadLetters(cluster, dlqTopic, topic, "validation_run", sentInvalid,
                OutputReaders.deadLettersInTopic(cluster, dlqTopic));
        ValidationCases.assertNoRecordInBoth(cluster, validTopic, dlqTopic, 300 + edges.size() + invalid.size());

        // 4. More input while stopped; a restart on the same checkpoint processes only that.
        List<Case> later = invalid.subList(0, 2).stream()
                .map(c -> new Case(c.label() + "-later", c.value(), c.reason(), c.detail())).toList();
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of())) {
            EVENTS.publish(producer, topic, 300, 100);
        }
        sentInvalid = new ArrayList<>(sentInvalid);
        sentInvalid.addAll(ValidationCases.send(cluster, topic, later));
        try (RunningPipeline running = pattern.pipeline().start(SPARK)) {
            running.processAllAvailable();
        }

        // 5. Each record still once.
        ValidationCases.assertValidTopic(cluster, EVENTS, validTopic, LongStream.range(0, 400).toArray(), edges, edgeSeqs);
        ValidationCases.assertDeadLetters(cluster, dlqTopic, topic, "validation_run", sentInvalid,
                OutputReaders.deadLettersInTopic(cluster, dlqTopic));
        ValidationCases.assertNoRecordInBoth(cluster, validTopic, dlqTopic, 400 + edges.size() + invalid.size() + later.size());
    }

    /**
     * Purpose: valid records can go, parsed, to a Delta table exactly once while invalid ones go to
     * the DLQ, over several capped batches.
     *
     * <p>How: 250 events and 3 invalid records into a 2-partition topic; the pipeline writes valid
     * records to a Delta table with at most 150 records a batch.
     *
     * <p>Pass: the table holds seqs 0..249 once each, with parsed fields and source coordinates;
     * the DLQ holds the 3 invalid records with their reasons; no batch read more than 150 records.
     */
    @Test
    void writesValidRecordsToADeltaTable(KafkaCluster cluster) throws Exception {
        String topic = "validation_delta_in";
        String dlqTopic = "validation_delta_dlq";
        String table = workspace.tablePath(topic);
        cluster.createTopic(topic, 2);
        cluster.createTopic(dlqTopic, 1);
        List<Case> invalid = ValidationCases.invalid(EVENTS, CASE_SEQS);
        List<Case> picked = List.of(invalid.get(0), invalid.get(8), invalid.get(14));

        // 1. Events, then three invalid records.
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of())) {
            EVENTS.publish(producer, topic, 0, 250);
        }
        List<Sent> sentInvalid = ValidationCases.send(cluster, topic, picked);

        // 2. Validate into a table, 150 records a batch.
        SchemaValidationPipeline pattern = SchemaValidationPipeline.builder()
                .name("validation_delta").bootstrapServers(cluster.bootstrapServers()).topic(topic)
                .eventSchema(EventGenerator.SCHEMA).validTablePath(table).dlqTopic(dlqTopic)
                .maxOffsetsPerTrigger(150).trigger(TriggerPolicy.processingTime(Duration.ZERO))
                .checkpointLocation(workspace.checkpointPath(topic)).build();
        try (RunningPipeline running = pattern.pipeline().start(SPARK)) {
            running.processAllAvailable();
            assertThat(running.progressHistory()).allSatisfy(p -> assertThat(p.numInputRows()).isLessThanOrEqualTo(150));
        }

        // 3. The table: every valid seq once, parsed, with where it came from.
        DeltaTableReader reader = new DeltaTableReader(SPARK, table);
        assertThat(reader.seqs()).containsExactly(LongStream.range(0, 250).toArray());
        assertThat(reader.duplicateCoordinates()).isEmpty();
        Row first = reader.table().filter("seq = 7").first();
        assertThat(first.<String>getAs("event_id")).isEqualTo(EVENTS.event(7).eventId());
        assertThat(first.<Double>getAs("amount")).isEqualTo(EVENTS.event(7).amount());
        assertThat(first.<String>getAs("key")).isEqualTo(EVENTS.event(7).userId());
        assertThat(first.<String>getAs("topic")).isEqualTo(topic);

        // 4. The DLQ: the three, exactly.
        ValidationCases.assertDeadLetters(cluster, dlqTopic, topic, "validation_delta", sentInvalid,
                OutputReaders.deadLettersInTopic(cluster, dlqTopic));
    }

    private static SchemaValidationPipeline validation(KafkaCluster cluster, String topic, String name,
                                                       String validTopic, String dlqTopic) {
        return SchemaValidationPipeline.builder()
                .name(name)
                .bootstrapServers(cluster.bootstrapServers())
                .topic(topic)
                .eventSchema(EventGenerator.SCHEMA)
                .validTopic(validTopic)
                .dlqTopic(dlqTopic)
                .checkpointLocation(workspace.checkpointPath(name))
                .trigger(TriggerPolicy.processingTime(Duration.ZERO))
                .build();
    }
}
