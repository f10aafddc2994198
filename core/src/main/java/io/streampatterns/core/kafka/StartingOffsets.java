package io.streampatterns.core.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a query with a new checkpoint starts reading. Once the checkpoint holds offsets, it wins
 * and this is ignored.
 */
public final class StartingOffsets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String value;

    private StartingOffsets(String value) {
        this.value = value;
    }

    /** Everything the topic still holds: what a first run of an ingestion pipeline wants. */
    public static StartingOffsets earliest() {
        return new StartingOffsets("earliest");
    }

    /** Only records produced after the query starts; what is already in the topic is skipped. */
    public static StartingOffsets latest() {
        return new StartingOffsets("latest");
    }

    /**
     * Per-partition offsets as Spark's JSON, for example {@code {"events":{"0":23,"1":-2}}}, where
     * -2 means earliest and -1 latest.
     */
    public static StartingOffsets json(String json) {
        return new StartingOffsets(Objects.requireNonNull(json, "json"));
    }

    /** Per-partition offsets of one topic. */
    public static StartingOffsets of(String topic, Map<Integer, Long> offsetByPartition) {
        Map<String, Map<String, Long>> tree = Map.of(topic, new TreeMap<>());
        offsetByPartition.forEach((p, o) -> tree.get(topic).put(String.valueOf(p), o));
        try {
            return new StartingOffsets(JSON.writeValueAsString(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The problem with this value, if any. */
    Optional<String> problem() {
        if (value.equals("earliest") || value.equals("latest")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(value);
            if (node == null || !node.isObject() || node.isEmpty()) {
                return Optional.of(expected());
            }
            for (JsonNode partitions : node) {
                if (!partitions.isObject()) {
                    return Optional.of(expected());
                }
                for (var entry : (Iterable<Map.Entry<String, JsonNode>>) partitions::fields) {
                    if (!entry.getKey().matches("\\d+") || !entry.getValue().canConvertToLong()
                            || entry.getValue().asLong() < -2) {
                        return Optional.of(expected());
                    }
                }
            }
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.of(expected());
        }
    }

    private String expected() {
        return "startingOffsets: expected earliest, latest or JSON like {\"topic\":{\"0\":23,\"1\":-2}}"
                + " (-2 earliest, -1 latest), got '" + value + "'";
    }

    /** The value of Spark's {@code startingOffsets} option. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
