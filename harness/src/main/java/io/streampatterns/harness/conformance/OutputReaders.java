package io.streampatterns.harness.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.streampatterns.core.dlq.DeadLetterRecord;
import io.streampatterns.core.dlq.DeadLetterRecord.Fields;
import io.streampatterns.core.dlq.DlqReason;
import io.streampatterns.harness.delta.DeltaTableReader;
import io.streampatterns.harness.kafka.KafkaEndpoint;
import io.streampatterns.harness.kafka.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** How the kit reads a pipeline's output and dead letters back: one place, so every check reads alike. */
public final class OutputReaders {
    private OutputReaders() {
    }

    /** The {@code seq} field of a JSON value; -1 when it has none or is not JSON. */
    public static long jsonSeq(byte[] value) {
        return Json.longField(value, "seq");
    }

    /** The input seq of every record of {@code output}, duplicates kept, any order; -1 for a record without one. */
    public static long[] seqs(ConformanceEnvironment env, OutputLocation output) {
        if (output instanceof OutputLocation.DeltaTable table) {
            return new DeltaTableReader(env.spark(), table.path()).seqs(table.seqColumn());
        }
        OutputLocation.KafkaTopic topic = (OutputLocation.KafkaTopic) output;
        return TopicReader.readAll(env.kafka(), topic.topic()).stream()
                .mapToLong(record -> topic.lineage().seqOf(record)).toArray();
    }

    /**
     * Each output record as text, by the input seq it came from: a topic's value, a table's row as
     * JSON (every column); the last one of duplicates. For checks that look for a value in the output
     * whatever its format.
     */
    public static Map<Long, String> textsBySeq(ConformanceEnvironment env, OutputLocation output) {
        Map<Long, String> texts = new HashMap<>();
        if (output instanceof OutputLocation.DeltaTable table) {
            env.spark().read().format("delta").load(table.path())
                    .selectExpr("cast(" + table.seqColumn() + " as long)", "to_json(struct(*))")
                    .collectAsList().forEach(row -> texts.put(row.isNullAt(0) ? -1 : row.getLong(0), row.getString(1)));
            return texts;
        }
        OutputLocation.KafkaTopic topic = (OutputLocation.KafkaTopic) output;
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(env.kafka(), topic.topic())) {
            texts.put(topic.lineage().seqOf(record),
                    record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
        }
        return texts;
    }

    /** The {@code seq} field of every JSON value in {@code topic}; -1 for a value without one. */
    public static long[] seqsInTopic(KafkaEndpoint kafka, String topic) {
        return TopicReader.readAll(kafka, topic).stream().mapToLong(record -> jsonSeq(record.value())).toArray();
    }

    /**
     * The output's seqs as ordered streams for {@link OrderVerdict}, or empty when the output cannot
     * tell its records' order of arrival per source partition (a table without source coordinates).
     * A topic gives one stream per output partition and input partition, in output offset order; a
     * table one per source partition, in source offset order.
     */
    public static Optional<Map<String, long[]>> orderStreams(TestRun run, OutputLocation output,
                                                             ToLongFunction<byte[]> inputSeq) {
        if (output instanceof OutputLocation.DeltaTable table) {
            return table.partitionColumn().flatMap(partition -> table.offsetColumn()
                    .map(offset -> orderStreamsInTable(run, table, partition, offset)));
        }
        return Optional.of(orderStreamsInTopic(run, (OutputLocation.KafkaTopic) output, inputSeq));
    }

    private static Map<String, long[]> orderStreamsInTopic(TestRun run, OutputLocation.KafkaTopic output,
                                                           ToLongFunction<byte[]> inputSeq) {
        KafkaEndpoint kafka = run.environment().kafka();
        Map<Long, Integer> inputPartition = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> in : TopicReader.readAll(kafka, run.inputTopic())) {
            inputPartition.put(inputSeq.applyAsLong(in.value()), in.partition());
        }
        Map<String, List<Long>> streams = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> out : TopicReader.readAll(kafka, output.topic())) {
            long seq = output.lineage().seqOf(out);
            String stream = "output partition " + out.partition() + " from input partition " + inputPartition.get(seq);
            streams.computeIfAbsent(stream, s -> new ArrayList<>()).add(seq);
        }
        return toArrays(streams);
    }

    private static Map<String, long[]> orderStreamsInTable(TestRun run, OutputLocation.DeltaTable table,
                                                           String partition, String offset) {
        Map<String, List<Long>> streams = new TreeMap<>();
        run.spark().read().format("delta").load(table.path())
                .selectExpr("cast(" + partition + " as int)", "cast(" + offset + " as long)", "cast(" + table.seqColumn() + " as long)")
                .orderBy(partition, offset)
                .collectAsList().forEach(row -> streams.computeIfAbsent("source partition " + row.getInt(0),
                        s -> new ArrayList<>()).add(row.isNullAt(2) ? -1 : row.getLong(2)));
        return toArrays(streams);
    }

    /** The topic of {@code aggregates} as an output location, for watching it grow. */
    public static OutputLocation aggregateOutput(WindowedAggregates aggregates) {
        return OutputLocation.kafkaTopic(aggregates.topic(), record -> -1);
    }

    /** The job's final answer per window and group: the latest record of each, by timestamp then offset. */
    public static Map<String, WindowedAggregates.Aggregate> latestAggregates(ConformanceEnvironment env,
                                                                            WindowedAggregates aggregates) {
        Map<String, WindowedAggregates.Aggregate> latest = new HashMap<>();
        TopicReader.readAll(env.kafka(), aggregates.topic()).stream()
                .sorted(java.util.Comparator.<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
                        .thenComparingLong(ConsumerRecord::offset))
                .map(aggregates.reader())
                .forEach(aggregate -> latest.put(aggregate.key(), aggregate));
        return latest;
    }

    /** The aggregates recomputed from the JSON events in the run's input topic. */
    public static Map<String, WindowedAggregates.Aggregate> expectedAggregates(TestRun run, WindowedAggregates aggregates) {
        long windowMs = aggregates.window().toMillis();
        Map<String, long[]> counts = new HashMap<>();
        Map<String, double[]> sums = new HashMap<>();
        Map<String, WindowedAggregates.Aggregate> shape = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> in : TopicReader.readAll(run.environment().kafka(), run.inputTopic())) {
            JsonNode event = Json.tree(in.value());
            JsonNode time = event.path(aggregates.eventTimeField());
            if (!time.isTextual()) {
                continue;
            }
            long millis = Instant.parse(time.asText()).toEpochMilli();
            Instant start = Instant.ofEpochMilli(Math.floorDiv(millis, windowMs) * windowMs);
            String group = event.path(aggregates.groupField()).asText(null);
            WindowedAggregates.Aggregate key = new WindowedAggregates.Aggregate(group, start, 0, java.util.OptionalDouble.empty());
            shape.putIfAbsent(key.key(), key);
            counts.computeIfAbsent(key.key(), k -> new long[1])[0]++;
            sums.computeIfAbsent(key.key(), k -> new double[1])[0] += event.path(aggregates.measureField()).asDouble(0);
        }
        Map<String, WindowedAggregates.Aggregate> expected = new HashMap<>();
        shape.forEach((key, window) -> expected.put(key, new WindowedAggregates.Aggregate(window.group(),
                window.windowStart(), counts.get(key)[0], java.util.OptionalDouble.of(sums.get(key)[0]))));
        return expected;
    }

    /** Every dead letter at {@code location}, read with its reader. */
    public static List<DeadLetterRecord> deadLetters(ConformanceEnvironment env, DeadLetterLocation location) {
        return TopicReader.readAll(env.kafka(), location.topic()).stream().map(location.reader()).toList();
    }

    private static Map<String, long[]> toArrays(Map<String, List<Long>> streams) {
        Map<String, long[]> arrays = new java.util.TreeMap<>();
        streams.forEach((name, seqs) -> arrays.put(name, seqs.stream().mapToLong(Long::longValue).toArray()));
        return arrays;
    }

    /** Every dead letter in {@code topic}, with its envelope fields and headers. */
    public static List<DeadLetterRecord> deadLettersInTopic(KafkaEndpoint kafka, String topic) {
        return TopicReader.readAll(kafka, topic).stream().map(OutputReaders::deadLetter).toList();
    }

    /** A dead letter in this project's envelope (see {@link DeadLetterRecord}). */
    public static DeadLetterRecord deadLetter(ConsumerRecord<byte[], byte[]> record) {
        JsonNode value = Json.tree(record.value());
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        String reason = value.path(Fields.REASON).asText(null);
        String base64 = value.path(Fields.ORIGINAL_VALUE_BASE64).asText(null);
        String timestamp = value.path(Fields.DLQ_TIMESTAMP).asText(null);
        return new DeadLetterRecord(
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                base64 == null ? null : Base64.getDecoder().decode(base64),
                reason == null || !isReason(reason) ? null : DlqReason.valueOf(reason),
                value.path(Fields.DETAIL).asText(null),
                value.path(Fields.SOURCE_TOPIC).asText(null),
                value.path(Fields.SOURCE_PARTITION).asInt(-1),
                value.path(Fields.SOURCE_OFFSET).asLong(-1),
                value.path(Fields.PIPELINE).asText(null),
                timestamp == null ? null : parseInstant(timestamp),
                headers);
    }

    private static boolean isReason(String name) {
        for (DlqReason reason : DlqReason.values()) {
            if (reason.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Spark's to_json writes timestamps with an offset, e.g. 2026-11-21T22:41:04.796Z or +00:00. */
    private static Instant parseInstant(String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
