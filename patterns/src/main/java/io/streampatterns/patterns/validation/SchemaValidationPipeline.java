package io.streampatterns.patterns.validation;

import io.streampatterns.core.Capability;
import io.streampatterns.core.DlqPolicy;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.delta.DeltaSink;
import io.streampatterns.core.dlq.RecordFunction;
import io.streampatterns.core.dlq.KafkaTopicDlq;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.patterns.OutputWithDeadLetters;
import io.streampatterns.patterns.BuiltPattern;
import io.streampatterns.patterns.JsonPatternBuilder;
import io.streampatterns.patterns.PatternBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
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
 *       exactly once (txnAppId/txnVersion). With {@code exactlyOnce()} and a {@code dlqTopic}, the
 *       dead letters and the valid topic's records commit together in Kafka transactions
 *       ({@link io.streampatterns.patterns.OutputWithDeadLetters}): exactly once for both.</li>
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
public final class SchemaValidationPipeline extends BuiltPattern {
    public static final List<String> DEFAULT_REQUIRED_FIELDS = List.of("event_id", "user_id", "event_type", "seq");
    public static final long DEFAULT_MAX_OFFSETS_PER_TRIGGER = PatternBuilder.DEFAULT_MAX_OFFSETS_PER_TRIGGER;
    public static final Duration DEFAULT_TRIGGER = Duration.ofSeconds(30);

    private final SchemaValidator validator;
    private final DlqPolicy dlq;

    private SchemaValidationPipeline(Pipeline pipeline, SchemaValidator validator, DlqPolicy dlq, boolean guarded) {
        super(pipeline, guarded
                ? new Capability[] {Capability.TRACEABLE_RECORDS, Capability.DEAD_LETTER_QUEUE, Capability.CHECKPOINT_RESTART,
                        Capability.GUARDED_TRANSFORMATION}
                : new Capability[] {Capability.TRACEABLE_RECORDS, Capability.DEAD_LETTER_QUEUE, Capability.CHECKPOINT_RESTART});
        this.validator = validator;
        this.dlq = dlq;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The validation step, for reuse (the Real-Time Mode variant uses the same). */
    public SchemaValidator validator() {
        return validator;
    }

    /** Where invalid records go. */
    public DlqPolicy dlq() {
        return dlq;
    }

    /** Topics that would loop or mix, for both validation patterns: each problem names its option. */
    static List<String> topicProblems(String topic, String validTopic, String dlqTopic) {
        List<String> problems = new ArrayList<>();
        if (sameTopic(validTopic, topic)) {
            problems.add("validTopic: '" + validTopic + "' is the input topic; valid records would be read and"
                    + " written again forever");
        }
        if (sameTopic(dlqTopic, topic)) {
            problems.add("dlqTopic: '" + dlqTopic + "' is the input topic; dead letters would be validated again forever");
        }
        if (sameTopic(validTopic, dlqTopic)) {
            problems.add("validTopic and dlqTopic: both are '" + dlqTopic + "'; expected two topics, so that no"
                    + " consumer mistakes a dead letter for an event");
        }
        return problems;
    }

    private static boolean sameTopic(String a, String b) {
        return a != null && Objects.equals(a, b);
    }

    /**
     * Options of a validation pipeline, beyond the shared ones of {@link JsonPatternBuilder};
     * {@link #build()} checks them all.
     */
    public static final class Builder extends JsonPatternBuilder<Builder> {
        private List<String> requiredFields = DEFAULT_REQUIRED_FIELDS;
        private String validTopic;
        private DeltaSink validTable;
        private String dlqTopic;
        private DlqPolicy dlqPolicy;
        private RecordFunction eventFunction;
        private StructType resultSchema;

        private Builder() {
            super(TriggerPolicy.processingTime(DEFAULT_TRIGGER));
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

        /** Invalid records go to this Kafka topic, with the source's servers, security and client options. */
        public Builder dlqTopic(String topic) {
            this.dlqTopic = topic;
            return this;
        }

        /** Invalid records go where this policy sends them; instead of {@link #dlqTopic}. */
        public Builder dlq(DlqPolicy policy) {
            this.dlqPolicy = policy;
            return this;
        }

        /**
         * The pattern's own logic for each valid event (a rule, a lookup, a conversion): its result,
         * a row of {@code resultSchema}, replaces the event in the valid output (as JSON on a valid
         * topic, as columns in a valid table); an event it throws on goes to the dead letter queue as
         * {@code TRANSFORMATION_FAILED} with the exception's class and message, and the query keeps running.
         */
        public Builder eventFunction(StructType resultSchema, RecordFunction function) {
            this.resultSchema = resultSchema;
            this.eventFunction = function;
            return this;
        }

        /** The valid topic's records and the dead letters can commit together: see {@link #exactlyOnce(java.time.Duration)}. */
        @Override
        protected boolean offersExactlyOnce() {
            return true;
        }

        @Override
        public SchemaValidationPipeline build() {
            String pipelineName = pipelineName("validate_");
            Pipeline.Builder pipeline = pipeline("validate_");
            StructType eventSchema = eventSchema();
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
                    .require(!realTime(),
                            "trigger: Real-Time Mode cannot run foreachBatch, which this pattern writes with, got "
                                    + resolvedTrigger() + "; use RealTimeSchemaValidationPipeline, or a processingTime"
                                    + " trigger");
            topicProblems(topic(), validTopic, dlqTopic).forEach(problem -> pipeline.require(false, problem));
            StructType validSchema = resultSchema != null ? resultSchema : eventSchema;
            if (validTable != null && validSchema != null) {
                for (String field : validSchema.fieldNames()) {
                    pipeline.require(!ValidationSink.TABLE_METADATA_COLUMNS.contains(field),
                            (resultSchema != null ? "eventFunction" : "eventSchema") + ": field '"
                            + field + "' collides with the valid table's column of that name; expected none of "
                            + ValidationSink.TABLE_METADATA_COLUMNS);
                }
            }
            SchemaValidator validator = schemaProblems.isEmpty() ? new SchemaValidator(eventSchema, requiredFields) : null;
            pipeline.require((eventFunction == null) == (resultSchema == null),
                    "eventFunction: expected a result schema and a function, got "
                            + (eventFunction == null ? "no function" : "no result schema"));
            if (validator != null) {
                pipeline.transform(validator);
                if (eventFunction != null && resultSchema != null) {
                    pipeline.transform(new EventFunctionStep(eventFunction, resultSchema));
                }
            }
            requireDlqTopicForExactlyOnce(pipeline, dlqPolicy != null);
            KafkaSink validSink = validTopic != null ? kafkaSink().topic(validTopic).build() : null;
            DlqPolicy dlq = dlqPolicy != null ? dlqPolicy
                    : dlqTopic != null ? new KafkaTopicDlq(kafkaSink().topic(dlqTopic).build()) : null;
            OutputWithDeadLetters transactional = dlqTopic != null
                    ? transactionalOutputWithDeadLetters(validTopic, dlqTopic).orElse(null) : null;
            pipeline.source(kafkaSource().includeHeaders(true).build())
                    .sink(new ValidationSink(validSink, validTable, dlq, pipelineName, transactional));
            return new SchemaValidationPipeline(pipeline.build(), validator, dlq, eventFunction != null);
        }
    }
}
