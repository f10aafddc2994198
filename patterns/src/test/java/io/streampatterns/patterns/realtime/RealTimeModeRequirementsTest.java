package io.streampatterns.patterns.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streampatterns.core.Checkpoint;
import io.streampatterns.core.InvalidPipelineException;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.Sink;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.delta.DeltaSink;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;

/** The refusals that need neither Spark nor a broker, and the helpers the start-time ones rely on. */
class RealTimeModeRequirementsTest {
    private static final TriggerPolicy REAL_TIME = TriggerPolicy.realTime(Duration.ofSeconds(30));

    private static KafkaSource.Builder source() {
        return KafkaSource.builder().bootstrapServers("127.0.0.1:9092").subscribe("in");
    }

    private static KafkaSink kafkaSink() {
        return KafkaSink.builder().bootstrapServers("127.0.0.1:9092").topic("out").build();
    }

    /** A sink written through foreachBatch, as patterns with dead letter queues have. */
    private static final Sink FOREACH_BATCH = new Sink() {
        @Override
        public List<String> validate() {
            return List.of();
        }

        @Override
        public StreamingQuery start(DataStreamWriter<Row> writer, Checkpoint checkpoint) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DeliveryGuarantee deliveryGuarantee() {
            return DeliveryGuarantee.AT_LEAST_ONCE;
        }

        @Override
        public String toString() {
            return "ForeachBatchSink";
        }
    };

    @Test
    void aValidConfigurationHasNoProblem() {
        assertThat(RealTimeModeRequirements.configurationProblems(source().build(), kafkaSink(), REAL_TIME,
                OutputMode.Update())).isEmpty();
    }

    @Test
    void refusesADeltaSink() {
        assertThat(RealTimeModeRequirements.configurationProblems(source().build(), DeltaSink.toPath("/tmp/t"),
                REAL_TIME, OutputMode.Update()))
                .singleElement().asString().startsWith("sink: DeltaSink").contains("cannot be written in Real-Time Mode");
    }

    @Test
    void refusesAForeachBatchSink() {
        assertThat(RealTimeModeRequirements.configurationProblems(source().build(), FOREACH_BATCH, REAL_TIME,
                OutputMode.Update()))
                .singleElement().asString().contains("ForeachBatchSink cannot be written in Real-Time Mode")
                .contains("not foreachBatch");
    }

    @Test
    void refusesMaxOffsetsPerTrigger() {
        assertThat(RealTimeModeRequirements.configurationProblems(source().maxOffsetsPerTrigger(1_000).build(),
                kafkaSink(), REAL_TIME, OutputMode.Update()))
                .singleElement().asString().startsWith("maxOffsetsPerTrigger: Real-Time Mode reads records as they arrive");
    }

    @Test
    void refusesAppendMode() {
        assertThat(RealTimeModeRequirements.configurationProblems(source().build(), kafkaSink(), REAL_TIME,
                OutputMode.Append()))
                .singleElement().asString().startsWith("outputMode: Real-Time Mode supports update only, got Append");
    }

    @Test
    void refusesAMicroBatchTrigger() {
        assertThat(RealTimeModeRequirements.configurationProblems(source().build(), kafkaSink(),
                TriggerPolicy.processingTime(Duration.ZERO), OutputMode.Update()))
                .singleElement().asString()
                .isEqualTo("trigger: Real-Time Mode needs TriggerPolicy.realTime(checkpointInterval), got processingTime(0s)");
    }

    /** Every problem at once, so one run shows all there is to fix. */
    @Test
    void reportsEveryProblemTogether() {
        assertThat(RealTimeModeRequirements.configurationProblems(source().maxOffsetsPerTrigger(10).build(),
                DeltaSink.toPath("/tmp/t"), REAL_TIME, OutputMode.Append())).hasSize(3);
    }

    @Test
    void refusesAnIntervalUnderTheMinimum() {
        assertThat(RealTimeModeRequirements.intervalProblems(TriggerPolicy.realTime(Duration.ofSeconds(2)),
                Duration.ofSeconds(5)))
                .singleElement().asString()
                .startsWith("trigger realTime checkpoint interval: 2s is under the minimum of 5s"
                        + " (spark.sql.streaming.realTimeMode.minBatchDuration)");
        assertThat(RealTimeModeRequirements.intervalProblems(TriggerPolicy.realTime(Duration.ofSeconds(5)),
                Duration.ofSeconds(5))).isEmpty();
        assertThat(RealTimeModeRequirements.intervalProblems(TriggerPolicy.realTime(Duration.ofSeconds(2)),
                Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void refusesFewerTaskSlotsThanPartitions() {
        assertThat(RealTimeModeRequirements.slotProblems(2, 3, "topic in: 3", "local[2]"))
                .singleElement().asString()
                .startsWith("task slots: the application has 2 task slots (master local[2]) but the source reads"
                        + " 3 partitions (topic in: 3)")
                .contains("silently leaves the partitions that get no slot unread");
        assertThat(RealTimeModeRequirements.slotProblems(2, 2, "topic in: 2", "local[2]")).isEmpty();
    }

    @Test
    void countsTheTaskSlotsOfLocalMasters() {
        assertThat(RealTimeModeRequirements.localTaskSlots("local", 8)).hasValue(1);
        assertThat(RealTimeModeRequirements.localTaskSlots("local[2]", 8)).hasValue(2);
        assertThat(RealTimeModeRequirements.localTaskSlots("local[*]", 8)).hasValue(8);
        assertThat(RealTimeModeRequirements.localTaskSlots("local[3,2]", 8)).hasValue(3);
        assertThat(RealTimeModeRequirements.localTaskSlots("local-cluster[2,3,1024]", 8)).hasValue(6);
        assertThat(RealTimeModeRequirements.localTaskSlots("spark://host:7077", 8)).isEqualTo(OptionalInt.empty());
    }

    @Test
    void readsSparkTimeStrings() {
        assertThat(RealTimeModeRequirements.parseDuration("5000ms")).isEqualTo(Duration.ofSeconds(5));
        assertThat(RealTimeModeRequirements.parseDuration("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(RealTimeModeRequirements.parseDuration("2min")).isEqualTo(Duration.ofMinutes(2));
        assertThat(RealTimeModeRequirements.parseDuration("750")).isEqualTo(Duration.ofMillis(750));
    }

    /** The admin client reaches the cluster with the source's own security and client properties. */
    @Test
    void theAdminClientGetsTheSourcesConnectionOptions() {
        KafkaSource secured = source().security(() -> Map.of("security.protocol", "SASL_SSL"))
                .kafkaOption("client.dns.lookup", "use_all_dns_ips").build();
        assertThat(KafkaPartitionCount.adminConfig(secured.sparkOptions()))
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("client.dns.lookup", "use_all_dns_ips")
                .doesNotContainKey("subscribe");
    }

    /** An assignment is counted from the source's options alone, without a broker. */
    @Test
    void countsAnAssignmentWithoutABroker() {
        KafkaSource assigned = KafkaSource.builder().bootstrapServers("127.0.0.1:9").assign("{\"a\":[0,1],\"b\":[3]}")
                .minPartitions(1).build();
        KafkaPartitionCount.Result result = KafkaPartitionCount.count(assigned);
        assertThat(result.partitions().count()).isEqualTo(3);
        assertThat(result.partitions().describe()).isEqualTo("assigned a: 2, b: 1");
    }

    /** Refusals found at build time are reported with the pipeline's others, by any core pipeline's builder. */
    @Test
    void aCorePipelineReportsThemAtBuildTime() {
        KafkaSource capped = source().maxOffsetsPerTrigger(10).build();
        Pipeline.Builder builder = Pipeline.builder("rt").source(capped).sink(kafkaSink()).trigger(REAL_TIME)
                .outputMode(OutputMode.Update()).checkpointLocation("/tmp/cp")
                .startCheck(new RealTimeModeRequirements());
        RealTimeModeRequirements.configurationProblems(capped, kafkaSink(), REAL_TIME, OutputMode.Update())
                .forEach(p -> builder.require(false, p));
        assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvalidPipelineException.class,
                e -> assertThat(e.problems()).singleElement().asString().startsWith("maxOffsetsPerTrigger:"));
    }

    @Test
    void taskSlotsMustBePositive() {
        assertThatThrownBy(() -> new RealTimeModeRequirements().withTaskSlots(0))
                .hasMessage("taskSlots: expected a positive number, got 0");
    }
}
