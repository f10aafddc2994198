package io.streampatterns.core;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Where a pipeline's records come from: a streaming DataFrame and the options behind it. */
public interface Source {

    /** Problems in this source's configuration, each naming the option and what was expected; empty when valid. */
    List<String> validate();

    /**
     * Opens the stream. Called only after {@link #validate()} found no problem.
     *
     * @param checkpoint the pipeline's checkpoint, so the source can tell a first run from a resume
     */
    Dataset<Row> read(SparkSession spark, Checkpoint checkpoint);

    /** Whether this source caps how much one micro-batch reads (for example maxOffsetsPerTrigger). */
    default boolean capsBatchSize() {
        return false;
    }
}
