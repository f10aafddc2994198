package io.streampatterns.patterns.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streampatterns.core.Capability;
import io.streampatterns.core.InvalidPipelineException;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import java.time.Duration;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class WindowedMetricsPipelineTest {
    private static final StructType SCHEMA = new StructType()
            .add("event_type", DataTypes.StringType)
            .add("amount", DataTypes.DoubleType)
            .add("event_time", DataTypes.TimestampType)
            .add("note", DataTypes.StringType);

    private static WindowedMetricsPipeline.Builder valid() {
        return WindowedMetricsPipeline.builder()
                .bootstrapServers("127.0.0.1:9092")
                .topic("events")
                .outputTopic("metrics")
                .eventSchema(SCHEMA)
                .checkpointLocation("/tmp/checkpoints/metrics");
    }

    /** The documented defaults: update mode, earliest, 50,000 a batch, 10 s, acks=all + lz4, at least once. */
    @Test
    void defaultsAreTheDocumentedOnes() {
        WindowedMetricsPipeline metrics = valid().build();
        KafkaSource source = (KafkaSource) metrics.pipeline().source();
        KafkaSink sink = (KafkaSink) metrics.pipeline().sink();

        assertThat(metrics.pipeline().name()).isEqualTo("metrics_events");
        assertThat(metrics.pipeline().outputMode()).isEqualTo(OutputMode.Update());
        assertThat(source.sparkOptions()).containsEntry("startingOffsets", "earliest")
                .containsEntry("maxOffsetsPerTrigger", "50000");
        assertThat(sink.sparkOptions()).containsEntry("topic", "metrics")
                .containsEntry("kafka.acks", "all").containsEntry("kafka.compression.type", "lz4");
        assertThat(metrics.pipeline().trigger().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(metrics.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    }

    /** Aggregates carry no seq and are shuffled: neither traceable nor ordered per partition. */
    @Test
    void declaresNoRecordLevelCapabilities() {
        assertThat(valid().build().capabilities()).containsExactlyInAnyOrder(
                Capability.CHECKPOINT_RESTART, Capability.CAPPED_BATCHES, Capability.SLA_TRIGGER,
                Capability.WINDOWED_AGGREGATES);
        assertThat(valid().trigger(TriggerPolicy.availableNow()).build().capabilities())
                .doesNotContain(Capability.SLA_TRIGGER);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> WindowedMetricsPipeline.builder().bootstrapServers("127.0.0.1:9092")
                        .window(Duration.ofMillis(1_500)).watermarkDelay(Duration.ofSeconds(-1))
                        .checkpointLocation("/tmp/cp").build())
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("topic: expected one of subscribe"))
                        .anySatisfy(p -> assertThat(p).startsWith("outputTopic: expected"))
                        .anySatisfy(p -> assertThat(p).startsWith("eventSchema: expected"))
                        .anySatisfy(p -> assertThat(p).isEqualTo(
                                "window: expected a whole number of seconds, at least 1s, got 1s500ms"))
                        .anySatisfy(p -> assertThat(p).startsWith("watermarkDelay: expected zero or more")));
    }

    /** The columns must exist and have the types a window, a group and an average need. */
    @Test
    void columnsAreCheckedAgainstTheSchema() {
        assertThatThrownBy(() -> valid().eventTimeColumn("note").groupByColumn("region").measureColumn("event_type").build())
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).isEqualTo(
                                "eventTimeColumn: expected a timestamp, but 'note' is string"))
                        .anySatisfy(p -> assertThat(p).startsWith(
                                "groupByColumn: expected a field of eventSchema [event_type, amount, event_time, note], got 'region'"))
                        .anySatisfy(p -> assertThat(p).isEqualTo(
                                "measureColumn: expected a numeric field, but 'event_type' is string")));
    }

    @Test
    void realTimeModeIsRefusedForAnAggregation() {
        assertThatThrownBy(() -> valid().trigger(TriggerPolicy.realTime(Duration.ofMinutes(5))).build())
                .hasMessageContaining("Real-Time Mode in Spark 4.2 runs stateless queries only");
    }

    @Test
    void theMetricsTopicMustNotBeTheInput() {
        assertThatThrownBy(() -> valid().outputTopic("events").build())
                .hasMessageContaining("outputTopic: expected a topic other than the input topic 'events'");
    }

    @Test
    void anSlaDerivesTheTrigger() {
        assertThat(valid().sla(Duration.ofSeconds(30)).build().pipeline().trigger())
                .hasToString("processingTime(10s) for SLA 30s");
    }
}
