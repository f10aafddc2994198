package io.streampatterns.harness.patterns.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streampatterns.core.RunningPipeline;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.harness.data.Event;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaWorkspace;
import io.streampatterns.harness.junit.KafkaClusterConfig;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.kafka.TopicReader;
import io.streampatterns.harness.spark.LocalSpark;
import io.streampatterns.patterns.metrics.WindowedMetricsPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The windowed metrics pattern against a real broker. */
@KafkaClusterConfig(brokers = 1)
class WindowedMetricsPipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SparkSession SPARK = LocalSpark.session();
    private static final EventGenerator EVENTS = new EventGenerator(11);
    private static DeltaWorkspace workspace;

    @BeforeAll
    static void createWorkspace() {
        workspace = DeltaWorkspace.create();
    }

    @AfterAll
    static void deleteWorkspace() {
        workspace.close();
    }

    private static WindowedMetricsPipeline metrics(KafkaCluster cluster, String name, long cap, Duration delay) {
        return WindowedMetricsPipeline.builder()
                .name(name)
                .bootstrapServers(cluster.bootstrapServers())
                .topic(name + "-in")
                .outputTopic(name + "-out")
                .eventSchema(EventGenerator.SCHEMA)
                .watermarkDelay(delay)
                .maxOffsetsPerTrigger(cap)
                .checkpointLocation(workspace.checkpointPath(name))
                .trigger(TriggerPolicy.processingTime(Duration.ZERO))
                .build();
    }

    /**
     * Purpose: the final metrics of each window are those of the events the generator produced for
     * it, also when the query restarts from its checkpoint mid-window.
     *
     * <p>How: seqs 0..8,999 (event times 00:00:00 to 00:01:29.99, 6,000 events a minute) go to a
     * 3-partition topic, the first 4,500 before a first run, the rest before a second run on the
     * same checkpoint; batches hold at most 1,500 records, so windows are updated many times.
     *
     * <p>Pass: the latest record of each key holds exactly the expected count, max and average (to
     * 1e-9) of its window and event type, recomputed from {@code EventGenerator.event(seq)}; keys are
     * {@code <event_type>-<window start, UTC>}; the topic holds more records than keys (updates).
     */
    @Test
    void finalCountsPerWindowAreThoseProduced(KafkaCluster cluster) throws Exception {
        String name = "metrics_counts";
        cluster.createTopic(name + "-in", 3);
        cluster.createTopic(name + "-out", 3);
        WindowedMetricsPipeline pattern = metrics(cluster, name, 1_500, Duration.ofMinutes(5));
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of("linger.ms", 5))) {
            // 1. The first 4,500 events, aggregated.
            EVENTS.publish(producer, name + "-in", 0, 4_500);
            try (RunningPipeline running = pattern.pipeline().start(SPARK)) {
                running.processAllAvailable();
            }
            // 2. 4,500 more while stopped, then a restart on the same checkpoint.
            EVENTS.publish(producer, name + "-in", 4_500, 4_500);
            try (RunningPipeline running = pattern.pipeline().start(SPARK)) {
                running.processAllAvailable();
                assertThat(running.progressHistory()).allSatisfy(p -> assertThat(p.numInputRows()).isLessThanOrEqualTo(1_500));
            }
        }
        // 3. The latest value per key is the window's true total over both runs.
        List<ConsumerRecord<byte[], byte[]>> output = TopicReader.readAll(cluster, name + "-out");
        Map<String, JsonNode> latest = latestPerKey(output);
        Map<String, Stats> expected = expected(0, 9_000);
        assertThat(latest.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, stats) -> assertMetrics(key, latest.get(key), stats));
        assertThat(output.size()).as("records, updates included").isGreaterThan(latest.size());
    }

    /**
     * Purpose: an event later than the watermark does not change its window once closed, while the
     * same batch still updates an open window.
     *
     * <p>How: watermark delay 5 s. Batch 1: seqs 0..999 (window 00:00, event times up to 00:00:09.99).
     * Batch 2: seqs 6,600..7,599 (window 00:01, up to 00:01:15.99), which moves the watermark to
     * 00:01:10.99, past the end of window 00:00. The watermark moves only between micro-batches, so
     * the test waits until a batch reports it. Batch 3: seq 1,000 (00:00:10, for the closed window)
     * and seq 7,600 (00:01:16, for the open one).
     *
     * <p>Pass: the batches after batch 2 read both records and Spark reports one row dropped by the
     * watermark; no record
     * of window 00:00 was written after batch 1, and its final metrics are those of seqs 0..999
     * alone; window 00:01's final metrics include seq 7,600.
     */
    @Test
    void aLateEventDoesNotChangeAClosedWindow(KafkaCluster cluster) throws Exception {
        String name = "metrics_late";
        String closedWindow = "2026-01-01T00:00:00Z";
        cluster.createTopic(name + "-in", 3);
        cluster.createTopic(name + "-out", 3);
        WindowedMetricsPipeline pattern = metrics(cluster, name, 10_000, Duration.ofSeconds(5));
        List<JsonNode> closedBefore;
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of("linger.ms", 5));
             RunningPipeline running = pattern.pipeline().start(SPARK)) {
            // 1. Batch 1: the first ten seconds of window 00:00.
            EVENTS.publish(producer, name + "-in", 0, 1_000);
            running.processAllAvailable();
            closedBefore = recordsOfWindow(cluster, name, closedWindow);
            assertThat(closedBefore).isNotEmpty();

            // 2. Batch 2: events of window 00:01, far enough ahead to close window 00:00.
            EVENTS.publish(producer, name + "-in", 6_600, 1_000);
            running.processAllAvailable();
            await().atMost(Duration.ofSeconds(30)).until(() -> watermark(running).isAfter(Instant.parse("2026-01-01T00:01:00Z")));
            assertThat(watermark(running)).isEqualTo(Instant.parse("2026-01-01T00:01:10.990Z"));

            // 3. Batch 3 (or 3 and 4): one late event for window 00:00, one on time for window 00:01.
            int before = running.progressHistory().size();
            EVENTS.publish(producer, name + "-in", 1_000, 1);
            EVENTS.publish(producer, name + "-in", 7_600, 1);
            running.processAllAvailable();
            // Progress reaches the listener asynchronously, shortly after the batch commits.
            await().atMost(Duration.ofSeconds(10)).until(() -> progressSince(running, before).stream()
                    .mapToLong(StreamingQueryProgress::numInputRows).sum() == 2);
            assertThat(progressSince(running, before).stream()
                    .mapToLong(p -> p.stateOperators()[0].numRowsDroppedByWatermark()).sum())
                    .as("rows dropped by the watermark").isEqualTo(1);
        }
        // 4. Window 00:00 is as batch 1 left it; window 00:01 counted seq 7,600.
        assertThat(recordsOfWindow(cluster, name, closedWindow)).isEqualTo(closedBefore);
        Map<String, JsonNode> latest = latestPerKey(TopicReader.readAll(cluster, name + "-out"));
        Map<String, Stats> expected = expected(0, 1_000);
        expected.putAll(expected(6_600, 1_001));
        assertThat(latest.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, stats) -> assertMetrics(key, latest.get(key), stats));
    }

    /** Count, sum and max of one window and event type. */
    private record Stats(long count, double sum, double max) {
        Stats add(double amount) {
            return new Stats(count + 1, sum + amount, Math.max(max, amount));
        }
    }

    /** The metrics of seqs {@code from} .. {@code from + count - 1}, by expected key. */
    private static Map<String, Stats> expected(long from, int count) {
        Map<String, Stats> stats = new TreeMap<>();
        for (long seq = from; seq < from + count; seq++) {
            Event event = EVENTS.event(seq);
            Instant windowStart = event.eventTime().truncatedTo(ChronoUnit.MINUTES);
            stats.merge(event.eventType() + "-" + windowStart, new Stats(1, event.amount(), event.amount()),
                    (a, b) -> a.add(b.sum()));
        }
        return stats;
    }

    private static void assertMetrics(String key, JsonNode value, Stats expected) {
        String type = key.substring(0, key.indexOf('-'));
        Instant start = Instant.parse(key.substring(key.indexOf('-') + 1));
        assertThat(value).as("latest value of %s", key).isNotNull();
        assertThat(value.get("event_type").asText()).isEqualTo(type);
        assertThat(Instant.parse(value.get("window_start").asText())).isEqualTo(start);
        assertThat(Instant.parse(value.get("window_end").asText())).isEqualTo(start.plus(Duration.ofMinutes(1)));
        assertThat(value.get("event_count").asLong()).as("count of %s", key).isEqualTo(expected.count());
        assertThat(value.get("max_amount").asDouble()).as("max of %s", key).isEqualTo(expected.max());
        assertThat(value.get("avg_amount").asDouble()).as("avg of %s", key)
                .isCloseTo(expected.sum() / expected.count(), within(1e-9));
    }

    /** The last value of each key: all updates of a key share a partition, read in offset order. */
    private static Map<String, JsonNode> latestPerKey(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        records.forEach(r -> latest.put(new String(r.key(), StandardCharsets.UTF_8), json(r)));
        return latest;
    }

    private static List<JsonNode> recordsOfWindow(KafkaCluster cluster, String name, String windowStart) {
        List<JsonNode> records = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(cluster, name + "-out")) {
            if (new String(record.key(), StandardCharsets.UTF_8).endsWith("-" + windowStart)) {
                records.add(json(record));
            }
        }
        return records;
    }

    /** The watermark Spark reported in the latest progress; the epoch before the first. */
    private static Instant watermark(RunningPipeline running) {
        return running.lastProgress()
                .map(p -> p.eventTime().get("watermark"))
                .map(Instant::parse)
                .orElse(Instant.EPOCH);
    }

    private static List<StreamingQueryProgress> progressSince(RunningPipeline running, int index) {
        List<StreamingQueryProgress> history = running.progressHistory();
        return history.subList(index, history.size());
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
