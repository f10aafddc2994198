package io.streampatterns.harness.conformance.broken;

import io.streampatterns.harness.conformance.TestRun;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of Spark's Kafka source for the jobs in this package, as a team would set them: the run's
 * cluster and input topic, from the earliest offsets, capped per batch when the run asks for a cap.
 */
final class KafkaSourceOptions {

    private KafkaSourceOptions() {
    }

    /** A mutable map, so a job can change an option before it hands them to {@code readStream()}. */
    static Map<String, String> of(TestRun run) {
        Map<String, String> options = new LinkedHashMap<>(run.sparkKafkaOptions());
        options.put("subscribe", run.inputTopic());
        options.put("startingOffsets", "earliest");
        run.maxOffsetsPerTrigger().ifPresent(cap -> options.put("maxOffsetsPerTrigger", Long.toString(cap)));
        return options;
    }
}
