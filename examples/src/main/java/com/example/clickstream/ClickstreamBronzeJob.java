package com.example.clickstream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.json_object_keys;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A team's clickstream job, written with Spark's API alone: JSON click events from a Kafka topic
 * into a bronze Delta table with their Kafka coordinates; a record that does not parse goes to a
 * dead letter topic as a JSON document of the team's own ({@code error_code}, {@code error},
 * {@code topic}, {@code partition}, {@code offset}, {@code payload}).
 *
 * <p>Each micro-batch is written in {@code foreachBatch}: the Delta append carries the batch id as
 * {@code txnVersion}, so a batch replayed after a crash is not appended twice; the dead letters are
 * a plain Kafka write, so a replayed batch may repeat them.
 */
public final class ClickstreamBronzeJob {

    /** The click events' fields. */
    public static final StructType EVENT = StructType.fromDDL(
            "event_id STRING, user_id STRING, event_type STRING, priority STRING, amount DOUBLE, "
                    + "event_time TIMESTAMP, seq BIGINT");

    /** Error codes on the dead letter topic. */
    public static final String UNPARSEABLE = "UNPARSEABLE";
    public static final String BAD_FIELD = "BAD_FIELD";
    public static final String NO_EVENT_ID = "NO_EVENT_ID";

    private static final String CORRUPT = "_corrupt_record";

    /**
     * What the job needs to run.
     *
     * @param kafka Spark's Kafka options for the cluster ({@code kafka.bootstrap.servers}, {@code kafka.security.protocol}, ...)
     * @param topic the topic of click events
     * @param table the bronze Delta table's path
     * @param deadLetterTopic where records that do not parse go
     * @param checkpoint the query's checkpoint location
     * @param trigger how often a micro-batch starts
     * @param maxOffsetsPerTrigger the most records one micro-batch reads
     * @param jobName the query's name, also the Delta transaction id of its appends
     */
    public record Settings(Map<String, String> kafka, String topic, String table, String deadLetterTopic,
                           String checkpoint, Trigger trigger, long maxOffsetsPerTrigger, String jobName) {
    }

    private ClickstreamBronzeJob() {
    }

    /** Starts the job; it runs until the returned query is stopped. */
    public static StreamingQuery start(SparkSession spark, Settings settings) throws TimeoutException {
        Dataset<Row> records = spark.readStream().format("kafka").options(settings.kafka())
                .option("subscribe", settings.topic())
                .option("startingOffsets", "earliest")
                .option("maxOffsetsPerTrigger", settings.maxOffsetsPerTrigger())
                .load()
                .select(col("topic"), col("partition"), col("offset"), col("value").cast("string").as("payload"));
        Column event = from_json(col("payload"), EVENT.add(CORRUPT, DataTypes.StringType),
                Map.of("columnNameOfCorruptRecord", CORRUPT));
        Dataset<Row> checked = records.withColumn("event", event).withColumn("error_code", errorCode(col("payload")));
        VoidFunction2<Dataset<Row>, Long> writeBatch = (batch, batchId) -> write(batch, batchId, settings);
        return checked.writeStream()
                .queryName(settings.jobName())
                .option("checkpointLocation", settings.checkpoint())
                .trigger(settings.trigger())
                .foreachBatch(writeBatch)
                .start();
    }

    /** Why a payload cannot go to bronze; null when it can. */
    private static Column errorCode(Column payload) {
        return when(json_object_keys(payload).isNull(), lit(UNPARSEABLE))
                .when(col("event." + CORRUPT).isNotNull(), lit(BAD_FIELD))
                .when(col("event.event_id").isNull(), lit(NO_EVENT_ID));
    }

    private static void write(Dataset<Row> batch, long batchId, Settings settings) {
        Dataset<Row> checked = batch.persist();
        try {
            checked.filter(col("error_code").isNull())
                    .select(col("event.*"), col("partition").as("kafka_partition"), col("offset").as("kafka_offset"),
                            current_timestamp().as("ingested_at"))
                    .drop(CORRUPT)
                    .write().format("delta").mode("append")
                    .option("txnAppId", settings.jobName())
                    .option("txnVersion", batchId)
                    .save(settings.table());
            checked.filter(col("error_code").isNotNull())
                    .select(to_json(struct(col("error_code"), errorMessage().as("error"), col("topic"),
                            col("partition"), col("offset"), col("payload"))).as("value"))
                    .write().format("kafka").options(settings.kafka())
                    .option("topic", settings.deadLetterTopic())
                    .save();
        } finally {
            checked.unpersist();
        }
    }

    private static Column errorMessage() {
        return when(col("error_code").equalTo(UNPARSEABLE), lit("the value is not a JSON object"))
                .when(col("error_code").equalTo(BAD_FIELD), lit("a field does not fit " + EVENT.simpleString()))
                .otherwise(lit("event_id is missing"));
    }
}
