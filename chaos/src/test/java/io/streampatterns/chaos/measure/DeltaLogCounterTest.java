package io.streampatterns.chaos.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An append-only Delta table's rows are counted from the numRecords statistics in its transaction log. */
class DeltaLogCounterTest {

    private static String add(long records) {
        return "{\"add\":{\"path\":\"part-" + records + ".parquet\",\"size\":1,\"dataChange\":true,"
                + "\"stats\":\"{\\\"numRecords\\\":" + records + ",\\\"minValues\\\":{}}\"}}";
    }

    /**
     * Purpose: each commit's added rows are summed; removes with statistics are subtracted; other files are ignored.
     *
     * <p>How: 1. no table yet; 2. commit 0 with metadata and two adds, commit 1 with one add, a
     * checkpoint file and a temp file beside them; 3. commit 2 with a remove that carries statistics.
     *
     * <p>Pass: 0, then 300 + 200 + 50 = 550, then 500.
     */
    @Test
    void sumsAddedRowsOfEveryCommit(@TempDir Path table) throws IOException {
        // 1. Before the first commit
        DeltaLogCounter counter = new DeltaLogCounter(table);
        assertThat(counter.count()).isZero();

        // 2. Two commits, and files that are not commits
        Path log = Files.createDirectories(table.resolve("_delta_log"));
        Files.writeString(log.resolve("00000000000000000000.json"), String.join("\n",
                "{\"commitInfo\":{\"operation\":\"STREAMING UPDATE\"}}", "{\"protocol\":{\"minReaderVersion\":1}}",
                add(300), add(200)));
        Files.writeString(log.resolve("00000000000000000001.json"), add(50) + "\n");
        Files.writeString(log.resolve("00000000000000000010.checkpoint.parquet"), "binary");
        Files.writeString(log.resolve(".00000000000000000002.json.tmp"), add(999));
        assertThat(counter.count()).isEqualTo(550);

        // 3. A remove with statistics
        Files.writeString(log.resolve("00000000000000000002.json"),
                "{\"remove\":{\"path\":\"part-50.parquet\",\"stats\":\"{\\\"numRecords\\\":50}\"}}");
        assertThat(counter.count()).isEqualTo(500);
    }
}
