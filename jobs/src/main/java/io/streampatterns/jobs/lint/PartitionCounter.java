package io.streampatterns.jobs.lint;

import io.streampatterns.jobs.config.PipelineConfig;

/** Counts the partitions of a configuration's input topic. */
@FunctionalInterface
public interface PartitionCounter {
    /**
     * @return the partition count
     * @throws IllegalStateException saying why it could not be counted (a broker out of reach, no such topic)
     */
    int count(PipelineConfig config);

    /** The brokers' answer ({@link BrokerPartitionCounter}), or, {@code offline}, none: the rule then notes it skipped. */
    static PartitionCounter of(boolean offline) {
        return offline ? config -> {
            throw new IllegalStateException("--offline");
        } : new BrokerPartitionCounter();
    }
}
