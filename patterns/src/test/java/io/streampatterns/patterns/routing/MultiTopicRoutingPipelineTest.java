package io.streampatterns.patterns.routing;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.core.Capability;
import io.streampatterns.core.InvalidPipelineException;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.patterns.realtime.RealTimeModeRequirements;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class MultiTopicRoutingPipelineTest {
    private static final StructType SCHEMA = new StructType()
            .add("event_type", DataTypes.StringType)
            .add("priority", DataTypes.StringType)
            .add("seq", DataTypes.LongType);

    private static final RoutingRule URGENT = RoutingRule.forward("urgent", "priority = 'high'", "urgent-events");
    private static final RoutingRule ERRORS = RoutingRule.deadLetter("errors", "event_type = 'error'", "error-events-dlq");
    private static final RoutingRule STANDARD = RoutingRule.everything("standard", "standard-events");

    private static MultiTopicRoutingPipeline.Builder documented() {
        return MultiTopicRoutingPipeline.builder()
                .bootstrapServers("127.0.0.1:9092")
                .topic("events")
                .eventSchema(SCHEMA)
                .route(URGENT).route(ERRORS).route(STANDARD)
                .checkpointLocation("/tmp/checkpoints/route_events");
    }

    private static MultiTopicRoutingPipeline.Builder without(RoutingRule... rules) {
        return MultiTopicRoutingPipeline.builder()
                .bootstrapServers("127.0.0.1:9092")
                .topic("events")
                .eventSchema(SCHEMA)
                .routes(Arrays.asList(rules))
                .checkpointLocation("/tmp/checkpoints/route_events");
    }

    private static List<String> problems(MultiTopicRoutingPipeline.Builder builder) {
        try {
            builder.build();
            return List.of();
        } catch (InvalidPipelineException e) {
            return e.problems();
        }
    }

    /** The documented set-up: one Kafka sink taking the topic from each row, 30 s micro-batches, at least once. */
    @Test
    void theDocumentedRoutesBuildWithTheDocumentedDefaults() {
        MultiTopicRoutingPipeline pattern = documented().build();
        KafkaSource source = (KafkaSource) pattern.pipeline().source();
        KafkaSink sink = (KafkaSink) pattern.pipeline().sink();

        assertThat(pattern.pipeline().name()).isEqualTo("route_events");
        assertThat(pattern.rules()).containsExactly(URGENT, ERRORS, STANDARD);
        assertThat(pattern.unmatchedTopic()).isNull();
        assertThat(sink.sparkOptions()).doesNotContainKey("topic");
        assertThat(source.sparkOptions()).containsEntry("includeHeaders", "true")
                .containsEntry("startingOffsets", "earliest").containsEntry("maxOffsetsPerTrigger", "50000");
        assertThat(pattern.pipeline().trigger().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(pattern.pipeline().outputMode()).isEqualTo(OutputMode.Append());
        assertThat(pattern.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(pattern.capabilities()).containsExactlyInAnyOrder(Capability.TRACEABLE_RECORDS,
                Capability.CHECKPOINT_RESTART, Capability.CAPPED_BATCHES, Capability.SLA_TRIGGER);
    }

    /** The same routes run in Real-Time Mode: no foreachBatch is involved. */
    @Test
    void realTimeModeDropsTheBatchCapAndChecksTheSlots() {
        MultiTopicRoutingPipeline pattern = documented().trigger(TriggerPolicy.realTime(Duration.ofSeconds(30))).build();

        assertThat(((KafkaSource) pattern.pipeline().source()).sparkOptions()).doesNotContainKey("maxOffsetsPerTrigger");
        assertThat(pattern.pipeline().outputMode()).isEqualTo(OutputMode.Update());
        assertThat(pattern.pipeline().startChecks()).hasAtLeastOneElementOfType(RealTimeModeRequirements.class);
        assertThat(pattern.capabilities()).contains(Capability.REAL_TIME_MODE).doesNotContain(Capability.SLA_TRIGGER);
        assertThat(problems(documented().trigger(TriggerPolicy.realTime(Duration.ofSeconds(30))).maxOffsetsPerTrigger(10)))
                .anySatisfy(p -> assertThat(p).startsWith("maxOffsetsPerTrigger: Real-Time Mode"));
    }

    /** A rule's condition is shown as written, in a dead letter's detail. */
    @Test
    void rulesDescribeTheirConditions() {
        assertThat(ERRORS.describeCondition()).contains("event_type = 'error'");
        assertThat(STANDARD.describeCondition()).isEqualTo("true");
        assertThat(STANDARD.matchesEverything()).isTrue();
        assertThat(RoutingRule.forward("any", col("seq").geq(0), "t").matchesEverything()).isFalse();
    }

    @Test
    void duplicateNamesBlankTopicsAndSharedTopicsAreRefused() {
        List<String> problems = problems(without(
                URGENT,
                RoutingRule.forward("urgent", "priority = 'low'", "low-events"),
                RoutingRule.forward("blank", "true", " "),
                RoutingRule.forward("again", "seq > 10", "urgent-events"),
                RoutingRule.forward("", "seq > 10", "nameless"),
                new RoutingRule("no-condition", null, "somewhere", null),
                STANDARD));
        assertThat(problems).contains(
                "route 'urgent': the name is used by another rule; expected unique names",
                "route 'blank': expected a topic, got nothing",
                "route 'again': topic 'urgent-events' is also the topic of route 'urgent'; a record matching both"
                        + " would be written there twice; combine their conditions",
                "routes[4]: expected a name, got nothing",
                "route 'no-condition': expected a condition (SQL or a Column), got nothing",
                "route 'no-condition': expected a kind, FORWARD or DEAD_LETTER, got none");
    }

    @Test
    void noRulesAndARuleIntoTheInputTopicAreRefused() {
        assertThat(problems(without())).contains("routes: expected at least one routing rule, got none");
        assertThat(problems(without(RoutingRule.everything("loop", "events"))))
                .contains("route 'loop': topic 'events' is the input topic; its records would be routed again forever");
    }

    /** Without a catch-all, records may match nothing: the builder asks what to do with them. */
    @Test
    void unmatchedRecordsNeedADecision() {
        assertThat(problems(without(URGENT, ERRORS))).anySatisfy(p -> assertThat(p)
                .startsWith("routes: no rule is RoutingRule.everything(...)"));
        assertThat(without(URGENT, ERRORS).unmatchedTopic("unrouted").build().unmatchedTopic()).isEqualTo("unrouted");
        assertThat(problems(without(URGENT, ERRORS).dropUnmatched())).isEmpty();
        assertThat(problems(without(URGENT, ERRORS).unmatchedTopic("unrouted").dropUnmatched()))
                .anySatisfy(p -> assertThat(p).startsWith("unmatchedTopic and dropUnmatched: expected one decision"));
        assertThat(problems(without(URGENT, ERRORS).unmatchedTopic("urgent-events")))
                .anySatisfy(p -> assertThat(p).startsWith("unmatchedTopic: 'urgent-events' is a forward route's topic"));
        assertThat(problems(documented().unmatchedTopic("unrouted")))
                .anySatisfy(p -> assertThat(p).startsWith("unmatchedTopic or dropUnmatched: a RoutingRule.everything"));
    }

    @Test
    void aMissingSchemaOrAReservedFieldIsRefused() {
        assertThat(problems(documented().eventSchema(null)))
                .contains("eventSchema: expected the events' StructType, got none");
        assertThat(problems(documented().eventSchema(SCHEMA.add("_kafka", DataTypes.StringType))))
                .contains("eventSchema: field _kafka is reserved for the raw Kafka record");
    }
}
