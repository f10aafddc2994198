package io.streampatterns.jobs.lint;

import io.streampatterns.jobs.config.BrokerAdmin;
import io.streampatterns.jobs.config.PipelineConfig;

/** Asks the configuration's brokers how many partitions its input topic has ({@link BrokerAdmin}). */
public final class BrokerPartitionCounter implements PartitionCounter {
    @Override
    public int count(PipelineConfig config) {
        String topic = config.get("topic").orElseThrow(() -> new IllegalStateException("no topic"));
        try (BrokerAdmin brokers = BrokerAdmin.of(config)) {
            return brokers.partitions(topic);
        }
    }
}
