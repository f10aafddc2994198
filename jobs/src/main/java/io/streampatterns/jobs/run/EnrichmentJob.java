package io.streampatterns.jobs.run;

import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.secrets.SecretProvider;
import io.streampatterns.jobs.config.PipelineConfig;
import io.streampatterns.patterns.enrichment.KafkaEnrichmentPipeline;

/**
 * Kafka → Kafka enrichment with a Delta dimension: the shared options, {@code eventSchema},
 * {@code outputTopic}, the dimension as {@code dimensionTablePath} (a Delta table's path) or
 * {@code dimensionTable} (a catalog name), {@code joinKey} (one field), {@code dimensionColumns}
 * (comma-separated), {@code broadcastDimension}.
 */
final class EnrichmentJob implements PatternJob {
    @Override
    public String pattern() {
        return "enrichment";
    }

    @Override
    public StreamingPattern build(PipelineConfig config, SecretProvider secrets) {
        KafkaEnrichmentPipeline.Builder builder = ConfiguredOptions.apply(config, KafkaEnrichmentPipeline.builder(), secrets)
                .eventSchema(ConfiguredOptions.eventSchema(config));
        config.get("outputTopic").ifPresent(builder::outputTopic);
        config.get("dimensionTablePath").ifPresent(builder::dimensionTablePath);
        config.get("dimensionTable").ifPresent(name -> {
            if (config.get("dimensionTablePath").isPresent()) {
                throw config.invalid("dimensionTable", name,
                        "either dimensionTable (a catalog table) or dimensionTablePath (a Delta table's path), not both");
            }
            builder.dimensionTable(name);
        });
        config.get("joinKey").ifPresent(key -> {
            if (key.contains(",")) {
                throw config.invalid("joinKey", key, "one event field: the dimension is joined on a single column");
            }
            builder.joinKey(key);
        });
        config.list("dimensionColumns").ifPresent(columns -> builder.dimensionColumns(columns.toArray(String[]::new)));
        config.bool("broadcastDimension").ifPresent(builder::broadcastDimension);
        return builder.build();
    }
}
