package io.streampatterns.patterns.validation;

import io.streampatterns.core.Capability;
import io.streampatterns.core.DlqPolicy;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.delta.DeltaSink;
import io.streampatterns.core.dlq.KafkaTopicDlq;
import io.streampatterns.core.kafka.KafkaSecurity;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.core.kafka.StartingOffsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.types.StructType;

/**
 * Schema validation with a dead letter queue: every record of a Kafka topic is checked against the
 * event schema; valid records go on unchanged to a valid topic (or, parsed, to a Delta table),
 * invalid ones to a dead letter queue with an exact reason.
 *
 * <p>Each record ends up in exactly one of the two outputs. A dead letter keeps the original key,
 * value and headers and says why and where from (see {@link io.streampatterns.core.dlq.DeadLetterRecord}):
 * <ul>
 *   <li>{@code MALFORMED_JSON}: the value is not JSON at all (or null, a tombstone);</li>
 *   <li>{@code SCHEMA_VALIDATION_FAILED}: JSON of the wrong shape (an array) or a field of the wrong
 *       type ({@code "amount": "abc"}); the detail names the field, its JSON type and value;</li>
 *   <li>{@code MISSING_REQUIRED_FIELD}: a required field absent or null; the detail names it.</li>
 * </ul>
 * {@link SchemaValidator} explains how these are told apart on Spark 4.2.
 *
 * <p>Why each decision:
 * <ul>
 *   <li><b>Valid records are forwarded byte for byte</b> to the valid topic, with their key and
 *       headers: validation is a gate, not a rewrite, so consumers of the valid topic read what the
 *       producer wrote. To a Delta table they are written parsed, with their Kafka coordinates.</li>
 *   <li><b>foreachBatch, one persisted batch, dead letters first</b> (see {@link ValidationSink}):
 *       two outputs from one classification, and a failed batch is written again whole, never in
 *       part. The valid topic and the DLQ are therefore at least once; a valid Delta table is
 *       exactly once (txnAppId/txnVersion), its dead letters still at least once.</li>
 *   <li><b>Headers are read</b> ({@code includeHeaders=true}): a dead letter must carry the
 *       original headers (trace ids, schema ids) for whoever replays it.</li>
 *   <li><b>No {@code count() > 0} before writing</b>, unlike the Databricks example: each count
 *       is one more Spark job over the batch, and writing an empty DataFrame to Kafka costs nothing.</li>
 *   <li><b>Required fields are configurable</b> (default event_id, user_id, event_type, seq):
 *       a field outside the set may be absent or null, but when present it must have its type.</li>
 *   <li><b>startingOffsets = earliest, maxOffsetsPerTrigger = 50,000, trigger 30 s</b>, as for
 *       bronze ingestion: a first run misses nothing, drains a backlog in bounded batches, and a
 *       30 s trigger suits an SLA of 90 s (the SLA/3 rule; set {@code sla(...)} to derive it).</li>
 *   <li><b>Not Real-Time Mode</b>: Spark 4.2 runs no foreachBatch there; use
 *       {@link RealTimeSchemaValidationPipeline}, which routes with a per-row topic instead.</li>
 * </ul>
 */
public final class SchemaValidationPipeline implements StreamingPattern {
    public static final List<String> DEFAULT_REQUIRED_FIELDS = List.of("event_id", "user_id", "event_type", "seq");
    public static final long DEFAULT_MAX_OFFSETS_PER_TRIGGER = 50_000;
    public static final Duration DEFAULT_TRIGGER = Duration.ofSeconds(30);

    private final Pipeline pipeline;
    private final SchemaValidator validator;
    private final DlqPolicy dlq;

    private SchemaValidationPipeline(Pipeline pipeline, SchemaValidator validator, DlqPolicy dlq) {
        this.pipeline = pipeline;
        this.validator = validator;
        this.dlq = dlq;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Pipeline pipeline() {
        return pipeline;
    }

    /** The validation step, for reuse (the Real-Time Mode variant uses the same). */
    public SchemaValidator validator() {
        return validator;
    }

    /** Where invalid records go. */
    public DlqPolicy dlq() {
        return dlq;
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.of(Capability.TRACEABLE_RECORDS, Capability.DEAD_LETTER_QUEUE,
                Capability.CHECKPOINT_RESTART);
        if (pipeline.source().capsBatchSize()) {
            capabilities.add(Capability.CAPPED_BATCHES);
        }
        if (pipeline.trigger().kind() == TriggerPolicy.Kind.PROCESSING_TIME) {
            capabilities.add(Capability.SLA_TRIGGER);
        }
        return capabilities;
    }

    /** Options of a validation pipeline; {@link #build()} checks them all. */
    public static final class Builder {
        private final KafkaSource.Builder source = KafkaSource.builder()
                .startingOffsets(StartingOffsets.earliest())
                .maxOffsetsPerTrigger(DEFAULT_MAX_OFFSETS_PER_TRIGGER)
                .includeHeaders(true);
        private final KafkaSink.Builder validSink = KafkaSink.builder();
        private final KafkaSink.Builder dlqSink = KafkaSink.builder();
        private String name;
        private String topic;
        private StructType eventSchema;
        private List<String> requiredFields = DEFAULT_REQUIRED_FIELDS;
        private String validTopic;
        private DeltaSink validTable;
        private String dlqTopic;
        private DlqPolicy dlqPolicy;
        private TriggerPolicy trigger = TriggerPolicy.processingTime(DEFAULT_TRIGGER);
        private String checkpointLocation;

        /** The query's name; defaults to {@code validate_<topic>}. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** For the source, the valid topic and the DLQ topic alike. */
        public Builder bootstrapServers(String servers) {
            source.bootstrapServers(servers);
            validSink.bootstrapServers(servers);
            dlqSink.bootstrapServers(servers);
            return this;
        }

        /** The topic to validate. */
        public Builder topic(String topic) {
            this.topic = topic;
            source.subscribe(topic);
            return this;
        }

        /** The events' schema: the top-level fields of a JSON object. */
        public Builder eventSchema(StructType schema) {
            this.eventSchema = schema;
            return this;
        }

        /** Fields that must be present and not null; defaults to {@link #DEFAULT_REQUIRED_FIELDS}. */
        public Builder requiredFields(String... fields) {
            return requiredFields(Arrays.asList(fields));
        }

        public Builder requiredFields(Collection<String> fields) {
            this.requiredFields = fields == null ? null : List.copyOf(fields);
            return this;
        }

        /** Valid records go, unchanged, to this topic (at least once). */
        public Builder validTopic(String topic) {
            this.validTopic = topic;
            validSink.topic(topic);
            return this;
        }

        /** Valid records go, parsed, to this Delta table (exactly once); instead of a valid topic. */
        public Builder validTable(DeltaSink table) {
            this.validTable = table;
            return this;
        }

        public Builder validTablePath(String path) {
            return validTable(DeltaSink.toPath(path));
        }

        /** Invalid records go to this Kafka topic, with the source's servers and security. */
        public Builder dlqTopic(String topic) {
            this.dlqTopic = topic;
            dlqSink.topic(topic);
            return this;
        }

        /** Invalid records go where this policy sends them; instead of {@link #dlqTopic}. */
        public Builder dlq(DlqPolicy policy) {
            this.dlqPolicy = policy;
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

        public Builder minPartitions(int min) {
            source.minPartitions(min);
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

        /** A Kafka client property for the consumer and both producers, with or without the {@code kafka.} prefix. */
        public Builder kafkaOption(String name, String value) {
            source.kafkaOption(name, value);
            validSink.kafkaOption(name, value);
            dlqSink.kafkaOption(name, value);
            return this;
        }

        /** Client properties for every Kafka client of the pipeline, e.g. a secured cluster's. */
        public Builder kafkaOptions(Map<String, String> options) {
            options.forEach(this::kafkaOption);
            return this;
        }

        /** For the consumer and both producers. */
        public Builder security(KafkaSecurity security) {
            source.security(security);
            validSink.security(security);
            dlqSink.security(security);
            return this;
        }

        /** @throws io.streampatterns.core.InvalidPipelineException listing every problem */
        public SchemaValidationPipeline build() {
            String pipelineName = name != null ? name : "validate_" + topic;
            Pipeline.Builder pipeline = Pipeline.builder(pipelineName);
            List<String> schemaProblems = SchemaValidator.problems(eventSchema, requiredFields);
            schemaProblems.forEach(problem -> pipeline.require(false, problem));
            pipeline.require(validTopic != null || validTable != null,
                            "validTopic or validTable: expected where valid records go, got neither")
                    .require(validTopic == null || validTable == null,
                            "validTopic and validTable: expected one output for valid records, got both")
                    .require(dlqTopic != null || dlqPolicy != null,
                            "dlqTopic or dlq: expected where invalid records go, got neither")
                    .require(dlqTopic == null || dlqPolicy == null,
                            "dlqTopic and dlq: expected one dead letter queue, got both")
                    .require(trigger == null || trigger.kind() != TriggerPolicy.Kind.REAL_TIME,
                            "trigger: Real-Time Mode cannot run foreachBatch, which this pattern writes with;"
                                    + " use RealTimeSchemaValidationPipeline, or a processingTime trigger")
                    .require(!sameTopic(validTopic, topic), "validTopic: '" + validTopic
                            + "' is the input topic; valid records would be read and written again forever")
                    .require(!sameTopic(dlqTopic, topic), "dlqTopic: '" + dlqTopic
                            + "' is the input topic; dead letters would be validated again forever")
                    .require(!sameTopic(validTopic, dlqTopic), "validTopic and dlqTopic: both are '" + dlqTopic
                            + "'; expected two topics, so that no consumer mistakes a dead letter for an event");
            if (validTable != null && eventSchema != null) {
                for (String field : eventSchema.fieldNames()) {
                    pipeline.require(!ValidationSink.TABLE_METADATA_COLUMNS.contains(field), "eventSchema: field '"
                            + field + "' collides with the valid table's column of that name; expected none of "
                            + ValidationSink.TABLE_METADATA_COLUMNS);
                }
            }
            SchemaValidator validator = schemaProblems.isEmpty() ? new SchemaValidator(eventSchema, requiredFields) : null;
            if (validator != null) {
                pipeline.transform(validator);
            }
            DlqPolicy dlq = dlqPolicy != null ? dlqPolicy : dlqTopic != null ? new KafkaTopicDlq(dlqSink.build()) : null;
            pipeline.source(source.build())
                    .sink(new ValidationSink(validTopic != null ? validSink.build() : null, validTable, dlq, pipelineName))
                    .trigger(trigger)
                    .checkpointLocation(checkpointLocation);
            return new SchemaValidationPipeline(pipeline.build(), validator, dlq);
        }

        private static boolean sameTopic(String a, String b) {
            return a != null && Objects.equals(a, b);
        }
    }
}
