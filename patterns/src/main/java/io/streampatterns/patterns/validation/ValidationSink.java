package io.streampatterns.patterns.validation;

import static org.apache.spark.sql.functions.col;

import io.streampatterns.core.Checkpoint;
import io.streampatterns.core.DlqPolicy;
import io.streampatterns.core.Sink;
import io.streampatterns.core.transform.IngestionTime;
import io.streampatterns.core.delta.DeltaSink;
import io.streampatterns.core.dlq.DeadLetters;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.patterns.OutputWithDeadLetters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.storage.StorageLevel;

/**
 * The foreachBatch writer of {@link SchemaValidationPipeline}: each classified micro-batch is
 * persisted once, its invalid rows sent to the dead letter queue, then its valid rows written to
 * the valid topic or table.
 *
 * <p>Persisting matters twice over: the batch is read from Kafka and classified once instead of
 * once per output, and both outputs are cut from the same classified rows, so a record is in
 * exactly one of them. If either write fails, foreachBatch fails, the batch is not committed, and
 * the restarted query runs the same offsets again: records written before the failure are written
 * again (at least once), none is lost. The dead letters go first so that a DLQ that cannot be
 * written (a missing topic, no permission) stops the very first batch before anything is published.
 *
 * <p>With {@code exactlyOnce()} the dead letters and the valid topic's records go through one
 * transactional Kafka sink instead, each slice's share of both committed in one transaction: a
 * replayed batch writes neither again. A valid table is still written after them, with its own
 * Delta idempotence.
 */
final class ValidationSink implements Sink {
    /** Columns of the valid table besides the event's fields. */
    static final List<String> TABLE_METADATA_COLUMNS =
            List.of("key", "topic", "partition", "offset", "kafka_timestamp", "ingestion_timestamp", "headers");

    private final KafkaSink validTopic;
    private final DeltaSink validTable;
    private final DlqPolicy dlq;
    private final String pipelineName;
    /** Null unless exactly once: then the valid topic (if any) and the dead letters go through it, together. */
    private final OutputWithDeadLetters transactional;

    ValidationSink(KafkaSink validTopic, DeltaSink validTable, DlqPolicy dlq, String pipelineName,
                   OutputWithDeadLetters transactional) {
        this.validTopic = validTopic;
        this.validTable = validTable;
        this.dlq = dlq;
        this.pipelineName = pipelineName;
        this.transactional = transactional;
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (validTopic != null) {
            validTopic.validate().forEach(p -> problems.add("valid " + p));
        }
        if (validTable != null) {
            validTable.validate().forEach(p -> problems.add("valid " + p));
        }
        if (dlq != null) {
            problems.addAll(dlq.validate());
        }
        if (transactional != null) {
            problems.addAll(transactional.sink().validate());
        }
        return problems;
    }

    @Override
    public StreamingQuery start(DataStreamWriter<Row> writer, Checkpoint checkpoint) throws TimeoutException {
        if (transactional != null) {
            transactional.sink().checkTransactionTimeoutAgainstBroker();
        }
        String appId = validTable != null ? checkpoint.transactionAppId() : null;
        VoidFunction2<Dataset<Row>, Long> writeBatch = (batch, batchId) -> write(batch, batchId, appId);
        return writer.foreachBatch(writeBatch).start();
    }

    private void write(Dataset<Row> classified, long batchId, String appId) {
        Dataset<Row> batch = classified.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> rejected = batch.filter(col(SchemaValidator.REASON_COLUMN).isNotNull());
            Dataset<Row> deadLetters = DeadLetters.of(rejected, col(SchemaValidator.REASON_COLUMN),
                    col(SchemaValidator.DETAIL_COLUMN), pipelineName);
            Dataset<Row> valid = batch.filter(col(SchemaValidator.REASON_COLUMN).isNull());
            Dataset<Row> validRecords = valid.select(col("key"), col("value"), col("headers"));
            if (transactional != null) {
                transactional.write(validTopic != null ? validRecords : null, deadLetters, batchId);
            } else {
                dlq.send(deadLetters);
                if (validTopic != null) {
                    validTopic.writeBatch(validRecords);
                }
            }
            if (validTable != null) {
                validTable.writeBatch(tableRows(valid), appId, batchId);
            }
        } finally {
            batch.unpersist();
        }
    }

    /** The valid table's rows: key, the event's fields, and where each came from, as bronze keeps them. */
    static Dataset<Row> tableRows(Dataset<Row> valid) {
        return valid.select(
                col("key").cast("string").alias("key"),
                col(SchemaValidator.EVENT_COLUMN + ".*"),
                col("topic"),
                col("partition"),
                col("offset"),
                col("timestamp").alias("kafka_timestamp"),
                IngestionTime.now().alias("ingestion_timestamp"),
                col("headers"));
    }

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return validTable != null || transactional != null ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE;
    }

    @Override
    public String toString() {
        return "ValidationSink(valid -> " + (validTopic != null ? validTopic : validTable) + ", invalid -> " + dlq
                + (transactional != null ? ", exactly once through " + transactional : "") + ")";
    }
}
