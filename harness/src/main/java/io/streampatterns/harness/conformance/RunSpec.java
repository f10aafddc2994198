package io.streampatterns.harness.conformance;

import io.streampatterns.core.TriggerPolicy;
import java.util.Map;
import java.util.Optional;

/**
 * The plain data of a {@link TestRun}: names, addresses and settings, nothing live, so that it can
 * be written to a file and read again in a child JVM.
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
public record RunSpec(
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
    public RunSpec withTrigger(TriggerPolicy newTrigger) {
        return new RunSpec(name, bootstrapServers, kafkaClientProperties, inputTopic, outputTopic, dlqTopic,
                outputTable, checkpointLocation, newTrigger, maxOffsetsPerTrigger);
    }

    /** The same run with other Kafka client properties. */
    public RunSpec withKafkaClientProperties(Map<String, String> properties) {
        return new RunSpec(name, bootstrapServers, Map.copyOf(properties), inputTopic, outputTopic, dlqTopic,
                outputTable, checkpointLocation, trigger, maxOffsetsPerTrigger);
    }

    /** The same run with a batch cap. */
    public RunSpec withMaxOffsetsPerTrigger(long max) {
        return new RunSpec(name, bootstrapServers, kafkaClientProperties, inputTopic, outputTopic, dlqTopic,
                outputTable, checkpointLocation, trigger, Optional.of(max));
    }
}
