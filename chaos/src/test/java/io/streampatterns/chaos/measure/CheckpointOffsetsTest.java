package io.streampatterns.chaos.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline's progress is read from its Spark checkpoint files as Spark 4.2 writes them. */
class CheckpointOffsetsTest {

    /** An offsets log file as Spark 4.2 writes it (metadata line shortened). */
    private static final String OFFSETS_3 = """
            v1
            {"batchWatermarkMs":0,"batchTimestampMs":1795302080863,"conf":{"spark.sql.shuffle.partitions":"2"}}
            {"orders-in":{"0":159,"1":185,"2":156}}""";

    /**
     * Purpose: the offsets of a source are summed over its partitions; another topic is not found.
     *
     * <p>How: read the file above for its topic and for another.
     *
     * <p>Pass: 159 + 185 + 156 = 500; empty for the other topic.
     */
    @Test
    void sumsTheTopicsPartitionOffsets() {
        assertThat(CheckpointOffsets.sumOf(OFFSETS_3, "orders-in")).hasValue(500);
        assertThat(CheckpointOffsets.sumOf(OFFSETS_3, "other")).isEmpty();
    }

    /**
     * Purpose: progress is the latest committed batch's offsets, not the latest planned one's; the
     * latest batch's size is the difference from the batch before.
     *
     * <p>How: 1. a checkpoint with offsets 2 and 3 planned but only batch 2 committed (and a .crc file
     * beside them); 2. read it; 3. commit batch 3 and read again.
     *
     * <p>Pass: 300 (batch 2), then 500 (batch 3), whose batch read 200; 0 for an empty checkpoint folder.
     */
    @Test
    void readsTheLatestCommittedBatch(@TempDir Path checkpoint) throws IOException {
        // 1. Batches 2 and 3 planned, 2 committed
        assertThat(CheckpointOffsets.committed(checkpoint, "orders-in")).isZero();
        Files.createDirectories(checkpoint.resolve("offsets"));
        Files.createDirectories(checkpoint.resolve("commits"));
        Files.writeString(checkpoint.resolve("offsets/2"), OFFSETS_3.replace("159", "0").replace("185", "150").replace("156", "150"));
        Files.writeString(checkpoint.resolve("offsets/3"), OFFSETS_3);
        Files.writeString(checkpoint.resolve("offsets/.3.crc"), "crc");
        Files.writeString(checkpoint.resolve("commits/2"), "v1\n{\"nextBatchWatermarkMs\":0}");

        // 2. Batch 2's offsets
        assertThat(CheckpointOffsets.committed(checkpoint, "orders-in")).isEqualTo(300);

        // 3. Batch 3 committed: it read 500 - 300 records
        Files.writeString(checkpoint.resolve("commits/3"), "v1\n{\"nextBatchWatermarkMs\":0}");
        assertThat(CheckpointOffsets.committed(checkpoint, "orders-in")).isEqualTo(500);
        assertThat(CheckpointOffsets.lastCommittedBatchSize(checkpoint, "orders-in")).hasValue(200);
    }
}
