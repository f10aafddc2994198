package io.streampatterns.harness.conformance.broken;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Checkpoint;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.harness.conformance.OutputLocation;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * A correct Kafka to Delta job written with Spark's API alone: JSON events parsed with
 * {@code from_json}, each micro-batch appended in {@code foreachBatch} with Delta's
 * {@code txnAppId}/{@code txnVersion}, so a batch replayed after a crash is skipped by Delta.
 *
 * <p>After its append each batch calls a slow side effect (as a job notifying a downstream system
 * would), so a driver killed mid-batch is usually killed after the write: the moment at which only
 * idempotence keeps the replay from writing the batch again. {@link AppendsWithoutIdempotence} is
 * the same job without the transaction options.
 */
public class IdempotentDeltaAppendJob implements PipelineUnderTest {
    /** How long the side effect after each append takes. */
    static final Duration SIDE_EFFECT = Duration.ofSeconds(2);

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.EXACTLY_ONCE;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TRACEABLE_RECORDS, Capability.CHECKPOINT_RESTART, Capability.CAPPED_BATCHES);
    }

    @Override
    public StreamingQuery start(TestRun run) throws Exception {
        // Kept in the checkpoint folder: a new checkpoint restarts batch ids at 0 and must get a new app id.
        String appId = Checkpoint.at(run.checkpointLocation(), run.spark().sparkContext().hadoopConfiguration())
                .transactionAppId();
        String table = run.outputTable();
        VoidFunction2<Dataset<Row>, Long> writeBatch = (batch, batchId) -> {
            append(batch, table, appId, batchId);
            Thread.sleep(SIDE_EFFECT.toMillis());
        };
        return KafkaEvents.events(run).writeStream()
                .queryName(run.name())
                .option("checkpointLocation", run.checkpointLocation())
                .trigger(run.sparkTrigger())
                .foreachBatch(writeBatch)
                .start();
    }

    /** Appends one micro-batch to the table; Delta skips it when {@code appId} already wrote {@code batchId}. */
    void append(Dataset<Row> batch, String table, String appId, long batchId) {
        batch.write().format("delta").mode("append")
                .option("txnAppId", appId)
                .option("txnVersion", batchId)
                .save(table);
    }

    @Override
    public OutputLocation output(TestRun run) {
        return OutputLocation.deltaTable(run.outputTable(), "seq").withSourceOrder("partition", "offset");
    }
}
