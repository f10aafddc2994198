package io.streampatterns.patterns.enrichment;

import io.streampatterns.core.Transform;
import org.apache.spark.sql.types.StructType;

/**
 * The enrichment pattern's own join step, for the JMH benchmark: {@link DimensionJoin} is the
 * pattern's package-private transform, and measuring the pattern's code (not a copy of it) is the
 * point. Lives in the pattern's package, in the benchmarks module, so the pattern exposes nothing.
 */
public final class EnrichmentBenchAccess {
    private EnrichmentBenchAccess() {
    }

    /**
     * The transform {@link KafkaEnrichmentPipeline} applies with its defaults (join key, dimension
     * columns, broadcast dimension): raw Kafka rows in, key and enriched JSON value out.
     */
    public static Transform dimensionJoin(StructType eventSchema, String dimensionTablePath) {
        return new DimensionJoin(eventSchema, DimensionTable.atPath(dimensionTablePath),
                KafkaEnrichmentPipeline.DEFAULT_JOIN_KEY, KafkaEnrichmentPipeline.DEFAULT_DIMENSION_COLUMNS, true);
    }
}
