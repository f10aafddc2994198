package io.streampatterns.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.junit.KafkaClusterConfig;
import io.streampatterns.harness.kafka.KafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The baseline relay against a real broker: it forwards every record once, to the same partition,
 * headers kept, and reports its timings. No figure is asserted: speed is the report's business.
 */
@KafkaClusterConfig
class RelayIT {
    private static final EventGenerator EVENTS = new EventGenerator(7);

    @Test
    void throughputModeRelaysTheBacklogOnceAndSaysHowFast(KafkaCluster kafka, @TempDir Path logs) {
        kafka.createTopic("relay_tp_in", 2);
        kafka.createTopic("relay_tp_out", 2);
        try (KafkaProducer<String, String> producer = kafka.newProducer(Map.of())) {
            EVENTS.publish(producer, "relay_tp_in", 0, 2_000);
        }
        RelayProcess.Timings timings;
        try (RelayProcess relay = RelayProcess.start(true, kafka.bootstrapServers(), "relay_tp_in", "relay_tp_out",
                2_000, 200, Optional.empty(), logs)) {
            timings = relay.awaitDone(Duration.ofMinutes(2));
        }
        assertThat(timings.records()).isEqualTo(2_000);
        assertThat(timings.acked()).isEqualTo(2_000);
        assertThat(timings.warmupRecords()).isGreaterThanOrEqualTo(200);
        assertThat(timings.endMs()).isGreaterThanOrEqualTo(timings.warmupEndMs());

        Map<Long, Integer> partitionOf = new HashMap<>();
        TopicScan.forEach(kafka, "relay_tp_in", r -> partitionOf.put(TopicScan.seq(r.value()), r.partition()));
        List<Long> seqs = new ArrayList<>();
        TopicScan.forEach(kafka, "relay_tp_out", r -> {
            long seq = TopicScan.seq(r.value());
            seqs.add(seq);
            assertThat(r.partition()).isEqualTo(partitionOf.get(seq));
            assertThat(TopicScan.producedAt(r)).isPositive();
        });
        assertThat(seqs).hasSize(2_000).doesNotHaveDuplicates().allMatch(s -> s >= 0 && s < 2_000);
    }

    @Test
    void latencyModeForwardsRecordsAsTheyArrive(KafkaCluster kafka, @TempDir Path logs) {
        kafka.createTopic("relay_lat_in", 2);
        kafka.createTopic("relay_lat_out", 2);
        LoadGenerator.Result load;
        try (RelayProcess relay = RelayProcess.start(false, kafka.bootstrapServers(), "relay_lat_in", "relay_lat_out",
                0, 0, Optional.empty(), logs);
             KafkaProducer<String, String> producer = kafka.newProducer(Map.of("linger.ms", 0))) {
            load = LoadGenerator.run(producer, EVENTS, "relay_lat_in", 200, Duration.ofSeconds(2));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (TopicScan.size(kafka, "relay_lat_out") < load.sent() && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
            }
        }
        assertThat(load.sent()).isEqualTo(400);
        assertThat(load.failed()).isZero();
        List<Long> latencies = new ArrayList<>();
        TopicScan.forEach(kafka, "relay_lat_out", r -> latencies.add(r.timestamp() - TopicScan.producedAt(r)));
        assertThat(latencies).hasSize(400).allMatch(l -> l >= 0);
    }
}
