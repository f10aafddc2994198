package io.streampatterns.harness.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a test JVM, with Delta enabled and sized for a 2-core machine (another
 * width in a JVM started with {@link SparkParallelism#asJvmFlags()}), on the backend the
 * environment chose: {@code local[n]} by default, a standalone cluster with
 * {@code SPARK_CLUSTER=standalone} or {@code SPARK_MASTER_URL} ({@link SparkBackend}).
 *
 * <p>Spark allows one SparkContext per JVM, and starting one costs seconds, so every test and
 * check in a JVM shares it; queries are isolated by their own checkpoints and tables.
 */
public final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    /** The shared session, started on first use. */
    public static synchronized SparkSession session() {
        if (session == null) {
            session = start();
        }
        return session;
    }

    private static SparkSession start() {
        SparkParallelism parallelism = SparkParallelism.ofThisJvm();
        SparkBackend backend = SparkBackend.ofThisJvm();
        SparkSession session = backend.configure(SparkSession.builder(), parallelism)
                .appName("streampatterns")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", String.valueOf(parallelism.shufflePartitions()))
                .config("spark.default.parallelism", String.valueOf(parallelism.taskSlots()))
                .config("spark.sql.warehouse.dir", tempDir("spark-warehouse").toString())
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                // Delta's log replay and snapshot state default to 50 partitions: far too many for 2 cores.
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .config("spark.sql.streaming.stopTimeout", "30s")
                .getOrCreate();
        backend.awaitExecutors(session, parallelism);
        return session;
    }

    private static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
