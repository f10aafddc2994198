package io.streampatterns.patterns.avro;

import static org.apache.spark.sql.avro.functions.from_avro;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.streampatterns.core.Capability;
import io.streampatterns.core.DlqPolicy;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.Sink;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.Transform;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.dlq.KafkaTopicDlq;
import io.streampatterns.core.kafka.KafkaSecurity;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.core.kafka.StartingOffsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Avro → JSON, Kafka to Kafka: every Avro record of the input topic is decoded and written to the
 * output topic as a JSON object of its fields, under its original key and headers.
 *
 * <p>Two input formats:
 * <ul>
 *   <li><b>Confluent wire format</b> ({@link Builder#confluentWireFormat(SchemaSource)}), what
 *       Confluent's and most other Avro serializers write: magic byte 0, a 4-byte schema id, then
 *       the Avro body. Each record is decoded with the writer schema its id names, read into one
 *       reader schema ({@link Builder#readerSchema(String)}), so the JSON keeps one shape while
 *       producers evolve their schema. A record with an unknown id goes to the dead letter queue as
 *       UNKNOWN_SCHEMA_ID; one without the header, or whose body does not decode, as
 *       DESERIALIZATION_FAILED. See {@link AvroDecodingSink} for why this runs in foreachBatch.</li>
 *   <li><b>Plain Avro</b> ({@link Builder#avroSchema(String)}): bare bodies all written with one
 *       schema. Without a dead letter queue, {@code from_avro} runs in FAILFAST mode: a body that
 *       does not decode stops the query (nothing is skipped; it fails again on restart until the
 *       record is dealt with). With one, such records go there instead.</li>
 * </ul>
 *
 * <pre>{@code
 * AvroToJsonPipeline avro = AvroToJsonPipeline.builder()
 *     .bootstrapServers("broker1:9092")
 *     .inputTopic("orders_avro").outputTopic("orders_json")
 *     .confluentWireFormat(SchemaRegistrySchemaSource.at("http://registry:8081"))
 *     .readerSchema(ORDER_V2)
 *     .deadLetterTopic("orders_avro_dlq")
 *     .checkpointLocation("/checkpoints/orders_avro_to_json")
 *     .build();
 * }</pre>
 *
 * <p>JSON: timestamps as ISO-8601 in UTC with milliseconds ({@code 2026-01-01T00:00:00.123Z}), dates
 * as {@code 2026-01-01}, decimals as numbers, bytes as base64, enums as their symbol, maps as objects;
 * null fields are written as {@code null}, so every record has every field of the reader schema. A
 * tombstone (null value) stays a tombstone.
 *
 * <p>Defaults: startingOffsets earliest (a first run misses nothing); maxOffsetsPerTrigger 50,000
 * (a backlog drains in bounded batches); trigger 10 s (an SLA of 30 s by the SLA/3 rule). Delivery
 * is at least once: Kafka's sink writes a replayed batch again.
 */
public final class AvroToJsonPipeline implements StreamingPattern {
    public static final long DEFAULT_MAX_OFFSETS_PER_TRIGGER = 50_000;
    public static final Duration DEFAULT_TRIGGER = Duration.ofSeconds(10);
    /** How the JSON is written: explicit nulls, and timestamps in UTC with milliseconds. */
    static final Map<String, String> JSON_OPTIONS = Map.of("timeZone", "UTC",
            "timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "ignoreNullFields", "false");

    private final Pipeline pipeline;
    private final boolean deadLetters;

    private AvroToJsonPipeline(Pipeline pipeline, boolean deadLetters) {
        this.pipeline = pipeline;
        this.deadLetters = deadLetters;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Pipeline pipeline() {
        return pipeline;
    }

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.AT_LEAST_ONCE;
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.of(Capability.TRACEABLE_RECORDS, Capability.CHECKPOINT_RESTART,
                Capability.SLA_TRIGGER);
        if (pipeline.source().capsBatchSize()) {
            capabilities.add(Capability.CAPPED_BATCHES);
        }
        if (deadLetters) {
            capabilities.add(Capability.DEAD_LETTER_QUEUE);
        }
        return capabilities;
    }

    /** Plain Avro without a dead letter queue: FAILFAST, so a body that does not decode stops the query. */
    static final class FailFastDecode implements Transform {
        private final String writerSchema;
        private final String readerSchema;

        FailFastDecode(String writerSchema, String readerSchema) {
            this.writerSchema = writerSchema;
            this.readerSchema = readerSchema;
        }

        @Override
        public org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> apply(
                org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> kafkaRows) {
            Column decoded = from_avro(col("value"), writerSchema, Map.of("mode", "FAILFAST", "avroSchema", readerSchema));
            Column json = when(col("value").isNull(), lit(null).cast(DataTypes.StringType))
                    .otherwise(to_json(decoded, JSON_OPTIONS));
            List<Column> out = new ArrayList<>(List.of(col("key"), json.alias("value")));
            if (Arrays.asList(kafkaRows.columns()).contains("headers")) {
                out.add(col("headers"));
            }
            return kafkaRows.select(out.toArray(Column[]::new));
        }
    }

    /** Options of an Avro → JSON pipeline; {@link #build()} checks them all. */
    public static final class Builder {
        private final KafkaSource.Builder source = KafkaSource.builder()
                .startingOffsets(StartingOffsets.earliest())
                .maxOffsetsPerTrigger(DEFAULT_MAX_OFFSETS_PER_TRIGGER)
                .includeHeaders(true);
        private final KafkaSink.Builder output = KafkaSink.builder();
        private final KafkaSink.Builder dlqTopic = KafkaSink.builder();
        private String name;
        private String inputTopic;
        private String outputTopic;
        private String writerSchema;
        private SchemaSource schemaSource;
        private String readerSchema;
        private DlqPolicy dlq;
        private String deadLetterTopic;
        private TriggerPolicy trigger = TriggerPolicy.processingTime(DEFAULT_TRIGGER);
        private String checkpointLocation;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The brokers of the input, output and dead letter topics. */
        public Builder bootstrapServers(String servers) {
            source.bootstrapServers(servers);
            output.bootstrapServers(servers);
            dlqTopic.bootstrapServers(servers);
            return this;
        }

        public Builder inputTopic(String topic) {
            this.inputTopic = topic;
            source.subscribe(topic);
            return this;
        }

        public Builder outputTopic(String topic) {
            this.outputTopic = topic;
            output.topic(topic);
            return this;
        }

        /** Plain Avro: every value is a bare Avro body written with this schema (JSON). */
        public Builder avroSchema(String schema) {
            this.writerSchema = schema;
            return this;
        }

        /** Confluent wire format: each value names its writer schema's id, found in {@code schemas}. */
        public Builder confluentWireFormat(SchemaSource schemas) {
            this.schemaSource = schemas;
            return this;
        }

        /**
         * The output's Avro schema, into which every record is read by Avro's resolution rules.
         * Required with the wire format; with plain Avro it defaults to the writer schema.
         */
        public Builder readerSchema(String schema) {
            this.readerSchema = schema;
            return this;
        }

        /** Dead letters to this topic, on the same brokers and with the same security as the output. */
        public Builder deadLetterTopic(String topic) {
            this.deadLetterTopic = topic;
            this.dlq = null;
            dlqTopic.topic(topic);
            return this;
        }

        /** Dead letters to a policy of the caller's. */
        public Builder dlq(DlqPolicy policy) {
            this.dlq = policy;
            this.deadLetterTopic = null;
            return this;
        }

        public Builder checkpointLocation(String location) {
            this.checkpointLocation = location;
            return this;
        }

        public Builder maxOffsetsPerTrigger(long max) {
            source.maxOffsetsPerTrigger(max);
            return this;
        }

        public Builder startingOffsets(StartingOffsets offsets) {
            source.startingOffsets(offsets);
            return this;
        }

        public Builder trigger(TriggerPolicy trigger) {
            this.trigger = trigger;
            return this;
        }

        /** Derives the trigger from the business SLA: a third of it. */
        public Builder sla(Duration sla) {
            this.trigger = TriggerPolicy.forSla(sla);
            return this;
        }

        /** A Kafka client property for every client, with or without the {@code kafka.} prefix. */
        public Builder kafkaOption(String name, String value) {
            source.kafkaOption(name, value);
            output.kafkaOption(name, value);
            dlqTopic.kafkaOption(name, value);
            return this;
        }

        public Builder security(KafkaSecurity security) {
            source.security(security);
            output.security(security);
            dlqTopic.security(security);
            return this;
        }

        /** @throws io.streampatterns.core.InvalidPipelineException listing every problem */
        public AvroToJsonPipeline build() {
            String pipelineName = name != null ? name : "avro_to_json_" + inputTopic;
            DlqPolicy deadLetters = deadLetterTopic != null ? new KafkaTopicDlq(dlqTopic.build()) : dlq;
            boolean framed = schemaSource != null;
            String reader = readerSchema != null ? readerSchema : writerSchema;
            Pipeline.Builder pipeline = Pipeline.builder(pipelineName)
                    .require(inputTopic != null && !inputTopic.isBlank(), "inputTopic: expected the Avro topic to read, got nothing")
                    .require(outputTopic == null || !outputTopic.equals(inputTopic),
                            "outputTopic: expected a topic other than the input topic, got " + outputTopic + " for both")
                    .require(framed != (writerSchema != null), "avroSchema/confluentWireFormat: expected exactly one"
                            + " (plain Avro bodies written with one schema, or the Confluent wire format with a schema"
                            + " source), got " + (framed ? "both" : "neither"))
                    .require(!framed || readerSchema != null, "readerSchema: expected the output's Avro schema; with"
                            + " the Confluent wire format records come with several writer schemas, each read into it")
                    .require(!framed || deadLetters != null, "deadLetterTopic: expected a dead letter topic (or dlq(...));"
                            + " with the Confluent wire format a record can name a schema id that is not known, and it"
                            + " must go somewhere")
                    .source(source.build())
                    .trigger(trigger)
                    .checkpointLocation(checkpointLocation);
            List<String> schemaProblems = new ArrayList<>();
            if (writerSchema != null) {
                AvroSchemas.recordProblem("avroSchema", writerSchema).ifPresent(schemaProblems::add);
            }
            if (readerSchema != null) {
                AvroSchemas.recordProblem("readerSchema", readerSchema).ifPresent(schemaProblems::add);
            }
            if (schemaProblems.isEmpty() && writerSchema != null && readerSchema != null) {
                AvroSchemas.incompatibility(AvroSchemas.parse(readerSchema), AvroSchemas.parse(writerSchema))
                        .ifPresent(why -> schemaProblems.add("readerSchema: cannot read records written with avroSchema: " + why));
            }
            schemaProblems.forEach(problem -> pipeline.require(false, problem));

            KafkaSink outputSink = output.build();
            Sink sink = outputSink;
            if (deadLetters != null) {
                sink = new AvroDecodingSink(pipelineName, outputSink, deadLetters, schemaSource,
                        framed ? null : writerSchema, reader, JSON_OPTIONS);
            } else if (!framed && writerSchema != null && schemaProblems.isEmpty()) {
                pipeline.transform(new FailFastDecode(writerSchema, reader));
            }
            return new AvroToJsonPipeline(pipeline.sink(sink).build(), deadLetters != null);
        }
    }
}
