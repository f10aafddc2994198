package io.streampatterns.benchmarks.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.core.Capability;
import io.streampatterns.harness.conformance.fixtures.AvroToJsonFixture;
import io.streampatterns.harness.data.EventGenerator;
import org.junit.jupiter.api.Test;

/** The benchmarks' patterns pass their builders' checks, so a JMH fork does not fail in its set-up. */
class OfflinePatternsTest {

    @Test
    void everyBenchmarkedPatternBuilds() {
        assertThat(OfflinePatterns.enrichment(EventGenerator.SCHEMA, "/tmp/bench-dimension/users").dimensionTable()
                .target()).isEqualTo("/tmp/bench-dimension/users");
        assertThat(OfflinePatterns.plainAvro(AvroToJsonFixture.EVENT_SCHEMA).capabilities())
                .contains(Capability.DEAD_LETTER_QUEUE);
        assertThat(OfflinePatterns.wireFormatAvro(AvroToJsonFixture.SCHEMA_ID, AvroToJsonFixture.EVENT_SCHEMA)
                .capabilities()).contains(Capability.DEAD_LETTER_QUEUE);
    }
}
