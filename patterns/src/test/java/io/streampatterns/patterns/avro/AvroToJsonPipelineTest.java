package io.streampatterns.patterns.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streampatterns.core.Capability;
import io.streampatterns.core.DlqPolicy;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.dlq.KafkaTopicDlq;
import io.streampatterns.core.InvalidPipelineException;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.patterns.realtime.RealTimeModeRequirements;
import java.time.Duration;
import org.apache.spark.sql.streaming.OutputMode;
import org.junit.jupiter.api.Test;

class AvroToJsonPipelineTest {
    static final String V1 = """
            {"type":"record","name":"Order","namespace":"shop","fields":[
              {"name":"id","type":"string"},{"name":"qty","type":"int"}]}""";
    static final String V2 = """
            {"type":"record","name":"Order","namespace":"shop","fields":[
              {"name":"id","type":"string"},{"name":"qty","type":"long"},
              {"name":"note","type":["null","string"],"default":null}]}""";

    private static AvroToJsonPipeline.Builder wireFormat() {
        return AvroToJsonPipeline.builder()
                .bootstrapServers("127.0.0.1:9092")
                .topic("orders_avro").outputTopic("orders_json")
                .confluentWireFormat(LocalSchemaSource.of(1, V1))
                .readerSchema(V2)
                .dlqTopic("orders_dlq")
                .checkpointLocation("/tmp/checkpoints/orders_avro");
    }

    private static AvroToJsonPipeline.Builder plain() {
        return AvroToJsonPipeline.builder()
                .bootstrapServers("127.0.0.1:9092")
                .topic("orders_avro").outputTopic("orders_json")
                .avroSchema(V1)
                .checkpointLocation("/tmp/checkpoints/orders_avro");
    }

    /** The wire-format variant decodes in foreachBatch and has a dead letter queue; the documented defaults. */
    @Test
    void theWireFormatVariantHasTheDocumentedDefaults() {
        AvroToJsonPipeline avro = wireFormat().build();
        KafkaSource source = (KafkaSource) avro.pipeline().source();

        assertThat(avro.pipeline().name()).isEqualTo("avro_to_json_orders_avro");
        assertThat(source.sparkOptions()).containsEntry("startingOffsets", "earliest")
                .containsEntry("maxOffsetsPerTrigger", "50000").containsEntry("includeHeaders", "true");
        assertThat(avro.pipeline().trigger().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(avro.pipeline().sink()).isInstanceOf(AvroDecodingSink.class);
        assertThat(avro.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(avro.capabilities()).containsExactlyInAnyOrder(Capability.TRACEABLE_RECORDS,
                Capability.CHECKPOINT_RESTART, Capability.CAPPED_BATCHES, Capability.SLA_TRIGGER,
                Capability.DEAD_LETTER_QUEUE);
    }

    /** Plain Avro without a dead letter queue writes straight to Kafka (FAILFAST), and promises no DLQ. */
    @Test
    void plainAvroWithoutADeadLetterQueueWritesStraightToKafka() {
        AvroToJsonPipeline avro = plain().build();
        assertThat(avro.pipeline().sink()).isInstanceOf(KafkaSink.class);
        assertThat(avro.capabilities()).doesNotContain(Capability.DEAD_LETTER_QUEUE);
        assertThat(plain().dlqTopic("dlq").build().capabilities()).contains(Capability.DEAD_LETTER_QUEUE);
    }

    @Test
    void theWireFormatNeedsAReaderSchemaAndADeadLetterQueue() {
        assertThatThrownBy(() -> AvroToJsonPipeline.builder().bootstrapServers("127.0.0.1:9092")
                        .topic("in").outputTopic("out").confluentWireFormat(LocalSchemaSource.of(1, V1))
                        .checkpointLocation("/tmp/cp").build())
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("readerSchema: expected the output's Avro schema"))
                        .anySatisfy(p -> assertThat(p).startsWith("dlqTopic: expected a dead letter topic")));
    }

    @Test
    void exactlyOneInputFormat() {
        assertThatThrownBy(() -> wireFormat().avroSchema(V1).build())
                .hasMessageContaining("avroSchema/confluentWireFormat: expected exactly one").hasMessageContaining("got both");
        assertThatThrownBy(() -> AvroToJsonPipeline.builder().bootstrapServers("127.0.0.1:9092").topic("in")
                        .outputTopic("out").checkpointLocation("/tmp/cp").build())
                .hasMessageContaining("got neither");
    }

    @Test
    void schemasMustParseAndBeRecords() {
        assertThatThrownBy(() -> plain().avroSchema("{\"type\":\"record\"").build())
                .hasMessageContaining("avroSchema: expected an Avro record schema, got one that does not parse");
        assertThatThrownBy(() -> plain().avroSchema("\"string\"").build())
                .hasMessageContaining("avroSchema: expected an Avro record schema, whose fields become the JSON's, got a string");
    }

    /** Avro's resolution rules, checked at build time for the plain variant: a narrowing type is refused. */
    @Test
    void aReaderSchemaThatCannotReadTheWriterIsRefused() {
        assertThatThrownBy(() -> plain().avroSchema(V2).readerSchema(V1).build())
                .hasMessageContaining("readerSchema: cannot read records written with avroSchema: TYPE_MISMATCH");
        assertThat(plain().readerSchema(V2).build()).isNotNull();
    }

    @Test
    void theDeadLetterTopicIsValidatedWithThePipeline() {
        assertThatThrownBy(() -> wireFormat().dlqTopic(" ").build())
                .hasMessageContaining("dlq topic: expected the output topic's name");
    }

    /** In Real-Time Mode one Kafka write sends each record to the output or the DLQ topic; no batch cap. */
    @Test
    void realTimeModeWritesOutputAndDeadLettersInOneKafkaWrite() {
        AvroToJsonPipeline avro = wireFormat().trigger(TriggerPolicy.realTime(Duration.ofMinutes(1))).build();

        assertThat(((KafkaSource) avro.pipeline().source()).sparkOptions()).doesNotContainKey("maxOffsetsPerTrigger");
        assertThat(avro.pipeline().sink()).isInstanceOf(KafkaSink.class);
        assertThat(((KafkaSink) avro.pipeline().sink()).sparkOptions()).doesNotContainKey("topic");
        assertThat(avro.pipeline().outputMode()).isEqualTo(OutputMode.Update());
        assertThat(avro.pipeline().startChecks()).hasAtLeastOneElementOfType(RealTimeModeRequirements.class);
        assertThat(avro.capabilities()).contains(Capability.REAL_TIME_MODE, Capability.DEAD_LETTER_QUEUE)
                .doesNotContain(Capability.CAPPED_BATCHES, Capability.SLA_TRIGGER);
    }

    /** A second write (a DlqPolicy of the caller's) or a transaction cannot run in Real-Time Mode: refused, naming the option. */
    @Test
    void realTimeModeRefusesWhatItCannotRun() {
        TriggerPolicy realTime = TriggerPolicy.realTime(Duration.ofMinutes(1));
        DlqPolicy ownPolicy = new KafkaTopicDlq(KafkaSink.builder().bootstrapServers("127.0.0.1:9092").topic("dlq").build());
        assertThatThrownBy(() -> wireFormat().trigger(realTime).dlq(ownPolicy).build())
                .hasMessageContaining("dlq: in Real-Time Mode the dead letters are written by the output's own Kafka write");
        assertThatThrownBy(() -> wireFormat().trigger(realTime).exactlyOnce().build())
                .hasMessageContaining("exactlyOnce: Real-Time Mode cannot write through foreachBatch");
        assertThatThrownBy(() -> wireFormat().trigger(realTime).maxOffsetsPerTrigger(100).build())
                .hasMessageContaining("maxOffsetsPerTrigger: Real-Time Mode");
    }

    @Test
    void anSlaDerivesTheTrigger() {
        assertThat(wireFormat().sla(Duration.ofMinutes(1)).build().pipeline().trigger())
                .hasToString("processingTime(20s) for SLA 1m");
    }

    @Test
    void framesAsAConfluentSerializerWould() {
        assertThat(ConfluentWireFormat.frame(258, new byte[] {7, 8}))
                .containsExactly(0, 0, 0, 1, 2, 7, 8);
    }
}
