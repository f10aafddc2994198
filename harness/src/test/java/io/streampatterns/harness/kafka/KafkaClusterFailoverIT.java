package io.streampatterns.harness.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.streampatterns.harness.junit.KafkaClusterConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failover on a real 3-node KRaft cluster: the guarantee every pattern builds on.
 */
@KafkaClusterConfig(brokers = 3)
class KafkaClusterFailoverIT {

    private static final String TOPIC = "failover";
    private static final int PARTITIONS = 3;
    /** 20 records every 10 ms: about 2,000 records/s, steady traffic that a 2-core machine sustains alongside three brokers. */
    private static final int RECORDS_PER_TICK = 20;

    private static KafkaCluster cluster;

    @BeforeAll
    static void injectCluster(KafkaCluster injected) {
        cluster = injected;
    }

    /**
     * Purpose: prove that with {@code acks=all}, idempotence and min ISR 2, SIGKILL of a partition
     * leader loses no acknowledged record and duplicates none, and that a restarted node rejoins.
     *
     * <p>How: a background producer writes sequence numbers (the value) to a 3-partition RF-3 topic
     * and records which sequence numbers the broker acknowledged. Mid-stream the leader of partition 0
     * is killed with SIGKILL; writing goes on while it is down; it is restarted on the same ports and
     * data folder; once every partition's ISR is back to all three nodes, the producer is stopped and
     * the whole topic is read back.
     *
     * <p>Pass: the quorum has an active controller, leadership of partition 0 moved, writes progressed while the node was down, the ISR of
     * every partition returned to {1, 2, 3}, no send failed, every acknowledged sequence number was
     * read back, and no sequence number was read twice.
     */
    @Test
    void killedLeaderLosesNoAcknowledgedRecordAndRejoins() {
        Instant begin = Instant.now();
        TopicPartition p0 = new TopicPartition(TOPIC, 0);

        // 1. A 3-voter quorum with an active controller, and a 3-partition topic replicated on all nodes
        assertThat(cluster.activeControllerId()).isIn(1, 2, 3);
        cluster.createTopic(TOPIC, PARTITIONS);

        SequenceProducer producer = new SequenceProducer(cluster, TOPIC);
        try {
            // 2. The producer is writing steadily
            producer.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> producer.acked().size() >= 2_000);

            // 3. SIGKILL the leader of partition 0 mid-stream
            int victim = cluster.leaderOf(p0).orElseThrow();
            cluster.kill(victim);
            int ackedAtKill = producer.acked().size();
            Instant killedAt = Instant.now();

            // 4. Leadership moves and writes go on without the victim
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(cluster.leaderOf(p0).orElse(victim)).isNotEqualTo(victim));
            await().atMost(Duration.ofSeconds(60)).until(() -> producer.acked().size() >= ackedAtKill + 4_000);

            // 5. Restart the victim on its ports and data folder
            Instant restartAt = Instant.now();
            cluster.restart(victim);
            Duration restartTook = Duration.between(restartAt, Instant.now());

            // 6. It rejoins: every partition's ISR is all three nodes again
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(cluster.inSyncReplicas(TOPIC).values())
                            .allSatisfy(isr -> assertThat(isr).containsExactlyInAnyOrder(1, 2, 3)));
            Duration downToInSync = Duration.between(killedAt, Instant.now());

            // 7. Keep writing a little on the healed cluster, then stop the producer
            int ackedAtRejoin = producer.acked().size();
            await().atMost(Duration.ofSeconds(60)).until(() -> producer.acked().size() >= ackedAtRejoin + 1_000);
            producer.stop();

            System.out.printf("failover: victim node %d; %d sent, %d acknowledged; longest gap between "
                            + "acknowledgements %d ms; restart served after %d ms; kill to full ISR %d ms%n",
                    victim, producer.sent(), producer.acked().size(), producer.longestAckGap().toMillis(),
                    restartTook.toMillis(), downToInSync.toMillis());
        } finally {
            producer.stop();
        }

        // 8. Read the whole topic back
        Map<Long, Integer> readCounts = readAll(cluster, TOPIC);

        // 9. Nothing failed, nothing acknowledged is missing, nothing is duplicated
        assertThat(producer.failures()).as("failed sends").isEmpty();
        Set<Long> lost = producer.acked().stream().filter(seq -> !readCounts.containsKey(seq))
                .collect(Collectors.toSet());
        assertThat(lost).as("acknowledged but not read back").isEmpty();
        Map<Long, Integer> duplicated = readCounts.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(duplicated).as("sequence numbers read more than once").isEmpty();
        assertThat(readCounts).hasSizeGreaterThanOrEqualTo(producer.acked().size());
        System.out.printf("failover: test body took %d s%n", Duration.between(begin, Instant.now()).toSeconds());
    }

    /** Reads every record of the topic from the beginning up to its end offsets: seq -> times read. */
    private static Map<Long, Integer> readAll(KafkaCluster cluster, String topic) {
        Map<TopicPartition, Long> end = cluster.endOffsets(topic);
        Map<Long, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = cluster.newConsumer(null, Map.of())) {
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (!caughtUp(consumer, end)) {
                assertThat(Instant.now()).as("read the topic to its end offsets %s", end).isBefore(deadline);
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    counts.merge(Long.parseLong(r.value()), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /**
     * Writes sequence numbers 0, 1, 2, ... at a steady rate from a scheduler thread and remembers
     * which ones the cluster acknowledged.
     */
    private static final class SequenceProducer {
        private final KafkaProducer<String, String> producer;
        private final String topic;
        private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sequence-producer");
            t.setDaemon(true);
            return t;
        });
        private final AtomicLong next = new AtomicLong();
        private final Set<Long> acked = ConcurrentHashMap.newKeySet();
        private final List<Exception> failures = new CopyOnWriteArrayList<>();
        private volatile long lastAckNanos = System.nanoTime();
        private volatile long longestGapNanos;
        private boolean stopped;

        SequenceProducer(KafkaCluster cluster, String topic) {
            this.producer = cluster.newProducer(Map.of("linger.ms", 5));
            this.topic = topic;
        }

        void start() {
            lastAckNanos = System.nanoTime();
            scheduler.scheduleAtFixedRate(this::sendTick, 0, 10, TimeUnit.MILLISECONDS);
        }

        private void sendTick() {
            for (int i = 0; i < RECORDS_PER_TICK; i++) {
                long seq = next.getAndIncrement();
                producer.send(new ProducerRecord<>(topic, Long.toString(seq), Long.toString(seq)), (meta, error) -> {
                    if (error != null) {
                        failures.add(error);
                        return;
                    }
                    // Callbacks run on the producer's single I/O thread.
                    long now = System.nanoTime();
                    longestGapNanos = Math.max(longestGapNanos, now - lastAckNanos);
                    lastAckNanos = now;
                    acked.add(seq);
                });
            }
        }

        /** Stops sending, waits for every outstanding send to complete and closes the producer. */
        synchronized void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer.flush();
            producer.close(Duration.ofSeconds(60));
        }

        long sent() {
            return next.get();
        }

        Set<Long> acked() {
            return acked;
        }

        List<Exception> failures() {
            return new ArrayList<>(failures);
        }

        Duration longestAckGap() {
            return Duration.ofNanos(longestGapNanos);
        }
    }
}
