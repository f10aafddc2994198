package io.streampatterns.harness.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.streampatterns.harness.junit.KafkaClusterConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Per-node control and clean-up on a cheap 1-node cluster (injected through the constructor).
 */
@KafkaClusterConfig(brokers = 1)
class KafkaClusterNodeControlIT {

    private final KafkaCluster cluster;

    KafkaClusterNodeControlIT(KafkaCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Purpose: {@code pause} freezes a node (SIGSTOP) and {@code resume} (SIGCONT) brings it back,
     * as chaos tests for long GC pauses need.
     * How: ask the paused node to describe the cluster with a short timeout, resume it, ask again.
     * Pass: the paused node does not answer within 1.5 s (its process still exists); after resume it
     * answers and lists itself.
     */
    @Test
    void pausedNodeStopsAnsweringUntilResumed() throws Exception {
        // 1. The node answers
        assertThat(describeNodes(10_000)).containsExactly(1);

        // 2. Pause it
        cluster.pause(1);
        try {
            // 3. It no longer answers, but its process is alive
            assertThatThrownBy(() -> describeNodes(1_500)).hasCauseInstanceOf(TimeoutException.class);
            assertThat(cluster.isRunning(1)).isTrue();
        } finally {
            // 4. Resume it
            cluster.resume(1);
        }

        // 5. It answers again
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .untilAsserted(() -> assertThat(describeNodes(5_000)).containsExactly(1));
    }

    /**
     * Purpose: {@code stop} (SIGTERM) shuts a node down gracefully and {@code restart} brings it back
     * on the same ports with its data.
     * How: write 100 records, stop the node, restart it, check the end offsets, write 100 more and
     * read everything back through the same bootstrap address.
     * Pass: the process is gone after stop; after restart the first 100 records are still there and
     * all 200 distinct values are read back.
     */
    @Test
    void stoppedNodeRestartsWithItsData() throws Exception {
        String topic = "restart";
        // 1. A topic with 100 records
        cluster.createTopic(topic, 2);
        produce(topic, 0, 100);

        // 2. Graceful stop
        long pidBefore = cluster.pid(1);
        cluster.stop(1);
        assertThat(cluster.isRunning(1)).isFalse();
        assertThat(ProcessHandle.of(pidBefore).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        // 3. Restart on the same ports and data folder
        cluster.restart(1);
        assertThat(cluster.isRunning(1)).isTrue();

        // 4. The data survived
        assertThat(cluster.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(100);

        // 5. The node takes new writes, and everything reads back
        produce(topic, 100, 200);
        assertThat(readValues(topic)).hasSize(200)
                .isEqualTo(java.util.stream.IntStream.range(0, 200).mapToObj(Integer::toString).collect(Collectors.toSet()));
    }

    /**
     * Purpose: {@code close} leaves no broker process and no folder behind.
     * How: start a second 1-node cluster, note its pid and folder, close it.
     * Pass: the process is dead and the folder is gone as soon as close returns.
     */
    @Test
    void closeLeavesNoProcessOrFolderBehind() {
        // 1. A second cluster
        long pid;
        Path folder;
        try (KafkaCluster other = KafkaCluster.start(1)) {
            pid = other.pid(1);
            folder = other.directory();
            assertThat(ProcessHandle.of(pid)).isPresent();
            assertThat(folder).isDirectory();
        } // 2. Closed here

        // 3. Nothing left
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("broker alive").isFalse();
        assertThat(Files.exists(folder)).as("folder exists").isFalse();
    }

    private Set<Integer> describeNodes(int timeoutMs) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        return cluster.admin().describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).nodes()
                .get(timeoutMs + 5_000L, TimeUnit.MILLISECONDS).stream().map(Node::id).collect(Collectors.toSet());
    }

    private void produce(String topic, int from, int to) throws Exception {
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of())) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(topic, Integer.toString(i), Integer.toString(i)));
            }
            producer.flush();
        }
    }

    private Set<String> readValues(String topic) {
        Map<TopicPartition, Long> end = cluster.endOffsets(topic);
        Set<String> values = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = cluster.newConsumer(null, Map.of())) {
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                assertThat(Instant.now()).as("read to the end offsets").isBefore(deadline);
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
