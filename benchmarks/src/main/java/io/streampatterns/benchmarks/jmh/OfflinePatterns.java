package io.streampatterns.benchmarks.jmh;

import io.streampatterns.patterns.PatternBuilder;
import io.streampatterns.patterns.avro.AvroToJsonPipeline;
import io.streampatterns.patterns.avro.LocalSchemaSource;
import io.streampatterns.patterns.enrichment.KafkaEnrichmentPipeline;
import org.apache.spark.sql.types.StructType;

/**
 * Patterns built with options that pass their checks and connect to nothing, for the benchmarks
 * that measure a pattern's own per-batch step through its public API ({@code enrich},
 * {@code decode}) rather than a copy of it.
 */
final class OfflinePatterns {
    private OfflinePatterns() {
    }

    /** The enrichment pattern with its defaults (join key, dimension columns, broadcast). */
    static KafkaEnrichmentPipeline enrichment(StructType eventSchema, String dimensionTablePath) {
        return offline(KafkaEnrichmentPipeline.builder(), "bench_enrich").outputTopic("bench_enrich_out")
                .eventSchema(eventSchema).dimensionTablePath(dimensionTablePath).build();
    }

    /** Bare Avro bodies all written with {@code schema}, with a dead letter queue (PERMISSIVE decoding). */
    static AvroToJsonPipeline plainAvro(String schema) {
        return avro().avroSchema(schema).build();
    }

    /** The Confluent wire format, schema id {@code id} known as {@code schema}, read into {@code schema}. */
    static AvroToJsonPipeline wireFormatAvro(int id, String schema) {
        return avro().confluentWireFormat(LocalSchemaSource.of(id, schema)).readerSchema(schema).build();
    }

    private static AvroToJsonPipeline.Builder avro() {
        return offline(AvroToJsonPipeline.builder(), "bench_avro").outputTopic("bench_avro_out").dlqTopic("bench_avro_dlq");
    }

    private static <B extends PatternBuilder<B>> B offline(B builder, String name) {
        return builder.name(name)
                .bootstrapServers("127.0.0.1:9")
                .topic(name + "_in")
                .checkpointLocation(System.getProperty("java.io.tmpdir") + "/" + name + "_unused_checkpoint");
    }
}
