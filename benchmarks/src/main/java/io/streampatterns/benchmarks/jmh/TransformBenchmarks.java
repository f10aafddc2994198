package io.streampatterns.benchmarks.jmh;

import static org.apache.spark.sql.functions.col;

import io.streampatterns.core.dlq.DeadLetters;
import io.streampatterns.core.transform.JsonValueParser;
import io.streampatterns.core.transform.KafkaMetadataColumns;
import io.streampatterns.harness.conformance.fixtures.AvroToJsonFixture;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.spark.LocalSpark;
import io.streampatterns.patterns.avro.AvroToJsonPipeline;
import io.streampatterns.patterns.enrichment.KafkaEnrichmentPipeline;
import io.streampatterns.patterns.validation.SchemaValidationPipeline;
import io.streampatterns.patterns.validation.SchemaValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Each pattern's transform alone, on {@value #ROWS} cached Kafka-shaped rows, run to completion
 * through Spark's {@code noop} sink (every column computed, nothing written): the score is rows per
 * second ({@link OperationsPerInvocation} counts each row as one operation).
 *
 * <p>Why a sink and not {@code count()}: the optimizer prunes columns nothing reads, so a count over
 * a parse would skip the parse. Each benchmark has its own input state, so a fork builds only the
 * input it measures.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(TransformBenchmarks.ROWS)
public class TransformBenchmarks {
    /** Rows per operation; a compile-time constant because {@link OperationsPerInvocation} needs one. */
    public static final int ROWS = 100_000;
    /** One record in 20 is invalid in the validation benchmark's input. */
    static final int INVALID_EVERY = 20;
    /** Rows of the enrichment benchmark's dimension table. */
    public static final int DIMENSION_ROWS = 100_000;
    static final long SEED = 42;

    /** The generator's events as JSON. */
    @State(Scope.Benchmark)
    public static class JsonInput {
        Dataset<Row> rows;

        @Setup(Level.Trial)
        public void setUp() {
            rows = KafkaRows.cached(LocalSpark.session(), SEED, ROWS, KafkaRows.Values.JSON, 0);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            rows.unpersist(true);
        }
    }

    /** Events as JSON, one in {@value #INVALID_EVERY} invalid (malformed, mistyped, missing a field, in turn). */
    @State(Scope.Benchmark)
    public static class ValidationInput {
        Dataset<Row> rows;
        SchemaValidator validator;

        @Setup(Level.Trial)
        public void setUp() {
            rows = KafkaRows.cached(LocalSpark.session(), SEED, ROWS, KafkaRows.Values.JSON_WITH_INVALID, INVALID_EVERY);
            validator = new SchemaValidator(EventGenerator.SCHEMA, SchemaValidationPipeline.DEFAULT_REQUIRED_FIELDS);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            rows.unpersist(true);
        }
    }

    /** Events as JSON, and a {@value #DIMENSION_ROWS}-row Delta dimension holding every user. */
    @State(Scope.Benchmark)
    public static class EnrichmentInput {
        Dataset<Row> rows;
        KafkaEnrichmentPipeline enrichment;
        Path folder;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            SparkSession spark = LocalSpark.session();
            rows = KafkaRows.cached(spark, SEED, ROWS, KafkaRows.Values.JSON, 0);
            folder = Files.createTempDirectory("bench-dimension-");
            String table = folder.resolve("users").toString();
            Dimension.write(spark, table, DIMENSION_ROWS);
            enrichment = OfflinePatterns.enrichment(EventGenerator.SCHEMA, table);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            rows.unpersist(true);
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Events Avro-encoded, bare and in the Confluent wire format (schema id 1). */
    @State(Scope.Benchmark)
    public static class AvroInput {
        Dataset<Row> plainRows;
        Dataset<Row> framedRows;
        AvroToJsonPipeline plain;
        AvroToJsonPipeline wireFormat;

        @Setup(Level.Trial)
        public void setUp() {
            SparkSession spark = LocalSpark.session();
            plainRows = KafkaRows.cached(spark, SEED, ROWS, KafkaRows.Values.AVRO, 0);
            framedRows = KafkaRows.cached(spark, SEED, ROWS, KafkaRows.Values.AVRO_WIRE_FORMAT, 0);
            plain = OfflinePatterns.plainAvro(AvroToJsonFixture.EVENT_SCHEMA);
            wireFormat = OfflinePatterns.wireFormatAvro(AvroToJsonFixture.SCHEMA_ID, AvroToJsonFixture.EVENT_SCHEMA);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            plainRows.unpersist(true);
            framedRows.unpersist(true);
        }
    }

    /** Bronze's parse: JSON value to the event's columns, malformed text kept. */
    @Benchmark
    public void jsonParse(JsonInput in) {
        run(new JsonValueParser(EventGenerator.SCHEMA).apply(in.rows));
    }

    /** Bronze's lineage columns: key as text, topic, partition, offset, Kafka and ingestion timestamps. */
    @Benchmark
    public void kafkaMetadata(JsonInput in) {
        run(new KafkaMetadataColumns().apply(in.rows));
    }

    /**
     * The validation pattern's split, as its foreachBatch does it: classify, persist once, dead
     * letters (with their envelope) to one output, valid records to the other.
     */
    @Benchmark
    public void dlqValidationSplit(ValidationInput in) {
        Dataset<Row> classified = in.validator.apply(in.rows).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            run(DeadLetters.of(classified.filter(col(SchemaValidator.REASON_COLUMN).isNotNull()),
                    col(SchemaValidator.REASON_COLUMN), col(SchemaValidator.DETAIL_COLUMN), "bench_validation"));
            run(classified.filter(col(SchemaValidator.REASON_COLUMN).isNull())
                    .select(col("key"), col("value"), col("headers")));
        } finally {
            classified.unpersist(false);
        }
    }

    /** The enrichment pattern's broadcast LEFT join with a 100,000-row Delta dimension, to JSON. */
    @Benchmark
    public void enrichmentJoin(EnrichmentInput in) {
        run(in.enrichment.enrich(in.rows));
    }

    /** Plain Avro bodies decoded (PERMISSIVE, with dead-letter classification) and written as JSON. */
    @Benchmark
    public void avroDecodePlain(AvroInput in) {
        run(in.plain.decode(in.plainRows));
    }

    /** Confluent wire format: ids collected, schema looked up, bodies decoded, written as JSON. */
    @Benchmark
    public void avroDecodeWireFormat(AvroInput in) {
        run(in.wireFormat.decode(in.framedRows));
    }

    /** Computes every row and column, writes nothing. */
    static void run(Dataset<Row> frame) {
        frame.write().format("noop").mode("overwrite").save();
    }
}
