package io.streampatterns.patterns.enrichment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.streampatterns.core.Transform;
import io.streampatterns.core.transform.JsonValueParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * Raw Kafka rows in, {@code key} and enriched JSON {@code value} out: parse, LEFT join the dimension
 * table on the join key, serialize the event's fields and the dimension's columns.
 */
final class DimensionJoin implements Transform {
    /** to_json options: nulls written out, timestamps in UTC whatever the session's time zone. */
    static final Map<String, String> JSON_OPTIONS = Map.of(
            "ignoreNullFields", "false",
            "timeZone", "UTC",
            "timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private static final String DIMENSION_KEY = "__dimension_key";

    private final StructType eventSchema;
    private final DimensionTable dimension;
    private final String joinKey;
    private final List<String> dimensionColumns;
    private final boolean broadcast;

    DimensionJoin(StructType eventSchema, DimensionTable dimension, String joinKey, List<String> dimensionColumns,
                  boolean broadcast) {
        this.eventSchema = eventSchema;
        this.dimension = dimension;
        this.joinKey = joinKey;
        this.dimensionColumns = List.copyOf(dimensionColumns);
        this.broadcast = broadcast;
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> kafkaRows) {
        Dataset<Row> events = new JsonValueParser(eventSchema).apply(kafkaRows.select(col("key"), col("value")));

        // Read here, when the query starts, as an unpinned batch DataFrame: each micro-batch plans the
        // join again and Delta hands it the table's latest snapshot.
        List<Column> dimensionSelect = new ArrayList<>();
        dimensionSelect.add(col(joinKey).alias(DIMENSION_KEY));
        dimensionColumns.forEach(name -> dimensionSelect.add(col(name)));
        Dataset<Row> table = dimension.read(kafkaRows.sparkSession()).select(dimensionSelect.toArray(Column[]::new));
        Dataset<Row> users = broadcast ? functions.broadcast(table) : table;

        // LEFT: an event whose key is not in the dimension still comes out, with null dimension columns.
        Dataset<Row> joined = events.join(users, events.col(joinKey).equalTo(users.col(DIMENSION_KEY)), "left_outer");

        List<Column> fields = new ArrayList<>();
        for (String name : eventSchema.fieldNames()) {
            fields.add(events.col(name));
        }
        dimensionColumns.forEach(name -> fields.add(users.col(name)));
        List<Column> fieldsAndRawText = new ArrayList<>(fields);
        fieldsAndRawText.add(events.col(JsonValueParser.MALFORMED_COLUMN));

        // A payload that is not JSON of the schema is not dropped: it comes out with its raw text.
        Column value = when(events.col(JsonValueParser.MALFORMED_COLUMN).isNull(),
                to_json(struct(fields.toArray(Column[]::new)), JSON_OPTIONS))
                .otherwise(to_json(struct(fieldsAndRawText.toArray(Column[]::new)), JSON_OPTIONS));
        return joined.select(events.col("key"), value.alias("value"));
    }
}
