package com.example.clickstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streampatterns.core.Capability;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.core.dlq.DeadLetterRecord;
import io.streampatterns.core.dlq.DlqReason;
import io.streampatterns.harness.conformance.DeadLetterLocation;
import io.streampatterns.harness.conformance.OutputLocation;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * {@link ClickstreamBronzeJob} under the conformance kit: the job started on a run's topics, table
 * and checkpoint, its promises, and how to read its dead letters. The job itself knows nothing of the kit.
 */
public class ClickstreamBronzeJobUnderTest implements PipelineUnderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The job's own cap, used when a check does not set one. */
    private static final long DEFAULT_CAP = 10_000;

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.EXACTLY_ONCE; // the Delta append is idempotent per batch
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TRACEABLE_RECORDS, Capability.CHECKPOINT_RESTART, Capability.CAPPED_BATCHES,
                Capability.PER_PARTITION_ORDER, Capability.SLA_TRIGGER, Capability.DEAD_LETTER_QUEUE);
    }

    @Override
    public StreamingQuery start(TestRun run) throws TimeoutException {
        return ClickstreamBronzeJob.start(run.spark(), new ClickstreamBronzeJob.Settings(
                run.sparkKafkaOptions(), run.inputTopic(), run.outputTable(), run.dlqTopic(),
                run.checkpointLocation(), run.sparkTrigger(), run.maxOffsetsPerTrigger().orElse(DEFAULT_CAP),
                run.name()));
    }

    @Override
    public OutputLocation output(TestRun run) {
        return OutputLocation.deltaTable(run.outputTable(), "seq").withSourceOrder("kafka_partition", "kafka_offset");
    }

    @Override
    public Optional<DeadLetterLocation> deadLetters(TestRun run) {
        return Optional.of(DeadLetterLocation.kafkaTopic(run.dlqTopic(), ClickstreamBronzeJobUnderTest::deadLetter));
    }

    /** One of the job's dead letters, in the kit's terms. */
    static DeadLetterRecord deadLetter(ConsumerRecord<byte[], byte[]> record) {
        JsonNode letter;
        try {
            letter = JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException("a dead letter that is not JSON at offset " + record.offset(), e);
        }
        String payload = letter.path("payload").asText(null);
        return new DeadLetterRecord(null, payload == null ? null : payload.getBytes(StandardCharsets.UTF_8),
                reasonOf(letter.path("error_code").asText("")), letter.path("error").asText(null),
                letter.path("topic").asText(null), letter.path("partition").asInt(-1), letter.path("offset").asLong(-1),
                "clickstream-bronze", null, Map.of());
    }

    /** The kit's reason for one of the job's error codes; null for a code it does not know. */
    private static DlqReason reasonOf(String errorCode) {
        return switch (errorCode) {
            case ClickstreamBronzeJob.UNPARSEABLE -> DlqReason.MALFORMED_JSON;
            case ClickstreamBronzeJob.BAD_FIELD -> DlqReason.SCHEMA_VALIDATION_FAILED;
            case ClickstreamBronzeJob.NO_EVENT_ID -> DlqReason.MISSING_REQUIRED_FIELD;
            default -> null;
        };
    }
}
