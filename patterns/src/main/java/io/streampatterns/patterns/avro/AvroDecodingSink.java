package io.streampatterns.patterns.avro;

import static org.apache.spark.sql.avro.functions.from_avro;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.streampatterns.core.Checkpoint;
import io.streampatterns.core.DlqPolicy;
import io.streampatterns.core.Sink;
import io.streampatterns.core.dlq.DeadLetters;
import io.streampatterns.core.dlq.DlqReason;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.patterns.OutputWithDeadLetters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * Decodes each micro-batch of raw Kafka records from Avro, writes the records that decode as JSON
 * to the output topic, and the others, with their reason, to the dead letter queue.
 *
 * <p><b>Why foreachBatch, with one {@code from_avro} per schema id in the batch.</b> Each
 * {@code from_avro} is bound to one writer schema when the plan is built, so a query routing by
 * id with {@code when(id = 1, from_avro(body, schema1))...} knows only the ids it was started with:
 * a producer registering a new schema version would send every later record to the dead letter
 * queue until a restart. Here every micro-batch first collects its distinct ids (a small query
 * over the cached batch), asks the {@link SchemaSource} about the new ones, and builds the
 * {@code when} chain for exactly those. A dead letter queue needs foreachBatch anyway: rejected
 * records are a second write.
 *
 * <p><b>Schema evolution.</b> Each body is decoded with its writer schema and read into the one
 * reader schema ({@code from_avro}'s {@code avroSchema} option: Avro's resolution, which fills
 * added fields with their defaults, drops removed ones and widens types), so every branch has the
 * same type and the output JSON one shape. A writer schema that the reader cannot read
 * (by Avro's rules) is found once, on the driver, and its records go to the dead letter queue
 * instead of failing the query.
 *
 * <p><b>PERMISSIVE, not FAILFAST.</b> FAILFAST fails the whole query on the first body that does not
 * decode; it fails again on the same record after every restart, a poison pill. PERMISSIVE gives a
 * struct of nulls instead (Spark 4: not a null struct), which {@link AvroSchemas#DECODED_MARKER}
 * tells from a record whose fields are all null; the cause is then found for those records only by
 * decoding again with Avro itself, for the dead letter's detail.
 */
final class AvroDecodingSink implements Sink {
    static final String DECODED = "__decoded";
    static final String REASON = "__dlq_reason";
    static final String DETAIL = "__dlq_detail";

    private final String pipeline;
    private final KafkaSink output;
    private final DlqPolicy dlq;
    /** Null unless exactly once: then the JSON records and the dead letters go through it, together. */
    private final OutputWithDeadLetters transactional;
    private final SchemaSource schemas;
    private final String fixedWriterSchema;
    private final String readerSchema;
    private final Map<String, String> jsonOptions;
    private final Map<Long, Resolution> resolved = new ConcurrentHashMap<>();

    /** What is known about a schema id: the writer schema to decode with, or why its records are rejected. */
    private record Resolution(String writerSchema, DlqReason reason, String detail) {
    }

    /**
     * @param schemas where framed records' writer schemas are found; null for unframed records all
     *     written with {@code fixedWriterSchema}
     */
    AvroDecodingSink(String pipeline, KafkaSink output, DlqPolicy dlq, OutputWithDeadLetters transactional,
                     SchemaSource schemas, String fixedWriterSchema, String readerSchema, Map<String, String> jsonOptions) {
        this.pipeline = pipeline;
        this.output = output;
        this.dlq = dlq;
        this.transactional = transactional;
        this.schemas = schemas;
        this.fixedWriterSchema = fixedWriterSchema;
        this.readerSchema = readerSchema;
        this.jsonOptions = Map.copyOf(jsonOptions);
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>(output.validate());
        if (dlq == null) {
            problems.add("dlq: expected a dead letter queue (dlqTopic or dlq), got none");
        } else {
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
        return writer.foreachBatch((VoidFunction2<Dataset<Row>, Long>) this::write).start();
    }

    /**
     * Decodes one micro-batch, then writes the decoded records and the dead letters: one after the
     * other (at least once), or together in Kafka transactions (exactly once).
     */
    void write(Dataset<Row> batch, long batchId) {
        Dataset<Row> raw = batch.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> classified = classify(raw);
            Dataset<Row> decoded = classified.filter(col(REASON).isNull()).select(written(classified, json()));
            Dataset<Row> deadLetters = DeadLetters.of(classified.filter(col(REASON).isNotNull()), col(REASON), col(DETAIL), pipeline);
            if (transactional != null) {
                transactional.write(decoded, deadLetters, batchId);
                return;
            }
            output.writeBatch(decoded);
            dlq.send(deadLetters);
        } finally {
            raw.unpersist();
        }
    }

    /** See {@link AvroToJsonPipeline#decode}: what {@link #write} makes of a batch, in one DataFrame. */
    Dataset<Row> decode(Dataset<Row> raw) {
        Dataset<Row> classified = classify(raw);
        List<Column> columns = new ArrayList<>(Arrays.asList(written(classified, when(col(REASON).isNull(), json()))));
        columns.add(col(REASON).alias(AvroToJsonPipeline.REASON_COLUMN));
        columns.add(col(DETAIL).alias(AvroToJsonPipeline.DETAIL_COLUMN));
        return classified.select(columns.toArray(Column[]::new));
    }

    /** The decoded record as JSON; null for a tombstone, which stays one. */
    private Column json() {
        return when(col("value").isNull(), lit(null).cast(DataTypes.StringType))
                .otherwise(org.apache.spark.sql.functions.to_json(col(DECODED).dropFields(
                        scala.jdk.javaapi.CollectionConverters.asScala(List.of(AvroSchemas.DECODED_MARKER)).toSeq()),
                        jsonOptions));
    }

    /** An output record's columns: the key, {@code value}, and the headers when the source reads them. */
    private static Column[] written(Dataset<Row> classified, Column value) {
        List<Column> columns = new ArrayList<>(List.of(col("key"), value.alias("value")));
        if (Arrays.asList(classified.columns()).contains("headers")) {
            columns.add(col("headers"));
        }
        return columns.toArray(Column[]::new);
    }

    /** Adds the decoded struct, and the reason and detail of each record that must be rejected (null for the others). */
    Dataset<Row> classify(Dataset<Row> raw) {
        String reader = AvroSchemas.withDecodedMarker(readerSchema);
        Column value = col("value");
        if (schemas == null) {
            Column decoded = from_avro(value, fixedWriterSchema, decodeOptions(reader));
            Column failed = value.isNotNull().and(decoded.getField(AvroSchemas.DECODED_MARKER).isNull());
            return raw.withColumn(DECODED, decoded)
                    .withColumn(REASON, when(failed, lit(DlqReason.DESERIALIZATION_FAILED.name())))
                    .withColumn(DETAIL, when(failed, concat(lit("the Avro body does not decode with the given schema: "),
                            explain(value, lit(fixedWriterSchema)))));
        }
        Column framed = ConfluentWireFormat.isFramed(value);
        Column id = ConfluentWireFormat.schemaId(value);
        Column body = ConfluentWireFormat.body(value);
        Map<Long, Resolution> ids = resolve(raw.filter(framed).select(id.alias("id")).distinct().collectAsList());

        Column decoded = null;
        Column writerSchema = lit(null).cast(DataTypes.StringType);
        Column unknown = lit(false);
        Column unreadable = lit(false);
        Column unreadableDetail = lit(null).cast(DataTypes.StringType);
        for (Map.Entry<Long, Resolution> entry : ids.entrySet()) {
            Column isThis = id.equalTo(lit(entry.getKey()));
            Resolution resolution = entry.getValue();
            if (resolution.writerSchema() != null) {
                Column branch = from_avro(body, resolution.writerSchema(), decodeOptions(reader));
                decoded = decoded == null ? when(isThis, branch) : decoded.when(isThis, branch);
                writerSchema = when(isThis, lit(resolution.writerSchema())).otherwise(writerSchema);
            } else if (resolution.reason() == DlqReason.UNKNOWN_SCHEMA_ID) {
                unknown = unknown.or(isThis);
            } else {
                unreadable = unreadable.or(isThis);
                unreadableDetail = when(isThis, lit(resolution.detail())).otherwise(unreadableDetail);
            }
        }
        // Typed even when no id in the batch can be decoded, so that the marker can be looked up.
        Column decodedOrNull = decoded != null ? when(framed, decoded) : lit(null).cast(readerType(reader));
        Column notDecoded = decodedOrNull.getField(AvroSchemas.DECODED_MARKER).isNull();
        Column unknownDetail = concat(lit("schema id "), id.cast("string"), lit(" is not known to " + schemas));
        Column notFramedDetail = concat(lit("not in the Confluent wire format: expected magic byte 0 and a 4-byte"
                + " schema id before the Avro body, got "), length(value).cast("string"), lit(" bytes starting 0x"),
                ConfluentWireFormat.firstBytesHex(value));
        Column decodeDetail = concat(lit("the Avro body does not decode with writer schema id "), id.cast("string"),
                lit(": "), explain(body, writerSchema));

        String failed = DlqReason.DESERIALIZATION_FAILED.name();
        Column reason = when(value.isNull(), lit(null))
                .when(not(framed), lit(failed))
                .when(unknown, lit(DlqReason.UNKNOWN_SCHEMA_ID.name()))
                .when(unreadable, lit(failed))
                .when(notDecoded, lit(failed));
        Column detail = when(value.isNull(), lit(null))
                .when(not(framed), notFramedDetail)
                .when(unknown, unknownDetail)
                .when(unreadable, unreadableDetail)
                .when(notDecoded, decodeDetail);
        return raw.withColumn(DECODED, decodedOrNull).withColumn(REASON, reason.cast(DataTypes.StringType))
                .withColumn(DETAIL, detail.cast(DataTypes.StringType));
    }

    /** What is known about each id, asking the schema source about the ids not seen before. */
    private Map<Long, Resolution> resolve(List<Row> idRows) {
        Map<Long, Resolution> ids = new LinkedHashMap<>();
        for (Row row : idRows) {
            long id = row.getLong(0);
            Resolution known = resolved.get(id);
            if (known == null) {
                known = lookUp(id);
                if (known.reason() != DlqReason.UNKNOWN_SCHEMA_ID) {
                    resolved.put(id, known);
                }
            }
            ids.put(id, known);
        }
        return ids;
    }

    private Resolution lookUp(long id) {
        Optional<String> writer = id > Integer.MAX_VALUE ? Optional.empty() : schemas.schema((int) id);
        if (writer.isEmpty()) {
            return new Resolution(null, DlqReason.UNKNOWN_SCHEMA_ID, null);
        }
        Schema writerSchema;
        try {
            writerSchema = AvroSchemas.parse(writer.get());
        } catch (RuntimeException e) {
            return new Resolution(null, DlqReason.DESERIALIZATION_FAILED,
                    "writer schema id " + id + " from " + schemas + " does not parse: " + e.getMessage());
        }
        Optional<String> incompatible = AvroSchemas.incompatibility(AvroSchemas.parse(readerSchema), writerSchema);
        if (incompatible.isPresent()) {
            return new Resolution(null, DlqReason.DESERIALIZATION_FAILED,
                    "writer schema id " + id + " cannot be read as the reader schema: " + incompatible.get());
        }
        return new Resolution(writer.get(), null, null);
    }

    private static Map<String, String> decodeOptions(String reader) {
        return Map.of("mode", "PERMISSIVE", "avroSchema", reader);
    }

    private static org.apache.spark.sql.types.DataType readerType(String reader) {
        return org.apache.spark.sql.avro.SchemaConverters.toSqlType(AvroSchemas.parse(reader)).dataType();
    }

    /** Avro's own error for a body that did not decode: evaluated for rejected records only. */
    private Column explain(Column body, Column writerSchemaJson) {
        UserDefinedFunction diagnose = udf(new AvroDecodeDiagnosis(readerSchema), DataTypes.StringType);
        return diagnose.apply(body, writerSchemaJson);
    }

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return transactional != null ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE;
    }

    @Override
    public String toString() {
        return "AvroDecodingSink(" + (transactional != null ? "exactly once through " + transactional
                : output + ", dead letters to " + dlq) + ")";
    }
}
