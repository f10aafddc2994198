package io.streampatterns.benchmarks.e2e;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.try_parse_json;
import static org.apache.spark.sql.functions.variant_get;
import static org.apache.spark.sql.functions.when;

import io.streampatterns.core.Pipeline;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.delta.DeltaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.core.kafka.StartingOffsets;
import io.streampatterns.core.transform.KafkaMetadataColumns;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.patterns.bronze.BronzeIngestionPipeline;
import java.time.Duration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The ways to land Kafka events in a bronze Delta table that the benchmark compares, each with the
 * silver query a reader would run over it. Every layout keeps the Kafka coordinates (topic,
 * partition, offset, timestamp) and reads the same backlog at the same cap; this project's layouts
 * write as bronze writes ({@link BronzeIngestionPipeline#tableSink}), the seeds' code through Delta's
 * streaming sink as written; they differ in what they do with the value:
 * <ul>
 *   <li>{@link #SEED}: the seeds' code as written ({@code from_json(...).alias("data")} then
 *       {@code data.*}, {@code current_timestamp()}, {@code minPartitions=6}): the baseline a team
 *       starts from. A value that is not JSON becomes a row of nulls.</li>
 *   <li>{@link #TYPED}: this project's {@link BronzeIngestionPipeline}: typed columns, the raw text of
 *       a malformed value kept in {@code _malformed_value}.</li>
 *   <li>{@link #VARIANT}: the value parsed once into a VARIANT column ({@code try_parse_json}): any
 *       shape lands, fields are typed when read, and Delta can shred it later; a value that is not
 *       JSON is kept as text.</li>
 *   <li>{@link #RAW}: the value's bytes as they came; all parsing is left to silver.</li>
 * </ul>
 * The silver query is the same question for all: count and total amount of the high-priority
 * events per event type; its answers must agree, which proves the layouts hold the same data.
 */
public enum BronzeLayout {
    SEED("the seeds' code as written") {
        @Override
        Pipeline build(BenchEnvironment env, String name, String input, String table, long cap) {
            KafkaSource source = source(env, input, cap).minPartitions(6).build();
            return pipeline(name, env, source, DeltaSink.toPath(table), rows -> rows.select(
                    col("key").cast("string").alias("key"),
                    from_json(col("value").cast("string"), EventGenerator.SCHEMA).alias("data"),
                    col("topic"), col("partition"), col("offset"),
                    col("timestamp").alias("kafka_timestamp"),
                    current_timestamp().alias("ingestion_timestamp"))
                    .select("key", "data.*", "topic", "partition", "offset", "kafka_timestamp", "ingestion_timestamp"));
        }
    },
    TYPED("typed columns (BronzeIngestionPipeline)") {
        @Override
        Pipeline build(BenchEnvironment env, String name, String input, String table, long cap) {
            return typed(env, name, input, cap).tablePath(table).build().pipeline();
        }
    },
    VARIANT("one VARIANT column (try_parse_json)") {
        @Override
        Pipeline build(BenchEnvironment env, String name, String input, String table, long cap) {
            return pipeline(name, env, source(env, input, cap).build(), table, rows -> {
                Dataset<Row> kafka = new KafkaMetadataColumns().apply(rows);
                Column text = col("value").cast("string");
                Column event = try_parse_json(text);
                return kafka.select(col("key"), event.alias("event"),
                        when(event.isNull().and(col("value").isNotNull()), text).alias("_malformed_value"),
                        col("topic"), col("partition"), col("offset"), col("kafka_timestamp"), col("ingestion_timestamp"));
            });
        }

        @Override
        Dataset<Row> silver(SparkSession spark, String table) {
            Column event = col("event");
            return highPriorityTotals(delta(spark, table).select(
                    variant_get(event, "$.event_type", "string").alias("event_type"),
                    variant_get(event, "$.priority", "string").alias("priority"),
                    variant_get(event, "$.amount", "double").alias("amount")));
        }
    },
    RAW("raw value bytes, parsed in silver") {
        @Override
        Pipeline build(BenchEnvironment env, String name, String input, String table, long cap) {
            return pipeline(name, env, source(env, input, cap).build(), table, rows -> new KafkaMetadataColumns().apply(rows));
        }

        @Override
        Dataset<Row> silver(SparkSession spark, String table) {
            return typedSilver(delta(spark, table)
                    .select(from_json(col("value").cast("string"), EventGenerator.SCHEMA).alias("e")).select("e.*"));
        }
    };

    private final String label;

    BronzeLayout(String label) {
        this.label = label;
    }

    /** For people: "one VARIANT column (try_parse_json)". */
    public String label() {
        return label;
    }

    /** The run's id in reports: {@code layout_variant}. */
    public String id() {
        return "layout_" + name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The pipeline landing {@code input} in {@code table}, at most {@code cap} records a batch, as fast as batches end. */
    abstract Pipeline build(BenchEnvironment env, String name, String input, String table, long cap);

    /**
     * The typed layout as it was before its fixed cost was cut: Delta's streaming sink, and the
     * table's checkpoint interval left at Delta's default. The baseline the cut is measured against.
     */
    static Pipeline typedWithDeltaDefaults(BenchEnvironment env, String name, String input, String table, long cap) {
        return typed(env, name, input, cap).table(DeltaSink.toPath(table).streaming()).build().pipeline();
    }

    /** {@link BronzeIngestionPipeline} over {@code input} as fast as batches complete, its table still to be given. */
    private static BronzeIngestionPipeline.Builder typed(BenchEnvironment env, String name, String input, long cap) {
        BronzeIngestionPipeline.Builder bronze = BronzeIngestionPipeline.builder()
                .name(name)
                .bootstrapServers(env.kafka().bootstrapServers())
                .topic(input)
                .eventSchema(EventGenerator.SCHEMA)
                .maxOffsetsPerTrigger(cap)
                .trigger(TriggerPolicy.processingTime(Duration.ZERO))
                .checkpointLocation(env.workspace().checkpointPath(name));
        env.kafka().clientProperties().forEach(bronze::kafkaOption);
        return bronze;
    }

    /**
     * The silver question over {@code table}: event_type, events and total amount of the high-priority
     * events; over typed columns unless the layout stores the event otherwise.
     */
    Dataset<Row> silver(SparkSession spark, String table) {
        return typedSilver(delta(spark, table));
    }

    private static KafkaSource.Builder source(BenchEnvironment env, String input, long cap) {
        KafkaSource.Builder source = KafkaSource.builder().bootstrapServers(env.kafka().bootstrapServers()).subscribe(input)
                .startingOffsets(StartingOffsets.earliest()).maxOffsetsPerTrigger(cap);
        env.kafka().clientProperties().forEach(source::kafkaOption);
        return source;
    }

    /** A layout of this project's: written as bronze writes its table, so that only what is stored differs. */
    private static Pipeline pipeline(String name, BenchEnvironment env, KafkaSource source, String table,
                                     io.streampatterns.core.Transform transform) {
        return pipeline(name, env, source, BronzeIngestionPipeline.tableSink(table), transform);
    }

    private static Pipeline pipeline(String name, BenchEnvironment env, KafkaSource source, DeltaSink table,
                                     io.streampatterns.core.Transform transform) {
        return Pipeline.builder(name).source(source).transform(transform).sink(table)
                .trigger(TriggerPolicy.processingTime(Duration.ZERO))
                .checkpointLocation(env.workspace().checkpointPath(name)).build();
    }

    private static Dataset<Row> delta(SparkSession spark, String table) {
        return spark.read().format("delta").load(table);
    }

    private static Dataset<Row> typedSilver(Dataset<Row> events) {
        return highPriorityTotals(events.select(col("event_type"), col("priority"), col("amount")));
    }

    private static Dataset<Row> highPriorityTotals(Dataset<Row> events) {
        return events.filter(col("priority").equalTo("high")).groupBy("event_type")
                .agg(count("*").alias("events"), round(sum("amount"), 2).alias("amount")).orderBy("event_type");
    }
}
