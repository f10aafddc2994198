package io.streampatterns.patterns.enrichment;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.kafka.KafkaSecurity;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.core.kafka.StartingOffsets;
import io.streampatterns.core.transform.JsonValueParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 *   <li><b>At least once.</b> Spark's Kafka sink writes a batch before it commits it; a crash in
 *       between writes the batch again on restart. Consumers dedupe on {@code event_id} if they must.</li>
 *   <li><b>Trigger 30 s</b>, for an SLA of 90 s (the SLA/3 rule); {@code sla(...)} derives it.</li>
 * </ul>
 */
public final class KafkaEnrichmentPipeline implements StreamingPattern {
    public static final String DEFAULT_JOIN_KEY = "user_id";
    public static final List<String> DEFAULT_DIMENSION_COLUMNS = List.of("user_name", "user_segment");
    public static final long DEFAULT_MAX_OFFSETS_PER_TRIGGER = 50_000;
    public static final Duration DEFAULT_TRIGGER = Duration.ofSeconds(30);

    private final Pipeline pipeline;
    private final Set<Capability> capabilities;
    private final DimensionTable dimension;

    private KafkaEnrichmentPipeline(Pipeline pipeline, Set<Capability> capabilities, DimensionTable dimension) {
        this.pipeline = pipeline;
        this.capabilities = capabilities;
        this.dimension = dimension;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Pipeline pipeline() {
        return pipeline;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.copyOf(capabilities);
    }

    /** Where the dimension is read from. */
    public DimensionTable dimensionTable() {
        return dimension;
    }

    /** Options of an enrichment pipeline; {@link #build()} checks them all. */
    public static final class Builder {
        private final KafkaSource.Builder source = KafkaSource.builder()
                .startingOffsets(StartingOffsets.earliest())
                .maxOffsetsPerTrigger(DEFAULT_MAX_OFFSETS_PER_TRIGGER);
        private final KafkaSink.Builder sink = KafkaSink.builder();
        private String name;
        private String inputTopic;
        private String outputTopic;
        private StructType eventSchema;
        private DimensionTable dimension;
        private String joinKey = DEFAULT_JOIN_KEY;
        private List<String> dimensionColumns = DEFAULT_DIMENSION_COLUMNS;
        private boolean broadcastDimension = true;
        private boolean splitsPartitions;
        private TriggerPolicy trigger = TriggerPolicy.processingTime(DEFAULT_TRIGGER);
        private String checkpointLocation;

        /** The query's name; defaults to {@code enrich_<inputTopic>}. */
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

        public Builder outputTopic(String topic) {
            this.outputTopic = topic;
            return this;
        }

        /** The JSON events' schema; every field is carried to the output. */
        public Builder eventSchema(StructType schema) {
            this.eventSchema = schema;
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

        /**
         * Spark partitions to split the read into. More than the topic has splits one Kafka partition
         * over several tasks that write concurrently, so this gives up
         * {@link Capability#PER_PARTITION_ORDER}.
         */
        public Builder minPartitions(int min) {
            source.minPartitions(min);
            this.splitsPartitions = true;
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
        public KafkaEnrichmentPipeline build() {
            if (inputTopic != null) {
                source.subscribe(inputTopic);
            }
            if (outputTopic != null) {
                sink.topic(outputTopic);
            }
            Pipeline.Builder pipeline = Pipeline.builder(name != null ? name : defaultName(inputTopic))
                    .require(present(inputTopic), "inputTopic: expected the topic to read events from, got nothing")
                    .require(present(outputTopic), "outputTopic: expected the topic to write enriched events to, got nothing")
                    .require(!present(inputTopic) || !inputTopic.equals(outputTopic), "outputTopic: expected a topic"
                            + " other than inputTopic '" + inputTopic + "'; the pipeline would enrich its own output forever")
                    .require(eventSchema != null, "eventSchema: expected the events' StructType, got none")
                    .require(dimension != null, "dimensionTable: expected a Delta table path or catalog table name, got nothing")
                    .require(trigger == null || trigger.kind() != TriggerPolicy.Kind.REAL_TIME, "trigger: expected"
                            + " processingTime or availableNow, got " + trigger + "; this pattern runs micro-batches")
                    .source(source.build())
                    .sink(sink.build())
                    .trigger(trigger)
                    .checkpointLocation(checkpointLocation);
            if (dimension != null) {
                dimension.validate().forEach(problem -> pipeline.require(false, problem));
            }
            List<String> columnProblems = columnProblems();
            columnProblems.forEach(problem -> pipeline.require(false, problem));
            if (eventSchema != null && dimension != null && columnProblems.isEmpty()) {
                pipeline.transform(new DimensionJoin(eventSchema, dimension, joinKey, dimensionColumns, broadcastDimension));
            }
            Pipeline built = pipeline.build();
            return new KafkaEnrichmentPipeline(built, capabilities(built), dimension);
        }

        private List<String> columnProblems() {
            List<String> problems = new ArrayList<>();
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

        private Set<Capability> capabilities(Pipeline built) {
            Set<Capability> capabilities = EnumSet.of(Capability.CHECKPOINT_RESTART);
            if (List.of(eventSchema.fieldNames()).contains("seq")) {
                capabilities.add(Capability.TRACEABLE_RECORDS);
            }
            if (built.source().capsBatchSize()) {
                capabilities.add(Capability.CAPPED_BATCHES);
            }
            if (broadcastDimension && !splitsPartitions) {
                capabilities.add(Capability.PER_PARTITION_ORDER);
            }
            if (built.trigger().kind() == TriggerPolicy.Kind.PROCESSING_TIME) {
                capabilities.add(Capability.SLA_TRIGGER);
            }
            return capabilities;
        }

        private static boolean present(String value) {
            return value != null && !value.isBlank();
        }

        private static String defaultName(String topic) {
            return "enrich_" + (topic == null ? "" : topic.replaceAll("[^A-Za-z0-9_-]", "_"));
        }
    }
}
