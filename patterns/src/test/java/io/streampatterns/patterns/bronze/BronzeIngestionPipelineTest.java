package io.streampatterns.patterns.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streampatterns.core.Capability;
import io.streampatterns.core.InvalidPipelineException;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.core.transform.JsonValueParser;
import java.time.Duration;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class BronzeIngestionPipelineTest {
    private static final StructType SCHEMA = new StructType().add("event_id", DataTypes.StringType);

    private static BronzeIngestionPipeline.Builder valid() {
        return BronzeIngestionPipeline.builder()
                .bootstrapServers("127.0.0.1:9092")
                .topic("orders")
                .eventSchema(SCHEMA)
                .tablePath("/tmp/bronze_orders")
                .checkpointLocation("/tmp/checkpoints/bronze_orders");
    }

    /** The documented defaults: earliest, 50,000 records a batch, a 30 s trigger, exactly once. */
    @Test
    void defaultsAreTheDocumentedOnes() {
        BronzeIngestionPipeline bronze = valid().build();
        KafkaSource source = (KafkaSource) bronze.pipeline().source();

        assertThat(bronze.pipeline().name()).isEqualTo("bronze_orders");
        assertThat(source.sparkOptions()).containsEntry("startingOffsets", "earliest")
                .containsEntry("maxOffsetsPerTrigger", "50000");
        assertThat(bronze.pipeline().trigger().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bronze.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(bronze.capabilities()).contains(Capability.CAPPED_BATCHES, Capability.CHECKPOINT_RESTART);
    }

    @Test
    void anSlaDerivesTheTrigger() {
        assertThat(valid().sla(Duration.ofMinutes(3)).build().pipeline().trigger())
                .hasToString("processingTime(1m) for SLA 3m");
    }

    /** The pattern's own option (the schema) is reported with the pipeline's, in one exception. */
    @Test
    void aMissingSchemaAndTableAreReportedTogether() {
        assertThatThrownBy(() -> BronzeIngestionPipeline.builder()
                        .bootstrapServers("127.0.0.1:9092").topic("orders").checkpointLocation("/tmp/cp").build())
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("eventSchema: expected"))
                        .anySatisfy(p -> assertThat(p).startsWith("sink: expected a sink")));
    }

    /**
     * The builder holds a chosen trigger to the SLA, in either order of the calls: nothing is
     * refused before build(), and build() names both values.
     */
    @Test
    void aTriggerOverTheSlaIsRefused() {
        TriggerPolicy thirtySeconds = TriggerPolicy.processingTime(Duration.ofSeconds(30));
        Duration sla = Duration.ofSeconds(45);

        for (BronzeIngestionPipeline.Builder builder : java.util.List.of(valid().trigger(thirtySeconds).sla(sla),
                valid().sla(sla).trigger(thirtySeconds))) {
            assertThatThrownBy(builder::build)
                    .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                            .singleElement().asString()
                            .contains("trigger interval 30s is longer than SLA/3 = 15s (SLA 45s)"));
        }
    }

    @Test
    void aTriggerWithinTheSlaIsKeptAndHeldToIt() {
        assertThat(valid().trigger(TriggerPolicy.processingTime(Duration.ofSeconds(15))).sla(Duration.ofSeconds(45))
                .build().pipeline().trigger()).hasToString("processingTime(15s) for SLA 45s");
    }

    /** A schema field the parser reserves is a problem of the build, with the others, not an exception from inside it. */
    @Test
    void aReservedSchemaFieldIsReportedWithTheOtherProblems() {
        StructType reserved = SCHEMA.add(JsonValueParser.MALFORMED_COLUMN, DataTypes.StringType);

        assertThatThrownBy(() -> valid().eventSchema(reserved).table(null).maxOffsetsPerTrigger(0)
                        .trigger(TriggerPolicy.realTime(Duration.ofMinutes(1))).build())
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("eventSchema: field _malformed_value is reserved"))
                        .anySatisfy(p -> assertThat(p).startsWith("sink: expected a sink"))
                        .anySatisfy(p -> assertThat(p).startsWith("maxOffsetsPerTrigger: expected a positive number"))
                        .anySatisfy(p -> assertThat(p).startsWith("trigger: expected processingTime or availableNow")));
    }

    /** Unknown fields are kept only when asked for, and the capability says so. */
    @Test
    void anUnknownFieldsColumnAddsItsCapability() {
        assertThat(valid().build().capabilities()).doesNotContain(Capability.KEEPS_UNKNOWN_FIELDS);
        assertThat(valid().unknownFieldsColumn("_unknown_fields").build().capabilities())
                .contains(Capability.KEEPS_UNKNOWN_FIELDS);
    }

    /** A column name bronze already uses is refused at build(), naming the option. */
    @Test
    void anUnknownFieldsColumnThatIsTakenIsRefused() {
        for (String taken : java.util.List.of("event_id", "offset", JsonValueParser.MALFORMED_COLUMN)) {
            assertThatThrownBy(() -> valid().unknownFieldsColumn(taken).build())
                    .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                            .singleElement().asString().startsWith("unknownFieldsColumn: '" + taken + "'"));
        }
    }
}
