package io.streampatterns.patterns.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streampatterns.core.Capability;
import io.streampatterns.core.InvalidPipelineException;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.kafka.KafkaSource;
import java.time.Duration;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class RealTimeKafkaPipelineTest {
    private static final StructType SCHEMA = new StructType()
            .add("event_id", DataTypes.StringType)
            .add("seq", DataTypes.LongType);

    private static RealTimeKafkaPipeline.Builder valid() {
        return RealTimeKafkaPipeline.builder()
                .bootstrapServers("127.0.0.1:9092")
                .topic("clicks")
                .outputTopic("clicks_out")
                .eventSchema(SCHEMA)
                .checkpointLocation("/tmp/checkpoints/clicks_out");
    }

    /** The documented defaults: a 1-minute checkpoint interval, update mode, earliest, headers, the check attached. */
    @Test
    void defaultsAreTheDocumentedOnes() {
        RealTimeKafkaPipeline realTime = valid().build();
        KafkaSource source = (KafkaSource) realTime.pipeline().source();

        assertThat(realTime.pipeline().name()).isEqualTo("realtime_clicks");
        assertThat(realTime.pipeline().trigger().kind()).isEqualTo(TriggerPolicy.Kind.REAL_TIME);
        assertThat(realTime.pipeline().trigger().interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(realTime.pipeline().outputMode()).isEqualTo(OutputMode.Update());
        assertThat(source.sparkOptions()).containsEntry("startingOffsets", "earliest")
                .containsEntry("includeHeaders", "true").doesNotContainKey("maxOffsetsPerTrigger");
        assertThat(realTime.pipeline().startChecks()).singleElement().isInstanceOf(RealTimeModeRequirements.class);
        assertThat(realTime.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(realTime.capabilities()).containsExactlyInAnyOrder(Capability.TRACEABLE_RECORDS,
                Capability.CHECKPOINT_RESTART, Capability.REAL_TIME_MODE);
    }

    @Test
    void aMicroBatchTriggerIsRefused() {
        assertThatThrownBy(() -> valid().trigger(TriggerPolicy.processingTime(Duration.ofSeconds(1))).build())
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                        .containsExactly("trigger: Real-Time Mode needs TriggerPolicy.realTime(checkpointInterval),"
                                + " got processingTime(1s)"));
    }

    @Test
    void keptFieldsMustBeInTheSchema() {
        assertThatThrownBy(() -> valid().keepFields("seq", "nope").build())
                .hasMessageContaining("keepFields: 'nope' is not a field of the event schema; expected one of [event_id, seq]");
    }

    @Test
    void theEventsMustNotCarryProcessedAt() {
        assertThatThrownBy(() -> valid().eventSchema(SCHEMA.add("processed_at", DataTypes.StringType)).build())
                .hasMessageContaining("keepFields: 'processed_at' is added by this pipeline");
        assertThat(valid().eventSchema(SCHEMA.add("processed_at", DataTypes.StringType)).keepFields("seq").build())
                .isNotNull();
    }

    /** Missing options are reported together, each naming the option. */
    @Test
    void missingOptionsAreReportedTogether() {
        assertThatThrownBy(() -> RealTimeKafkaPipeline.builder().bootstrapServers("127.0.0.1:9092").build())
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("topic: expected one of subscribe"))
                        .anySatisfy(p -> assertThat(p).startsWith("eventSchema: expected"))
                        .anySatisfy(p -> assertThat(p).startsWith("topic: expected the output topic"))
                        .anySatisfy(p -> assertThat(p).startsWith("checkpointLocation: expected")));
    }

    @Test
    void theOutputTopicMustDifferFromTheInput() {
        assertThatThrownBy(() -> valid().outputTopic("clicks").build())
                .hasMessageContaining("outputTopic: expected a topic other than the input topic");
    }

    /** Task slots are checked with the other options at build, not when they are set. */
    @Test
    void badTaskSlotsAreReportedWithTheOtherProblems() {
        RealTimeKafkaPipeline.Builder builder = valid().taskSlots(0).eventSchema(null).maxOffsetsPerTrigger(100);

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).isEqualTo("taskSlots: expected a positive number, got 0"))
                        .anySatisfy(p -> assertThat(p).startsWith("eventSchema: expected"))
                        .anySatisfy(p -> assertThat(p).startsWith("maxOffsetsPerTrigger: Real-Time Mode")));
        assertThat(valid().taskSlots(4).build().pipeline().startChecks()).singleElement()
                .isInstanceOf(RealTimeModeRequirements.class);
    }
}
