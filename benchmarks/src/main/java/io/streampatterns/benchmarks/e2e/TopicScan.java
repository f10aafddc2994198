package io.streampatterns.benchmarks.e2e;

import io.streampatterns.harness.kafka.KafkaEndpoint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Streams a topic from the start to its end offsets as of the call, record by record (a latency run
 * can leave hundreds of thousands, too many to hold as records), and reads what the latency needs
 * from each: the producer's timestamp header and the event's seq.
 */
public final class TopicScan {
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final byte[] SEQ_FIELD = "\"seq\":".getBytes(StandardCharsets.US_ASCII);

    private TopicScan() {
    }

    /** Records in {@code topic} now; the end offsets' sum. */
    public static long size(KafkaEndpoint kafka, String topic) {
        return kafka.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Records committed in {@code topic} now, read back: unlike {@link #size} it leaves out the
     * commit markers of a transactional output and the records of aborted transactions.
     */
    public static long count(KafkaEndpoint kafka, String topic) {
        long[] records = {0};
        forEach(kafka, topic, record -> records[0]++);
        return records[0];
    }

    /**
     * Every record committed in {@code topic}, as a {@code read_committed} consumer sees it, up to each
     * partition's last stable offset as of the call (the end offset, for a topic without transactions).
     */
    public static void forEach(KafkaEndpoint kafka, String topic, Consumer<ConsumerRecord<byte[], byte[]>> action) {
        Map<TopicPartition, Long> ends = kafka.lastStableOffsets(topic);
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.newConsumer(new ByteArrayDeserializer(),
                new ByteArrayDeserializer(), null, Map.of("max.poll.records", 5_000, "max.partition.fetch.bytes", 4 << 20,
                        "isolation.level", "read_committed"))) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            Instant deadline = Instant.now().plus(DEADLINE);
            while (!ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to " + ends + " within "
                            + DEADLINE.toMinutes() + " min");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.getOrDefault(new TopicPartition(record.topic(), record.partition()), 0L)) {
                        action.accept(record);
                    }
                }
            }
        }
    }

    /** The producer's send time (epoch ms) from the header the generator adds; -1 when absent. */
    public static long producedAt(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(io.streampatterns.harness.data.EventGenerator.PRODUCED_AT_HEADER);
        return header == null || header.value() == null || header.value().length != Long.BYTES
                ? -1 : ByteBuffer.wrap(header.value()).getLong();
    }

    /** The {@code "seq":n} field of a JSON value, without parsing the rest; -1 when absent. */
    public static long seq(byte[] json) {
        if (json == null) {
            return -1;
        }
        outer:
        for (int i = 0; i <= json.length - SEQ_FIELD.length; i++) {
            for (int j = 0; j < SEQ_FIELD.length; j++) {
                if (json[i + j] != SEQ_FIELD[j]) {
                    continue outer;
                }
            }
            int k = i + SEQ_FIELD.length;
            while (k < json.length && json[k] == ' ') {
                k++;
            }
            long value = 0;
            int digits = 0;
            while (k < json.length && json[k] >= '0' && json[k] <= '9') {
                value = value * 10 + (json[k++] - '0');
                digits++;
            }
            return digits == 0 ? -1 : value;
        }
        return -1;
    }
}
