package io.streampatterns.patterns.metrics;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.window;

import io.streampatterns.core.Transform;
import io.streampatterns.core.transform.JsonValueParser;
import java.time.Duration;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Raw Kafka rows in; per tumbling window and group, one {@code key}/{@code value} row each time the
 * window's aggregate changes.
 */
final class WindowedAggregation implements Transform {
    /**
     * Nulls written out; window bounds in UTC to the second, so neither value nor key depends on
     * the session's time zone.
     */
    static final Map<String, String> JSON_OPTIONS = Map.of(
            "ignoreNullFields", "false",
            "timeZone", "UTC",
            "timestampFormat", "yyyy-MM-dd'T'HH:mm:ssXXX");

    private final StructType eventSchema;
    private final String eventTime;
    private final String groupBy;
    private final String measure;
    private final Duration window;
    private final Duration watermarkDelay;

    WindowedAggregation(StructType eventSchema, String eventTime, String groupBy, String measure,
                        Duration window, Duration watermarkDelay) {
        this.eventSchema = eventSchema;
        this.eventTime = eventTime;
        this.groupBy = groupBy;
        this.measure = measure;
        this.window = window;
        this.watermarkDelay = watermarkDelay;
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> kafkaRows) {
        Dataset<Row> events = new JsonValueParser(eventSchema).apply(kafkaRows.select(col("value")))
                // No event time, no window: such a record (malformed, or without the field) cannot be
                // counted anywhere, and as a null-window group it would be state that never expires.
                .filter(col(eventTime).isNotNull());

        Dataset<Row> metrics = events
                .withWatermark(eventTime, watermarkDelay.toMillis() + " milliseconds")
                .groupBy(window(col(eventTime), window.toSeconds() + " seconds").alias("window"), col(groupBy))
                .agg(count(lit(1)).alias("event_count"),
                        avg(col(measure)).alias("avg_" + measure),
                        max(col(measure)).alias("max_" + measure));

        Column value = to_json(struct(
                col(groupBy),
                col("window.start").alias("window_start"),
                col("window.end").alias("window_end"),
                col("event_count"),
                col("avg_" + measure),
                col("max_" + measure)), JSON_OPTIONS);
        // The key reuses the value's window_start text, so key and value always agree.
        return metrics.select(col(groupBy), value.alias("value")).select(
                concat(coalesce(col(groupBy).cast("string"), lit("")), lit("-"),
                        get_json_object(col("value"), "$.window_start")).alias("key"),
                col("value"));
    }
}
