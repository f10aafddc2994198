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
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

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
     * @param raw the bytes sent instead of {@code value}'s UTF-8, for a value that is not UTF-8; else null
     */
    record Case(String label, String value, DlqReason reason, String detail, byte[] raw) {
        Case(String label, String value, DlqReason reason, String detail) {
            this(label, value, reason, detail, null);
        }

        /** A case whose value is these bytes (not UTF-8 text); {@code value} shows them for people. */
        static Case ofBytes(String label, byte[] raw, DlqReason reason, String detail) {
            return new Case(label, new String(raw, StandardCharsets.ISO_8859_1), reason, detail, raw);
        }

        /** The bytes sent: {@code raw}, or the UTF-8 of the value; null for a tombstone. */
        byte[] bytes() {
            return raw != null ? raw : value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        }

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
        String notStrict = "value is not strict JSON (a syntax error)";
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
                DlqReason.DUPLICATE_MEMBER_NAME, "member 'seq' appears more than once in its object"));
        String first = events.event(seq[0]++).toJson();
        cases.add(new Case("trailing-text", first + " trailing", DlqReason.MALFORMED_JSON,
                "value goes on after its JSON document ends at offset " + first.getBytes(StandardCharsets.UTF_8).length));
        // The I-JSON rules (RFC 7493) that strict parsing alone lets through.
        byte[] event = events.event(seq[0]++).toJson().getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[event.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(event, 0, bom, 3, event.length);
        cases.add(Case.ofBytes("byte-order-mark", bom, DlqReason.BYTE_ORDER_MARK,
                "value begins with a byte order mark (EF BB BF); I-JSON forbids one"));
        String latin1 = edited.apply(n -> n.put("event_type", "caf#"));
        byte[] notUtf8 = latin1.getBytes(StandardCharsets.UTF_8);
        int at = latin1.indexOf("caf#") + 3;
        notUtf8[at] = (byte) 0xE9; // é in Latin-1: a lead byte with no continuation in UTF-8
        cases.add(Case.ofBytes("latin-1", notUtf8, DlqReason.INVALID_UTF8,
                "value is not well-formed UTF-8: byte 0xE9 at offset " + at + " begins no valid sequence"));
        cases.add(new Case("amount-beyond-double", edited.apply(n -> n.put("amount", 1.5)).replace("\"amount\":1.5",
                "\"amount\":1e400"), DlqReason.NUMBER_OUT_OF_RANGE,
                "field 'amount': 1e400 is beyond the range of an IEEE 754 double (about ±1.8e308)"));
        cases.add(new Case("seq-beyond-long", edited.apply(n -> n.put("seq", new java.math.BigInteger("9223372036854775808"))),
                DlqReason.INTEGER_OUT_OF_RANGE, "field 'seq': 9223372036854775808 is outside the range of bigint"
                        + " (-9223372036854775808 to 9223372036854775807)"));
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
                new Case("amount-largest-double", edited.apply(n -> n.put("amount", Double.MAX_VALUE)), null, null),
                new Case("unicode", edited.apply(n -> n.put("note", "caf\u00e9 \u20ac \uD83D\uDE80")), null, null),
                // Near Kafka's default maximum message size (1 MiB): judged, not refused for its size.
                new Case("large", edited.apply(n -> n.put("note", "x".repeat(900 * 1024))), null, null),
                new Case(NO_HEADERS, events.event(seq[0]++).toJson(), null, null));
    }

    /** Sends each case with its key and trace header, waiting for each acknowledgement. */
    static List<Sent> send(KafkaCluster cluster, String topic, List<Case> cases) {
        List<Sent> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = cluster.newProducer(new StringSerializer(), new ByteArraySerializer(),
                Map.of())) {
            for (Case c : cases) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, c.key(), c.bytes());
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
                assertThat(d.originalValue()).as("original bytes of %s", c.label()).isEqualTo(c.bytes());
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
