package io.streampatterns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streampatterns.core.delta.DeltaSink;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Configuration checks that run when a pipeline is built, before any query or SparkSession exists. */
class PipelineTest {

    private static KafkaSource validSource() {
        return KafkaSource.builder().bootstrapServers("localhost:9092").subscribe("events").build();
    }

    private static Pipeline.Builder validPipeline() {
        return Pipeline.builder("bronze_events")
                .source(validSource())
                .sink(DeltaSink.toPath("/tmp/tables/bronze"))
                .checkpointLocation("/tmp/checkpoints/bronze");
    }

    @Test
    void aCompletePipelineBuilds() {
        Pipeline pipeline = validPipeline().trigger(TriggerPolicy.forSla(Duration.ofSeconds(90))).build();

        assertThat(pipeline.name()).isEqualTo("bronze_events");
        assertThat(pipeline.trigger().interval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aMissingCheckpointLocationIsRefusedByName() {
        assertThatThrownBy(() -> validPipeline().checkpointLocation(null).build())
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining("checkpointLocation: expected a folder of this pipeline's own");
    }

    /** One build reports every problem, so a user fixes them all in one round. */
    @Test
    void everyProblemIsReportedAtOnce() {
        KafkaSource noServersNoTopic = KafkaSource.builder().maxOffsetsPerTrigger(-5).build();

        assertThatThrownBy(() -> Pipeline.builder("bad name").source(noServersNoTopic).build())
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("name:"))
                        .anySatisfy(p -> assertThat(p).startsWith("kafka.bootstrap.servers:"))
                        .anySatisfy(p -> assertThat(p).startsWith("topic:"))
                        .anySatisfy(p -> assertThat(p).startsWith("maxOffsetsPerTrigger:").contains("-5"))
                        .anySatisfy(p -> assertThat(p).startsWith("sink:"))
                        .anySatisfy(p -> assertThat(p).startsWith("checkpointLocation:")));
    }

    /** A source and a sink that both lack the bootstrap servers make one problem, not two. */
    @Test
    void aProblemSharedByTwoPartsIsListedOnce() {
        KafkaSource noServers = KafkaSource.builder().subscribe("events").build();
        KafkaSink noServersEither = KafkaSink.builder().topic("out").build();

        assertThatThrownBy(() -> validPipeline().source(noServers).sink(noServersEither).build())
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                        .containsExactly("kafka.bootstrap.servers: expected host:port[,host:port...], got nothing"));
    }

    @Test
    void aMissingSourceIsRefused() {
        assertThatThrownBy(() -> validPipeline().source(null).build())
                .hasMessageContaining("source: expected a source, got none");
    }

    /** The builder holds the trigger to the SLA: nothing is refused before build(), and build() names both values. */
    @Test
    void aTriggerBeyondTheSlaIsRefusedAtBuild() {
        Pipeline.Builder thirtySecondsForAMinute = validPipeline()
                .trigger(TriggerPolicy.processingTime(Duration.ofSeconds(30)))
                .sla(Duration.ofSeconds(60));

        assertThatThrownBy(thirtySecondsForAMinute::build)
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                        .singleElement().asString()
                        .contains("trigger interval 30s is longer than SLA/3 = 20s (SLA 1m)"));
    }

    @Test
    void aTriggerWithinTheSlaIsHeldToIt() {
        Pipeline pipeline = validPipeline()
                .trigger(TriggerPolicy.processingTime(Duration.ofSeconds(20)))
                .sla(Duration.ofSeconds(60))
                .build();

        assertThat(pipeline.trigger()).hasToString("processingTime(20s) for SLA 1m");
    }

    @Test
    void aNonPositiveSlaIsRefusedAtBuild() {
        assertThatThrownBy(() -> validPipeline().sla(Duration.ZERO).build())
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining("sla: expected a positive duration");
    }

    @Test
    void transformsApplyInTheOrderAdded() {
        StringBuilder order = new StringBuilder();
        Transform first = in -> {
            order.append("1");
            return in;
        };
        Transform second = in -> {
            order.append("2");
            return in;
        };

        first.andThen(second).apply(null);

        assertThat(order).hasToString("12");
    }
}
