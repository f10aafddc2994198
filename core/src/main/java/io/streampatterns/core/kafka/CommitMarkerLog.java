package io.streampatterns.core.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The marker topic of one query: partition {@code i} holds the commit markers of slice {@code i}
 * and nothing else. Why one partition per slice: a slice's own producer is then the only writer of
 * its partition, so once {@code initTransactions()} has settled that producer's last transaction,
 * no open transaction of another slice holds back the partition's last stable offset, and the
 * last committed record there is the slice's last commit.
 */
final class CommitMarkerLog {
    private CommitMarkerLog() {
    }

    /** Creates the marker topic, compacted, or adds partitions until it has at least {@code slices}. */
    static void ensure(Admin admin, String topic, int slices, Duration timeout) {
        try {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic).partitions().size();
            if (partitions < slices) {
                admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(slices))).all()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw new IllegalStateException("could not describe the marker topic " + topic, e.getCause());
            }
            create(admin, topic, slices, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the marker topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the marker topic " + topic + " was not described within " + timeout, e);
        }
    }

    private static void create(Admin admin, String topic, int slices, Duration timeout) {
        NewTopic newTopic = new NewTopic(topic, Optional.of(slices), Optional.empty())
                .configs(Map.of("cleanup.policy", "compact"));
        try {
            admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                ensure(admin, topic, slices, timeout);
                return;
            }
            throw new IllegalStateException("could not create the marker topic " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the marker topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the marker topic " + topic + " was not created within " + timeout, e);
        }
    }

    /** A {@code read_committed} consumer of byte arrays on the sink's connection, for reading markers. */
    static KafkaConsumer<byte[], byte[]> consumer(Map<String, String> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * The last committed marker in {@code partition}, read with {@code isolation.level=read_committed}:
     * from a few offsets before the end, further back only when those hold no committed record
     * (aborted records and transaction markers take offsets too).
     *
     * @param consumer a {@code read_committed} consumer of byte arrays, used by this call alone
     * @return empty when the partition holds no committed marker
     * @throws IllegalStateException when the partition cannot be read within {@code timeout}
     */
    static Optional<CommitMarker> last(Consumer<byte[], byte[]> consumer, TopicPartition partition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        consumer.assign(List.of(partition));
        long begin = consumer.beginningOffsets(List.of(partition), timeout).get(partition);
        long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
        for (long window = 8; ; window *= 8) {
            long from = Math.max(begin, end - window);
            Optional<ConsumerRecord<byte[], byte[]>> last = lastBetween(consumer, partition, from, end, deadline);
            if (last.isPresent()) {
                ConsumerRecord<byte[], byte[]> record = last.get();
                return Optional.of(CommitMarker.fromJson(record.value(), partition + "@" + record.offset()));
            }
            if (from == begin) {
                return Optional.empty();
            }
        }
    }

    private static Optional<ConsumerRecord<byte[], byte[]>> lastBetween(Consumer<byte[], byte[]> consumer,
            TopicPartition partition, long from, long end, long deadline) {
        consumer.seek(partition, from);
        ConsumerRecord<byte[], byte[]> last = null;
        while (consumer.position(partition) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the marker partition " + partition + " could not be read to offset "
                        + end + " in time; is a transaction of another writer open there?");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < end) {
                    last = record;
                }
            }
        }
        return Optional.ofNullable(last);
    }
}
