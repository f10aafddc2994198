package io.streampatterns.core.dlq;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.base64;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.when;

import io.streampatterns.core.dlq.DeadLetterRecord.Fields;
import io.streampatterns.core.dlq.DeadLetterRecord.Headers;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Turns rejected Kafka rows into dead letters shaped as {@link DeadLetterRecord} describes:
 * {@code key}, {@code value} (the JSON envelope) and {@code headers}, ready for a Kafka writer.
 */
public final class DeadLetters {
    private static final ArrayType HEADERS_TYPE = DataTypes.createArrayType(DataTypes.createStructType(new org.apache.spark.sql.types.StructField[] {
            DataTypes.createStructField("key", DataTypes.StringType, true),
            DataTypes.createStructField("value", DataTypes.BinaryType, true)}));

    private DeadLetters() {
    }

    /**
     * @param rejected raw Kafka rows: {@code key}, {@code value} (binary), {@code topic},
     *     {@code partition}, {@code offset}, and {@code headers} when the source reads them
     * @param reason a string column holding a {@link DlqReason} name
     * @param detail a string column saying what was wrong
     * @param pipeline the rejecting pipeline's name
     */
    public static Dataset<Row> of(Dataset<Row> rejected, Column reason, Column detail, String pipeline) {
        boolean hasHeaders = Arrays.asList(rejected.columns()).contains("headers");
        return rejected.select(col("key"), value(reason, detail, pipeline).alias("value"),
                headers(reason, detail, pipeline, hasHeaders).alias("headers"));
    }

    /**
     * Rows for one Kafka write that sends each record to {@code topic} as {@code value}, or, where
     * {@code reason} is not null, as a dead letter to {@code dlqTopic}: {@code topic}, {@code key},
     * {@code value} (binary) and {@code headers} (the original ones, and a dead letter's after them).
     * For Real-Time Mode, which has no foreachBatch for a second write.
     *
     * @param rows raw Kafka rows with {@code headers}, and the columns {@code reason}, {@code detail}
     *     and {@code value} are computed from
     */
    public static Dataset<Row> orDeadLetter(Dataset<Row> rows, Column value, String topic, Column reason, Column detail,
                                            String dlqTopic, String pipeline) {
        Column rejected = reason.isNotNull();
        // One select: col("topic") inside the dead letter still means the source topic.
        return rows.select(
                when(rejected, lit(dlqTopic)).otherwise(lit(topic)).alias("topic"),
                col("key"),
                when(rejected, value(reason, detail, pipeline).cast("binary")).otherwise(value.cast("binary")).alias("value"),
                when(rejected, headers(reason, detail, pipeline, true)).otherwise(col("headers")).alias("headers"));
    }

    /**
     * The dead letter's value, the JSON envelope, as a column over raw Kafka columns ({@code key},
     * {@code value}, {@code topic}, {@code partition}, {@code offset}): for a query that cannot call
     * {@link #of} on a DataFrame of its own, such as one Kafka write that sends some rows to their
     * topic and others, as dead letters, to a DLQ topic (Real-Time Mode has no foreachBatch).
     */
    public static Column value(Column reason, Column detail, String pipeline) {
        Column key = col("key").cast("string");
        return to_json(struct(
                reason.alias(Fields.REASON),
                detail.alias(Fields.DETAIL),
                col("topic").alias(Fields.SOURCE_TOPIC),
                col("partition").alias(Fields.SOURCE_PARTITION),
                col("offset").alias(Fields.SOURCE_OFFSET),
                lit(pipeline).alias(Fields.PIPELINE),
                current_timestamp().alias(Fields.DLQ_TIMESTAMP),
                key.alias(Fields.ORIGINAL_KEY),
                col("value").cast("string").alias(Fields.ORIGINAL_VALUE),
                // Spark's base64() breaks lines every 76 characters with CRLF (MIME style, while
                // spark.sql.chunkBase64String.enabled is true, the default); the envelope holds one line.
                translate(base64(col("value")), "\r\n", "").alias(Fields.ORIGINAL_VALUE_BASE64)));
    }

    /**
     * The dead letter's headers as a column: the original {@code headers} column first (when
     * {@code withOriginalHeaders}), then the {@code __connect.errors.*} ones.
     */
    public static Column headers(Column reason, Column detail, String pipeline, boolean withOriginalHeaders) {
        Column errorHeaders = array(
                header(Headers.TOPIC, col("topic")),
                header(Headers.PARTITION, col("partition")),
                header(Headers.OFFSET, col("offset")),
                header(Headers.REASON, reason),
                header(Headers.DETAIL, detail),
                header(Headers.PIPELINE, lit(pipeline)));
        return withOriginalHeaders
                ? concat(coalesce(col("headers"), array().cast(HEADERS_TYPE)), errorHeaders)
                : errorHeaders;
    }

    private static Column header(String name, Column value) {
        return struct(lit(name).alias("key"), value.cast("string").cast("binary").alias("value"));
    }
}
