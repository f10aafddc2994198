package io.streampatterns.patterns.enrichment;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.Sink;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.core.transform.JsonValueParser;
import io.streampatterns.patterns.BuiltPattern;
import io.streampatterns.patterns.InputTopicAlias;
import io.streampatterns.patterns.JsonPatternBuilder;
import io.streampatterns.patterns.PatternBuilder;
import io.streampatterns.patterns.realtime.RealTimeModeRequirements;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Kafka → Kafka enrichment: each JSON event of a topic, LEFT joined on its key with a Delta
 * dimension table, written to another topic as JSON with the dimension's columns added.
 *
 * <p>Output: the input record's {@code key}, unchanged, and as {@code value}
 * {@code to_json(struct(<every event field>, <dimension columns>))}, e.g. with the defaults
 * {@code {"event_id":..,"user_id":..,..,"seq":..,"user_name":..,"user_segment":..}}. Nulls are
 * written out ({@code "user_name":null}), so a consumer can tell "no such user" from an old
 * producer; timestamps are ISO-8601 in UTC whatever the session's time zone. A payload that is not
 * JSON of the schema comes out with null fields plus {@value JsonValueParser#MALFORMED_COLUMN}
 * holding its text.
 *
 * <p>Why each decision:
 * <ul>
 *   <li><b>A stream-static LEFT join.</b> An inner join would silently drop every event whose user
 *       the dimension does not know yet (a user created a second ago). The left join passes it on
 *       with null dimension columns: nothing is lost, and the gap is visible downstream.</li>
 *   <li><b>The dimension is read unpinned</b>, so every micro-batch joins against the table's latest
 *       Delta snapshot: an update (MERGE, overwrite) is seen from the next batch on, without a
 *       restart. A batch in flight keeps the snapshot it started with.</li>
 *   <li><b>Broadcast.</b> The dimension is broadcast (by default) instead of left to the planner:
 *       the stream side is then never shuffled, so the records of each Kafka partition are written
 *       in their input order, and the plan does not flip to a sort-merge join (which reorders
 *       records and costs a shuffle per batch) the day the table crosses Spark's 10 MB threshold.
 *       The price: the table is read and broadcast once per micro-batch, so it must fit in memory
 *       with room to spare. {@code broadcastDimension(false)} lets the planner choose, and gives up
 *       {@link Capability#PER_PARTITION_ORDER}.</li>
 *   <li><b>startingOffsets = earliest</b> (the Databricks example uses latest). Latest is resolved
 *       when the first micro-batch plans, not when the query is created, so events produced before
 *       that moment, including those produced while a new deployment starts, are skipped with no
 *       error. Once the checkpoint holds offsets it wins either way; choose latest only when
 *       re-enriching what the topic retains is really unwanted.</li>
 *   <li><b>maxOffsetsPerTrigger = 50,000</b>, so a first run over a retained topic drains it in
 *       bounded batches.</li>
 *   <li><b>Producer acks=all, idempotent, lz4</b> (the {@link KafkaSink} defaults): a record is
 *       acknowledged only once every in-sync replica has it; retries do not duplicate within a run.</li>
 *   <li><b>At least once by default.</b> Spark's Kafka sink writes a batch before it commits it; a
 *       crash in between writes the batch again on restart. {@code exactlyOnce()} writes through the
 *       {@link io.streampatterns.core.kafka.TransactionalKafkaSink} instead: a replayed batch adds
 *       nothing for a {@code read_committed} reader, for the price of a shuffle and a transaction per
 *       slice each batch.</li>
 *   <li><b>Trigger 30 s</b>, for an SLA of 90 s (the SLA/3 rule); {@code sla(...)} derives it.</li>
 *   <li><b>Real-Time Mode</b> with {@code trigger(TriggerPolicy.realTime(checkpointInterval))}: records
 *       are enriched as they arrive, in milliseconds. What Real-Time Mode demands is checked before
 *       the query starts ({@link RealTimeModeRequirements}: task slots for every input partition, no
 *       batch cap, output mode update); the dimension must be broadcast, and the output is at least
 *       once (no foreachBatch, so no transactions). The dimension is read again when each real-time
 *       batch starts, that is once per checkpoint interval: an update reaches the stream within
 *       one interval, not from the next record on.</li>
 * </ul>
 */
public final class KafkaEnrichmentPipeline extends BuiltPattern {
    public static final String DEFAULT_JOIN_KEY = "user_id";
    public static final List<String> DEFAULT_DIMENSION_COLUMNS = List.of("user_name", "user_segment");
    public static final long DEFAULT_MAX_OFFSETS_PER_TRIGGER = PatternBuilder.DEFAULT_MAX_OFFSETS_PER_TRIGGER;
    public static final Duration DEFAULT_TRIGGER = Duration.ofSeconds(30);

    private final DimensionTable dimension;
    private final DimensionJoin join;

    private KafkaEnrichmentPipeline(Pipeline pipeline, Capability[] intrinsic, DimensionTable dimension,
                                    DimensionJoin join) {
        super(pipeline, intrinsic);
        this.dimension = dimension;
        this.join = join;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where the dimension is read from. */
    public DimensionTable dimensionTable() {
        return dimension;
    }

    /**
     * What the pipeline makes of one batch of raw Kafka rows ({@code key} and {@code value}),
     * without Kafka: the {@code key}, and as {@code value} the enriched JSON written to the output
     * topic, joined with the dimension table as it is now. For trying a dimension on sample events,
     * or measuring the join.
     */
    public Dataset<Row> enrich(Dataset<Row> kafkaRows) {
        return join.apply(kafkaRows);
    }

    /**
     * Options of an enrichment pipeline, beyond the shared ones of {@link JsonPatternBuilder};
     * {@link #build()} checks them all. Every field of the event schema is carried to the output.
     * The trigger is processingTime (default 30 s), availableNow, or realTime (Real-Time Mode).
     * {@code minPartitions} splits a Kafka partition over several tasks that write concurrently, so
     * it gives up {@link Capability#PER_PARTITION_ORDER}.
     */
    public static final class Builder extends JsonPatternBuilder<Builder> implements InputTopicAlias<Builder> {
        private String outputTopic;
        private DimensionTable dimension;
        private String joinKey = DEFAULT_JOIN_KEY;
        private List<String> dimensionColumns = DEFAULT_DIMENSION_COLUMNS;
        private boolean broadcastDimension = true;

        private Builder() {
            super(TriggerPolicy.processingTime(DEFAULT_TRIGGER));
        }

        public Builder outputTopic(String topic) {
            this.outputTopic = topic;
            return this;
        }

        /** The dimension, a Delta table at a path. */
        public Builder dimensionTablePath(String path) {
            this.dimension = DimensionTable.atPath(path);
            return this;
        }

        /** The dimension, a Delta table in the session's catalog. */
        public Builder dimensionTable(String catalogName) {
            this.dimension = DimensionTable.named(catalogName);
            return this;
        }

        /** The event field and dimension column joined on; defaults to {@value #DEFAULT_JOIN_KEY}. */
        public Builder joinKey(String column) {
            this.joinKey = column;
            return this;
        }

        /** The dimension columns added to each event; defaults to user_name and user_segment. */
        public Builder dimensionColumns(String... columns) {
            this.dimensionColumns = List.of(columns);
            return this;
        }

        /** Whether to broadcast the dimension (the default); see the class comment for the trade. */
        public Builder broadcastDimension(boolean broadcast) {
            this.broadcastDimension = broadcast;
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

        /** The enriched events can go out in Kafka transactions: see {@link #exactlyOnce(java.time.Duration)}. */
        @Override
        protected boolean offersExactlyOnce() {
            return true;
        }

        @Override
        public KafkaEnrichmentPipeline build() {
            List<String> schemaProblems = parsedSchemaProblems();
            KafkaSource source = kafkaSource().build();
            Sink sink = kafkaOutput(outputTopic);
            Pipeline.Builder pipeline = pipeline("enrich_").source(source).sink(sink);
            requireOutputTopic(pipeline, outputTopic, "the pipeline would enrich its own output forever");
            if (realTime()) {
                new RealTimeModeRequirements().applyTo(pipeline, source, sink, resolvedTrigger());
                pipeline.require(broadcastDimension, "broadcastDimension: Real-Time Mode joins a stream with a static"
                        + " table only as a broadcast hash join (Spark 4.2 refuses the sort-merge join the planner may"
                        + " choose); expected broadcastDimension(true), the default, or a processingTime trigger");
            }
            schemaProblems.forEach(problem -> pipeline.require(false, problem));
            pipeline.require(dimension != null, "dimensionTable: expected a Delta table path or catalog table name, got nothing");
            if (dimension != null) {
                dimension.validate().forEach(problem -> pipeline.require(false, problem));
            }
            List<String> columnProblems = columnProblems();
            columnProblems.forEach(problem -> pipeline.require(false, problem));
            DimensionJoin join = null;
            if (schemaProblems.isEmpty() && dimension != null && columnProblems.isEmpty()) {
                join = new DimensionJoin(eventSchema(), dimension, joinKey, dimensionColumns, broadcastDimension);
                pipeline.transform(join);
            }
            return new KafkaEnrichmentPipeline(pipeline.build(), intrinsicCapabilities(), dimension, join);
        }

        private List<String> columnProblems() {
            List<String> problems = new ArrayList<>();
            StructType eventSchema = eventSchema();
            Set<String> eventFields = eventSchema == null ? Set.of() : Set.of(eventSchema.fieldNames());
            if (!present(joinKey)) {
                problems.add("joinKey: expected an event field to join on, got nothing");
            } else if (eventSchema != null && !eventFields.contains(joinKey)) {
                problems.add("joinKey: expected a field of eventSchema " + eventFields + ", got '" + joinKey + "'");
            }
            if (dimensionColumns.isEmpty()) {
                problems.add("dimensionColumns: expected at least one dimension column to add, got none");
            }
            Set<String> seen = new HashSet<>();
            for (String column : dimensionColumns) {
                if (!present(column)) {
                    problems.add("dimensionColumns: expected column names, got a blank one");
                } else if (!seen.add(column)) {
                    problems.add("dimensionColumns: '" + column + "' is listed twice");
                } else if (column.equals(joinKey)) {
                    problems.add("dimensionColumns: '" + column + "' is the join key, which the event already carries");
                } else if (eventFields.contains(column) || column.equals(JsonValueParser.MALFORMED_COLUMN)) {
                    problems.add("dimensionColumns: '" + column + "' is also an event field; expected names the"
                            + " event does not use (select or rename it in the dimension)");
                }
            }
            return problems;
        }

        private Capability[] intrinsicCapabilities() {
            Set<Capability> capabilities = EnumSet.of(Capability.CHECKPOINT_RESTART);
            if (List.of(eventSchema().fieldNames()).contains("seq")) {
                capabilities.add(Capability.TRACEABLE_RECORDS);
            }
            if (broadcastDimension && !hasMinPartitions()) {
                capabilities.add(Capability.PER_PARTITION_ORDER);
            }
            return capabilities.toArray(Capability[]::new);
        }

        private static boolean present(String value) {
            return value != null && !value.isBlank();
        }
    }
}
