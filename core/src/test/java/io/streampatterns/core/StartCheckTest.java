package io.streampatterns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streampatterns.core.delta.DeltaSink;
import io.streampatterns.core.kafka.KafkaSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Start checks are kept, in order, by the built pipeline; running them needs a session (see the harness ITs). */
class StartCheckTest {
    private static Pipeline.Builder validPipeline() {
        return Pipeline.builder("checked")
                .source(KafkaSource.builder().bootstrapServers("localhost:9092").subscribe("events").build())
                .sink(DeltaSink.toPath("/tmp/tables/checked"))
                .checkpointLocation("/tmp/checkpoints/checked");
    }

    @Test
    void aPipelineKeepsItsStartChecksInOrder() {
        StartCheck first = (pipeline, plan, spark) -> List.of();
        StartCheck second = (pipeline, plan, spark) -> List.of("never");
        assertThat(validPipeline().startCheck(first).startCheck(second).build().startChecks())
                .containsExactly(first, second);
        assertThat(validPipeline().build().startChecks()).isEmpty();
    }

    @Test
    void aNullCheckIsRefused() {
        assertThatThrownBy(() -> validPipeline().startCheck(null)).isInstanceOf(NullPointerException.class);
    }
}
