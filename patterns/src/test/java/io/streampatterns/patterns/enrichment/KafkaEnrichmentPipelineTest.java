package io.streampatterns.patterns.enrichment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streampatterns.core.Capability;
import io.streampatterns.core.InvalidPipelineException;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.core.transform.JsonValueParser;
import io.streampatterns.patterns.realtime.RealTimeModeRequirements;
import java.time.Duration;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class KafkaEnrichmentPipelineTest {
    private static final StructType SCHEMA = new StructType()
            .add("event_id", DataTypes.StringType)
            .add("user_id", DataTypes.StringType)
            .add("amount", DataTypes.DoubleType)
            .add("seq", DataTypes.LongType);

    private static KafkaEnrichmentPipeline.Builder valid() {
        return KafkaEnrichmentPipeline.builder()
                .bootstrapServers("127.0.0.1:9092")
                .topic("raw.clicks")
                .outputTopic("enriched-clicks")
                .eventSchema(SCHEMA)
                .dimensionTablePath("/tmp/users")
                .checkpointLocation("/tmp/checkpoints/enrich");
    }

    /** The documented defaults: earliest, 50,000 a batch, 30 s, acks=all + lz4, at least once. */
    @Test
    void defaultsAreTheDocumentedOnes() {
        KafkaEnrichmentPipeline enrichment = valid().build();
        KafkaSource source = (KafkaSource) enrichment.pipeline().source();
        KafkaSink sink = (KafkaSink) enrichment.pipeline().sink();

        assertThat(enrichment.pipeline().name()).isEqualTo("enrich_raw_clicks");
        assertThat(source.sparkOptions()).containsEntry("startingOffsets", "earliest")
                .containsEntry("maxOffsetsPerTrigger", "50000").containsEntry("subscribe", "raw.clicks");
        assertThat(sink.sparkOptions()).containsEntry("topic", "enriched-clicks")
                .containsEntry("kafka.acks", "all").containsEntry("kafka.compression.type", "lz4");
        assertThat(enrichment.pipeline().trigger().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(enrichment.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(enrichment.dimensionTable().target()).isEqualTo("/tmp/users");
    }

    /** Broadcast, unsplit partitions, a seq field and a processing-time trigger: every capability it can have. */
    @Test
    void declaresWhatItsConfigurationKeeps() {
        assertThat(valid().build().capabilities()).containsExactlyInAnyOrder(Capability.TRACEABLE_RECORDS,
                Capability.CHECKPOINT_RESTART, Capability.CAPPED_BATCHES, Capability.PER_PARTITION_ORDER,
                Capability.SLA_TRIGGER);
    }

    /** Letting the planner shuffle, or splitting a Kafka partition over tasks, loses input order. */
    @Test
    void perPartitionOrderIsDeclaredOnlyWhenKept() {
        assertThat(valid().broadcastDimension(false).build().capabilities())
                .doesNotContain(Capability.PER_PARTITION_ORDER);
        assertThat(valid().minPartitions(12).build().capabilities())
                .doesNotContain(Capability.PER_PARTITION_ORDER);
    }

    @Test
    void withoutASeqFieldRecordsAreNotTraceable() {
        StructType noSeq = new StructType().add("user_id", DataTypes.StringType);
        assertThat(valid().eventSchema(noSeq).build().capabilities()).doesNotContain(Capability.TRACEABLE_RECORDS);
    }

    @Test
    void availableNowHoldsNoSla() {
        assertThat(valid().trigger(TriggerPolicy.availableNow()).build().capabilities())
                .doesNotContain(Capability.SLA_TRIGGER);
    }

    @Test
    void aCatalogTableCanBeTheDimension() {
        assertThat(valid().dimensionTable("users.dimension").build().dimensionTable().target())
                .isEqualTo("users.dimension");
    }

    @Test
    void anSlaDerivesTheTrigger() {
        assertThat(valid().sla(Duration.ofSeconds(90)).build().pipeline().trigger())
                .hasToString("processingTime(30s) for SLA 1m30s");
    }

    /** Every missing part is reported at once, each naming its option. */
    @Test
    void missingPartsAreReportedTogether() {
        assertThatThrownBy(() -> KafkaEnrichmentPipeline.builder().bootstrapServers("127.0.0.1:9092")
                        .checkpointLocation("/tmp/cp").build())
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("topic: expected one of subscribe"))
                        .anySatisfy(p -> assertThat(p).startsWith("outputTopic: expected"))
                        .anySatisfy(p -> assertThat(p).startsWith("eventSchema: expected"))
                        .anySatisfy(p -> assertThat(p).startsWith("dimensionTable: expected")));
    }

    @Test
    void writingBackToTheInputTopicIsRefused() {
        assertThatThrownBy(() -> valid().outputTopic("raw.clicks").build())
                .hasMessageContaining("outputTopic: expected a topic other than the input topic 'raw.clicks'");
    }

    @Test
    void theJoinKeyMustBeAnEventField() {
        assertThatThrownBy(() -> valid().joinKey("customer_id").build())
                .hasMessageContaining("joinKey: expected a field of eventSchema")
                .hasMessageContaining("got 'customer_id'");
    }

    /** A dimension column named like an event field would make the output JSON ambiguous. */
    @Test
    void dimensionColumnsMustNotClashWithEventFields() {
        assertThatThrownBy(() -> valid().dimensionColumns("user_name", "amount", "user_name", "user_id").build())
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("dimensionColumns: 'amount' is also an event field"))
                        .anySatisfy(p -> assertThat(p).startsWith("dimensionColumns: 'user_name' is listed twice"))
                        .anySatisfy(p -> assertThat(p).startsWith("dimensionColumns: 'user_id' is the join key")));
        assertThatThrownBy(() -> valid().dimensionColumns().build())
                .hasMessageContaining("dimensionColumns: expected at least one");
    }

    @Test
    void aBlankDimensionPathIsRefused() {
        assertThatThrownBy(() -> valid().dimensionTablePath(" ").build())
                .hasMessageContaining("dimensionTable: expected a Delta table path or catalog table name");
    }

    /** A real-time trigger makes it a Real-Time Mode pipeline: no batch cap, update mode, the slots checked at start. */
    @Test
    void realTimeModeDropsTheBatchCapAndChecksTheSlots() {
        KafkaEnrichmentPipeline pattern = valid().trigger(TriggerPolicy.realTime(Duration.ofMinutes(1))).build();

        assertThat(((KafkaSource) pattern.pipeline().source()).sparkOptions()).doesNotContainKey("maxOffsetsPerTrigger");
        assertThat(pattern.pipeline().outputMode()).isEqualTo(OutputMode.Update());
        assertThat(pattern.pipeline().startChecks()).hasAtLeastOneElementOfType(RealTimeModeRequirements.class);
        assertThat(pattern.capabilities()).contains(Capability.REAL_TIME_MODE, Capability.PER_PARTITION_ORDER)
                .doesNotContain(Capability.SLA_TRIGGER, Capability.CAPPED_BATCHES);
    }

    /** What Real-Time Mode cannot run is refused at build, each naming its option. */
    @Test
    void realTimeModeRefusesWhatItCannotRun() {
        TriggerPolicy realTime = TriggerPolicy.realTime(Duration.ofMinutes(1));
        assertThatThrownBy(() -> valid().trigger(realTime).broadcastDimension(false).build())
                .hasMessageContaining("broadcastDimension: Real-Time Mode joins a stream with a static table only as a"
                        + " broadcast hash join");
        assertThatThrownBy(() -> valid().trigger(realTime).maxOffsetsPerTrigger(1_000).build())
                .hasMessageContaining("maxOffsetsPerTrigger: Real-Time Mode");
        assertThatThrownBy(() -> valid().trigger(realTime).exactlyOnce().build())
                .hasMessageContaining("exactlyOnce: Real-Time Mode cannot write through foreachBatch");
    }

    /** The parser's reserved field is refused at build, with the other problems, not when the query starts. */
    @Test
    void aReservedSchemaFieldIsReportedWithTheOtherProblems() {
        StructType reserved = new StructType().add("user_id", DataTypes.StringType)
                .add(JsonValueParser.MALFORMED_COLUMN, DataTypes.StringType);

        assertThatThrownBy(() -> valid().eventSchema(reserved).outputTopic(null).build())
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("eventSchema: field _malformed_value is reserved"))
                        .anySatisfy(p -> assertThat(p).isEqualTo("outputTopic: expected the topic to write to, got nothing")));
    }
}
