package io.streampatterns.harness.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.streampatterns.harness.kafka.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.Row;

/**
 * End-to-end latency of records, from when the kit's producer sent them (the input record's
 * timestamp) to when they became visible in the output, in milliseconds, for input records with
 * {@code seq >= fromSeq}. It needs nothing from the pipeline but its output location.
 */
public final class LatencyProbe {
    private LatencyProbe() {
    }

    /** The latency of every output record of {@code run} that leads back to an input with {@code seq >= fromSeq}. */
    public static long[] measure(PipelineUnderTest pipeline, TestRun run, long fromSeq) {
        Map<Long, Long> sentAt = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> in : TopicReader.readAll(run.environment().kafka(), run.inputTopic())) {
            long seq = pipeline.inputSeq(in.value());
            if (seq >= fromSeq) {
                sentAt.put(seq, in.timestamp());
            }
        }
        OutputLocation output = pipeline.output(run);
        return output instanceof OutputLocation.DeltaTable table ? delta(run, table, sentAt)
                : kafka(run, (OutputLocation.KafkaTopic) output, sentAt);
    }

    /** Kafka output: the output record's timestamp (when the sink wrote it) minus the input's. */
    private static long[] kafka(TestRun run, OutputLocation.KafkaTopic topic, Map<Long, Long> sentAt) {
        return TopicReader.readAll(run.environment().kafka(), topic.topic()).stream()
                .filter(out -> sentAt.containsKey(topic.lineage().seqOf(out)))
                .mapToLong(out -> out.timestamp() - sentAt.get(topic.lineage().seqOf(out)))
                .toArray();
    }

    /**
     * Delta output: the commit time of the table version that added the row's data file (from the
     * transaction log) minus the input's timestamp: the moment a reader could first see the row.
     */
    private static long[] delta(TestRun run, OutputLocation.DeltaTable table, Map<Long, Long> sentAt) {
        Map<String, Long> committedAt = commitTimeByFile(Path.of(table.path(), "_delta_log"));
        List<Row> rows = run.spark().read().format("delta").load(table.path())
                .selectExpr("cast(" + table.seqColumn() + " as long)", "_metadata.file_name")
                .collectAsList();
        return rows.stream()
                .filter(row -> !row.isNullAt(0) && sentAt.containsKey(row.getLong(0)) && committedAt.containsKey(row.getString(1)))
                .mapToLong(row -> committedAt.get(row.getString(1)) - sentAt.get(row.getLong(0)))
                .toArray();
    }

    /** Data file name → commit timestamp of the version that added it, read from the JSON commits. */
    static Map<String, Long> commitTimeByFile(Path log) {
        Map<String, Long> byFile = new HashMap<>();
        try (Stream<Path> commits = Files.list(log)) {
            for (Path commit : commits.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json")).toList()) {
                long timestamp = Files.getLastModifiedTime(commit).toMillis();
                List<String> added = new java.util.ArrayList<>();
                for (String line : Files.readAllLines(commit)) {
                    JsonNode action = Json.MAPPER.readTree(line);
                    if (action.has("commitInfo")) {
                        timestamp = action.path("commitInfo").path("timestamp").asLong(timestamp);
                    } else if (action.has("add")) {
                        String path = action.path("add").path("path").asText();
                        added.add(java.net.URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1),
                                java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
                for (String file : added) {
                    byFile.put(file, timestamp);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the Delta log at " + log, e);
        }
        return byFile;
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
