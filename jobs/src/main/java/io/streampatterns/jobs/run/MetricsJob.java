package io.streampatterns.jobs.run;

import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.secrets.SecretProvider;
import io.streampatterns.jobs.config.PipelineConfig;
import io.streampatterns.patterns.metrics.WindowedMetricsPipeline;

/**
 * Windowed metrics to a Kafka topic: the shared options, {@code eventSchema}, {@code outputTopic},
 * {@code eventTimeColumn}, {@code groupByColumn}, {@code measureColumn}, {@code window} and
 * {@code watermarkDelay} (durations).
 */
final class MetricsJob implements PatternJob {
    @Override
    public String pattern() {
        return "metrics";
    }

    @Override
    public StreamingPattern build(PipelineConfig config, SecretProvider secrets) {
        WindowedMetricsPipeline.Builder builder = ConfiguredOptions.apply(config, WindowedMetricsPipeline.builder(), secrets)
                .eventSchema(ConfiguredOptions.eventSchema(config));
        config.get("outputTopic").ifPresent(builder::outputTopic);
        config.get("eventTimeColumn").ifPresent(builder::eventTimeColumn);
        config.get("groupByColumn").ifPresent(builder::groupByColumn);
        config.get("measureColumn").ifPresent(builder::measureColumn);
        config.duration("window").ifPresent(builder::window);
        config.duration("watermarkDelay").ifPresent(builder::watermarkDelay);
        return builder.build();
    }
}
