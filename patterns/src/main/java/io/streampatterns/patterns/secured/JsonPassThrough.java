package io.streampatterns.patterns.secured;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.streampatterns.core.Transform;
import io.streampatterns.core.transform.JsonValueParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Raw Kafka records to Kafka records: the JSON value parsed with a schema and written back with
 * exactly the schema's fields (so {@code seq} and the event id travel with every record), under
 * the original key.
 *
 * <p>Parsing before writing is the point: a field the schema does not name is dropped, a value of
 * the wrong type becomes null, and timestamps come out in one format (UTC, milliseconds), so the
 * output topic carries a known shape whatever producers sent. A value that is not JSON is not
 * dropped: it is forwarded with its raw text in {@value JsonValueParser#MALFORMED_COLUMN} and no
 * other field. Null fields are left out of the JSON.
 */
public final class JsonPassThrough implements Transform {
    private static final Map<String, String> JSON_OPTIONS =
            Map.of("timeZone", "UTC", "timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private final StructType schema;

    public JsonPassThrough(StructType schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> kafkaRows) {
        Dataset<Row> parsed = new JsonValueParser(schema)
                .apply(kafkaRows.select(col("key").cast("string").alias("key"), col("value")));
        List<Column> fields = new ArrayList<>();
        for (String name : schema.fieldNames()) {
            fields.add(col(name));
        }
        fields.add(col(JsonValueParser.MALFORMED_COLUMN));
        return parsed.select(col("key"), to_json(struct(fields.toArray(Column[]::new)), JSON_OPTIONS).alias("value"));
    }

    public StructType schema() {
        return schema;
    }
}
