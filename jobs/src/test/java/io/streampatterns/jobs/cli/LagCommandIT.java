package io.streampatterns.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.core.RunningPipeline;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.delta.DeltaSink;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.junit.KafkaClusterConfig;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.spark.LocalSpark;
import io.streampatterns.patterns.bronze.BronzeIngestionPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code streampatterns lag} on a checkpoint a real bronze query wrote, against a real broker. */
@KafkaClusterConfig(brokers = 1)
class LagCommandIT {
    private static final EventGenerator EVENTS = new EventGenerator(7);

    @TempDir
    Path dir;

    /**
     * Purpose: the lag a team would alert on, read from the checkpoint and the brokers alone.
     * How: 300 events into a 2-partition topic, ingested by the bronze pattern, which stops; 120
     * more produced; then lag on the pipeline's configuration file.
     * Pass: exit 0, a row per partition, and "120 records behind" in the summary with the committed batch.
     */
    @Test
    void measuresTheCheckpointAgainstTheBrokers(KafkaCluster kafka) throws Exception {
        // 1. A bronze query reads 300 events and stops.
        kafka.createTopic("orders", 2);
        Path checkpoint = dir.resolve("checkpoint");
        try (KafkaProducer<String, String> producer = kafka.newProducer(Map.of())) {
            EVENTS.publish(producer, "orders", 0, 300);
            try (RunningPipeline running = BronzeIngestionPipeline.builder().bootstrapServers(kafka.bootstrapServers())
                    .topic("orders").eventSchema(EventGenerator.SCHEMA).table(DeltaSink.toPath(dir.resolve("table").toString()))
                    .checkpointLocation(checkpoint.toString()).trigger(TriggerPolicy.processingTime(Duration.ofSeconds(1)))
                    .build().pipeline().start(LocalSpark.session())) {
                running.processAllAvailable();
            }
            // 2. 120 more while it is stopped.
            EVENTS.publish(producer, "orders", 300, 120);
        }

        // 3. lag on its configuration
        Path config = Files.writeString(dir.resolve("bronze.properties"), String.join("\n", "pattern=bronze",
                "bootstrapServers=" + kafka.bootstrapServers(), "topic=orders", "checkpointLocation=" + checkpoint));
        CliRun lag = CliRun.of("lag", config.toString());

        // 4. The table and the summary
        assertThat(lag.exit()).as(lag.out() + lag.err()).isZero();
        assertThat(lag.out()).contains("orders-0", "orders-1")
                .containsPattern("lag: 120 records behind on orders \\(2 partitions, most \\d+ on orders-[01]\\); checkpoint .*, batch \\d+ committed");
    }

    /** Purpose: brokers out of reach are an error with exit 2, not a lag of zero. Pass: exit 2 naming the brokers. */
    @Test
    void saysWhenTheBrokersDoNotAnswer() throws Exception {
        Path config = Files.writeString(dir.resolve("gone.properties"), String.join("\n", "pattern=bronze",
                "bootstrapServers=127.0.0.1:1", "topic=orders", "checkpointLocation=" + dir.resolve("cp")));
        CliRun lag = CliRun.of("lag", config.toString());
        assertThat(lag.exit()).isEqualTo(2);
        assertThat(lag.err()).contains("lag: ", "127.0.0.1:1");
    }
}
