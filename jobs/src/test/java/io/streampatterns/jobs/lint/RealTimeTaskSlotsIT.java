package io.streampatterns.jobs.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.harness.junit.KafkaClusterConfig;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.jobs.config.PipelineConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Real-Time Mode slot rule against a real broker: the partition count is the broker's. */
@KafkaClusterConfig(brokers = 1)
class RealTimeTaskSlotsIT {

    @TempDir
    Path dir;

    /**
     * Purpose: lint reads the partition count from the broker. How: a Real-Time Mode configuration on
     * local[2] for a topic the broker holds with 3 partitions, then with taskSlots=3, then for a topic
     * the broker does not have. Pass: "2 task slots for 3 partitions of clicks"; then clean; then clean
     * with a note that the partitions could not be counted.
     */
    @Test
    void countsThePartitionsOnTheBroker(KafkaCluster kafka) {
        kafka.createTopic("clicks", 3);

        // 1. Two slots, three partitions on the broker
        Map<String, String> values = Map.of("pattern", "realtime", "bootstrapServers", kafka.bootstrapServers(),
                "topic", "clicks", "checkpointLocation", dir.resolve("cp").toString(), "trigger", "realtime:5m",
                "spark.master", "local[2]", "eventSchema", "event_id STRING", "outputTopic", "clicks_out");
        Linter linter = new Linter(new BrokerPartitionCounter());
        assertThat(linter.lint(List.of(PipelineConfig.of(dir.resolve("rt.properties"), values))).problems())
                .singleElement().asString().contains("spark.master: 2 task slots for 3 partitions of clicks");

        // 2. Three slots
        Map<String, String> three = new java.util.HashMap<>(values);
        three.put("taskSlots", "3");
        assertThat(linter.lint(List.of(PipelineConfig.of(dir.resolve("rt.properties"), three))).clean()).isTrue();

        // 3. A topic the broker does not hold: not counted, said so
        Map<String, String> unknown = new java.util.HashMap<>(values);
        unknown.put("topic", "no_such_topic");
        Linter.LintResult result = linter.lint(List.of(PipelineConfig.of(dir.resolve("rt.properties"), unknown)));
        assertThat(result.problems()).isEmpty();
        assertThat(result.notes()).singleElement().asString().contains("could not describe topic no_such_topic");
    }
}
