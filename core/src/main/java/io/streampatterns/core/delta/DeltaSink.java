package io.streampatterns.core.delta;

import io.streampatterns.core.Checkpoint;
import io.streampatterns.core.Sink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Appends a stream to a Delta table, given by path or by catalog name, exactly once.
 *
 * <p>Two ways to write, one guarantee:
 * <ul>
 *   <li>{@link #streaming()} (the default): Delta's own streaming sink, which records each
 *       micro-batch in the table's log under the query's id, so a batch replayed after a crash is
 *       skipped.</li>
 *   <li>{@link #idempotentBatches()}: {@code foreachBatch} with Delta's {@code txnAppId} and
 *       {@code txnVersion} semantics (the batch id), for when each batch needs batch-only work
 *       before the write, and for a smaller fixed cost per batch (see {@link #writeBatch}). The app
 *       id is kept in the checkpoint, so a new checkpoint, whose batch ids restart at
 *       0, gets a new app id instead of having its first batches skipped as already written.</li>
 * </ul>
 */
public final class DeltaSink implements Sink, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String table;
    private final boolean idempotentBatches;
    private final Map<String, String> options;

    private DeltaSink(String path, String table, boolean idempotentBatches, Map<String, String> options) {
        this.path = path;
        this.table = table;
        this.idempotentBatches = idempotentBatches;
        this.options = Map.copyOf(options);
    }

    /** A table stored at {@code path}. */
    public static DeltaSink toPath(String path) {
        return new DeltaSink(path, null, false, Map.of());
    }

    /** A table registered in the session's catalog as {@code name}. */
    public static DeltaSink toTable(String name) {
        return new DeltaSink(null, name, false, Map.of());
    }

    /** Writes with Delta's streaming sink (the default). */
    public DeltaSink streaming() {
        return new DeltaSink(path, table, false, options);
    }

    /** Writes each micro-batch through foreachBatch with txnAppId/txnVersion. */
    public DeltaSink idempotentBatches() {
        return new DeltaSink(path, table, true, options);
    }

    /** A Delta writer option, such as {@code mergeSchema}. */
    public DeltaSink option(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(options);
        more.put(name, value);
        return new DeltaSink(path, table, idempotentBatches, more);
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        boolean hasPath = path != null && !path.isBlank();
        boolean hasTable = table != null && !table.isBlank();
        if (!hasPath && !hasTable) {
            problems.add("delta path or table: expected a table path or a catalog table name, got nothing");
        }
        if (options.containsKey("txnAppId") || options.containsKey("txnVersion")) {
            problems.add("delta txnAppId/txnVersion: set by the sink from the checkpoint and batch id; remove them");
        }
        return problems;
    }

    @Override
    public StreamingQuery start(DataStreamWriter<Row> writer, Checkpoint checkpoint) throws TimeoutException {
        if (idempotentBatches) {
            return writer.foreachBatch(batchWriter(checkpoint.transactionAppId())).start();
        }
        DataStreamWriter<Row> delta = writer.format("delta").options(options);
        return path != null ? delta.start(path) : delta.toTable(table);
    }

    private VoidFunction2<Dataset<Row>, Long> batchWriter(String appId) {
        return (batch, batchId) -> writeBatch(batch, appId, batchId);
    }

    /**
     * Appends one micro-batch idempotently, for a pattern whose own foreachBatch writes this table
     * among other outputs: Delta skips the write when the table already holds {@code batchId} for
     * {@code transactionAppId} (a batch replayed after a crash). Pass the pipeline checkpoint's
     * {@link Checkpoint#transactionAppId()}, so that a new checkpoint gets a new app id.
     *
     * <p>A table at a path is appended to by {@link ChecksumTransactionAppend}, which reads the app
     * id's last batch from the table's checksum instead of rebuilding the table's state each batch;
     * the first batch of a new table, a schema change and a catalog table go through Delta's writer.
     */
    public void writeBatch(Dataset<Row> batch, String transactionAppId, long batchId) {
        if (path != null && ChecksumTransactionAppend.append(batch, path, options, transactionAppId, batchId)
                != ChecksumTransactionAppend.Result.NOT_PLAIN_APPEND) {
            return;
        }
        DataFrameWriter<Row> write = batch.write().format("delta").mode("append").options(options)
                .option("txnAppId", transactionAppId)
                .option("txnVersion", batchId);
        if (path != null) {
            write.save(path);
        } else {
            write.saveAsTable(table);
        }
    }

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.EXACTLY_ONCE;
    }

    /** The table's path, or its catalog name. */
    public String target() {
        return path != null ? path : table;
    }

    public boolean writesIdempotentBatches() {
        return idempotentBatches;
    }

    @Override
    public String toString() {
        return "DeltaSink(" + target() + (idempotentBatches ? ", idempotent batches" : "") + ")";
    }
}
