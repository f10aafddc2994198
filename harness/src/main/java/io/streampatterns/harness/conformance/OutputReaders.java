package io.streampatterns.harness.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streampatterns.core.dlq.DeadLetterRecord;
import io.streampatterns.core.dlq.DeadLetterRecord.Fields;
import io.streampatterns.core.dlq.DlqReason;
import io.streampatterns.harness.delta.DeltaTableReader;
import io.streampatterns.harness.kafka.KafkaEndpoint;
import io.streampatterns.harness.kafka.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.spark.sql.SparkSession;

/** The ways fixtures read a pattern's output back: one place, so every fixture reads alike. */
public final class OutputReaders {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutputReaders() {
    }

    /** The {@code seq} field of a JSON value; -1 when it has none or is not JSON. */
    public static long jsonSeq(byte[] value) {
        return json(value).path("seq").asLong(-1);
    }

    /** The {@code seq} field of every JSON value in {@code topic}; -1 for a value without one. */
    public static long[] seqsInTopic(KafkaEndpoint kafka, String topic) {
        return TopicReader.readAll(kafka, topic).stream()
                .mapToLong(record -> jsonSeq(record.value())).toArray();
    }

    /** The {@code seq} column of every row of a Delta table. */
    public static long[] seqsInTable(SparkSession spark, String path) {
        return new DeltaTableReader(spark, path).seqs();
    }

    /**
     * The output topic's seqs as ordered streams for {@link OrderVerdict}: one per output partition
     * and input partition, in output offset order.
     */
    public static Map<String, long[]> orderStreamsInTopic(KafkaEndpoint kafka, String inputTopic, String outputTopic,
                                                          java.util.function.ToLongFunction<byte[]> inputSeq) {
        Map<Long, Integer> inputPartition = new java.util.HashMap<>();
        for (ConsumerRecord<byte[], byte[]> in : TopicReader.readAll(kafka, inputTopic)) {
            inputPartition.put(inputSeq.applyAsLong(in.value()), in.partition());
        }
        Map<String, List<Long>> streams = new java.util.TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> out : TopicReader.readAll(kafka, outputTopic)) {
            long seq = jsonSeq(out.value());
            String stream = "output partition " + out.partition() + " from input partition " + inputPartition.get(seq);
            streams.computeIfAbsent(stream, s -> new java.util.ArrayList<>()).add(seq);
        }
        return toArrays(streams);
    }

    /** A table's seqs as ordered streams: one per source partition, in source offset order. */
    public static Map<String, long[]> orderStreamsInTable(SparkSession spark, String path) {
        Map<String, List<Long>> streams = new java.util.TreeMap<>();
        spark.read().format("delta").load(path).select("partition", "offset", "seq").orderBy("partition", "offset")
                .collectAsList().forEach(row -> streams.computeIfAbsent("source partition " + row.getInt(0),
                        s -> new java.util.ArrayList<>()).add(row.isNullAt(2) ? -1 : row.getLong(2)));
        return toArrays(streams);
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

    static DeadLetterRecord deadLetter(ConsumerRecord<byte[], byte[]> record) {
        JsonNode value = json(record.value());
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

    private static JsonNode json(byte[] bytes) {
        if (bytes == null) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return JSON.missingNode();
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("unreadable value", e));
        }
    }
}
