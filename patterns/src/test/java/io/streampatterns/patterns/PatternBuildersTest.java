package io.streampatterns.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streampatterns.core.Capability;
import io.streampatterns.core.InvalidPipelineException;
import io.streampatterns.core.kafka.TransactionalKafkaSink;
import io.streampatterns.core.Sink;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.core.kafka.SaslSslSecurity;
import io.streampatterns.core.kafka.StartingOffsets;
import io.streampatterns.core.secrets.SecretProvider;
import io.streampatterns.patterns.avro.AvroToJsonPipeline;
import io.streampatterns.patterns.bronze.BronzeIngestionPipeline;
import io.streampatterns.patterns.enrichment.KafkaEnrichmentPipeline;
import io.streampatterns.patterns.metrics.WindowedMetricsPipeline;
import io.streampatterns.patterns.realtime.RealTimeKafkaPipeline;
import io.streampatterns.patterns.routing.MultiTopicRoutingPipeline;
import io.streampatterns.patterns.routing.RoutingRule;
import io.streampatterns.patterns.secured.SecuredKafkaPipeline;
import io.streampatterns.patterns.validation.RealTimeSchemaValidationPipeline;
import io.streampatterns.patterns.validation.SchemaValidationPipeline;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pattern's builder takes the shared options under the same names, with the same effect,
 * and reports the same missing option the same way; and no pattern claims a capability that its
 * configuration does not give.
 */
class PatternBuildersTest {
    static final StructType SCHEMA = new StructType()
            .add("event_id", DataTypes.StringType)
            .add("user_id", DataTypes.StringType)
            .add("event_type", DataTypes.StringType)
            .add("event_time", DataTypes.TimestampType)
            .add("amount", DataTypes.DoubleType)
            .add("seq", DataTypes.LongType);
    static final String AVRO = """
            {"type":"record","name":"Event","fields":[{"name":"seq","type":"long"}]}""";
    private static final SaslSslSecurity SASL_SSL = SaslSslSecurity.builder(SecretProvider.environment("KAFKA_",
            Map.of("KAFKA_USERNAME", "alice", "KAFKA_PASSWORD", "unit-test-password"))).build();
    private static final Set<Capability> CONFIGURED =
            EnumSet.of(Capability.CAPPED_BATCHES, Capability.SLA_TRIGGER, Capability.REAL_TIME_MODE);
    private static final TriggerPolicy PROCESSING_TIME = TriggerPolicy.processingTime(Duration.ofSeconds(5));
    private static final TriggerPolicy REAL_TIME = TriggerPolicy.realTime(Duration.ofSeconds(30));

    /**
     * A pattern's builder with its own required options set, none of the shared ones, and the
     * triggers it runs on.
     */
    record PatternUnderTest(String name, Supplier<PatternBuilder<?>> ownOptions, List<TriggerPolicy> triggers) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<PatternUnderTest> patterns() {
        List<TriggerPolicy> microBatches = List.of(PROCESSING_TIME, TriggerPolicy.availableNow());
        List<TriggerPolicy> realTime = List.of(REAL_TIME);
        List<TriggerPolicy> either = List.of(PROCESSING_TIME, TriggerPolicy.availableNow(), REAL_TIME);
        return Stream.of(
                new PatternUnderTest("bronze", () -> BronzeIngestionPipeline.builder()
                        .eventSchema(SCHEMA).tablePath("/tmp/pattern-builders/bronze"), microBatches),
                new PatternUnderTest("enrichment", () -> KafkaEnrichmentPipeline.builder()
                        .outputTopic("out").eventSchema(SCHEMA).dimensionTablePath("/tmp/pattern-builders/users"),
                        either),
                new PatternUnderTest("metrics", () -> WindowedMetricsPipeline.builder()
                        .outputTopic("out").eventSchema(SCHEMA), microBatches),
                new PatternUnderTest("avro", () -> AvroToJsonPipeline.builder()
                        .outputTopic("out").avroSchema(AVRO), either),
                new PatternUnderTest("secured", () -> SecuredKafkaPipeline.builder()
                        .outputTopic("out").eventSchema(SCHEMA).security(SASL_SSL), microBatches),
                new PatternUnderTest("validation", () -> SchemaValidationPipeline.builder()
                        .eventSchema(SCHEMA).validTopic("valid").dlqTopic("dlq"), microBatches),
                new PatternUnderTest("routing", () -> MultiTopicRoutingPipeline.builder()
                        .eventSchema(SCHEMA).route(RoutingRule.everything("all", "out")), either),
                new PatternUnderTest("realtime", () -> RealTimeKafkaPipeline.builder()
                        .outputTopic("out").eventSchema(SCHEMA), realTime),
                new PatternUnderTest("realtime validation", () -> RealTimeSchemaValidationPipeline.builder()
                        .eventSchema(SCHEMA).validTopic("valid").dlqTopic("dlq"), realTime));
    }

    /** The pattern's own options and the shared ones a pattern cannot run without. */
    private static PatternBuilder<?> complete(PatternUnderTest pattern) {
        return pattern.ownOptions().get()
                .bootstrapServers("127.0.0.1:9092")
                .topic("in")
                .checkpointLocation("/tmp/pattern-builders/checkpoint");
    }

    private static List<String> problems(PatternBuilder<?> builder) {
        try {
            builder.build();
            return List.of();
        } catch (InvalidPipelineException e) {
            return e.problems();
        }
    }

    @ParameterizedTest
    @MethodSource("patterns")
    void everySharedOptionIsTakenUnderTheSameNameWithTheSameEffect(PatternUnderTest pattern) {
        TriggerPolicy trigger = pattern.triggers().get(0);
        PatternBuilder<?> builder = pattern.ownOptions().get()
                .name("shared_options")
                .bootstrapServers("broker1:9093,broker2:9093")
                .topic("in")
                .security(SASL_SSL)
                .kafkaOption("request.timeout.ms", "20000")
                .kafkaOptions(Map.of("kafka.retry.backoff.ms", "200"))
                .minPartitions(4)
                .startingOffsets(StartingOffsets.latest())
                .trigger(trigger)
                .sla(Duration.ofMinutes(1))
                .checkpointLocation("/tmp/pattern-builders/shared");
        if (trigger.kind() != TriggerPolicy.Kind.REAL_TIME) {
            builder.maxOffsetsPerTrigger(1_000);
        }

        Pipeline pipeline = builder.build().pipeline();

        assertThat(pipeline.name()).isEqualTo("shared_options");
        assertThat(pipeline.checkpointLocation()).isEqualTo("/tmp/pattern-builders/shared");
        assertThat(pipeline.trigger().kind()).isEqualTo(trigger.kind());
        assertThat(pipeline.trigger().interval()).isEqualTo(trigger.interval());
        assertThat(((KafkaSource) pipeline.source()).sparkOptions())
                .containsEntry("kafka.bootstrap.servers", "broker1:9093,broker2:9093")
                .containsEntry("subscribe", "in")
                .containsEntry("kafka.security.protocol", "SASL_SSL")
                .containsEntry("kafka.request.timeout.ms", "20000")
                .containsEntry("kafka.retry.backoff.ms", "200")
                .containsEntry("minPartitions", "4")
                .containsEntry("startingOffsets", "latest");
        if (pipeline.sink() instanceof KafkaSink sink) {
            assertThat(sink.sparkOptions())
                    .containsEntry("kafka.bootstrap.servers", "broker1:9093,broker2:9093")
                    .containsEntry("kafka.security.protocol", "SASL_SSL")
                    .containsEntry("kafka.request.timeout.ms", "20000")
                    .containsEntry("kafka.retry.backoff.ms", "200");
        }
    }

    @ParameterizedTest
    @MethodSource("patterns")
    void aMissingTopicIsReportedTheSameWay(PatternUnderTest pattern) {
        assertThat(problems(complete(pattern).topic(null)))
                .contains("topic: expected one of subscribe, subscribePattern or assign, got none");
        assertThat(problems(complete(pattern).topic(" ")))
                .contains("topic: expected one of subscribe, subscribePattern or assign, got none");
    }

    @ParameterizedTest
    @MethodSource("patterns")
    void missingBootstrapServersAreReportedTheSameWay(PatternUnderTest pattern) {
        assertThat(problems(complete(pattern).bootstrapServers(null)))
                .contains("kafka.bootstrap.servers: expected host:port[,host:port...], got nothing");
    }

    @ParameterizedTest
    @MethodSource("patterns")
    void aMissingCheckpointLocationIsReportedTheSameWay(PatternUnderTest pattern) {
        assertThat(problems(complete(pattern).checkpointLocation(null))).singleElement().asString()
                .startsWith("checkpointLocation: expected a folder of this pipeline's own, got nothing");
    }

    /** Several problems of shared and own options come in one exception. */
    @ParameterizedTest
    @MethodSource("patterns")
    void everyProblemOfABuildIsInOneException(PatternUnderTest pattern) {
        PatternBuilder<?> builder = pattern.ownOptions().get().name("no spaces allowed").startingOffsets(null);

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvalidPipelineException.class,
                e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("name: expected letters, digits"))
                        .anySatisfy(p -> assertThat(p).startsWith("kafka.bootstrap.servers: expected"))
                        .anySatisfy(p -> assertThat(p).startsWith("topic: expected"))
                        .anySatisfy(p -> assertThat(p).startsWith("startingOffsets: expected"))
                        .anySatisfy(p -> assertThat(p).startsWith("checkpointLocation: expected")));
    }

    /** The builder, not TriggerPolicy, refuses: the trigger and the SLA are each valid alone. */
    @ParameterizedTest
    @MethodSource("patterns")
    void aTriggerOverTheSlaIsRefusedAtBuildNamingBoth(PatternUnderTest pattern) {
        PatternBuilder<?> builder = complete(pattern)
                .trigger(TriggerPolicy.processingTime(Duration.ofSeconds(30)))
                .sla(Duration.ofSeconds(60));

        assertThat(problems(builder))
                .anySatisfy(p -> assertThat(p).contains("trigger interval 30s is longer than SLA/3 = 20s (SLA 1m)"));
    }

    @ParameterizedTest
    @MethodSource("patterns")
    void aKafkaOptionThatWouldReplaceWhatSecuritySetsIsRefused(PatternUnderTest pattern) {
        PatternBuilder<?> builder = complete(pattern).security(SASL_SSL)
                .kafkaOption("kafka.sasl.jaas.config", "from code")
                .kafkaOption("security.protocol", "PLAINTEXT");

        assertThat(problems(builder))
                .anySatisfy(p -> assertThat(p).startsWith("kafkaOption kafka.sasl.jaas.config: security(...) sets"))
                .anySatisfy(p -> assertThat(p).startsWith("kafkaOption security.protocol: security(...) sets"));
    }

    /**
     * CAPPED_BATCHES, SLA_TRIGGER and REAL_TIME_MODE are claimed exactly when the built pipeline's
     * source caps its batches outside Real-Time Mode, and its trigger is of that kind.
     */
    @ParameterizedTest
    @MethodSource("patterns")
    void configuredCapabilitiesFollowTheConfiguration(PatternUnderTest pattern) {
        for (TriggerPolicy trigger : pattern.triggers()) {
            StreamingPattern built = complete(pattern).trigger(trigger).build();
            Set<Capability> expected = EnumSet.noneOf(Capability.class);
            boolean capped = ((KafkaSource) built.pipeline().source()).sparkOptions().containsKey("maxOffsetsPerTrigger");
            if (capped && trigger.kind() != TriggerPolicy.Kind.REAL_TIME) {
                expected.add(Capability.CAPPED_BATCHES);
            }
            if (trigger.kind() == TriggerPolicy.Kind.PROCESSING_TIME) {
                expected.add(Capability.SLA_TRIGGER);
            }
            if (trigger.kind() == TriggerPolicy.Kind.REAL_TIME) {
                expected.add(Capability.REAL_TIME_MODE);
            }

            assertThat(built.capabilities()).as("%s on %s", pattern, trigger)
                    .filteredOn(CONFIGURED::contains).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** A micro-batch pattern caps its batches by default; a Real-Time Mode one has no batches to cap. */
    @ParameterizedTest
    @MethodSource("patterns")
    void theBatchCapDefaultsByTrigger(PatternUnderTest pattern) {
        for (TriggerPolicy trigger : pattern.triggers()) {
            KafkaSource source = (KafkaSource) complete(pattern).trigger(trigger).build().pipeline().source();

            assertThat(source.maxOffsetsPerTrigger()).as("%s on %s", pattern, trigger)
                    .isEqualTo(trigger.kind() == TriggerPolicy.Kind.REAL_TIME ? java.util.Optional.empty()
                            : java.util.Optional.of(PatternBuilder.DEFAULT_MAX_OFFSETS_PER_TRIGGER));
        }
    }

    /** A pattern refuses a trigger it cannot run on, naming the trigger. */
    @ParameterizedTest
    @MethodSource("patterns")
    void aTriggerOfTheWrongKindIsRefused(PatternUnderTest pattern) {
        TriggerPolicy wrong = pattern.triggers().contains(REAL_TIME) && pattern.triggers().size() == 1
                ? PROCESSING_TIME : REAL_TIME;
        if (pattern.triggers().contains(wrong)) {
            return;
        }

        assertThat(problems(complete(pattern).trigger(wrong)))
                .anySatisfy(p -> assertThat(p).startsWith("trigger: ").contains(wrong.toString()));
    }

    /** The patterns whose Kafka output (dead letters included) can be written in Kafka transactions. */
    private static final Set<String> OFFER_EXACTLY_ONCE = Set.of("enrichment", "avro", "validation", "routing");

    /**
     * exactlyOnce() gives an exactly-once Kafka output where the pattern offers it (on micro-batches),
     * and is refused by name everywhere else, never ignored.
     */
    @ParameterizedTest
    @MethodSource("patterns")
    void exactlyOnceIsTakenWhereOfferedAndRefusedElsewhere(PatternUnderTest pattern) {
        PatternBuilder<?> builder = complete(pattern).trigger(pattern.triggers().get(0)).exactlyOnce();
        if (OFFER_EXACTLY_ONCE.contains(pattern.name())) {
            StreamingPattern built = builder.build();
            assertThat(built.deliveryGuarantee()).isEqualTo(Sink.DeliveryGuarantee.EXACTLY_ONCE);
            assertThat(built.pipeline().sink().toString()).contains("TransactionalKafkaSink");
            assertThat(problems(complete(pattern).trigger(REAL_TIME).exactlyOnce()))
                    .anySatisfy(p -> assertThat(p).startsWith("exactlyOnce: Real-Time Mode cannot write through foreachBatch"));
        } else {
            assertThat(problems(builder)).anySatisfy(p -> assertThat(p).startsWith("exactlyOnce: "));
        }
    }

    /** Dead letters sent by a policy of the caller's cannot join the transactions: refused, not written at least once unnoticed. */
    @org.junit.jupiter.api.Test
    void exactlyOnceRefusesADeadLetterPolicyOfYourOwn() {
        io.streampatterns.core.DlqPolicy own = new io.streampatterns.core.DlqPolicy() {
            @Override
            public List<String> validate() {
                return List.of();
            }

            @Override
            public void send(org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> deadLetters) {
            }
        };
        PatternBuilder<?> validation = SchemaValidationPipeline.builder().eventSchema(SCHEMA).validTopic("valid").dlq(own);
        PatternBuilder<?> avro = AvroToJsonPipeline.builder().outputTopic("out").avroSchema(AVRO).dlq(own);

        for (PatternBuilder<?> builder : List.of(validation, avro)) {
            assertThat(problems(builder.bootstrapServers("127.0.0.1:9092").topic("in")
                    .checkpointLocation("/tmp/pattern-builders/checkpoint").exactlyOnce()))
                    .anySatisfy(p -> assertThat(p).startsWith("exactlyOnce: dead letters sent by a DlqPolicy of your own"));
        }
    }
}
