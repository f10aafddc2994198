package io.streampatterns.harness.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.streampatterns.core.delta.DeltaSink;
import io.streampatterns.harness.spark.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link DeltaSink#writeBatch}: a micro-batch is appended once whatever happens, and the table's state
 * is not rebuilt to learn which batches it holds.
 */
class DeltaSinkIdempotentBatchesIT {
    private static final SparkSession SPARK = LocalSpark.session();
    /** Descriptions of the Spark jobs started since the last {@link #clear()}. */
    private static final List<String> JOBS = new CopyOnWriteArrayList<>();
    private static final SparkListener LISTENER = new SparkListener() {
        @Override
        public void onJobStart(SparkListenerJobStart job) {
            String description = job.properties() == null ? null : job.properties().getProperty("spark.job.description");
            JOBS.add(description == null ? "" : description);
        }
    };
    private static DeltaWorkspace workspace;

    @BeforeAll
    static void listen() {
        workspace = DeltaWorkspace.create();
        SPARK.sparkContext().addSparkListener(LISTENER);
    }

    @AfterAll
    static void stopListening() {
        SPARK.sparkContext().removeSparkListener(LISTENER);
        workspace.close();
    }

    /**
     * Purpose: a batch replayed after a crash is skipped, and learning that costs no rebuild of the
     * table's state (Delta's streaming sink rebuilds it every batch).
     *
     * <p>How: batches 0 and 1 appended, then batch 1 again, as a restarted query would; the Spark jobs
     * of the last two calls are recorded.
     *
     * <p>Pass: the table holds batches 0 and 1 once each; none of those jobs computes a snapshot.
     */
    @Test
    void skipsAReplayedBatchFromTheChecksum() throws Exception {
        String table = workspace.tablePath("replayed");
        DeltaSink sink = DeltaSink.toPath(table).idempotentBatches();
        // 1. Two batches; the first creates the table.
        sink.writeBatch(rows(0, 100), "app", 0);
        clear();
        sink.writeBatch(rows(100, 100), "app", 1);
        // 2. Batch 1 again.
        sink.writeBatch(rows(100, 100), "app", 1);
        // 3. No state rebuilt (the jobs before this test reads the table); each row once.
        assertThat(jobs()).noneMatch(job -> job.contains("Compute snapshot"));
        assertThat(ids(table)).isEqualTo(200).isEqualTo(distinctIds(table));
    }

    /**
     * Purpose: without the checksum (lost, or a table whose checksum does not list the app ids),
     * the answer is still right: Delta's own lookup gives it. Also shows that the job check of the
     * case above can fail.
     *
     * <p>How: batch 0 written, the latest checksum file deleted, batch 0 written again.
     *
     * <p>Pass: the rows once; a snapshot was computed (the lookup that replaced the checksum).
     */
    @Test
    void withoutAChecksumAsksDeltaAndStillSkips() throws Exception {
        String table = workspace.tablePath("no_checksum");
        DeltaSink sink = DeltaSink.toPath(table).idempotentBatches();
        // 1. Batch 0; the checksum of the version it made is deleted.
        sink.writeBatch(rows(0, 100), "app", 0);
        sink.writeBatch(rows(100, 100), "app", 1);
        Files.delete(Path.of(table, "_delta_log", String.format("%020d.crc", 1)));
        DeltaLog.clearCache(); // as a new driver would: the table read from storage, not from memory
        clear();
        // 2. Batch 1 again.
        sink.writeBatch(rows(100, 100), "app", 1);
        // 3. The state was rebuilt to know it; still once.
        assertThat(jobs()).anyMatch(job -> job.contains("Compute snapshot"));
        assertThat(ids(table)).isEqualTo(200).isEqualTo(distinctIds(table));
    }

    /**
     * Purpose: another app id's batches do not hide this one's: each checkpoint has its own.
     *
     * <p>How: app "a" writes batch 0 and 1; app "b" writes its batch 0.
     *
     * <p>Pass: all three batches are in the table.
     */
    @Test
    void batchIdsArePerAppId() {
        String table = workspace.tablePath("two_apps");
        DeltaSink sink = DeltaSink.toPath(table).idempotentBatches();
        sink.writeBatch(rows(0, 10), "a", 0);
        sink.writeBatch(rows(10, 10), "a", 1);
        sink.writeBatch(rows(20, 10), "b", 0);
        assertThat(ids(table)).isEqualTo(30);
    }

    /**
     * Purpose: a batch with other columns goes through Delta's writer, which evolves the table when
     * asked and refuses the batch, naming the column, when not.
     *
     * <p>How: batch 0 of (id, payload); batch 1 with a new column {@code extra}, once without and once
     * with {@code mergeSchema}.
     *
     * <p>Pass: without it, Delta's schema mismatch error naming {@code extra} and nothing written;
     * with it, the column in the table, 20 rows.
     */
    @Test
    void aSchemaChangeGoesThroughDeltasWriter() {
        String table = workspace.tablePath("evolving");
        DeltaSink.toPath(table).idempotentBatches().writeBatch(rows(0, 10), "app", 0);
        Dataset<Row> wider = rows(10, 10).withColumn("extra", lit("x"));
        // 1. Not asked to evolve: refused.
        assertThatThrownBy(() -> DeltaSink.toPath(table).idempotentBatches().writeBatch(wider, "app", 1))
                .isInstanceOf(AnalysisException.class).hasMessageContaining("extra");
        assertThat(ids(table)).isEqualTo(10);
        // 2. Asked: the table gains the column.
        DeltaSink.toPath(table).idempotentBatches().option("mergeSchema", "true").writeBatch(wider, "app", 1);
        assertThat(SPARK.read().format("delta").load(table).columns()).contains("extra");
        assertThat(ids(table)).isEqualTo(20);
    }

    private static Dataset<Row> rows(long from, long count) {
        return SPARK.range(from, from + count).select(col("id"), col("id").cast("string").alias("payload"));
    }

    private static long ids(String table) {
        return SPARK.read().format("delta").load(table).count();
    }

    private static long distinctIds(String table) {
        return SPARK.read().format("delta").load(table).select("id").distinct().count();
    }

    private static List<String> jobs() throws Exception {
        SPARK.sparkContext().listenerBus().waitUntilEmpty();
        return List.copyOf(JOBS);
    }

    private static void clear() throws Exception {
        SPARK.sparkContext().listenerBus().waitUntilEmpty();
        JOBS.clear();
    }
}
