package io.streampatterns.patterns.validation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.streampatterns.core.Transform;
import io.streampatterns.core.dlq.DlqReason;
import io.streampatterns.core.dlq.GuardedFunction;
import io.streampatterns.core.dlq.RecordFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The validation pattern's own per-event logic, after the schema: each valid event goes through a
 * {@link RecordFunction}, guarded. Its result replaces the event (the valid table's columns, and
 * as JSON the valid topic's value); an event it throws on becomes a dead letter with reason
 * {@link DlqReason#TRANSFORMATION_FAILED} and the exception's class and message as detail, with
 * its original value, and the query keeps running. Records already invalid are left as they are.
 */
final class EventFunctionStep implements Transform {
    private static final String GUARDED = "__guarded";
    private static final String THREW = "__threw";

    private final RecordFunction function;
    private final StructType resultSchema;

    EventFunctionStep(RecordFunction function, StructType resultSchema) {
        this.function = function;
        this.resultSchema = resultSchema;
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> classified) {
        Column valid = col(SchemaValidator.REASON_COLUMN).isNull();
        Column result = col(GUARDED + "." + GuardedFunction.RESULT);
        return classified
                .withColumn(GUARDED, when(valid, GuardedFunction.apply(function, resultSchema, col(SchemaValidator.EVENT_COLUMN))))
                .withColumn(THREW, col(GUARDED + "." + GuardedFunction.ERROR).isNotNull())
                .withColumn(SchemaValidator.REASON_COLUMN,
                        when(col(THREW), lit(DlqReason.TRANSFORMATION_FAILED.name())).otherwise(col(SchemaValidator.REASON_COLUMN)))
                .withColumn(SchemaValidator.DETAIL_COLUMN,
                        when(col(THREW), col(GUARDED + "." + GuardedFunction.ERROR)).otherwise(col(SchemaValidator.DETAIL_COLUMN)))
                .withColumn("value", when(result.isNotNull(), to_json(result).cast("binary")).otherwise(col("value")))
                .withColumn(SchemaValidator.EVENT_COLUMN, result)
                .drop(GUARDED, THREW);
    }
}
