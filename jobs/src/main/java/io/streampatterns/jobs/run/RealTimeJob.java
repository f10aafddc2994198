package io.streampatterns.jobs.run;

import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.secrets.SecretProvider;
import io.streampatterns.jobs.config.PipelineConfig;
import io.streampatterns.patterns.realtime.RealTimeKafkaPipeline;

/**
 * Kafka → Kafka in Real-Time Mode: the shared options ({@code trigger=realtime:5m} sets the
 * checkpoint interval), {@code eventSchema}, {@code outputTopic}, {@code taskSlots}, {@code keepFields}
 * (comma-separated).
 */
final class RealTimeJob implements PatternJob {
    @Override
    public String pattern() {
        return "realtime";
    }

    @Override
    public StreamingPattern build(PipelineConfig config, SecretProvider secrets) {
        RealTimeKafkaPipeline.Builder builder = ConfiguredOptions.apply(config, RealTimeKafkaPipeline.builder(), secrets)
                .eventSchema(ConfiguredOptions.eventSchema(config));
        config.get("outputTopic").ifPresent(builder::outputTopic);
        config.number("taskSlots").ifPresent(slots -> builder.taskSlots(slots.intValue()));
        config.list("keepFields").ifPresent(fields -> builder.keepFields(fields.toArray(String[]::new)));
        return builder.build();
    }
}
