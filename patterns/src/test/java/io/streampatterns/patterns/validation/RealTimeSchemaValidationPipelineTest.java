package io.streampatterns.patterns.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.core.Capability;
import io.streampatterns.core.InvalidPipelineException;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.patterns.realtime.RealTimeModeRequirements;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.streaming.OutputMode;
import org.junit.jupiter.api.Test;

class RealTimeSchemaValidationPipelineTest {

    private static RealTimeSchemaValidationPipeline.Builder valid() {
        return RealTimeSchemaValidationPipeline.builder()
                .bootstrapServers("127.0.0.1:9092")
                .topic("events")
                .eventSchema(SchemaValidationPipelineTest.SCHEMA)
                .validTopic("events-valid")
                .dlqTopic("events-dlq")
                .checkpointLocation("/tmp/checkpoints/validate_rt_events");
    }

    private static List<String> problems(RealTimeSchemaValidationPipeline.Builder builder) {
        try {
            builder.build();
            return List.of();
        } catch (InvalidPipelineException e) {
            return e.problems();
        }
    }

    /** What Real-Time Mode needs is set: update mode, no batch cap, a topic per row; headers are read. */
    @Test
    void isConfiguredForRealTimeMode() {
        RealTimeSchemaValidationPipeline pattern = valid().build();
        KafkaSource source = (KafkaSource) pattern.pipeline().source();
        KafkaSink sink = (KafkaSink) pattern.pipeline().sink();

        assertThat(pattern.pipeline().name()).isEqualTo("validate_rt_events");
        assertThat(pattern.pipeline().trigger().kind()).isEqualTo(TriggerPolicy.Kind.REAL_TIME);
        assertThat(pattern.pipeline().trigger().interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(pattern.pipeline().outputMode()).isEqualTo(OutputMode.Update());
        assertThat(source.sparkOptions()).containsEntry("includeHeaders", "true").doesNotContainKey("maxOffsetsPerTrigger");
        assertThat(sink.sparkOptions()).doesNotContainKey("topic");
        assertThat(pattern.pipeline().startChecks()).hasAtLeastOneElementOfType(RealTimeModeRequirements.class);
        assertThat(pattern.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(pattern.capabilities()).containsExactlyInAnyOrder(Capability.TRACEABLE_RECORDS,
                Capability.DEAD_LETTER_QUEUE, Capability.CHECKPOINT_RESTART, Capability.REAL_TIME_MODE);
    }

    @Test
    void aMicroBatchTriggerIsRefused() {
        assertThat(problems(valid().trigger(TriggerPolicy.processingTime(Duration.ofSeconds(10)))))
                .anySatisfy(p -> assertThat(p).startsWith("trigger: Real-Time Mode needs TriggerPolicy.realTime"));
    }

    @Test
    void missingTopicsAndSchemaAreReportedTogether() {
        assertThat(problems(RealTimeSchemaValidationPipeline.builder().bootstrapServers("127.0.0.1:9092")
                        .topic("events").checkpointLocation("/tmp/cp")))
                .anySatisfy(p -> assertThat(p).startsWith("eventSchema: expected"))
                .anySatisfy(p -> assertThat(p).startsWith("validTopic: expected"))
                .anySatisfy(p -> assertThat(p).startsWith("dlqTopic: expected"));
    }

    @Test
    void outputTopicsMustDifferFromTheInputAndEachOther() {
        assertThat(problems(valid().validTopic("events"))).anySatisfy(p -> assertThat(p)
                .startsWith("validTopic: 'events' is the input topic"));
        assertThat(problems(valid().dlqTopic("events-valid"))).anySatisfy(p -> assertThat(p)
                .startsWith("validTopic and dlqTopic: both are 'events-valid'"));
    }
}
