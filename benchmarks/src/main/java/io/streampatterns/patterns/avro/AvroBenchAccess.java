package io.streampatterns.patterns.avro;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The Avro pattern's own decoding step, for the JMH benchmark: the classification that
 * {@link AvroDecodingSink} runs on each micro-batch, then the JSON it writes for decoded records.
 * Lives in the pattern's package, in the benchmarks module, so the pattern exposes nothing.
 */
public final class AvroBenchAccess {
    private final AvroDecodingSink sink;

    private AvroBenchAccess(AvroDecodingSink sink) {
        this.sink = sink;
    }

    /** Bare Avro bodies all written with {@code schema}, with a dead letter queue (PERMISSIVE decoding). */
    public static AvroBenchAccess plain(String schema) {
        return new AvroBenchAccess(sinkOf(builder().avroSchema(schema)));
    }

    /** The Confluent wire format, schema id {@code id} known as {@code schema}, read into {@code schema}. */
    public static AvroBenchAccess wireFormat(int id, String schema) {
        return new AvroBenchAccess(sinkOf(builder().confluentWireFormat(LocalSchemaSource.of(id, schema))
                .readerSchema(schema)));
    }

    /**
     * Raw Kafka rows in; key, the decoded record as JSON, and each row's dead-letter reason and detail
     * (null for a record that decoded) out: the work of a micro-batch before it is written.
     */
    public Dataset<Row> decode(Dataset<Row> raw) {
        Dataset<Row> classified = sink.classify(raw);
        return classified.select(col("key"),
                to_json(col(AvroDecodingSink.DECODED).dropFields(
                        scala.jdk.javaapi.CollectionConverters.asScala(List.of(AvroSchemas.DECODED_MARKER)).toSeq()),
                        AvroToJsonPipeline.JSON_OPTIONS).alias("value"),
                col(AvroDecodingSink.REASON), col(AvroDecodingSink.DETAIL));
    }

    /** Options that pass the builder's checks; nothing is connected to. */
    private static AvroToJsonPipeline.Builder builder() {
        return AvroToJsonPipeline.builder()
                .name("bench_avro")
                .bootstrapServers("127.0.0.1:9")
                .inputTopic("bench_avro_in")
                .outputTopic("bench_avro_out")
                .deadLetterTopic("bench_avro_dlq")
                .checkpointLocation(System.getProperty("java.io.tmpdir") + "/bench_avro_unused_checkpoint");
    }

    private static AvroDecodingSink sinkOf(AvroToJsonPipeline.Builder builder) {
        return (AvroDecodingSink) builder.build().pipeline().sink();
    }
}
