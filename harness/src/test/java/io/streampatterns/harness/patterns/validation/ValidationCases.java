package io.streampatterns.harness.patterns.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streampatterns.core.dlq.DeadLetterRecord;
import io.streampatterns.core.dlq.DlqReason;
import io.streampatterns.harness.conformance.OutputReaders;
import io.streampatterns.harness.data.Event;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.kafka.TopicReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

/**
 * Hand-made records for the validation tests: valid ones at the edges of the schema and one or more
 * of every kind of invalid one, each with the reason and detail the validator must give, sent with
 * a key and a header of their own and remembered with where the broker put them.
 */
final class ValidationCases {
    static final String TRACE_HEADER = "trace";
    /** The label of the case sent without headers. */
    static final String NO_HEADERS = "no-headers";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param label names the case in assertions, its key and its trace header
     * @param value the value sent; null for a tombstone
     * @param reason the expected reason; null for a valid record
     * @param detail the expected detail; null for a valid record
     */
    record Case(String label, String value, DlqReason reason, String detail) {
        boolean valid() {
            return reason == null;
        }

        String key() {
            return "k-" + label;
        }
    }

    /** A case as sent: where the broker put it. */
    record Sent(Case sent, RecordMetadata metadata) {
    }

    private ValidationCases() {
    }

    /** Every kind of invalid record, built from events {@code base}, {@code base + 1}, ... */
    static List<Case> invalid(EventGenerator events, long base) {
        String notStrict = "value is not strict JSON (a syntax error, or a duplicate key)";
        long[] seq = {base};
        java.util.function.Function<Consumer<ObjectNode>, String> edited = edit -> {
            ObjectNode node = parse(events.event(seq[0]++));
            edit.accept(node);
            return node.toString();
        };
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("not-json", "{not json", DlqReason.MALFORMED_JSON, notStrict));
        cases.add(new Case("empty", "", DlqReason.MALFORMED_JSON, notStrict));
        cases.add(new Case("tombstone", null, DlqReason.MALFORMED_JSON,
                "value is null (a tombstone); expected a JSON object"));
        cases.add(new Case("single-quotes", "{'event_id':'evt-1','user_id':'u','event_type':'click','seq':1}",
                DlqReason.MALFORMED_JSON, notStrict));
        cases.add(new Case("duplicate-key", events.event(seq[0]++).toJson().replace("}", ",\"seq\":1}"),
                DlqReason.MALFORMED_JSON, notStrict));
        cases.add(new Case("array", "[" + events.event(seq[0]++).toJson() + "]", DlqReason.SCHEMA_VALIDATION_FAILED,
                "expected a JSON object, got array"));
        cases.add(new Case("number", "42", DlqReason.SCHEMA_VALIDATION_FAILED, "expected a JSON object, got bigint"));
        cases.add(new Case("json-null", "null", DlqReason.SCHEMA_VALIDATION_FAILED, "expected a JSON object, got null"));
        cases.add(new Case("amount-abc", edited.apply(n -> n.put("amount", "abc")), DlqReason.SCHEMA_VALIDATION_FAILED,
                "field 'amount': expected double, got string \"abc\""));
        cases.add(new Case("seq-text", edited.apply(n -> n.put("seq", "x")), DlqReason.SCHEMA_VALIDATION_FAILED,
                "field 'seq': expected bigint, got string \"x\""));
        cases.add(new Case("seq-fraction", edited.apply(n -> n.put("seq", new java.math.BigDecimal("11.5"))),
                DlqReason.SCHEMA_VALIDATION_FAILED, "field 'seq': expected bigint, got decimal 11.5"));
        cases.add(new Case("event-id-object", edited.apply(n -> n.putObject("event_id").put("x", 1)),
                DlqReason.SCHEMA_VALIDATION_FAILED, "field 'event_id': expected string, got object {\"x\":1}"));
        cases.add(new Case("user-id-number", edited.apply(n -> n.put("user_id", 17)),
                DlqReason.SCHEMA_VALIDATION_FAILED, "field 'user_id': expected string, got bigint 17"));
        cases.add(new Case("event-time-text", edited.apply(n -> n.put("event_time", "yesterday")),
                DlqReason.SCHEMA_VALIDATION_FAILED, "field 'event_time': expected timestamp, got string \"yesterday\""));
        cases.add(new Case("user-id-absent", edited.apply(n -> n.remove("user_id")), DlqReason.MISSING_REQUIRED_FIELD,
                "required field 'user_id' is absent"));
        cases.add(new Case("user-id-null", edited.apply(n -> n.putNull("user_id")), DlqReason.MISSING_REQUIRED_FIELD,
                "required field 'user_id' is null"));
        cases.add(new Case("seq-absent", edited.apply(n -> n.remove("seq")), DlqReason.MISSING_REQUIRED_FIELD,
                "required field 'seq' is absent"));
        cases.add(new Case("absent-and-mistyped", edited.apply(n -> {
                    n.remove("event_type");
                    n.put("amount", "abc");
                }),
                DlqReason.MISSING_REQUIRED_FIELD, "required field 'event_type' is absent"));
        return cases;
    }

    /**
     * Valid records at the schema's edges: optional fields absent or null, an extra field, an
     * integer amount; and an event sent without any header.
     */
    static List<Case> validEdges(EventGenerator events, long base) {
        long[] seq = {base};
        java.util.function.Function<Consumer<ObjectNode>, String> edited = edit -> {
            ObjectNode node = parse(events.event(seq[0]++));
            edit.accept(node);
            return node.toString();
        };
        return List.of(
                new Case("amount-absent", edited.apply(n -> n.remove("amount")), null, null),
                new Case("amount-null", edited.apply(n -> n.putNull("amount")), null, null),
                new Case("extra-field", edited.apply(n -> n.put("campaign", "spring")), null, null),
                new Case("amount-integer", edited.apply(n -> n.put("amount", 3)), null, null),
                new Case(NO_HEADERS, events.event(seq[0]++).toJson(), null, null));
    }

    /** Sends each case with its key and trace header, waiting for each acknowledgement. */
    static List<Sent> send(KafkaCluster cluster, String topic, List<Case> cases) {
        List<Sent> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of())) {
            for (Case c : cases) {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, c.key(), c.value());
                if (!c.label().equals(NO_HEADERS)) {
                    record.headers().add(TRACE_HEADER, c.label().getBytes(StandardCharsets.UTF_8));
                }
                sent.add(new Sent(c, producer.send(record).get()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a case was not acknowledged", e.getCause());
        }
        return sent;
    }

    /**
     * Asserts that the DLQ holds exactly the invalid cases sent, each once, with the right reason,
     * detail and source coordinates (as the broker acknowledged them), the original key, value and
     * headers, and the Kafka Connect-style error headers after the original ones.
     */
    static void assertDeadLetters(KafkaCluster cluster, String dlqTopic, String inputTopic, String pipeline,
                                  List<Sent> invalid, List<DeadLetterRecord> deadLetters) {
        assertThat(deadLetters).hasSize(invalid.size());
        Map<String, DeadLetterRecord> byCoordinates = new LinkedHashMap<>();
        deadLetters.forEach(d -> byCoordinates.put(d.sourcePartition() + "@" + d.sourceOffset(), d));
        assertThat(byCoordinates).as("one dead letter per source record").hasSize(invalid.size());
        Map<String, List<String>> headerKeys = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> raw : TopicReader.readAll(cluster, dlqTopic)) {
            String label = new String(raw.headers().lastHeader(TRACE_HEADER).value(), StandardCharsets.UTF_8);
            headerKeys.put(label, java.util.stream.StreamSupport.stream(raw.headers().spliterator(), false)
                    .map(Header::key).toList());
        }
        for (Sent s : invalid) {
            Case c = s.sent();
            DeadLetterRecord d = byCoordinates.get(s.metadata().partition() + "@" + s.metadata().offset());
            assertThat(d).as("dead letter of %s", c.label()).isNotNull();
            assertThat(d.reason()).as("reason of %s", c.label()).isEqualTo(c.reason());
            assertThat(d.detail()).as("detail of %s", c.label()).isEqualTo(c.detail());
            assertThat(d.sourceTopic()).isEqualTo(inputTopic);
            assertThat(d.pipeline()).isEqualTo(pipeline);
            assertThat(d.dlqTimestamp()).isNotNull();
            assertThat(d.key()).isEqualTo(c.key());
            if (c.value() == null) {
                assertThat(d.originalValue()).as("tombstone of %s", c.label()).isNull();
            } else {
                assertThat(new String(d.originalValue(), StandardCharsets.UTF_8)).isEqualTo(c.value());
            }
            assertThat(d.headers())
                    .containsEntry(TRACE_HEADER, c.label())
                    .containsEntry(DeadLetterRecord.Headers.TOPIC, inputTopic)
                    .containsEntry(DeadLetterRecord.Headers.PARTITION, String.valueOf(s.metadata().partition()))
                    .containsEntry(DeadLetterRecord.Headers.OFFSET, String.valueOf(s.metadata().offset()))
                    .containsEntry(DeadLetterRecord.Headers.REASON, c.reason().name())
                    .containsEntry(DeadLetterRecord.Headers.DETAIL, c.detail())
                    .containsEntry(DeadLetterRecord.Headers.PIPELINE, pipeline);
            assertThat(headerKeys.get(c.label())).as("original headers first, then Connect's").containsExactly(
                    TRACE_HEADER, DeadLetterRecord.Headers.TOPIC, DeadLetterRecord.Headers.PARTITION,
                    DeadLetterRecord.Headers.OFFSET, DeadLetterRecord.Headers.REASON,
                    DeadLetterRecord.Headers.DETAIL, DeadLetterRecord.Headers.PIPELINE);
        }
    }

    /**
     * Asserts that the valid topic holds exactly the generated events {@code eventSeqs} and the
     * edge cases (whose seqs are {@code edgeSeqs}), each once, byte for byte, with key and headers.
     */
    static void assertValidTopic(KafkaCluster cluster, EventGenerator events, String validTopic, long[] eventSeqs,
                                 List<Case> edges, long[] edgeSeqs) {
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(cluster, validTopic);
        Map<String, String> edgeValues = new LinkedHashMap<>();
        edges.forEach(c -> edgeValues.put(c.key(), c.value()));
        List<Long> seqs = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            String key = new String(record.key(), StandardCharsets.UTF_8);
            long seq = seqOf(value);
            seqs.add(seq);
            if (edgeValues.containsKey(key)) {
                assertThat(value).isEqualTo(edgeValues.get(key));
                if (key.equals("k-" + NO_HEADERS)) {
                    assertThat(record.headers().toArray()).as("a record without headers").isEmpty();
                } else {
                    assertThat(new String(record.headers().lastHeader(TRACE_HEADER).value(), StandardCharsets.UTF_8))
                            .isEqualTo(key.substring(2));
                }
            } else {
                assertThat(value).isEqualTo(events.event(seq).toJson());
                assertThat(key).isEqualTo(events.event(seq).userId());
                assertThat(record.headers().lastHeader(EventGenerator.PRODUCED_AT_HEADER)).isNotNull();
            }
        }
        long[] expected = java.util.stream.LongStream.concat(java.util.Arrays.stream(eventSeqs),
                java.util.Arrays.stream(edgeSeqs)).toArray();
        assertThat(seqs.stream().mapToLong(Long::longValue).toArray()).containsExactlyInAnyOrder(expected);
    }

    /** No source record is both forwarded and dead-lettered, and together they are the whole input. */
    static void assertNoRecordInBoth(KafkaCluster cluster, String validTopic, String dlqTopic, int input) {
        java.util.Set<String> forwarded = new java.util.HashSet<>();
        TopicReader.readAll(cluster, validTopic).forEach(r -> forwarded.add(new String(r.value(), StandardCharsets.UTF_8)));
        List<String> rejected = OutputReaders.deadLettersInTopic(cluster, dlqTopic).stream()
                .map(d -> d.originalValue() == null ? null : new String(d.originalValue(), StandardCharsets.UTF_8))
                .toList();
        assertThat(rejected).doesNotContainAnyElementsOf(forwarded);
        assertThat(total(cluster, validTopic) + total(cluster, dlqTopic)).isEqualTo(input);
    }

    /** Records in {@code topic}: the sum of its partitions' end offsets. */
    static long total(KafkaCluster cluster, String topic) {
        return cluster.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    private static long seqOf(String json) {
        try {
            return JSON.readTree(json).path("seq").asLong(-1);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static ObjectNode parse(Event event) {
        try {
            return (ObjectNode) JSON.readTree(event.toJson());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
