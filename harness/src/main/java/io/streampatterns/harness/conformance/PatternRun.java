package io.streampatterns.harness.conformance;

import io.streampatterns.core.TriggerPolicy;
import java.util.Map;
import java.util.Optional;

/**
 * The resources of one run of one pattern in one check: where it reads, where it writes, its
 * checkpoint and the settings the check imposes. Topics exist before the pattern is built;
 * tables and checkpoints are fresh folders.
 *
 * @param name a name unique in the conformance run, usable as a pipeline name
 * @param bootstrapServers the Kafka to use
 * @param kafkaClientProperties security and other client properties the cluster needs
 * @param inputTopic where the harness produces events
 * @param outputTopic where a Kafka-writing pattern writes
 * @param dlqTopic where a pattern with a dead letter queue sends rejects
 * @param outputTable where a Delta-writing pattern writes
 * @param checkpointLocation the pipeline's checkpoint
 * @param trigger the trigger the check wants
 * @param maxOffsetsPerTrigger the batch cap the check wants, if any
 */
public record PatternRun(
        String name,
        String bootstrapServers,
        Map<String, String> kafkaClientProperties,
        String inputTopic,
        String outputTopic,
        String dlqTopic,
        String outputTable,
        String checkpointLocation,
        TriggerPolicy trigger,
        Optional<Long> maxOffsetsPerTrigger) {

    /** The same run with another trigger. */
    public PatternRun withTrigger(TriggerPolicy newTrigger) {
        return new PatternRun(name, bootstrapServers, kafkaClientProperties, inputTopic, outputTopic, dlqTopic,
                outputTable, checkpointLocation, newTrigger, maxOffsetsPerTrigger);
    }

    /** The same run with a batch cap. */
    public PatternRun withMaxOffsetsPerTrigger(long max) {
        return new PatternRun(name, bootstrapServers, kafkaClientProperties, inputTopic, outputTopic, dlqTopic,
                outputTable, checkpointLocation, trigger, Optional.of(max));
    }

    /** A run whose resources do not exist: enough to build a pattern and ask what it promises. */
    public static PatternRun placeholder() {
        return new PatternRun("placeholder", "127.0.0.1:9092", Map.of(), "input", "output", "dlq",
                "/tmp/streampatterns-placeholder/table", "/tmp/streampatterns-placeholder/checkpoint",
                TriggerPolicy.processingTime(java.time.Duration.ZERO), Optional.empty());
    }
}
