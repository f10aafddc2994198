package io.streampatterns.harness.conformance.broken;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.json_object_keys;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.streampatterns.core.dlq.DlqReason;
import io.streampatterns.harness.data.EventGenerator;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Broken: {@link ValidatingJob} made strict, the way a validator built on a closed schema
 * ({@code additionalProperties: false}) is: a record with a member its schema does not name is sent
 * to the dead letter queue as SCHEMA_VALIDATION_FAILED. Every record of producers who added a
 * field is refused. The schema evolution check must fail, counting them dead-lettered and missing.
 */
public class RejectsUnknownFields extends ValidatingJob {

    @Override
    protected Dataset<Row> transform(Dataset<Row> checked) {
        Column known = array(Arrays.stream(EventGenerator.SCHEMA.fieldNames()).map(name -> lit(name)).toArray(Column[]::new));
        Column unknown = col("reason").isNull()
                .and(exists(json_object_keys(col("value").cast("string")), key -> not(array_contains(known, key))));
        return checked
                .withColumn("detail", when(unknown, lit("a member outside the event schema")).otherwise(col("detail")))
                .withColumn("reason", when(unknown, lit(DlqReason.SCHEMA_VALIDATION_FAILED.name())).otherwise(col("reason")));
    }
}
