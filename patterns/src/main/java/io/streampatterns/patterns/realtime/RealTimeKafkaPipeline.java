package io.streampatterns.patterns.realtime;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.patterns.BuiltPattern;
import io.streampatterns.patterns.InputTopicAlias;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * Kafka → Kafka in Real-Time Mode: each JSON event is parsed, projected to the chosen fields plus
 * {@value RealTimeProjection#PROCESSED_AT}, and written to the output topic as it arrives, in
 * milliseconds instead of a micro-batch's hundreds.
 *
 * <pre>{@code
 * RealTimeKafkaPipeline pipeline = RealTimeKafkaPipeline.builder()
 *     .bootstrapServers("broker1:9092")
 *     .topic("clicks").outputTopic("clicks_projected")
 *     .eventSchema(schema).keepFields("event_id", "user_id", "seq")
 *     .checkpointLocation("/checkpoints/clicks_projected")
 *     .build();
 * try (RunningPipeline running = pipeline.pipeline().start(spark)) { ... }
 * }</pre>
 *
 * <p>Before the query starts, {@link RealTimeModeRequirements} checks what Real-Time Mode demands
 * (update mode, a Kafka sink, no batch cap, a checkpoint interval of at least Spark's minimum, no
 * stateful operator, and at least as many task slots as the input topic has partitions) and
 * refuses with the cause named. The last one matters most: with too few slots, Spark 4.2 reads only
 * some partitions, without any error.
 *
 * <p>Why each default:
 * <ul>
 *   <li><b>Checkpoint interval 1 minute.</b> It is not a latency: records flow as they arrive. Each
 *       interval ends a long-running batch, and the records around that boundary wait for it
 *       (measured: p99 442 ms with 5 s against 34 ms with 60 s). Longer is smoother, but a crash
 *       replays up to one interval of records, so a minute bounds the duplicates.</li>
 *   <li><b>startingOffsets = earliest.</b> A first run misses nothing; later runs resume from the
 *       checkpoint either way.</li>
 *   <li><b>Headers forwarded.</b> Tracing and timing headers survive the hop.</li>
 *   <li><b>At least once.</b> The Kafka sink writes again what followed the last checkpoint after
 *       a failure; consumers that must not see a duplicate deduplicate on the event id.</li>
 * </ul>
 */
public final class RealTimeKafkaPipeline extends BuiltPattern {
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = RealTimePatternBuilder.DEFAULT_CHECKPOINT_INTERVAL;

    private RealTimeKafkaPipeline(Pipeline pipeline) {
        super(pipeline, Capability.TRACEABLE_RECORDS, Capability.CHECKPOINT_RESTART);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.AT_LEAST_ONCE;
    }

    /**
     * Options of a Real-Time Kafka → Kafka pipeline, beyond the shared ones of
     * {@link RealTimePatternBuilder}; {@link #build()} checks them all. A field the payload lacks is
     * left out of the output.
     */
    public static final class Builder extends RealTimePatternBuilder<Builder> implements InputTopicAlias<Builder> {
        private String outputTopic;
        private final List<String> keptFields = new ArrayList<>();
        private boolean forwardHeaders = true;

        private Builder() {
        }

        public Builder outputTopic(String topic) {
            this.outputTopic = topic;
            return this;
        }

        /** The fields to forward, in this order; all of the schema's when never called. */
        public Builder keepFields(String... fields) {
            keptFields.addAll(List.of(fields));
            return this;
        }

        /** Whether to forward the input records' headers (default true). */
        public Builder forwardHeaders(boolean forward) {
            this.forwardHeaders = forward;
            return this;
        }

        @Override
        public RealTimeKafkaPipeline build() {
            KafkaSource source = kafkaSource().includeHeaders(forwardHeaders).build();
            KafkaSink sink = kafkaSink().topic(outputTopic).build();
            Pipeline.Builder pipeline = realTimePipeline("realtime_", source, sink);
            requireOutputTopic(pipeline, outputTopic, "the pipeline would read its own output");
            List<String> schemaProblems = parsedSchemaProblems();
            StructType eventSchema = eventSchema();
            schemaProblems.forEach(problem -> pipeline.require(false, problem));
            if (schemaProblems.isEmpty()) {
                List<String> known = List.of(eventSchema.fieldNames());
                for (String field : keptFields) {
                    pipeline.require(known.contains(field), "keepFields: '" + field + "' is not a field of the event"
                            + " schema; expected one of " + known);
                }
                List<String> projected = keptFields.isEmpty() ? known : keptFields;
                pipeline.require(!projected.contains(RealTimeProjection.PROCESSED_AT),
                        "keepFields: '" + RealTimeProjection.PROCESSED_AT + "' is added by this pipeline; expected"
                                + " fields without it (name them with keepFields if the events carry one)");
                pipeline.transform(new RealTimeProjection(eventSchema, keptFields));
            }
            return new RealTimeKafkaPipeline(pipeline.build());
        }
    }
}
