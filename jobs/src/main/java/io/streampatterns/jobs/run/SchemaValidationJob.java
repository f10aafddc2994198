package io.streampatterns.jobs.run;

import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.secrets.SecretProvider;
import io.streampatterns.jobs.config.PipelineConfig;
import io.streampatterns.patterns.validation.SchemaValidationPipeline;

/**
 * Schema validation with a dead letter topic, micro-batches: the shared options, {@code eventSchema},
 * {@code requiredFields} (comma-separated), {@code validTopic} or {@code validTablePath},
 * {@code dlqTopic}.
 */
final class SchemaValidationJob implements PatternJob {
    @Override
    public String pattern() {
        return "schema-validation";
    }

    @Override
    public StreamingPattern build(PipelineConfig config, SecretProvider secrets) {
        SchemaValidationPipeline.Builder builder = ConfiguredOptions.apply(config, SchemaValidationPipeline.builder(), secrets)
                .eventSchema(ConfiguredOptions.eventSchema(config));
        config.list("requiredFields").ifPresent(builder::requiredFields);
        config.get("validTopic").ifPresent(builder::validTopic);
        config.get("validTablePath").ifPresent(builder::validTablePath);
        config.get("dlqTopic").ifPresent(builder::dlqTopic);
        return builder.build();
    }
}
