package io.streampatterns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streampatterns.core.delta.DeltaSink;
import io.streampatterns.core.kafka.KafkaSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The capabilities a configuration gives are derived from it, never declared by hand. */
class CapabilityTest {
    private static final TriggerPolicy PROCESSING_TIME = TriggerPolicy.processingTime(Duration.ofSeconds(30));

    private static Pipeline pipeline(KafkaSource.Builder source, TriggerPolicy trigger) {
        return Pipeline.builder("capabilities")
                .source(source.bootstrapServers("127.0.0.1:9092").subscribe("events").build())
                .sink(DeltaSink.toPath("/tmp/capabilities/table"))
                .trigger(trigger)
                .checkpointLocation("/tmp/capabilities/checkpoint")
                .build();
    }

    @Test
    void aCappedSourceOnAProcessingTimeTriggerGivesCappedBatchesAndAnSlaTrigger() {
        assertThat(Capability.of(pipeline(KafkaSource.builder().maxOffsetsPerTrigger(10), PROCESSING_TIME)))
                .containsExactly(Capability.CAPPED_BATCHES, Capability.SLA_TRIGGER);
    }

    @Test
    void anUncappedSourceGivesNoCappedBatches() {
        assertThat(Capability.of(pipeline(KafkaSource.builder(), PROCESSING_TIME)))
                .containsExactly(Capability.SLA_TRIGGER);
    }

    @Test
    void availableNowHasNoSlaTrigger() {
        assertThat(Capability.of(pipeline(KafkaSource.builder().maxOffsetsPerTrigger(10), TriggerPolicy.availableNow())))
                .containsExactly(Capability.CAPPED_BATCHES);
    }

    /** Real-Time Mode has no batches to cap, so a cap it would refuse is no capability. */
    @Test
    void aRealTimeTriggerGivesRealTimeModeOnly() {
        TriggerPolicy realTime = TriggerPolicy.realTime(Duration.ofMinutes(1));

        assertThat(Capability.of(pipeline(KafkaSource.builder().maxOffsetsPerTrigger(10), realTime)))
                .containsExactly(Capability.REAL_TIME_MODE);
    }

    @Test
    void intrinsicCapabilitiesAreAdded() {
        assertThat(Capability.of(pipeline(KafkaSource.builder(), TriggerPolicy.availableNow()),
                Capability.TRACEABLE_RECORDS, Capability.CHECKPOINT_RESTART))
                .containsExactly(Capability.TRACEABLE_RECORDS, Capability.CHECKPOINT_RESTART);
    }

    @Test
    void aPatternCannotDeclareWhatTheConfigurationDecides() {
        Pipeline availableNow = pipeline(KafkaSource.builder(), TriggerPolicy.availableNow());

        assertThatThrownBy(() -> Capability.of(availableNow, Capability.SLA_TRIGGER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SLA_TRIGGER follows from the pipeline's configuration");
    }
}
