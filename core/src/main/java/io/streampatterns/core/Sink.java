package io.streampatterns.core;

import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;

/** Where a pipeline's records go, and the delivery guarantee it gives them. */
public interface Sink {

    /** What a consumer of the output can rely on after failures and restarts. */
    enum DeliveryGuarantee {
        /** Every input record is in the output once, even across driver crashes and restarts. */
        EXACTLY_ONCE,
        /** Every input record is in the output; a restart may write some of them again. */
        AT_LEAST_ONCE
    }

    /** Problems in this sink's configuration, each naming the option and what was expected; empty when valid. */
    List<String> validate();

    /**
     * Adds this sink's format and options to {@code writer} (which already carries the pipeline's
     * name, trigger, output mode and checkpoint location) and starts the query.
     */
    StreamingQuery start(DataStreamWriter<Row> writer, Checkpoint checkpoint) throws TimeoutException;

    DeliveryGuarantee deliveryGuarantee();

    /**
     * Whether Real-Time Mode can write to this sink. Spark 4.2 allows Kafka, foreach, console and
     * memory sinks there, and neither Delta nor foreachBatch.
     */
    default boolean supportsRealTimeMode() {
        return false;
    }
}
