package io.streampatterns.harness.conformance.broken;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.streampatterns.core.dlq.DlqReason;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Broken: {@link ValidatingJob} whose dead letter queue loses records and reasons. Values that are
 * not JSON are dropped instead of sent (a team that only dead-letters what it could parse), and the
 * dead letters of records missing {@code event_id} carry no reason (a reason mapping that forgot a
 * case). The dlq check must fail, naming an invalid seq missing from the DLQ and one without a reason.
 */
public class LosesDeadLetters extends ValidatingJob {

    @Override
    protected Dataset<Row> deadLetters(Dataset<Row> rejected) {
        Dataset<Row> parsable = rejected.filter(col("reason").notEqual(DlqReason.MALFORMED_JSON.name()));
        Dataset<Row> reasonForgotten = parsable.withColumn("reason",
                when(col("reason").equalTo(DlqReason.MISSING_REQUIRED_FIELD.name()), lit(null)).otherwise(col("reason")));
        return super.deadLetters(reasonForgotten);
    }
}
