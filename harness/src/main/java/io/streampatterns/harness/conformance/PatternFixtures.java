package io.streampatterns.harness.conformance;

import io.streampatterns.harness.conformance.fixtures.AvroToJsonFixture;
import io.streampatterns.harness.conformance.fixtures.BronzeFixture;
import io.streampatterns.harness.conformance.fixtures.EnrichmentFixture;
import io.streampatterns.harness.conformance.fixtures.MultiTopicRoutingFixture;
import io.streampatterns.harness.conformance.fixtures.RealTimeFixture;
import io.streampatterns.harness.conformance.fixtures.RealTimeSchemaValidationFixture;
import io.streampatterns.harness.conformance.fixtures.SchemaValidationFixture;
import io.streampatterns.harness.conformance.fixtures.WindowedMetricsFixture;
import java.util.List;

/** Every pattern the conformance run covers. A new pattern adds its fixture here. */
public final class PatternFixtures {

    private PatternFixtures() {
    }

    /** The fixture called {@code name}, as a child driver JVM looks it up. */
    public static PatternFixture named(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pattern fixture named '" + name + "'"));
    }

    public static List<PatternFixture> all() {
        return List.of(
                new BronzeFixture(),
                new EnrichmentFixture(),
                new RealTimeFixture(),
                new WindowedMetricsFixture(),
                new SchemaValidationFixture(),
                new RealTimeSchemaValidationFixture(),
                new MultiTopicRoutingFixture(),
                new AvroToJsonFixture());
    }
}
