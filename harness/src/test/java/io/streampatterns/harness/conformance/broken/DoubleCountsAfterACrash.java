package io.streampatterns.harness.conformance.broken;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.window;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streampatterns.harness.conformance.TestRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Broken on purpose: the counts of {@link WindowedCountsJob}, but kept outside Spark's state, as
 * running totals in a JSON file of its own ({@code totals.json} in {@code run.folder()}). Each
 * {@code foreachBatch} counts its batch per window and event type, adds that to the file's totals,
 * rewrites the file, writes the updated totals to the output topic, then calls a slow side effect
 * (as a job refreshing a dashboard would). The file is not rolled back with the checkpoint: a
 * driver killed after a batch's write and before its commit replays the batch on restart, and the
 * batch is added to the totals a second time. The aggregates check must fail it.
 */
public final class DoubleCountsAfterACrash extends WindowedCountsJob {
    private static final Duration SIDE_EFFECT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public StreamingQuery start(TestRun run) throws Exception {
        Path totals = Files.createDirectories(run.folder()).resolve("totals.json");
        Map<String, String> kafka = run.sparkKafkaOptions();
        String topic = run.outputTopic();
        VoidFunction2<Dataset<Row>, Long> writeBatch = (batch, batchId) -> {
            List<String> updated = addToTotals(totals, countsOf(batch));
            batch.sparkSession().createDataset(updated, Encoders.STRING()).toDF("value")
                    .write().format("kafka").options(kafka).option("topic", topic).save();
            Thread.sleep(SIDE_EFFECT.toMillis());
        };
        return KafkaEvents.events(run).writeStream()
                .queryName(run.name())
                .option("checkpointLocation", run.checkpointLocation())
                .trigger(run.sparkTrigger())
                .foreachBatch(writeBatch)
                .start();
    }

    /** This batch's counts, one row per window and event type: event_type, window_start, event_count, amount_sum. */
    private static List<Row> countsOf(Dataset<Row> batch) {
        return batch.groupBy(window(col("event_time"), "1 minute"), col("event_type"))
                .agg(count(lit(1)).as("event_count"), sum("amount").as("amount_sum"))
                .select(col("event_type"), col("window.start"), col("event_count"), col("amount_sum"))
                .collectAsList();
    }

    /**
     * Adds {@code counts} to the running totals in {@code file} and rewrites it (atomically, by a
     * move); returns the updated totals as output records.
     */
    private static List<String> addToTotals(Path file, List<Row> counts) throws IOException {
        ObjectNode totals = Files.exists(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
        List<String> updated = new ArrayList<>();
        for (Row row : counts) {
            String type = row.getString(0);
            String windowStart = row.getTimestamp(1).toInstant().toString();
            ObjectNode total = (ObjectNode) totals.get(type + "@" + windowStart);
            if (total == null) {
                total = totals.putObject(type + "@" + windowStart).put("event_type", type).put("window_start", windowStart)
                        .put("event_count", 0L).put("amount_sum", 0.0);
            }
            total.put("event_count", total.get("event_count").asLong() + row.getLong(2));
            total.put("amount_sum", total.get("amount_sum").asDouble() + (row.isNullAt(3) ? 0 : row.getDouble(3)));
            updated.add(JSON.writeValueAsString(total));
        }
        Path next = file.resolveSibling(file.getFileName() + ".next");
        JSON.writeValue(next.toFile(), totals);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return updated;
    }
}
