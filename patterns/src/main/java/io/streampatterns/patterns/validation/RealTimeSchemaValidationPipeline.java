package io.streampatterns.patterns.validation;

import static org.apache.spark.sql.functions.col;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Pipeline;
import io.streampatterns.patterns.BuiltPattern;
import io.streampatterns.core.Transform;
import io.streampatterns.core.dlq.DeadLetters;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.patterns.realtime.RealTimeModeRequirements;
import io.streampatterns.patterns.realtime.RealTimePatternBuilder;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * Schema validation with a dead letter queue in Real-Time Mode: the same classification as
 * {@link SchemaValidationPipeline} (see {@link SchemaValidator}), with records flowing as they
 * arrive instead of in micro-batches.
 *
 * <p>Real-Time Mode runs no foreachBatch, so there are not two writes: every row gets a
 * {@code topic} column (the valid topic or the DLQ topic), a {@code value} (the original bytes for a
 * valid record, the dead letter's JSON envelope for an invalid one) and {@code headers} (the
 * original ones, plus the {@code __connect.errors.*} ones on a dead letter), and one Kafka sink
 * writes each row to its own topic. A record is classified once, so it lands in exactly one topic.
 *
 * <p>What Real-Time Mode demands, this pattern sets (output mode update, no
 * {@code maxOffsetsPerTrigger}) or checks with {@link RealTimeModeRequirements} before the query
 * starts: a checkpoint interval of at least Spark's {@code realTimeMode.minBatchDuration} (5 s),
 * and <b>at least as many task slots as the input topic has partitions</b>. With fewer, Spark 4.2
 * silently reads only some partitions (local[1] on a 2-partition topic delivered 503 of 1000
 * records, no error), so the pipeline refuses to start instead.
 *
 * <p>Delivery is at least once: after a failure, records since the last checkpoint may be written
 * again; the checkpoint interval (default 60 s) bounds how many. The first records after a start
 * wait 3–5 s; after that latency is milliseconds. A dead letter's {@code dlq_timestamp} is the start
 * of the current real-time batch, not the moment of rejection.
 */
public final class RealTimeSchemaValidationPipeline extends BuiltPattern {
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = RealTimePatternBuilder.DEFAULT_CHECKPOINT_INTERVAL;

    private final SchemaValidator validator;

    private RealTimeSchemaValidationPipeline(Pipeline pipeline, SchemaValidator validator) {
        super(pipeline, Capability.TRACEABLE_RECORDS, Capability.DEAD_LETTER_QUEUE, Capability.CHECKPOINT_RESTART);
        this.validator = validator;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The validation step, the same as {@link SchemaValidationPipeline#validator()}'s. */
    public SchemaValidator validator() {
        return validator;
    }

    /**
     * Gives each classified row its destination: the valid topic with the record as it was, or the
     * DLQ topic with a dead letter. Columns: {@code topic}, {@code key}, {@code value}, {@code headers}.
     */
    static Transform routeToTopics(String validTopic, String dlqTopic, String pipelineName) {
        return classified -> DeadLetters.orDeadLetter(classified, col("value"), validTopic,
                col(SchemaValidator.REASON_COLUMN), col(SchemaValidator.DETAIL_COLUMN), dlqTopic, pipelineName);
    }

    /**
     * Options of a Real-Time Mode validation pipeline, beyond the shared ones of
     * {@link RealTimePatternBuilder}; {@link #build()} checks them all.
     */
    public static final class Builder extends RealTimePatternBuilder<Builder> {
        private List<String> requiredFields = SchemaValidationPipeline.DEFAULT_REQUIRED_FIELDS;
        private String validTopic;
        private String dlqTopic;

        private Builder() {
        }

        /** Fields that must be present and not null; defaults to event_id, user_id, event_type, seq. */
        public Builder requiredFields(String... fields) {
            return requiredFields(Arrays.asList(fields));
        }

        public Builder requiredFields(Collection<String> fields) {
            this.requiredFields = fields == null ? null : List.copyOf(fields);
            return this;
        }

        /** Valid records go, unchanged, to this topic. */
        public Builder validTopic(String topic) {
            this.validTopic = topic;
            return this;
        }

        /** Invalid records go, as dead letters, to this topic. */
        public Builder dlqTopic(String topic) {
            this.dlqTopic = topic;
            return this;
        }

        @Override
        public RealTimeSchemaValidationPipeline build() {
            String pipelineName = pipelineName("validate_rt_");
            KafkaSource source = kafkaSource().includeHeaders(true).build();
            KafkaSink sink = kafkaSink().topicFromColumn().build();
            Pipeline.Builder pipeline = realTimePipeline("validate_rt_", source, sink);
            StructType eventSchema = eventSchema();
            List<String> schemaProblems = SchemaValidator.problems(eventSchema, requiredFields);
            schemaProblems.forEach(problem -> pipeline.require(false, problem));
            pipeline.require(isTopic(validTopic), "validTopic: expected where valid records go, got nothing")
                    .require(isTopic(dlqTopic), "dlqTopic: expected where invalid records go, got nothing");
            SchemaValidationPipeline.topicProblems(topic(), validTopic, dlqTopic)
                    .forEach(problem -> pipeline.require(false, problem));
            SchemaValidator validator = schemaProblems.isEmpty() ? new SchemaValidator(eventSchema, requiredFields) : null;
            if (validator != null) {
                pipeline.transform(validator).transform(routeToTopics(validTopic, dlqTopic, pipelineName));
            }
            return new RealTimeSchemaValidationPipeline(pipeline.build(), validator);
        }

        private static boolean isTopic(String topic) {
            return topic != null && !topic.isBlank();
        }
    }
}
