package io.streampatterns.patterns.avro;

import static org.apache.spark.sql.avro.functions.from_avro;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.streampatterns.core.Transform;
import io.streampatterns.core.dlq.DeadLetters;
import io.streampatterns.core.dlq.DlqReason;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Avro → JSON in Real-Time Mode, in one Kafka write: each record becomes a row for the output topic
 * (its JSON) or for the dead letter topic (a dead letter), chosen by a {@code topic} column.
 *
 * <p>Records are first resolved to the reader schema on the executors ({@link AvroBodyResolver}),
 * then read by one {@code from_avro} with the reader schema, so the JSON is the micro-batch
 * pattern's, field for field. The same {@link AvroSchemas#DECODED_MARKER} catches the rare body Avro
 * reads but Spark cannot convert.
 */
final class RealTimeAvroDecoding {
    private static final String RESOLVED = "__resolved";
    private static final String DECODED = "__decoded";

    private final AvroBodyResolver resolver;
    private final String readerSchema;
    private final Map<String, String> jsonOptions;

    RealTimeAvroDecoding(SchemaSource schemas, String fixedWriterSchema, String readerSchema, Map<String, String> jsonOptions) {
        this.resolver = new AvroBodyResolver(schemas, fixedWriterSchema, readerSchema);
        this.readerSchema = readerSchema;
        this.jsonOptions = Map.copyOf(jsonOptions);
    }

    /**
     * {@link AvroToJsonPipeline#REASON_COLUMN} and {@link AvroToJsonPipeline#DETAIL_COLUMN}: raw
     * Kafka rows with {@code json} (null for a tombstone and a rejected record), the reason and the
     * detail added; {@code value} stays the raw bytes, which a dead letter carries.
     */
    Dataset<Row> classify(Dataset<Row> raw) {
        UserDefinedFunction resolve = udf(resolver, AvroBodyResolver.RESULT_TYPE);
        Column body = col(RESOLVED).getField("body");
        Column decoded = from_avro(body, readerSchema,
                Map.of("mode", "PERMISSIVE", "avroSchema", AvroSchemas.withDecodedMarker(readerSchema)));
        Column notConverted = body.isNotNull().and(col(DECODED).getField(AvroSchemas.DECODED_MARKER).isNull());
        Column reason = when(notConverted, lit(DlqReason.DESERIALIZATION_FAILED.name()))
                .otherwise(col(RESOLVED).getField("reason"));
        Column detail = when(notConverted, lit("Avro decodes it, but Spark could not convert it to the reader schema's types"))
                .otherwise(col(RESOLVED).getField("detail"));
        Column json = when(body.isNull().or(reason.isNotNull()), lit(null).cast(DataTypes.StringType))
                .otherwise(org.apache.spark.sql.functions.to_json(col(DECODED).dropFields(
                        scala.jdk.javaapi.CollectionConverters.asScala(List.of(AvroSchemas.DECODED_MARKER)).toSeq()),
                        jsonOptions));
        return raw.withColumn(RESOLVED, resolve.apply(col("value")))
                .withColumn(DECODED, decoded)
                .withColumn(AvroToJsonPipeline.REASON_COLUMN, reason)
                .withColumn(AvroToJsonPipeline.DETAIL_COLUMN, detail)
                .withColumn("json", json);
    }

    /** What {@link AvroToJsonPipeline#decode} shows: key, JSON value, headers, reason and detail. */
    Transform decode() {
        return raw -> classify(raw).select(col("key"), col("json").alias("value"), col("headers"),
                col(AvroToJsonPipeline.REASON_COLUMN), col(AvroToJsonPipeline.DETAIL_COLUMN));
    }

    /** The pipeline's step: rows for the Kafka sink, {@code topic}, {@code key}, {@code value}, {@code headers}. */
    Transform toTopics(String outputTopic, String dlqTopic, String pipelineName) {
        return raw -> DeadLetters.orDeadLetter(classify(raw), col("json"), outputTopic,
                col(AvroToJsonPipeline.REASON_COLUMN), col(AvroToJsonPipeline.DETAIL_COLUMN), dlqTopic, pipelineName);
    }
}
