package io.streampatterns.core.transform;

import static org.apache.spark.sql.functions.col;

import io.streampatterns.core.Transform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Keeps where each record came from: {@code key} as a string, {@code topic}, {@code partition},
 * {@code offset} and {@code kafka_timestamp}, and adds {@code ingestion_timestamp}, the time this
 * pipeline processed it ({@link IngestionTime}: compiled once, not once per batch). The raw
 * {@code value} (and {@code headers}, when read) is kept for the next step.
 *
 * <p>Topic, partition and offset identify a record uniquely: they are the lineage back to Kafka,
 * the key for finding duplicates, and what consumer lag is measured in. Kafka's timestamp and the
 * ingestion timestamp apart tell how late data arrives.
 */
public final class KafkaMetadataColumns implements Transform {
    public static final List<String> COLUMNS =
            List.of("key", "topic", "partition", "offset", "kafka_timestamp", "ingestion_timestamp");

    @Override
    public Dataset<Row> apply(Dataset<Row> kafkaRows) {
        List<Column> columns = new ArrayList<>(List.of(
                col("key").cast("string").alias("key"),
                col("value"),
                col("topic"),
                col("partition"),
                col("offset"),
                col("timestamp").alias("kafka_timestamp"),
                IngestionTime.now().alias("ingestion_timestamp")));
        if (Arrays.asList(kafkaRows.columns()).contains("headers")) {
            columns.add(col("headers"));
        }
        return kafkaRows.select(columns.toArray(Column[]::new));
    }
}
