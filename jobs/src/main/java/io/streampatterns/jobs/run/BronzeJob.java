package io.streampatterns.jobs.run;

import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.secrets.SecretProvider;
import io.streampatterns.jobs.config.PipelineConfig;
import io.streampatterns.patterns.bronze.BronzeIngestionPipeline;

/** Kafka → Delta bronze: the shared options, {@code eventSchema}, {@code tablePath}, {@code unknownFieldsColumn}. */
final class BronzeJob implements PatternJob {
    @Override
    public String pattern() {
        return "bronze";
    }

    @Override
    public StreamingPattern build(PipelineConfig config, SecretProvider secrets) {
        BronzeIngestionPipeline.Builder builder = ConfiguredOptions.apply(config, BronzeIngestionPipeline.builder(), secrets)
                .eventSchema(ConfiguredOptions.eventSchema(config));
        config.get("tablePath").ifPresent(builder::tablePath);
        config.get("unknownFieldsColumn").ifPresent(builder::unknownFieldsColumn);
        return builder.build();
    }
}
