package io.streampatterns.chaos.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * How far a pipeline has got, read from its Spark checkpoint without Spark: the input offsets of the
 * latest committed micro-batch.
 *
 * <p>Spark writes {@code offsets/<batch>} when it plans a batch (a version line, a metadata line,
 * then one JSON line per source, e.g. {@code {"orders":{"0":159,"1":185}}}) and {@code commits/<batch>}
 * once the batch's output is written. The offsets of the highest committed batch are what a
 * restarted driver resumes from: everything before them is in the output.
 */
public final class CheckpointOffsets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointOffsets() {
    }

    /**
     * The sum over partitions of {@code topic}'s offsets in the latest committed batch; 0 before the
     * first commit.
     *
     * @param checkpoint the pipeline's checkpoint folder (a local path)
     * @param topic the input topic
     */
    public static long committed(Path checkpoint, String topic) {
        OptionalLong batch = latestBatch(checkpoint.resolve("commits"));
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            return sumOf(Files.readString(checkpoint.resolve("offsets").resolve(Long.toString(batch.getAsLong()))), topic)
                    .orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * How many records of {@code topic} the latest committed batch read: its offsets less those of
     * the batch before. Empty before the second batch is committed.
     *
     * @param checkpoint the pipeline's checkpoint folder (a local path)
     * @param topic the input topic
     */
    public static OptionalLong lastCommittedBatchSize(Path checkpoint, String topic) {
        OptionalLong batch = latestBatch(checkpoint.resolve("commits"));
        if (batch.isEmpty() || batch.getAsLong() < 1) {
            return OptionalLong.empty();
        }
        try {
            Path offsets = checkpoint.resolve("offsets");
            OptionalLong end = sumOf(Files.readString(offsets.resolve(Long.toString(batch.getAsLong()))), topic);
            OptionalLong start = sumOf(Files.readString(offsets.resolve(Long.toString(batch.getAsLong() - 1))), topic);
            return end.isPresent() && start.isPresent() ? OptionalLong.of(end.getAsLong() - start.getAsLong())
                    : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The highest numbered file in a checkpoint log folder ({@code offsets} or {@code commits}). */
    static OptionalLong latestBatch(Path log) {
        if (!Files.isDirectory(log)) {
            return OptionalLong.empty();
        }
        try (Stream<Path> files = Files.list(log)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.matches("\\d+"))
                    .mapToLong(Long::parseLong).max();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The sum of {@code topic}'s partition offsets in the text of an offsets log file; empty when the
     * file names no such topic.
     */
    static OptionalLong sumOf(String offsetsFile, String topic) {
        for (String line : offsetsFile.split("\n")) {
            if (!line.startsWith("{")) {
                continue;
            }
            try {
                JsonNode partitions = JSON.readTree(line).get(topic);
                if (partitions != null && partitions.isObject()) {
                    long sum = 0;
                    for (Map.Entry<String, JsonNode> partition : partitions.properties()) {
                        sum += partition.getValue().asLong();
                    }
                    return OptionalLong.of(sum);
                }
            } catch (IOException e) {
                // a metadata line or a line being written: not the source's offsets
            }
        }
        return OptionalLong.empty();
    }
}
