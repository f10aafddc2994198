package io.streampatterns.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void aNewCheckpointHoldsNoOffsets() {
        assertThat(Checkpoint.at(dir.resolve("cp").toString(), new Configuration()).latestPlannedBatch()).isEmpty();
    }

    /** The highest numbered file in offsets/ is the last planned batch; other files are ignored. */
    @Test
    void findsTheLatestPlannedBatch() throws IOException {
        Path offsets = Files.createDirectories(dir.resolve("cp/offsets"));
        for (String name : new String[] {"0", "1", "12", ".12.crc", "tmp"}) {
            Files.writeString(offsets.resolve(name), "v1");
        }

        assertThat(Checkpoint.at(dir.resolve("cp").toString(), new Configuration()).latestPlannedBatch()).contains(12L);
    }

    /** A batch planned but not committed is the one a crash interrupted. */
    @Test
    void tellsPlannedFromCommittedBatches() throws IOException {
        Path root = dir.resolve("cp");
        Files.createDirectories(root.resolve("offsets"));
        Files.createDirectories(root.resolve("commits"));
        Files.writeString(root.resolve("offsets/0"), "v1");
        Files.writeString(root.resolve("offsets/1"), "v1");
        Files.writeString(root.resolve("commits/0"), "v1");

        Checkpoint checkpoint = Checkpoint.at(root.toString(), new Configuration());

        assertThat(checkpoint.latestPlannedBatch()).contains(1L);
        assertThat(checkpoint.latestCommittedBatch()).contains(0L);
    }

    /** Settings Spark recorded with the latest batch are read from its offsets file, as Spark writes it. */
    @Test
    void readsTheSettingsRecordedWithTheLatestBatch() throws IOException {
        Path offsets = Files.createDirectories(dir.resolve("cp/offsets"));
        Files.writeString(offsets.resolve("0"), "v1\n{\"batchWatermarkMs\":0,\"conf\":{\"spark.sql.shuffle.partitions\":\"2\"}}\n{}");
        Files.writeString(offsets.resolve("1"), "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1,\"conf\":"
                + "{\"spark.sql.streaming.stateStore.providerClass\":\"x\",\"spark.sql.shuffle.partitions\":\"5\"}}\n{}");

        Checkpoint checkpoint = Checkpoint.at(dir.resolve("cp").toString(), new Configuration());

        assertThat(checkpoint.recordedSetting("spark.sql.shuffle.partitions")).contains("5");
        assertThat(checkpoint.recordedSetting("spark.sql.adaptive.enabled")).isEmpty();
        assertThat(Checkpoint.at(dir.resolve("none").toString(), new Configuration())
                .recordedSetting("spark.sql.shuffle.partitions")).isEmpty();
    }

    /** The app id lives as long as the checkpoint: the same on every read, new in a new checkpoint. */
    @Test
    void transactionAppIdIsStablePerCheckpointAndNewForANewOne() {
        Checkpoint first = Checkpoint.at(dir.resolve("a").toString(), new Configuration());
        String id = first.transactionAppId();

        assertThat(Checkpoint.at(dir.resolve("a").toString(), new Configuration()).transactionAppId()).isEqualTo(id);
        assertThat(Checkpoint.at(dir.resolve("b").toString(), new Configuration()).transactionAppId()).isNotEqualTo(id);
    }

    /** The query id is read from Spark's metadata file; a checkpoint never started has none. */
    @Test
    void readsTheQueryIdSparkKeeps() throws IOException {
        Path root = Files.createDirectories(dir.resolve("cp"));
        Checkpoint checkpoint = Checkpoint.at(root.toString(), new Configuration());
        assertThat(checkpoint.queryId()).isEmpty();

        Files.writeString(root.resolve("metadata"), "{\"id\":\"5c2e0f1a-7d3b-4e7a-9d55-0b8a9f6c1e42\"}\n");

        assertThat(checkpoint.queryId()).contains("5c2e0f1a-7d3b-4e7a-9d55-0b8a9f6c1e42");
    }

    /**
     * Purpose: lag is measured from what was committed, not from a batch still in flight.
     * How: offsets for batches 0 and 1 in Spark's format (version, metadata, one line per source),
     * only batch 0 committed. Pass: batch 0's source line, the metadata line left out.
     */
    @Test
    void readsTheSourceOffsetsOfTheLatestCommittedBatch() throws IOException {
        Path root = dir.resolve("cp");
        Files.createDirectories(root.resolve("offsets"));
        Files.createDirectories(root.resolve("commits"));
        Files.writeString(root.resolve("offsets/0"), "v1\n{\"batchWatermarkMs\":0,\"conf\":{}}\n{\"orders\":{\"0\":40,\"1\":38}}\n");
        Files.writeString(root.resolve("offsets/1"), "v1\n{\"batchWatermarkMs\":0,\"conf\":{}}\n{\"orders\":{\"0\":90,\"1\":88}}\n");
        Files.writeString(root.resolve("commits/0"), "v1\n{\"nextBatchWatermarkMs\":0}");

        assertThat(Checkpoint.at(root.toString(), new Configuration()).committedSourceOffsets())
                .containsExactly("{\"orders\":{\"0\":40,\"1\":38}}");
        assertThat(Checkpoint.at(dir.resolve("none").toString(), new Configuration()).committedSourceOffsets()).isEmpty();
    }
}
