package io.streampatterns.harness.conformance.broken;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Broken on purpose: {@link IdempotentDeltaAppendJob} with a plain append, without
 * {@code txnAppId}/{@code txnVersion}, yet still declaring EXACTLY_ONCE. A driver killed after a
 * batch's append and before its commit replays the batch on restart, and Delta appends its rows a
 * second time. The crash check must fail it.
 */
public class AppendsWithoutIdempotence extends IdempotentDeltaAppendJob {

    @Override
    void append(Dataset<Row> batch, String table, String appId, long batchId) {
        batch.write().format("delta").mode("append").save(table);
    }
}
