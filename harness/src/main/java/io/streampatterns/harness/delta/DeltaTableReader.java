package io.streampatterns.harness.delta;

import static org.apache.spark.sql.functions.col;
import org.apache.spark.sql.functions;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads a Delta table back for assertions: its rows, its sequence numbers, its duplicates. */
public final class DeltaTableReader {
    private final SparkSession spark;
    private final String path;

    public DeltaTableReader(SparkSession spark, String path) {
        this.spark = spark;
        this.path = path;
    }

    /** The table as of its latest version. */
    public Dataset<Row> table() {
        return spark.read().format("delta").load(path);
    }

    public long count() {
        return table().count();
    }

    /** Every value of the {@code seq} column, sorted, duplicates kept. */
    public long[] seqs() {
        return seqs("seq");
    }

    /** Every value of a whole-number column, sorted, duplicates kept; -1 for a null. */
    public long[] seqs(String column) {
        return table().select(col(column).cast("long")).orderBy(col(column)).collectAsList().stream()
                .mapToLong(row -> row.isNullAt(0) ? -1 : row.getLong(0)).toArray();
    }

    /** (topic, partition, offset) triples that occur more than once, with how often. */
    public List<Row> duplicateCoordinates() {
        return table().groupBy("topic", "partition", "offset").agg(functions.count("*").alias("copies"))
                .filter(col("copies").gt(1)).collectAsList();
    }
}
