package io.streampatterns.harness.conformance;

import io.streampatterns.harness.kafka.KafkaEndpoint;
import io.streampatterns.harness.kafka.TopicReader;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * End-to-end latency of records, from when the harness's producer sent them to when they became
 * visible in the output, in milliseconds, for records with {@code seq >= fromSeq}.
 */
public final class LatencyProbe {
    private LatencyProbe() {
    }

    /**
     * Kafka output: the output record's timestamp minus the input record's, matched by seq.
     *
     * @param inputSeq reads the seq of an input value (input formats differ; output is JSON)
     */
    public static long[] kafka(KafkaEndpoint kafka, String inputTopic, String outputTopic, long fromSeq,
                               java.util.function.ToLongFunction<byte[]> inputSeq) {
        Map<Long, Long> sentAt = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> in : TopicReader.readAll(kafka, inputTopic)) {
            long seq = inputSeq.applyAsLong(in.value());
            if (seq >= fromSeq) {
                sentAt.put(seq, in.timestamp());
            }
        }
        return TopicReader.readAll(kafka, outputTopic).stream()
                .filter(out -> sentAt.containsKey(OutputReaders.jsonSeq(out.value())))
                .mapToLong(out -> out.timestamp() - sentAt.get(OutputReaders.jsonSeq(out.value())))
                .toArray();
    }

    /**
     * Delta output: the end of the micro-batch that committed the row minus its Kafka timestamp.
     * A row's {@code ingestion_timestamp} is its batch's start time, which names the batch.
     */
    public static long[] delta(SparkSession spark, String table, List<StreamingQueryProgress> progress, long fromSeq) {
        long[][] batches = progress.stream()
                .map(p -> new long[] {Instant.parse(p.timestamp()).toEpochMilli(),
                        p.durationMs().getOrDefault("triggerExecution", 0L)})
                .toArray(long[][]::new);
        List<Row> rows = spark.read().format("delta").load(table)
                .filter("seq >= " + fromSeq)
                .selectExpr("unix_millis(kafka_timestamp)", "unix_millis(ingestion_timestamp)")
                .collectAsList();
        return rows.stream().mapToLong(row -> {
            long[] batch = nearest(batches, row.getLong(1));
            return batch[0] + batch[1] - row.getLong(0);
        }).toArray();
    }

    private static long[] nearest(long[][] batches, long start) {
        long[] best = {start, 0};
        for (long[] batch : batches) {
            if (Math.abs(batch[0] - start) < Math.abs(best[0] - start) || best[1] == 0) {
                best = batch;
            }
        }
        return best;
    }

    /** The {@code q}-th percentile (0..100) of {@code values}, nearest rank. */
    public static long percentile(long[] values, double q) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

}
