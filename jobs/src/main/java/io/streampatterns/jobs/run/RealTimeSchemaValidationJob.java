package io.streampatterns.jobs.run;

import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.secrets.SecretProvider;
import io.streampatterns.jobs.config.PipelineConfig;
import io.streampatterns.patterns.validation.RealTimeSchemaValidationPipeline;

/**
 * Schema validation with a dead letter topic in Real-Time Mode: the shared options
 * ({@code trigger=realtime:5m} sets the checkpoint interval), {@code eventSchema},
 * {@code requiredFields} (comma-separated), {@code validTopic}, {@code dlqTopic}, {@code taskSlots}.
 */
final class RealTimeSchemaValidationJob implements PatternJob {
    @Override
    public String pattern() {
        return "schema-validation-realtime";
    }

    @Override
    public StreamingPattern build(PipelineConfig config, SecretProvider secrets) {
        RealTimeSchemaValidationPipeline.Builder builder = ConfiguredOptions.apply(config,
                RealTimeSchemaValidationPipeline.builder(), secrets).eventSchema(ConfiguredOptions.eventSchema(config));
        config.list("requiredFields").ifPresent(builder::requiredFields);
        config.get("validTopic").ifPresent(builder::validTopic);
        config.get("dlqTopic").ifPresent(builder::dlqTopic);
        config.number("taskSlots").ifPresent(slots -> builder.taskSlots(slots.intValue()));
        return builder.build();
    }
}
