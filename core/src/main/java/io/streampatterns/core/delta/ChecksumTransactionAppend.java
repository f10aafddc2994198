package io.streampatterns.core.delta;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.DeltaOptions;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.VersionChecksum;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.SetTransaction;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Appends one micro-batch to a Delta table at a path in a transaction of its own, and skips it when
 * the table already holds it: what Delta's {@code txnAppId}/{@code txnVersion} options do, without
 * their fixed cost.
 *
 * <p>Why: Delta answers "which batch did this app id write last?" from the table's whole state,
 * rebuilt by three Spark jobs on every batch (about 330 of 1,090 ms of a bronze batch at cap
 * 10,000, measured in docs/benchmarks.md). The same answer is in the checksum file of the version
 * the transaction reads, which Delta has already loaded for the table's schema and protocol; Delta
 * keeps it there on every commit. When the checksum does not hold it (no checksum file, more than Delta's limit of
 * app ids, a set-transaction retention), the transaction asks Delta as before, so the answer is
 * always right; only its cost differs. Either way the app id is registered as read, so a
 * concurrent commit of the same app id fails this one rather than writing the batch twice.
 *
 * <p>Only a plain append goes this way: a table that exists, and a batch with the table's columns.
 * For anything else (the first batch of a new table, a schema change) {@link #append} answers
 * {@link Result#NOT_PLAIN_APPEND} and the caller writes with Delta's writer, which creates the
 * table and evolves or refuses the schema.
 */
final class ChecksumTransactionAppend {
    enum Result { APPENDED, ALREADY_IN_TABLE, NOT_PLAIN_APPEND }

    private ChecksumTransactionAppend() {
    }

    static Result append(Dataset<Row> batch, String path, Map<String, String> options, String appId, long batchId) {
        // 1. A transaction on the table's latest version (schema, protocol and checksum, no state rebuild).
        DeltaLog log = DeltaLog.forTable(batch.sparkSession(), new Path(path), scalaMap(options));
        OptimisticTransaction txn = log.startTransaction();
        if (txn.snapshot().version() < 0 || !sameColumns(txn.metadata().schema(), batch.schema())) {
            return Result.NOT_PLAIN_APPEND;
        }
        // 2. The app id's last batch, from the checksum where it is there.
        if (lastBatch(txn, appId) >= batchId) {
            return Result.ALREADY_IN_TABLE;
        }
        // 3. The files, then one commit holding them and the batch id.
        DeltaOptions deltaOptions = new DeltaOptions(scalaMap(options), batch.sparkSession().sessionState().conf());
        List<Action> actions = new ArrayList<>();
        actions.add(SetTransaction.apply(appId, batchId, Option.apply(System.currentTimeMillis())));
        actions.addAll(CollectionConverters.asJava(txn.writeFiles(batch, Option.apply(deltaOptions))));
        txn.commit(CollectionConverters.asScala(actions).toList(),
                new DeltaOperations.StreamingUpdate(OutputMode.Append(), appId, batchId, Option.empty()));
        return Result.APPENDED;
    }

    /** The last batch id the table holds for {@code appId}, -1 for none; registered as read either way. */
    private static long lastBatch(OptimisticTransaction txn, String appId) {
        Optional<List<SetTransaction>> fromChecksum = checksumTransactions(txn.snapshot().checksumOpt());
        if (fromChecksum.isEmpty()) {
            return txn.txnVersion(appId);
        }
        txn.readTxn().addOne(appId);
        return fromChecksum.get().stream().filter(t -> t.appId().equals(appId))
                .mapToLong(SetTransaction::version).max().orElse(-1L);
    }

    private static Optional<List<SetTransaction>> checksumTransactions(Option<VersionChecksum> checksum) {
        if (checksum.isEmpty() || checksum.get().setTransactions().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(CollectionConverters.asJava(checksum.get().setTransactions().get()));
    }

    /** Same names and types in the same order; nullability and field metadata aside (Delta stores all nullable). */
    static boolean sameColumns(StructType table, StructType batch) {
        return relaxed(table).equals(relaxed(batch));
    }

    private static DataType relaxed(DataType type) {
        if (type instanceof StructType struct) {
            StructField[] fields = new StructField[struct.fields().length];
            for (int i = 0; i < fields.length; i++) {
                StructField f = struct.fields()[i];
                fields[i] = new StructField(f.name(), relaxed(f.dataType()), true, Metadata.empty());
            }
            return new StructType(fields);
        }
        if (type instanceof ArrayType array) {
            return new ArrayType(relaxed(array.elementType()), true);
        }
        if (type instanceof MapType map) {
            return new MapType(relaxed(map.keyType()), relaxed(map.valueType()), true);
        }
        return type;
    }

    private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> options) {
        return scala.collection.immutable.Map.from(CollectionConverters.asScala(options));
    }
}
