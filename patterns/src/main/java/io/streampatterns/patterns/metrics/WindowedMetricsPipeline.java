package io.streampatterns.patterns.metrics;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Durations;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.patterns.BuiltPattern;
import io.streampatterns.patterns.InputTopicAlias;
import io.streampatterns.patterns.JsonPatternBuilder;
import io.streampatterns.patterns.PatternBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>Capabilities: restart, and what the trigger gives (capped batches, an SLA trigger); never
 * traceable records (an output record is an aggregate of many inputs) nor per-partition order (the
 * aggregation shuffles). The event schema must hold the event time, group and measure fields.
 */
public final class WindowedMetricsPipeline extends BuiltPattern {
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    public static final Duration DEFAULT_WATERMARK_DELAY = Duration.ofMinutes(5);
    public static final long DEFAULT_MAX_OFFSETS_PER_TRIGGER = PatternBuilder.DEFAULT_MAX_OFFSETS_PER_TRIGGER;
    public static final Duration DEFAULT_TRIGGER = Duration.ofSeconds(10);
    public static final String DEFAULT_EVENT_TIME = "event_time";
    public static final String DEFAULT_GROUP_BY = "event_type";
    public static final String DEFAULT_MEASURE = "amount";

    private WindowedMetricsPipeline(Pipeline pipeline) {
        super(pipeline, Capability.CHECKPOINT_RESTART, Capability.WINDOWED_AGGREGATES);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Options of a windowed metrics pipeline, beyond the shared ones of {@link PatternBuilder};
     * {@link #build()} checks them all. The trigger is a micro-batch one: processingTime (default
     * 10 s) or availableNow.
     */
    public static final class Builder extends JsonPatternBuilder<Builder> implements InputTopicAlias<Builder> {
        private String outputTopic;
        private String eventTime = DEFAULT_EVENT_TIME;
        private String groupBy = DEFAULT_GROUP_BY;
        private String measure = DEFAULT_MEASURE;
        private Duration window = DEFAULT_WINDOW;
        private Duration watermarkDelay = DEFAULT_WATERMARK_DELAY;

        private Builder() {
            super(TriggerPolicy.processingTime(DEFAULT_TRIGGER));
        }

        /** The metrics topic. */
        public Builder outputTopic(String topic) {
            this.outputTopic = topic;
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

        /**
         * A Kafka property for the source only, with or without the {@code kafka.} prefix.
         *
         * @deprecated use {@link #kafkaOption(String, String)}, which sets it for the source and the sink alike
         */
        @Deprecated(since = "0.2.0", forRemoval = true)
        public Builder consumerOption(String name, String value) {
            return sourceOnlyOption(name, value);
        }

        /**
         * A Kafka property for the sink only, with or without the {@code kafka.} prefix.
         *
         * @deprecated use {@link #kafkaOption(String, String)}, which sets it for the source and the sink alike
         */
        @Deprecated(since = "0.2.0", forRemoval = true)
        public Builder producerOption(String name, String value) {
            return sinkOnlyOption(name, value);
        }

        @Override
        public WindowedMetricsPipeline build() {
            List<String> problems = ownProblems();
            Pipeline.Builder pipeline = pipeline("metrics_")
                    .source(kafkaSource().build())
                    .sink(kafkaSink().topic(outputTopic).build())
                    .outputMode(OutputMode.Update());
            requireOutputTopic(pipeline, outputTopic, "metrics are not events of the input's schema");
            requireMicroBatches(pipeline, "Real-Time Mode in Spark 4.2 runs stateless queries only, and this one aggregates");
            problems.forEach(problem -> pipeline.require(false, problem));
            if (problems.isEmpty()) {
                pipeline.transform(new WindowedAggregation(eventSchema(), eventTime, groupBy, measure, window, watermarkDelay));
            }
            return new WindowedMetricsPipeline(pipeline.build());
        }

        private List<String> ownProblems() {
            List<String> problems = new ArrayList<>(parsedSchemaProblems());
            if (window == null || window.compareTo(Duration.ofSeconds(1)) < 0 || window.toNanosPart() != 0) {
                problems.add("window: expected a whole number of seconds, at least 1s, got "
                        + (window == null ? "nothing" : Durations.format(window)));
            }
            if (watermarkDelay == null || watermarkDelay.isNegative()) {
                problems.add("watermarkDelay: expected zero or more, got "
                        + (watermarkDelay == null ? "nothing" : watermarkDelay));
            }
            if (eventSchema() != null) {
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
            StructType eventSchema = eventSchema();
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
    }
}
