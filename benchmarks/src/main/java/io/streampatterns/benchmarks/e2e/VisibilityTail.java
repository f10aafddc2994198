package io.streampatterns.benchmarks.e2e;

import io.streampatterns.harness.kafka.KafkaEndpoint;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * When each output record became visible to a {@code read_committed} consumer, by seq: the clock
 * time at which a consumer tailing the topic received it.
 *
 * <p>A transactional sink's records carry the time they were sent, but nobody can read them before
 * their transaction commits; for such an output the record's timestamp would understate the
 * latency a reader sees by as much as the transaction lasted. The tail's own poll adds a few
 * milliseconds, which the report says.
 */
final class VisibilityTail implements AutoCloseable {
    private final Map<Long, Long> visibleAt = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile RuntimeException failure;

    private VisibilityTail(KafkaEndpoint kafka, String topic) {
        thread = new Thread(() -> tail(kafka, topic), "visibility-tail-" + topic);
        thread.setDaemon(true);
    }

    /** Starts tailing {@code topic} from its beginning. */
    static VisibilityTail start(KafkaEndpoint kafka, String topic) {
        VisibilityTail tail = new VisibilityTail(kafka, topic);
        tail.thread.start();
        return tail;
    }

    private void tail(KafkaEndpoint kafka, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.newConsumer(new ByteArrayDeserializer(),
                new ByteArrayDeserializer(), null, Map.of("isolation.level", "read_committed", "auto.offset.reset", "earliest",
                        "fetch.max.wait.ms", 50))) {
            consumer.assign(kafka.endOffsets(topic).keySet());
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    long seq = TopicScan.seq(record.value());
                    if (seq >= 0) {
                        visibleAt.putIfAbsent(seq, now);
                    }
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** The clock time (epoch ms) at which the record with {@code seq} was first received; -1 if never. */
    long visibleAt(long seq) {
        return visibleAt.getOrDefault(seq, -1L);
    }

    /** Records received so far, duplicates of a seq counted once. */
    int received() {
        return visibleAt.size();
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException("the read_committed tail of the output failed: " + failure.getMessage(), failure);
        }
    }
}
