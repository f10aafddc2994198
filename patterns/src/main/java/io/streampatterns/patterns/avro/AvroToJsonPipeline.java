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
import io.streampatterns.core.Transform;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.dlq.KafkaTopicDlq;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.patterns.OutputWithDeadLetters;
import io.streampatterns.patterns.BuiltPattern;
import io.streampatterns.patterns.InputTopicAlias;
import io.streampatterns.patterns.PatternBuilder;
import io.streampatterns.patterns.realtime.RealTimeModeRequirements;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
 *     .topic("orders_avro").outputTopic("orders_json")
 *     .confluentWireFormat(SchemaRegistrySchemaSource.at("http://registry:8081"))
 *     .readerSchema(ORDER_V2)
 *     .dlqTopic("orders_avro_dlq")
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
 *
 * <p><b>Real-Time Mode</b> ({@code trigger(TriggerPolicy.realTime(checkpointInterval))}): records are
 * decoded as they arrive. There is no foreachBatch, so the decoding runs on the executors record by
 * record ({@link AvroBodyResolver}: a new schema id is looked up when its first record comes, from
 * the executors) and one Kafka write sends each record to the output topic or, as a dead letter, to
 * {@code dlqTopic} (a {@code dlq(...)} policy of the caller's is refused). At least once, like every
 * Real-Time Mode pipeline; {@link RealTimeModeRequirements} is checked before the query starts.
 */
public final class AvroToJsonPipeline extends BuiltPattern {
    public static final long DEFAULT_MAX_OFFSETS_PER_TRIGGER = PatternBuilder.DEFAULT_MAX_OFFSETS_PER_TRIGGER;
    public static final Duration DEFAULT_TRIGGER = Duration.ofSeconds(10);
    /** How the JSON is written: explicit nulls, and timestamps in UTC with milliseconds. */
    static final Map<String, String> JSON_OPTIONS = Map.of("timeZone", "UTC",
            "timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "ignoreNullFields", "false");

    /** In {@link #decode}'s result: the {@link io.streampatterns.core.dlq.DlqReason} of a rejected record, else null. */
    public static final String REASON_COLUMN = "_dlq_reason";
    /** In {@link #decode}'s result: what was wrong with a rejected record, for a person, else null. */
    public static final String DETAIL_COLUMN = "_dlq_detail";

    private final Transform decoding;

    private AvroToJsonPipeline(Pipeline pipeline, Transform decoding, boolean deadLetters) {
        super(pipeline, deadLetters
                ? new Capability[] {Capability.TRACEABLE_RECORDS, Capability.CHECKPOINT_RESTART, Capability.DEAD_LETTER_QUEUE}
                : new Capability[] {Capability.TRACEABLE_RECORDS, Capability.CHECKPOINT_RESTART});
        this.decoding = decoding;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * What the pipeline makes of one batch of raw Kafka rows ({@code key}, {@code value}, and
     * {@code headers} when read), without Kafka: {@code key}; {@code value}, the JSON written to the
     * output topic (null for a tombstone, and for a record that goes to the dead letter queue);
     * {@code headers} when given; {@value #REASON_COLUMN} and {@value #DETAIL_COLUMN}, why a record
     * goes to the dead letter queue (null for one that decodes). For trying schemas on sample
     * records, or measuring the decoding. Without a dead letter queue, a body that does not decode
     * fails the batch, as it fails the query.
     */
    public Dataset<Row> decode(Dataset<Row> kafkaRows) {
        return decoding.apply(kafkaRows);
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
        public Dataset<Row> apply(Dataset<Row> kafkaRows) {
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

    /**
     * Options of an Avro → JSON pipeline, beyond the shared ones of {@link PatternBuilder};
     * {@link #build()} checks them all. The trigger is processingTime (default 10 s), availableNow,
     * or realTime (Real-Time Mode).
     */
    public static final class Builder extends PatternBuilder<Builder> implements InputTopicAlias<Builder> {
        private String outputTopic;
        private String writerSchema;
        private SchemaSource schemaSource;
        private String readerSchema;
        private DlqPolicy dlq;
        private String dlqTopic;

        private Builder() {
            super(TriggerPolicy.processingTime(DEFAULT_TRIGGER));
        }

        public Builder outputTopic(String topic) {
            this.outputTopic = topic;
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

        /** Dead letters to this topic, on the same brokers and with the same security and client options as the output. */
        public Builder dlqTopic(String topic) {
            this.dlqTopic = topic;
            this.dlq = null;
            return this;
        }

        /**
         * Dead letters to this topic.
         *
         * @deprecated use {@link #dlqTopic(String)}, the name every pattern gives its dead letter topic
         */
        @Deprecated(since = "0.2.0", forRemoval = true)
        public Builder deadLetterTopic(String topic) {
            return dlqTopic(topic);
        }

        /** Dead letters to a policy of the caller's; instead of {@link #dlqTopic}. */
        public Builder dlq(DlqPolicy policy) {
            this.dlq = policy;
            this.dlqTopic = null;
            return this;
        }

        /** The JSON records and the dead letters can commit together: see {@link #exactlyOnce(java.time.Duration)}. */
        @Override
        protected boolean offersExactlyOnce() {
            return true;
        }

        @Override
        public AvroToJsonPipeline build() {
            String pipelineName = pipelineName("avro_to_json_");
            DlqPolicy deadLetters = dlqTopic != null ? new KafkaTopicDlq(kafkaSink().topic(dlqTopic).build()) : dlq;
            boolean framed = schemaSource != null;
            KafkaSource source = kafkaSource().includeHeaders(true).build();
            String reader = readerSchema != null ? readerSchema : writerSchema;
            Pipeline.Builder pipeline = pipeline("avro_to_json_")
                    .require(framed != (writerSchema != null), "avroSchema/confluentWireFormat: expected exactly one"
                            + " (plain Avro bodies written with one schema, or the Confluent wire format with a schema"
                            + " source), got " + (framed ? "both" : "neither"))
                    .require(!framed || readerSchema != null, "readerSchema: expected the output's Avro schema; with"
                            + " the Confluent wire format records come with several writer schemas, each read into it")
                    .require(!framed || deadLetters != null, "dlqTopic: expected a dead letter topic (or dlq(...));"
                            + " with the Confluent wire format a record can name a schema id that is not known, and it"
                            + " must go somewhere")
                    .source(source);
            requireOutputTopic(pipeline, outputTopic, "the pipeline would decode its own output forever");
            pipeline.require(!realTime() || dlq == null, "dlq: in Real-Time Mode the dead letters are written by the"
                    + " output's own Kafka write (there is no foreachBatch for a second one); expected dlqTopic(...)");
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

            requireDlqTopicForExactlyOnce(pipeline, dlq != null);
            KafkaSink outputSink = kafkaSink().topic(outputTopic).build();
            Sink sink = kafkaOutput(outputTopic);
            Transform decoding = null;
            if (realTime() && dlqTopic != null) {
                RealTimeAvroDecoding realTimeDecoding = new RealTimeAvroDecoding(schemaSource, framed ? null : writerSchema,
                        reader, JSON_OPTIONS);
                sink = kafkaSink().topicFromColumn().build();
                if (schemaProblems.isEmpty() && reader != null) {
                    pipeline.transform(realTimeDecoding.toTopics(outputTopic, dlqTopic, pipelineName));
                    decoding = realTimeDecoding.decode();
                }
            } else if (deadLetters != null) {
                OutputWithDeadLetters transactional = dlqTopic != null && outputTopic != null
                        ? transactionalOutputWithDeadLetters(outputTopic, dlqTopic).orElse(null) : null;
                AvroDecodingSink decodingSink = new AvroDecodingSink(pipelineName, outputSink, deadLetters, transactional,
                        schemaSource, framed ? null : writerSchema, reader, JSON_OPTIONS);
                sink = decodingSink;
                decoding = decodingSink::decode;
            } else if (!framed && writerSchema != null && schemaProblems.isEmpty()) {
                FailFastDecode failFast = new FailFastDecode(writerSchema, reader);
                pipeline.transform(failFast);
                Column none = lit(null).cast(DataTypes.StringType);
                decoding = raw -> failFast.apply(raw).withColumn(REASON_COLUMN, none).withColumn(DETAIL_COLUMN, none);
            }
            pipeline.sink(sink);
            if (realTime()) {
                new RealTimeModeRequirements().applyTo(pipeline, source, sink, resolvedTrigger());
            }
            return new AvroToJsonPipeline(pipeline.build(), decoding, deadLetters != null);
        }
    }
}
