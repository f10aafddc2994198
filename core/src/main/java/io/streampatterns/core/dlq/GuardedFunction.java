package io.streampatterns.core.dlq;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Runs a {@link RecordFunction} on each record and turns what it throws into data: the column it
 * gives is a struct of {@value #RESULT} (the function's row, null when it threw) and {@value #ERROR}
 * (the exception's class and message, null when it did not). An exception inside a Spark task fails
 * the task, its retries, and then the query; caught per record, it fails only that record, which a
 * pattern sends to its dead letter queue as {@link DlqReason#TRANSFORMATION_FAILED}.
 *
 * <p>Only {@link Exception}s are caught: an {@link Error} (out of memory, a missing class) says the
 * executor is broken, not the record, and still fails the task.
 */
public final class GuardedFunction {
    public static final String RESULT = "result";
    public static final String ERROR = "error";
    private static final int ERROR_CHARS = 1_000;

    private GuardedFunction() {
    }

    /** {@code function} applied to {@code input} (a struct column), guarded. */
    public static Column apply(RecordFunction function, StructType resultSchema, Column input) {
        StructType guarded = new StructType().add(RESULT, resultSchema).add(ERROR, DataTypes.StringType);
        UDF1<Row, Row> call = record -> call(function, record);
        UserDefinedFunction udf = functions.udf(call, guarded);
        return udf.apply(input);
    }

    static Row call(RecordFunction function, Row record) {
        try {
            return RowFactory.create(function.apply(record), null);
        } catch (Exception e) {
            return RowFactory.create(null, describe(e));
        }
    }

    /** {@code java.lang.IllegalArgumentException: No enum constant Priority.URGENT}, at most 1,000 characters. */
    static String describe(Exception e) {
        String text = e.getClass().getName() + ": " + e.getMessage();
        return text.length() <= ERROR_CHARS ? text : text.substring(0, ERROR_CHARS) + "…";
    }
}
