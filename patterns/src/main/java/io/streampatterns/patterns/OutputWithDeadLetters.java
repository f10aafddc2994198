package io.streampatterns.patterns;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.streampatterns.core.kafka.TransactionalKafkaSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A pattern's Kafka output and its dead letter topic written by one {@link TransactionalKafkaSink}:
 * each slice's valid records, dead letters and commit marker commit in one Kafka transaction, so a
 * replayed batch writes neither again and a {@code read_committed} reader never sees a record in
 * both topics nor in neither. What {@code exactlyOnce()} gives a pattern that writes both in one
 * foreachBatch.
 */
public final class OutputWithDeadLetters {
    private final TransactionalKafkaSink sink;
    private final String outputTopic;
    private final String dlqTopic;

    /** @param outputTopic null when the output is not a topic (a Delta table): then only dead letters go through the sink */
    OutputWithDeadLetters(TransactionalKafkaSink sink, String outputTopic, String dlqTopic) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.outputTopic = outputTopic;
        this.dlqTopic = Objects.requireNonNull(dlqTopic, "dlqTopic");
    }

    public TransactionalKafkaSink sink() {
        return sink;
    }

    /**
     * Writes micro-batch {@code batchId}'s output and dead letters exactly once.
     *
     * @param output Kafka rows ({@code key}, {@code value}, optionally {@code headers}) for the output
     *     topic; null when there is no output topic
     * @param deadLetters rows shaped by {@link io.streampatterns.core.dlq.DeadLetters#of}
     */
    public void write(Dataset<Row> output, Dataset<Row> deadLetters, long batchId) {
        Dataset<Row> rows = addressed(deadLetters, dlqTopic);
        if (outputTopic != null) {
            rows = addressed(output, outputTopic).unionByName(rows, true);
        }
        sink.writeBatch(rows, batchId);
    }

    /** {@code rows}' key, value and headers, with a {@code topic} column naming {@code topic}; bytes, so both sides union. */
    private static Dataset<Row> addressed(Dataset<Row> rows, String topic) {
        List<Column> columns = new ArrayList<>(List.of(lit(topic).alias("topic"), col("key").cast("binary").alias("key"),
                col("value").cast("binary").alias("value")));
        if (Arrays.asList(rows.columns()).contains("headers")) {
            columns.add(col("headers"));
        }
        return rows.select(columns.toArray(Column[]::new));
    }

    @Override
    public String toString() {
        return sink.toString();
    }
}
