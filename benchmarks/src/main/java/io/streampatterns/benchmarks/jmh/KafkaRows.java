package io.streampatterns.benchmarks.jmh;

import io.streampatterns.harness.conformance.fixtures.AvroToJsonFixture;
import io.streampatterns.harness.data.Event;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.data.InvalidEvents;
import io.streampatterns.patterns.avro.ConfluentWireFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.jdk.javaapi.CollectionConverters;

/**
 * In-memory DataFrames shaped exactly as Spark's Kafka source delivers records ({@code key},
 * {@code value}, {@code topic}, {@code partition}, {@code offset}, {@code timestamp},
 * {@code timestampType}, {@code headers}), generated in two partitions like a 2-partition topic read
 * on local[2] and cached, so a benchmark measures the transform and not Kafka.
 */
public final class KafkaRows {
    public static final StructType HEADERS_ELEMENT = new StructType()
            .add("key", DataTypes.StringType)
            .add("value", DataTypes.BinaryType);
    public static final StructType SCHEMA = new StructType()
            .add("key", DataTypes.BinaryType)
            .add("value", DataTypes.BinaryType)
            .add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType)
            .add("timestamp", DataTypes.TimestampType)
            .add("timestampType", DataTypes.IntegerType)
            .add("headers", DataTypes.createArrayType(HEADERS_ELEMENT));
    private static final int PARTITIONS = 2;

    /** What the records' values hold: the generator's events, encoded one way or another. */
    public enum Values {
        /** The events as JSON. */
        JSON,
        /** The events as JSON, one in {@code invalidEvery} invalid (malformed, mistyped, missing a field, in turn). */
        JSON_WITH_INVALID,
        /** Bare Avro bodies. */
        AVRO,
        /** Avro in the Confluent wire format, schema id {@link AvroToJsonFixture#SCHEMA_ID}. */
        AVRO_WIRE_FORMAT;

        byte[] value(EventGenerator events, InvalidEvents invalid, long seq, int invalidEvery) {
            Event event = events.event(seq);
            return switch (this) {
                case JSON -> event.toJson().getBytes(StandardCharsets.UTF_8);
                case JSON_WITH_INVALID -> (seq % invalidEvery == 0 ? invalid.payload(seq) : event.toJson())
                        .getBytes(StandardCharsets.UTF_8);
                case AVRO -> AvroToJsonFixture.encode(event);
                case AVRO_WIRE_FORMAT -> ConfluentWireFormat.frame(AvroToJsonFixture.SCHEMA_ID, AvroToJsonFixture.encode(event));
            };
        }
    }

    private KafkaRows() {
    }

    /** {@code rows} records (seqs 0..rows-1 of the generator with {@code seed}), keyed by the event's user, cached. */
    public static Dataset<Row> cached(SparkSession spark, long seed, int rows, Values values, int invalidEvery) {
        long now = System.currentTimeMillis();
        MapPartitionsFunction<Long, Row> generate = seqs -> {
            EventGenerator events = new EventGenerator(seed);
            InvalidEvents invalid = new InvalidEvents(events);
            byte[] producedAt = ByteBuffer.allocate(Long.BYTES).putLong(now).array();
            Iterator<Long> it = seqs;
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Row next() {
                    long seq = it.next();
                    return RowFactory.create(events.event(seq).userId().getBytes(StandardCharsets.UTF_8),
                            values.value(events, invalid, seq, invalidEvery), "bench", (int) (seq % PARTITIONS),
                            seq / PARTITIONS, new Timestamp(now), 0, CollectionConverters.asScala(
                                    List.of(RowFactory.create(EventGenerator.PRODUCED_AT_HEADER, producedAt))).toSeq());
                }
            };
        };
        Dataset<Row> frame = spark.range(0, rows, 1, PARTITIONS).as(Encoders.LONG())
                .mapPartitions(generate, Encoders.row(SCHEMA))
                .persist(StorageLevel.MEMORY_ONLY());
        long count = frame.count();
        if (count != rows) {
            throw new IllegalStateException("expected " + rows + " cached rows, got " + count);
        }
        return frame;
    }
}
