package io.streampatterns.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaTableReader;
import io.streampatterns.harness.junit.KafkaClusterConfig;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.spark.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code streampatterns run} starting the bronze pattern from a configuration file, on a real broker and Delta table. */
@KafkaClusterConfig(brokers = 1)
class RunCommandIT {
    private static final EventGenerator EVENTS = new EventGenerator(11);

    @TempDir
    Path dir;

    /**
     * Purpose: a team runs a pattern from a file, without writing Java.
     * How: 500 events in a 2-partition topic; a bronze configuration with trigger=availableNow and
     * batches of at most 200; run --master local[2].
     * Pass: exit 0, and the Delta table holds each of the 500 seqs once.
     */
    @Test
    void runsBronzeFromItsConfiguration(KafkaCluster kafka) throws Exception {
        // 1. Input
        kafka.createTopic("clicks", 2);
        try (KafkaProducer<String, String> producer = kafka.newProducer(Map.of())) {
            EVENTS.publish(producer, "clicks", 0, 500);
        }
        Path table = dir.resolve("bronze_clicks");
        Path config = write(kafka, "bronze.properties", "pattern=bronze", "name=bronze_clicks", "topic=clicks",
                "tablePath=" + table, "checkpointLocation=" + dir.resolve("cp"), "trigger=availableNow",
                "maxOffsetsPerTrigger=200", "eventSchema=" + EventGenerator.SCHEMA.toDDL());

        // 2. Run until caught up
        CliRun run = CliRun.of("run", "--master", "local[2]", config.toString());

        // 3. Every event once
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("run: starting bronze", "run: the query ended");
        long[] seqs = new DeltaTableReader(LocalSpark.session(), table.toString()).seqs();
        Arrays.sort(seqs);
        assertThat(seqs).containsExactly(LongStream.range(0, 500).toArray());
    }

    /**
     * Purpose: a bad configuration never starts a query. How: a trigger of 40s under an sla of 90s,
     * then a pattern run cannot start yet. Pass: exit 1 naming trigger and "not started", no
     * checkpoint written; then exit 1 naming the patterns run can start.
     */
    @Test
    void refusesABadConfigurationBeforeAnythingStarts(KafkaCluster kafka) throws Exception {
        Path checkpoint = dir.resolve("cp-bad");
        Path overSla = write(kafka, "slow.properties", "pattern=bronze", "topic=clicks", "tablePath=" + dir.resolve("t"),
                "checkpointLocation=" + checkpoint, "sla=90s", "trigger=40s", "maxOffsetsPerTrigger=200",
                "eventSchema=" + EventGenerator.SCHEMA.toDDL());
        CliRun slow = CliRun.of("run", "--offline", "--master", "local[2]", overSla.toString());
        assertThat(slow.exit()).isEqualTo(1);
        assertThat(slow.err()).contains("trigger: 40s is longer than a third of sla 1m30s", "run: not started, 1 lint problem(s)");
        assertThat(checkpoint).doesNotExist();

        Path routing = write(kafka, "routing.properties", "pattern=routing", "topic=clicks", "checkpointLocation=" + checkpoint,
                "maxOffsetsPerTrigger=200");
        CliRun unknown = CliRun.of("run", "--offline", routing.toString());
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("pattern: expected a pattern run can start: bronze, enrichment", "got 'routing'");
    }

    private Path write(KafkaCluster kafka, String name, String... lines) throws Exception {
        return Files.writeString(dir.resolve(name), "bootstrapServers=" + kafka.bootstrapServers() + "\n"
                + String.join("\n", lines) + "\n");
    }

}
