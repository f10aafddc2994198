package io.streampatterns.patterns.metrics;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Durations;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.kafka.KafkaSecurity;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.core.kafka.StartingOffsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Windowed metrics to Kafka: per tumbling event-time window (1 minute by default) and event type,
 * the count, average and maximum amount, written to a metrics topic each time they change.
 *
 * <p>Output records, with the defaults:
 * <ul>
 *   <li>key: {@code <event_type>-<window start>}, the start in UTC as {@code yyyy-MM-dd'T'HH:mm:ssZ},
 *       e.g. {@code click-2026-01-01T00:01:00Z}; a null group gives {@code -2026-01-01T00:01:00Z}.</li>
 *   <li>value: {@code {"event_type":"click","window_start":"2026-01-01T00:01:00Z",
 *       "window_end":"2026-01-01T00:02:00Z","event_count":1502,"avg_amount":249.7,"max_amount":499.9}}.</li>
 * </ul>
 *
 * <p>Why each decision:
 * <ul>
 *   <li><b>Output mode update.</b> A window's record is re-emitted with the new totals whenever a
 *       batch changes it, so dashboards see a window fill up instead of waiting for it to close. The
 *       topic therefore holds several records per key, and the <em>latest</em> per key is the value:
 *       read it as a changelog (or compact the topic). Append mode would emit each window once, but
 *       only after the watermark passes its end, a delay of window + watermark delay.</li>
 *   <li><b>The key is the window's identity</b> (group and start), so every update of a window goes to
 *       the same partition, in order, and compaction keeps the final value. The start is written in
 *       UTC, not with Spark's {@code cast(string)} of the Databricks example, which renders in the
 *       session's time zone: two clusters in different zones would write different keys for one
 *       window.</li>
 *   <li><b>Watermark (default 5 minutes).</b> How late an event may arrive and still count. Once the
 *       watermark (the latest event time seen, minus the delay) passes a window's end, the window's
 *       state is dropped and later events for it are discarded. In update mode the delay does not
 *       delay output; it only bounds state and lateness. The watermark moves only between
 *       micro-batches, and it is global: the maximum event time over all partitions, so a partition
 *       lagging further behind than the delay loses its events as late.</li>
 *   <li><b>Records without an event time are dropped</b> before the aggregation: they belong to no
 *       window, and as a group of their own they would hold state forever.</li>
 *   <li><b>startingOffsets = earliest, maxOffsetsPerTrigger = 50,000</b>, as for bronze: a first run
 *       counts what the topic retains, in bounded batches.</li>
 *   <li><b>At least once.</b> A batch written to Kafka but not committed is computed again from the
 *       same state and input after a crash, and writes the same values again: duplicates are
 *       identical updates of a key, so the latest per key stays right.</li>
 *   <li><b>Trigger 10 s</b>, for an SLA of 30 s (the SLA/3 rule); {@code sla(...)} derives it.</li>
 * </ul>
 */
public final class WindowedMetricsPipeline implements StreamingPattern {
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    public static final Duration DEFAULT_WATERMARK_DELAY = Duration.ofMinutes(5);
    public static final long DEFAULT_MAX_OFFSETS_PER_TRIGGER = 50_000;
    public static final Duration DEFAULT_TRIGGER = Duration.ofSeconds(10);
    public static final String DEFAULT_EVENT_TIME = "event_time";
    public static final String DEFAULT_GROUP_BY = "event_type";
    public static final String DEFAULT_MEASURE = "amount";

    private final Pipeline pipeline;
    private final Set<Capability> capabilities;

    private WindowedMetricsPipeline(Pipeline pipeline, Set<Capability> capabilities) {
        this.pipeline = pipeline;
        this.capabilities = capabilities;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Pipeline pipeline() {
        return pipeline;
    }

    /**
     * Restart and capped batches, and an SLA trigger; never traceable records (an output record is
     * an aggregate of many inputs) nor per-partition order (the aggregation shuffles).
     */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.copyOf(capabilities);
    }

    /** Options of a windowed metrics pipeline; {@link #build()} checks them all. */
    public static final class Builder {
        private final KafkaSource.Builder source = KafkaSource.builder()
                .startingOffsets(StartingOffsets.earliest())
                .maxOffsetsPerTrigger(DEFAULT_MAX_OFFSETS_PER_TRIGGER);
        private final KafkaSink.Builder sink = KafkaSink.builder();
        private String name;
        private String inputTopic;
        private String outputTopic;
        private StructType eventSchema;
        private String eventTime = DEFAULT_EVENT_TIME;
        private String groupBy = DEFAULT_GROUP_BY;
        private String measure = DEFAULT_MEASURE;
        private Duration window = DEFAULT_WINDOW;
        private Duration watermarkDelay = DEFAULT_WATERMARK_DELAY;
        private TriggerPolicy trigger = TriggerPolicy.processingTime(DEFAULT_TRIGGER);
        private String checkpointLocation;

        /** The query's name; defaults to {@code metrics_<inputTopic>}. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The cluster read from and written to. */
        public Builder bootstrapServers(String servers) {
            source.bootstrapServers(servers);
            sink.bootstrapServers(servers);
            return this;
        }

        public Builder inputTopic(String topic) {
            this.inputTopic = topic;
            return this;
        }

        /** The metrics topic. */
        public Builder outputTopic(String topic) {
            this.outputTopic = topic;
            return this;
        }

        /** The JSON events' schema; it must hold the event time, group and measure fields. */
        public Builder eventSchema(StructType schema) {
            this.eventSchema = schema;
            return this;
        }

        /** The timestamp field windows and the watermark are on; defaults to {@value #DEFAULT_EVENT_TIME}. */
        public Builder eventTimeColumn(String column) {
            this.eventTime = column;
            return this;
        }

        /** The field metrics are grouped by within a window; defaults to {@value #DEFAULT_GROUP_BY}. */
        public Builder groupByColumn(String column) {
            this.groupBy = column;
            return this;
        }

        /** The numeric field averaged and maximized; defaults to {@value #DEFAULT_MEASURE}. */
        public Builder measureColumn(String column) {
            this.measure = column;
            return this;
        }

        /** The tumbling window's length, whole seconds; defaults to 1 minute. */
        public Builder window(Duration window) {
            this.window = window;
            return this;
        }

        /** How late an event may be and still count; defaults to 5 minutes. */
        public Builder watermarkDelay(Duration delay) {
            this.watermarkDelay = delay;
            return this;
        }

        public Builder checkpointLocation(String location) {
            this.checkpointLocation = location;
            return this;
        }

        public Builder startingOffsets(StartingOffsets offsets) {
            source.startingOffsets(offsets);
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

        /** A micro-batch trigger: processingTime (or availableNow). */
        public Builder trigger(TriggerPolicy trigger) {
            this.trigger = trigger;
            return this;
        }

        /** Derives the trigger from the business SLA: a third of it. */
        public Builder sla(Duration sla) {
            this.trigger = TriggerPolicy.forSla(sla);
            return this;
        }

        /** A Kafka consumer property for the source, with or without the {@code kafka.} prefix. */
        public Builder consumerOption(String name, String value) {
            source.kafkaOption(name, value);
            return this;
        }

        /** A Kafka producer property for the sink, with or without the {@code kafka.} prefix. */
        public Builder producerOption(String name, String value) {
            sink.kafkaOption(name, value);
            return this;
        }

        /** Security for both the consumer and the producer. */
        public Builder security(KafkaSecurity security) {
            source.security(security);
            sink.security(security);
            return this;
        }

        /** @throws io.streampatterns.core.InvalidPipelineException listing every problem */
        public WindowedMetricsPipeline build() {
            if (inputTopic != null) {
                source.subscribe(inputTopic);
            }
            if (outputTopic != null) {
                sink.topic(outputTopic);
            }
            List<String> problems = ownProblems();
            Pipeline.Builder pipeline = Pipeline.builder(name != null ? name : defaultName(inputTopic))
                    .source(source.build())
                    .sink(sink.build())
                    .outputMode(OutputMode.Update())
                    .trigger(trigger)
                    .checkpointLocation(checkpointLocation);
            problems.forEach(problem -> pipeline.require(false, problem));
            if (problems.isEmpty()) {
                pipeline.transform(new WindowedAggregation(eventSchema, eventTime, groupBy, measure, window, watermarkDelay));
            }
            Pipeline built = pipeline.build();
            Set<Capability> capabilities = EnumSet.of(Capability.CHECKPOINT_RESTART);
            if (built.source().capsBatchSize()) {
                capabilities.add(Capability.CAPPED_BATCHES);
            }
            if (built.trigger().kind() == TriggerPolicy.Kind.PROCESSING_TIME) {
                capabilities.add(Capability.SLA_TRIGGER);
            }
            return new WindowedMetricsPipeline(built, capabilities);
        }

        private List<String> ownProblems() {
            List<String> problems = new ArrayList<>();
            if (!present(inputTopic)) {
                problems.add("inputTopic: expected the topic to read events from, got nothing");
            }
            if (!present(outputTopic)) {
                problems.add("outputTopic: expected the metrics topic to write to, got nothing");
            } else if (outputTopic.equals(inputTopic)) {
                problems.add("outputTopic: expected a topic other than inputTopic '" + inputTopic
                        + "'; metrics are not events of the input's schema");
            }
            if (trigger != null && trigger.kind() == TriggerPolicy.Kind.REAL_TIME) {
                problems.add("trigger: expected processingTime or availableNow, got " + trigger
                        + "; Real-Time Mode in Spark 4.2 runs stateless queries only, and this one aggregates");
            }
            if (window == null || window.compareTo(Duration.ofSeconds(1)) < 0 || window.toNanosPart() != 0) {
                problems.add("window: expected a whole number of seconds, at least 1s, got "
                        + (window == null ? "nothing" : Durations.format(window)));
            }
            if (watermarkDelay == null || watermarkDelay.isNegative()) {
                problems.add("watermarkDelay: expected zero or more, got "
                        + (watermarkDelay == null ? "nothing" : watermarkDelay));
            }
            if (eventSchema == null) {
                problems.add("eventSchema: expected the events' StructType, got none");
            } else {
                requireField(problems, "eventTimeColumn", eventTime, DataTypes.TimestampType, "a timestamp");
                requireField(problems, "groupByColumn", groupBy, null, "a field");
                requireField(problems, "measureColumn", measure, null, "a numeric field");
                if (present(groupBy) && (groupBy.equals(eventTime) || groupBy.equals(measure))) {
                    problems.add("groupByColumn: expected a field other than the event time and the measure, got '"
                            + groupBy + "'");
                }
            }
            return problems;
        }

        /** {@code column} must be a field of the schema; of {@code type}, or numeric for the measure. */
        private void requireField(List<String> problems, String option, String column, DataType type, String what) {
            StructField field = present(column) && List.of(eventSchema.fieldNames()).contains(column)
                    ? eventSchema.apply(column) : null;
            boolean numeric = option.equals("measureColumn");
            if (field == null) {
                problems.add(option + ": expected " + what + " of eventSchema " + List.of(eventSchema.fieldNames())
                        + ", got '" + column + "'");
            } else if (type != null && !field.dataType().equals(type)
                    || numeric && !(field.dataType() instanceof NumericType)) {
                problems.add(option + ": expected " + what + ", but '" + column + "' is "
                        + field.dataType().simpleString());
            }
        }

        private static boolean present(String value) {
            return value != null && !value.isBlank();
        }

        private static String defaultName(String topic) {
            return "metrics_" + (topic == null ? "" : topic.replaceAll("[^A-Za-z0-9_-]", "_"));
        }
    }
}
