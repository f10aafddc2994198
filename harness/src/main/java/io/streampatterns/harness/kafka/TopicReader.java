package io.streampatterns.harness.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic back from the start up to its end offsets as of the call: what a check compares. */
public final class TopicReader {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private TopicReader() {
    }

    /**
     * Every record now committed in {@code topic}, in partition then offset order: read with
     * {@code read_committed} up to each partition's last stable offset, so an aborted transaction
     * shows nothing and one still open is not waited for.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaEndpoint kafka, String topic) {
        Map<TopicPartition, Long> ends = kafka.lastStableOffsets(topic);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.newConsumer(
                new ByteArrayDeserializer(), new ByteArrayDeserializer(), null,
                Map.of("isolation.level", "read_committed", "max.poll.records", 5_000))) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            Instant deadline = Instant.now().plus(DEADLINE);
            while (!reachedEnds(consumer, ends)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " up to " + ends + " within "
                            + DEADLINE.toSeconds() + " s; read " + records.size() + " records");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        records.sort((a, b) -> a.partition() != b.partition()
                ? Integer.compare(a.partition(), b.partition()) : Long.compare(a.offset(), b.offset()));
        return records;
    }

    private static boolean reachedEnds(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
