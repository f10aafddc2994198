package io.streampatterns.core.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * How far a pipeline is behind its Kafka topics: per partition, the latest offset the broker had
 * when the last micro-batch was planned minus the offset that batch read up to.
 *
 * <p>Spark reports both in every progress event; lag is taken from them rather than from a
 * consumer group, because Spark keeps offsets in the checkpoint and commits none to Kafka.
 *
 * @param byPartition lag per {@code topic-partition}, sorted by name
 */
public record ConsumerLag(Map<String, Long> byPartition) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final ConsumerLag NONE = new ConsumerLag(Map.of());

    public ConsumerLag {
        byPartition = Map.copyOf(byPartition);
    }

    /** The lag in a progress event, summed over its Kafka sources. */
    public static ConsumerLag of(StreamingQueryProgress progress) {
        Map<String, Long> lag = new TreeMap<>();
        for (SourceProgress source : progress.sources()) {
            if (source.latestOffset() != null && source.endOffset() != null) {
                lag.putAll(between(source.endOffset(), source.latestOffset()));
            }
        }
        return new ConsumerLag(lag);
    }

    /**
     * The lag of a checkpoint against the brokers: {@code endOffsets} (by {@code topic-partition})
     * minus what the {@code processed} offset documents (Spark's Kafka form, as
     * {@link io.streampatterns.core.Checkpoint#committedSourceOffsets()} gives them) read up to; a
     * partition they do not name (added since, or never read) lags by its whole end offset.
     */
    public static ConsumerLag ofCheckpoint(java.util.List<String> processed, Map<String, Long> endOffsets) {
        Map<String, Long> read = new TreeMap<>();
        for (String document : processed) {
            JsonNode offsets = parse(document);
            if (offsets != null) {
                offsets.fields().forEachRemaining(topic -> topic.getValue().fields().forEachRemaining(partition ->
                        read.put(topic.getKey() + "-" + partition.getKey(), partition.getValue().asLong())));
            }
        }
        Map<String, Long> lag = new TreeMap<>();
        endOffsets.forEach((partition, end) -> lag.put(partition, Math.max(0, end - read.getOrDefault(partition, 0L))));
        return new ConsumerLag(lag);
    }

    /** Lag between two offset documents in Spark's Kafka JSON form: {@code {"topic":{"0":12}}}. */
    static Map<String, Long> between(String processedJson, String latestJson) {
        Map<String, Long> lag = new TreeMap<>();
        JsonNode processed = parse(processedJson);
        JsonNode latest = parse(latestJson);
        if (processed == null || latest == null || !latest.isObject()) {
            return lag;
        }
        latest.fields().forEachRemaining(topic -> topic.getValue().fields().forEachRemaining(partition -> {
            JsonNode done = processed.path(topic.getKey()).path(partition.getKey());
            long doneOffset = done.isNumber() ? done.asLong() : 0L;
            lag.put(topic.getKey() + "-" + partition.getKey(), Math.max(0, partition.getValue().asLong() - doneOffset));
        }));
        return lag;
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            throw new UncheckedIOException("offsets in query progress are not JSON: " + json, e);
        }
    }

    /** Records behind, over all partitions. */
    public long total() {
        return byPartition.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The largest lag of any one partition. */
    public long max() {
        return byPartition.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
