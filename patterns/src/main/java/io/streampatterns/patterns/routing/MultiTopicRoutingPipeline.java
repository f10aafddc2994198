package io.streampatterns.patterns.routing;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.Sink;
import io.streampatterns.core.Transform;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.dlq.DeadLetters;
import io.streampatterns.core.dlq.DlqReason;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.patterns.BuiltPattern;
import io.streampatterns.patterns.JsonPatternBuilder;
import io.streampatterns.patterns.PatternBuilder;
import io.streampatterns.patterns.realtime.RealTimeModeRequirements;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Multi-topic routing: each event of a Kafka topic goes to every topic whose {@link RoutingRule}
 * matches it: as it is, or as a dead letter. The routes are data, so adding a route is adding a
 * rule. The documented set-up, after the Databricks example:
 *
 * <pre>{@code
 * MultiTopicRoutingPipeline.builder()
 *     .bootstrapServers("broker1:9092").topic("events").eventSchema(schema)
 *     .route(RoutingRule.forward("urgent", "priority = 'high'", "urgent-events"))
 *     .route(RoutingRule.deadLetter("errors", "event_type = 'error'", "error-events-dlq"))
 *     .route(RoutingRule.everything("standard", "standard-events"))
 *     .checkpointLocation("/checkpoints/routing")
 *     .build();
 * }</pre>
 * A high-priority error event goes to all three topics; an ordinary click only to the standard one.
 * A dead letter carries reason {@code REJECTED_BY_RULE} and a detail naming the rule and condition.
 *
 * <p><b>One Kafka write per batch, not one per rule.</b> Each record gets an array of the routes
 * that match it, the array is exploded into one row per route, and each row carries its own
 * {@code topic} column, so a single Kafka sink writes every route. Compared with the Databricks
 * example's foreachBatch, which filters and writes once per rule:
 * <ul>
 *   <li>the batch is read from Kafka and parsed once; the example reads it once per write, and its
 *       {@code count() > 0} guards add a Spark job each (five passes over the batch for its three rules);</li>
 *   <li>all routes of a batch are written by the same tasks, so a failure replays one job, not a
 *       prefix of the rules; delivery is at least once either way, unless {@code exactlyOnce()}
 *       writes the batch in Kafka transactions, one per partition of each route's topic, with the
 *       dead letters of unmatched records among them (micro-batches only);</li>
 *   <li>no foreachBatch is needed, so the same pipeline runs in Real-Time Mode, which has none;</li>
 *   <li>a new rule adds a branch to an expression, not a write, a job and a pass over the data.</li>
 * </ul>
 * The cost is that a record matching n routes is n rows in memory while it is written, and that
 * all routes share one producer configuration.
 *
 * <p><b>No record is dropped unnoticed.</b> Unless one rule is {@link RoutingRule#everything}, a
 * record can match none; {@code build()} then asks for a decision: {@code unmatchedTopic(...)}
 * dead-letters such records, {@code dropUnmatched()} drops them knowingly.
 *
 * <p>Rules see the event's parsed fields; a value that is not JSON has them all null, matches
 * only a catch-all, and is forwarded as it is. Validate first (see
 * {@link io.streampatterns.patterns.validation.SchemaValidationPipeline}) when that matters.
 */
public final class MultiTopicRoutingPipeline extends BuiltPattern {
    /** The struct through which rules can see the raw Kafka record: {@code _kafka.partition}. */
    public static final String KAFKA_COLUMN = "_kafka";
    /** A dead letter's detail for a record that no rule matched. */
    public static final String UNMATCHED_DETAIL = "matched no routing rule";
    public static final long DEFAULT_MAX_OFFSETS_PER_TRIGGER = PatternBuilder.DEFAULT_MAX_OFFSETS_PER_TRIGGER;
    public static final Duration DEFAULT_TRIGGER = Duration.ofSeconds(30);

    private static final String ROUTE = "__route";

    private final List<RoutingRule> rules;
    private final String unmatchedTopic;

    private MultiTopicRoutingPipeline(Pipeline pipeline, List<RoutingRule> rules, String unmatchedTopic) {
        super(pipeline, Capability.TRACEABLE_RECORDS, Capability.CHECKPOINT_RESTART);
        this.rules = rules;
        this.unmatchedTopic = unmatchedTopic;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<RoutingRule> rules() {
        return rules;
    }

    /** Where records that match no rule go as dead letters; null when they are dropped or cannot occur. */
    public String unmatchedTopic() {
        return unmatchedTopic;
    }

    /**
     * Raw Kafka rows in, one row per (record, matching route) out: {@code topic} (the route's),
     * {@code key}, {@code value} and {@code headers}, ready for a Kafka sink that takes the topic
     * from the row.
     */
    static Transform routingTransform(StructType eventSchema, List<RoutingRule> rules, String unmatchedTopic, String pipelineName) {
        return raw -> {
            Column[] kafkaColumns = Arrays.stream(raw.columns()).map(c -> col(c)).toArray(Column[]::new);
            Dataset<Row> events = raw
                    .select(struct(kafkaColumns).alias(KAFKA_COLUMN),
                            from_json(col("value").cast("string"), eventSchema).alias("__event"))
                    .select(col(KAFKA_COLUMN), col("__event.*"));
            List<Column> candidates = new ArrayList<>();
            for (RoutingRule rule : rules) {
                String detail = "rule '" + rule.name() + "' matched: " + rule.describeCondition();
                candidates.add(when(rule.condition(), destination(rule.topic(), rule.kind(), detail)));
            }
            Column matched = array_compact(array(candidates.toArray(Column[]::new)));
            if (unmatchedTopic != null) {
                matched = when(size(matched).equalTo(0),
                        array(destination(unmatchedTopic, RoutingRule.Kind.DEAD_LETTER, UNMATCHED_DETAIL)))
                        .otherwise(matched);
            }
            Column deadLetter = col(ROUTE + ".dead_letter");
            Column reason = lit(DlqReason.REJECTED_BY_RULE.name());
            Column detail = col(ROUTE + ".detail");
            return events
                    .select(col(KAFKA_COLUMN), explode(matched).alias(ROUTE))
                    .select(col(KAFKA_COLUMN + ".*"), col(ROUTE))
                    // One select: col("topic") inside the dead letter still means the source topic.
                    .select(col(ROUTE + ".topic").alias("topic"),
                            col("key"),
                            when(deadLetter, DeadLetters.value(reason, detail, pipelineName).cast("binary"))
                                    .otherwise(col("value")).alias("value"),
                            when(deadLetter, DeadLetters.headers(reason, detail, pipelineName, true))
                                    .otherwise(col("headers")).alias("headers"));
        };
    }

    /** Every topic a route or the unmatched records can go to: the transactional sink's slices are their partitions. */
    private static List<String> routeTopics(List<RoutingRule> routes, String unmatchedTopic) {
        List<String> topics = new ArrayList<>();
        routes.stream().filter(r -> r != null && r.topic() != null).forEach(r -> topics.add(r.topic()));
        if (unmatchedTopic != null) {
            topics.add(unmatchedTopic);
        }
        return topics.stream().distinct().toList();
    }

    private static Column destination(String topic, RoutingRule.Kind kind, String detail) {
        return struct(lit(topic).alias("topic"), lit(kind == RoutingRule.Kind.DEAD_LETTER).alias("dead_letter"),
                lit(detail).alias("detail"));
    }

    /**
     * Options of a routing pipeline, beyond the shared ones of {@link JsonPatternBuilder};
     * {@link #build()} checks them all. Rule conditions see the event schema's fields by name. The trigger may be processing time (default 30 s), available now, or
     * Real-Time Mode; on a micro-batch trigger {@code maxOffsetsPerTrigger} defaults to 50,000,
     * in Real-Time Mode there is none.
     */
    public static final class Builder extends JsonPatternBuilder<Builder> {
        private final List<RoutingRule> rules = new ArrayList<>();
        private String unmatchedTopic;
        private boolean dropUnmatched;

        private Builder() {
            super(TriggerPolicy.processingTime(DEFAULT_TRIGGER));
        }

        /** Adds a route after those added before. */
        public Builder route(RoutingRule rule) {
            rules.add(rule);
            return this;
        }

        /** Adds these routes after those added before. */
        public Builder routes(List<RoutingRule> more) {
            rules.addAll(more);
            return this;
        }

        /** Records that match no rule go to this topic as dead letters ({@value #UNMATCHED_DETAIL}). */
        public Builder unmatchedTopic(String topic) {
            this.unmatchedTopic = topic;
            return this;
        }

        /** Records that match no rule are dropped: a decision, so that none is dropped by mistake. */
        public Builder dropUnmatched() {
            this.dropUnmatched = true;
            return this;
        }

        /** Every route's records, and the unmatched ones' dead letters, can commit together: see {@link #exactlyOnce(Duration)}. */
        @Override
        protected boolean offersExactlyOnce() {
            return true;
        }

        @Override
        public MultiTopicRoutingPipeline build() {
            String pipelineName = pipelineName("route_");
            String topic = topic();
            StructType eventSchema = eventSchema();
            List<RoutingRule> routes = Collections.unmodifiableList(new ArrayList<>(rules));
            List<String> ruleProblems = RoutingRule.problems(routes, topic);
            boolean catchAll = routes.stream().anyMatch(r -> r != null && r.matchesEverything());
            Pipeline.Builder pipeline = pipeline("route_");
            ruleProblems.forEach(problem -> pipeline.require(false, problem));
            pipeline.require(eventSchema != null, "eventSchema: expected the events' StructType, got none")
                    .require(eventSchema == null || !Arrays.asList(eventSchema.fieldNames()).contains(KAFKA_COLUMN),
                            "eventSchema: field " + KAFKA_COLUMN + " is reserved for the raw Kafka record")
                    .require(catchAll || unmatchedTopic != null || dropUnmatched,
                            "routes: no rule is RoutingRule.everything(...), so a record may match none and"
                                    + " would be dropped silently; add a catch-all rule, set unmatchedTopic(...) to"
                                    + " dead-letter such records, or call dropUnmatched() to drop them knowingly")
                    .require(!catchAll || (unmatchedTopic == null && !dropUnmatched), "unmatchedTopic or"
                            + " dropUnmatched: a RoutingRule.everything(...) rule matches every record, so none is"
                            + " unmatched; remove the setting")
                    .require(unmatchedTopic == null || !dropUnmatched,
                            "unmatchedTopic and dropUnmatched: expected one decision for unmatched records, got both")
                    .require(unmatchedTopic == null || !unmatchedTopic.isBlank(),
                            "unmatchedTopic: expected a topic, got nothing")
                    .require(unmatchedTopic == null || !unmatchedTopic.equals(topic), "unmatchedTopic: '"
                            + unmatchedTopic + "' is the input topic; its records would be routed again forever")
                    .require(unmatchedTopic == null || routes.stream().noneMatch(r -> r != null
                                    && r.kind() == RoutingRule.Kind.FORWARD && unmatchedTopic.equals(r.topic())),
                            "unmatchedTopic: '" + unmatchedTopic + "' is a forward route's topic; expected a topic"
                                    + " of dead letters, so that no consumer mistakes a dead letter for an event");
            if (ruleProblems.isEmpty() && eventSchema != null) {
                pipeline.transform(routingTransform(eventSchema, routes, unmatchedTopic, pipelineName));
            }
            KafkaSource source = kafkaSource().includeHeaders(true).build();
            Sink sink = kafkaOutputFromColumn(routeTopics(routes, unmatchedTopic));
            pipeline.source(source).sink(sink);
            if (realTime()) {
                new RealTimeModeRequirements().applyTo(pipeline, source, sink, resolvedTrigger());
            }
            return new MultiTopicRoutingPipeline(pipeline.build(), routes, unmatchedTopic);
        }
    }
}
