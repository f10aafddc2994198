package io.streampatterns.harness.conformance.broken;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;

import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.harness.data.EventGenerator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The source of every job in this package, as a team would write it: the run's input topic from
 * the earliest offset, capped per batch when the run asks for a cap.
 */
final class KafkaEvents {

    private KafkaEvents() {
    }

    /** The input topic's records as Spark's Kafka source gives them: key, value, partition, offset, ... */
    static Dataset<Row> records(TestRun run) {
        return run.spark().readStream().format("kafka").options(KafkaSourceOptions.of(run)).load();
    }

    /** The input events parsed with {@link EventGenerator#SCHEMA}, with their source partition and offset. */
    static Dataset<Row> events(TestRun run) {
        return records(run)
                .select(from_json(col("value").cast("string"), EventGenerator.SCHEMA).as("event"), col("partition"), col("offset"))
                .select("event.*", "partition", "offset");
    }
}
