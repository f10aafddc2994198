package io.streampatterns.patterns.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streampatterns.core.Capability;
import io.streampatterns.core.InvalidPipelineException;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.dlq.KafkaTopicDlq;
import io.streampatterns.core.kafka.KafkaSource;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SchemaValidationPipelineTest {
    static final StructType SCHEMA = new StructType()
            .add("event_id", DataTypes.StringType)
            .add("user_id", DataTypes.StringType)
            .add("event_type", DataTypes.StringType)
            .add("amount", DataTypes.DoubleType)
            .add("seq", DataTypes.LongType);

    private static SchemaValidationPipeline.Builder valid() {
        return SchemaValidationPipeline.builder()
                .bootstrapServers("127.0.0.1:9092")
                .topic("events")
                .eventSchema(SCHEMA)
                .validTopic("events-valid")
                .dlqTopic("events-dlq")
                .checkpointLocation("/tmp/checkpoints/validate_events");
    }

    private static List<String> problems(SchemaValidationPipeline.Builder builder) {
        try {
            builder.build();
            return List.of();
        } catch (InvalidPipelineException e) {
            return e.problems();
        }
    }

    /** The documented defaults: headers read, earliest, 50,000 a batch, 30 s, the four required fields. */
    @Test
    void defaultsAreTheDocumentedOnes() {
        SchemaValidationPipeline pattern = valid().build();
        KafkaSource source = (KafkaSource) pattern.pipeline().source();

        assertThat(pattern.pipeline().name()).isEqualTo("validate_events");
        assertThat(source.sparkOptions()).containsEntry("includeHeaders", "true")
                .containsEntry("startingOffsets", "earliest")
                .containsEntry("maxOffsetsPerTrigger", "50000");
        assertThat(pattern.pipeline().trigger().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(pattern.validator().requiredFields()).containsExactly("event_id", "user_id", "event_type", "seq");
        assertThat(((KafkaTopicDlq) pattern.dlq()).topicName()).isEqualTo("events-dlq");
        assertThat(pattern.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(pattern.capabilities()).containsExactlyInAnyOrder(Capability.TRACEABLE_RECORDS,
                Capability.DEAD_LETTER_QUEUE, Capability.CHECKPOINT_RESTART, Capability.CAPPED_BATCHES,
                Capability.SLA_TRIGGER);
    }

    /** A Delta table for valid records makes them exactly once. */
    @Test
    void aValidTableIsExactlyOnce() {
        SchemaValidationPipeline pattern = valid().validTopic(null).validTablePath("/tmp/tables/valid").build();
        assertThat(pattern.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
    }

    @Test
    void requiredFieldsAreConfigurable() {
        assertThat(valid().requiredFields("event_id").build().validator().requiredFields()).containsExactly("event_id");
        assertThat(valid().requiredFields().build().validator().requiredFields()).isEmpty();
    }

    /** Logic of its own after the schema is declared with its result's schema, and makes the pattern guarded. */
    @Test
    void anEventFunctionNeedsItsResultSchemaAndIsGuarded() {
        io.streampatterns.core.dlq.RecordFunction same = event -> event;
        assertThat(problems(valid().eventFunction(null, same)))
                .contains("eventFunction: expected a result schema and a function, got no result schema");
        assertThat(valid().eventFunction(new org.apache.spark.sql.types.StructType().add("seq", "long"), same).build()
                .capabilities()).contains(io.streampatterns.core.Capability.GUARDED_TRANSFORMATION);
        assertThat(valid().build().capabilities()).doesNotContain(io.streampatterns.core.Capability.GUARDED_TRANSFORMATION);
    }

    /** Every missing option is reported at once, each naming the option. */
    @Test
    void missingOutputsSchemaAndCheckpointAreReportedTogether() {
        assertThat(problems(SchemaValidationPipeline.builder().bootstrapServers("127.0.0.1:9092").topic("events")))
                .anySatisfy(p -> assertThat(p).startsWith("eventSchema: expected"))
                .anySatisfy(p -> assertThat(p).startsWith("validTopic or validTable: expected"))
                .anySatisfy(p -> assertThat(p).startsWith("dlqTopic or dlq: expected"))
                .anySatisfy(p -> assertThat(p).startsWith("checkpointLocation: expected"));
    }

    @Test
    void aRequiredFieldOutsideTheSchemaIsRefused() {
        assertThat(problems(valid().requiredFields("event_id", "tenant")))
                .containsExactly("requiredFields: [tenant] are not top-level fields of eventSchema"
                        + " [event_id, user_id, event_type, amount, seq]; expected a subset of them");
    }

    @Test
    void twoValidOutputsOrTwoDlqsAreRefused() {
        assertThat(problems(valid().validTablePath("/tmp/t").dlq(new KafkaTopicDlq(
                        io.streampatterns.core.kafka.KafkaSink.builder().bootstrapServers("127.0.0.1:9092").topic("x").build()))))
                .anySatisfy(p -> assertThat(p).startsWith("validTopic and validTable: expected one output"))
                .anySatisfy(p -> assertThat(p).startsWith("dlqTopic and dlq: expected one dead letter queue"));
    }

    /** Writing into the input topic would loop; valid and dead letters in one topic would mix. */
    @Test
    void outputTopicsMustDifferFromTheInputAndEachOther() {
        assertThat(problems(valid().validTopic("events"))).anySatisfy(p -> assertThat(p)
                .startsWith("validTopic: 'events' is the input topic"));
        assertThat(problems(valid().dlqTopic("events"))).anySatisfy(p -> assertThat(p)
                .startsWith("dlqTopic: 'events' is the input topic"));
        assertThat(problems(valid().dlqTopic("events-valid"))).anySatisfy(p -> assertThat(p)
                .startsWith("validTopic and dlqTopic: both are 'events-valid'"));
    }

    @Test
    void realTimeModeIsRefusedWithThePatternToUseInstead() {
        assertThat(problems(valid().trigger(TriggerPolicy.realTime(Duration.ofMinutes(1)))))
                .anySatisfy(p -> assertThat(p).startsWith("trigger: Real-Time Mode cannot run foreachBatch")
                        .contains("RealTimeSchemaValidationPipeline"));
    }

    @Test
    void aSchemaFieldNamedLikeATableColumnIsRefusedForATable() {
        StructType clashing = SCHEMA.add("offset", DataTypes.LongType);
        assertThat(problems(valid().eventSchema(clashing).validTopic(null).validTablePath("/tmp/t")))
                .anySatisfy(p -> assertThat(p).startsWith("eventSchema: field 'offset' collides"));
        assertThat(problems(valid().eventSchema(clashing))).isEmpty();
    }

    @Test
    void anSlaDerivesTheTriggerAndAnAvailableNowTriggerHasNoSla() {
        assertThat(valid().sla(Duration.ofMinutes(3)).build().pipeline().trigger())
                .hasToString("processingTime(1m) for SLA 3m");
        assertThat(valid().trigger(TriggerPolicy.availableNow()).build().capabilities())
                .doesNotContain(Capability.SLA_TRIGGER);
    }

    @Test
    void theValidatorRefusesItsReservedFieldAndAnEmptySchema() {
        assertThat(SchemaValidator.problems(new StructType().add("__corrupt_record", DataTypes.StringType), List.of()))
                .anySatisfy(p -> assertThat(p).startsWith("eventSchema: field __corrupt_record is reserved"));
        assertThat(SchemaValidator.problems(new StructType(), List.of()))
                .containsExactly("eventSchema: expected at least one field, got an empty StructType");
        assertThatThrownBy(() -> new SchemaValidator(SCHEMA, List.of("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[nope]");
    }
}
