package io.streampatterns.harness.kafka;

import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Any Kafka the harness can run checks against: the brokers it starts itself, or a team's own
 * cluster. Checks and pattern fixtures use only this, so both run the same code.
 */
public interface KafkaEndpoint {

    String bootstrapServers();

    /**
     * Client properties every client and pipeline needs besides the bootstrap servers (security
     * settings for a secured cluster); empty for plaintext.
     */
    default Map<String, String> clientProperties() {
        return Map.of();
    }

    /** Creates a topic and waits until every partition has a leader. */
    void createTopic(String name, int partitions);

    /** A String producer with acks=all and idempotence; the caller closes it. */
    KafkaProducer<String, String> newProducer(Map<String, ?> overrides);

    /** Like {@link #newProducer(Map)}, with the caller's serializers (e.g. {@code ByteArraySerializer}). */
    <K, V> KafkaProducer<K, V> newProducer(Serializer<K> keySerializer, Serializer<V> valueSerializer,
            Map<String, ?> overrides);

    /** A consumer from the earliest offset that never commits by itself; the caller closes it. */
    <K, V> KafkaConsumer<K, V> newConsumer(Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer,
            String groupId, Map<String, ?> overrides);

    /** Grows {@code topic} to {@code total} partitions and waits until each new one has a leader. */
    void addPartitions(String topic, int total);

    /**
     * Deletes the records before the given offset of each partition, as retention does: the
     * partition's log start offset moves up to it, and a reader asking for an earlier offset is told
     * it is out of range.
     */
    void deleteRecordsBefore(Map<TopicPartition, Long> offsets);

    /** The earliest offset still held by each partition of {@code topic} (its log start offset). */
    Map<TopicPartition, Long> startOffsets(String topic);

    /** The end offset (next offset to be written) of each partition of {@code topic}. */
    Map<TopicPartition, Long> endOffsets(String topic);

    /**
     * The last stable offset of each partition of {@code topic}: the end a {@code read_committed}
     * reader sees, short of any transaction still open. Equal to {@link #endOffsets} where nobody
     * writes transactionally.
     */
    Map<TopicPartition, Long> lastStableOffsets(String topic);
}
