package io.streampatterns.patterns.validation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.Transform;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.dlq.DeadLetters;
import io.streampatterns.core.kafka.KafkaSecurity;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.core.kafka.StartingOffsets;
import io.streampatterns.patterns.realtime.RealTimeModeRequirements;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.OutputMode;
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
public final class RealTimeSchemaValidationPipeline implements StreamingPattern {
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(60);

    private final Pipeline pipeline;
    private final SchemaValidator validator;

    private RealTimeSchemaValidationPipeline(Pipeline pipeline, SchemaValidator validator) {
        this.pipeline = pipeline;
        this.validator = validator;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Pipeline pipeline() {
        return pipeline;
    }

    public SchemaValidator validator() {
        return validator;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TRACEABLE_RECORDS, Capability.DEAD_LETTER_QUEUE, Capability.CHECKPOINT_RESTART,
                Capability.REAL_TIME_MODE);
    }

    /**
     * Gives each classified row its destination: the valid topic with the record as it was, or the
     * DLQ topic with a dead letter. Columns: {@code topic}, {@code key}, {@code value}, {@code headers}.
     */
    static Transform routeToTopics(String validTopic, String dlqTopic, String pipelineName) {
        return classified -> {
            Column invalid = col(SchemaValidator.REASON_COLUMN).isNotNull();
            Column reason = col(SchemaValidator.REASON_COLUMN);
            Column detail = col(SchemaValidator.DETAIL_COLUMN);
            // One select: col("topic") inside the dead letter still means the source topic.
            return classified.select(
                    when(invalid, lit(dlqTopic)).otherwise(lit(validTopic)).alias("topic"),
                    col("key"),
                    when(invalid, DeadLetters.value(reason, detail, pipelineName).cast("binary"))
                            .otherwise(col("value")).alias("value"),
                    when(invalid, DeadLetters.headers(reason, detail, pipelineName, true))
                            .otherwise(col("headers")).alias("headers"));
        };
    }

    /** Options of a Real-Time Mode validation pipeline; {@link #build()} checks them all. */
    public static final class Builder {
        private final KafkaSource.Builder source = KafkaSource.builder()
                .startingOffsets(StartingOffsets.earliest())
                .includeHeaders(true);
        private final KafkaSink.Builder sink = KafkaSink.builder().topicFromColumn();
        private String name;
        private String topic;
        private StructType eventSchema;
        private List<String> requiredFields = SchemaValidationPipeline.DEFAULT_REQUIRED_FIELDS;
        private String validTopic;
        private String dlqTopic;
        private TriggerPolicy trigger = TriggerPolicy.realTime(DEFAULT_CHECKPOINT_INTERVAL);
        private String checkpointLocation;

        /** The query's name; defaults to {@code validate_rt_<topic>}. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder bootstrapServers(String servers) {
            source.bootstrapServers(servers);
            sink.bootstrapServers(servers);
            return this;
        }

        public Builder topic(String topic) {
            this.topic = topic;
            source.subscribe(topic);
            return this;
        }

        public Builder eventSchema(StructType schema) {
            this.eventSchema = schema;
            return this;
        }

        /** Fields that must be present and not null; defaults to event_id, user_id, event_type, seq. */
        public Builder requiredFields(String... fields) {
            return requiredFields(Arrays.asList(fields));
        }

        public Builder requiredFields(Collection<String> fields) {
            this.requiredFields = fields == null ? null : List.copyOf(fields);
            return this;
        }

        public Builder validTopic(String topic) {
            this.validTopic = topic;
            return this;
        }

        public Builder dlqTopic(String topic) {
            this.dlqTopic = topic;
            return this;
        }

        public Builder checkpointLocation(String location) {
            this.checkpointLocation = location;
            return this;
        }

        /** How often progress is checkpointed (not a latency target); at least 5 s, default 60 s. */
        public Builder checkpointInterval(Duration interval) {
            this.trigger = TriggerPolicy.realTime(interval);
            return this;
        }

        /** A Real-Time Mode trigger; any other kind is refused. */
        public Builder trigger(TriggerPolicy trigger) {
            this.trigger = trigger;
            return this;
        }

        public Builder startingOffsets(StartingOffsets offsets) {
            source.startingOffsets(offsets);
            return this;
        }

        /** A Kafka client property for the consumer and the producer, with or without the {@code kafka.} prefix. */
        public Builder kafkaOption(String name, String value) {
            source.kafkaOption(name, value);
            sink.kafkaOption(name, value);
            return this;
        }

        /** Client properties for every Kafka client of the pipeline, e.g. a secured cluster's. */
        public Builder kafkaOptions(Map<String, String> options) {
            options.forEach(this::kafkaOption);
            return this;
        }

        public Builder security(KafkaSecurity security) {
            source.security(security);
            sink.security(security);
            return this;
        }

        /** @throws io.streampatterns.core.InvalidPipelineException listing every problem */
        public RealTimeSchemaValidationPipeline build() {
            String pipelineName = name != null ? name : "validate_rt_" + topic;
            Pipeline.Builder pipeline = Pipeline.builder(pipelineName);
            List<String> schemaProblems = SchemaValidator.problems(eventSchema, requiredFields);
            schemaProblems.forEach(problem -> pipeline.require(false, problem));
            pipeline.require(isTopic(validTopic), "validTopic: expected where valid records go, got nothing")
                    .require(isTopic(dlqTopic), "dlqTopic: expected where invalid records go, got nothing")
                    .require(!sameTopic(validTopic, topic), "validTopic: '" + validTopic
                            + "' is the input topic; valid records would be read and written again forever")
                    .require(!sameTopic(dlqTopic, topic), "dlqTopic: '" + dlqTopic
                            + "' is the input topic; dead letters would be validated again forever")
                    .require(!sameTopic(validTopic, dlqTopic), "validTopic and dlqTopic: both are '" + dlqTopic
                            + "'; expected two topics, so that no consumer mistakes a dead letter for an event");
            SchemaValidator validator = schemaProblems.isEmpty() ? new SchemaValidator(eventSchema, requiredFields) : null;
            if (validator != null) {
                pipeline.transform(validator).transform(routeToTopics(validTopic, dlqTopic, pipelineName));
            }
            KafkaSource kafka = source.build();
            KafkaSink out = sink.build();
            RealTimeModeRequirements.configurationProblems(kafka, out, trigger, OutputMode.Update())
                    .forEach(problem -> pipeline.require(false, problem));
            pipeline.source(kafka)
                    .sink(out)
                    .trigger(trigger)
                    .outputMode(OutputMode.Update())
                    .checkpointLocation(checkpointLocation)
                    .startCheck(new RealTimeModeRequirements());
            return new RealTimeSchemaValidationPipeline(pipeline.build(), validator);
        }

        private static boolean isTopic(String topic) {
            return topic != null && !topic.isBlank();
        }

        private static boolean sameTopic(String a, String b) {
            return a != null && Objects.equals(a, b);
        }
    }
}
