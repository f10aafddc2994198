package io.streampatterns.harness.patterns.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.streampatterns.core.RunningPipeline;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.dlq.DeadLetterRecord;
import io.streampatterns.core.dlq.DlqReason;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.harness.conformance.OutputReaders;
import io.streampatterns.harness.conformance.fixtures.AvroToJsonFixture;
import io.streampatterns.harness.data.Event;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaWorkspace;
import io.streampatterns.harness.junit.KafkaClusterConfig;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.kafka.TopicReader;
import io.streampatterns.harness.spark.LocalSpark;
import io.streampatterns.patterns.avro.AvroToJsonPipeline;
import io.streampatterns.patterns.avro.ConfluentWireFormat;
import io.streampatterns.patterns.avro.LocalSchemaSource;
import io.streampatterns.patterns.avro.SchemaRegistrySchemaSource;
import io.streampatterns.patterns.avro.SchemaSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Avro → JSON against a real broker: every Avro type, the wire format's failures, schema evolution, FAILFAST. */
@KafkaClusterConfig(brokers = 1)
class AvroToJsonPipelineIT {
    private static final SparkSession SPARK = LocalSpark.session();
    private static final EventGenerator EVENTS = new EventGenerator(11);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.time.format.DateTimeFormatter MILLIS_UTC =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(java.time.ZoneOffset.UTC);

    /** Every Avro type the pattern must carry into JSON, and a seq. */
    private static final String ALL_TYPES = """
            {"type":"record","name":"AllTypes","namespace":"test","fields":[
              {"name":"seq","type":"long"},
              {"name":"s","type":"string"},
              {"name":"i","type":"int"},
              {"name":"l","type":"long"},
              {"name":"f","type":"float"},
              {"name":"d","type":"double"},
              {"name":"b","type":"boolean"},
              {"name":"raw","type":"bytes"},
              {"name":"color","type":{"type":"enum","name":"Color","symbols":["RED","GREEN","BLUE"]}},
              {"name":"list","type":{"type":"array","items":"int"}},
              {"name":"counts","type":{"type":"map","values":"long"}},
              {"name":"nested","type":{"type":"record","name":"Inner","fields":[
                {"name":"label","type":"string"},{"name":"weight","type":"double"}]}},
              {"name":"maybe","type":["null","string"],"default":null},
              {"name":"day","type":{"type":"int","logicalType":"date"}},
              {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}}]}""";
    private static final Schema ALL = new Schema.Parser().parse(ALL_TYPES);

    /** An order, version 1 and 2 (qty widened, note added with a default), and a version the reader cannot read. */
    private static final String ORDER_V1 = """
            {"type":"record","name":"Order","namespace":"shop","fields":[
              {"name":"seq","type":"long"},{"name":"id","type":"string"},{"name":"qty","type":"int"}]}""";
    private static final String ORDER_V2 = """
            {"type":"record","name":"Order","namespace":"shop","fields":[
              {"name":"seq","type":"long"},{"name":"id","type":"string"},{"name":"qty","type":"long"},
              {"name":"note","type":"string","default":"none"}]}""";
    private static final String ORDER_BAD = """
            {"type":"record","name":"Order","namespace":"shop","fields":[
              {"name":"seq","type":"long"},{"name":"id","type":"string"},{"name":"qty","type":"string"}]}""";

    private static DeltaWorkspace workspace;

    @BeforeAll
    static void createWorkspace() {
        workspace = DeltaWorkspace.create();
    }

    @AfterAll
    static void deleteWorkspace() {
        workspace.close();
    }

    /** How a test runs the pattern: the same body, in micro-batches and in Real-Time Mode. */
    enum Mode {
        MICRO_BATCH(TriggerPolicy.processingTime(Duration.ZERO)),
        REAL_TIME(TriggerPolicy.realTime(Duration.ofSeconds(5)));

        final TriggerPolicy trigger;

        Mode(TriggerPolicy trigger) {
            this.trigger = trigger;
        }
    }

    /**
     * Until the input is decoded: processAllAvailable for micro-batches; in Real-Time Mode, which
     * may return from it before records were written, until the topics hold what is expected.
     */
    private static void awaitDecoded(RunningPipeline running, Mode mode, KafkaCluster cluster, String in, int json, int dlq)
            throws Exception {
        if (mode == Mode.MICRO_BATCH) {
            running.processAllAvailable();
            return;
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                TopicReader.readAll(cluster, in + "_json").size() >= json && TopicReader.readAll(cluster, in + "_dlq").size() >= dlq);
    }

    private static AvroToJsonPipeline.Builder wireFormat(KafkaCluster cluster, String in, SchemaSource schemas,
                                                         String reader) {
        return AvroToJsonPipeline.builder()
                .name("avro_" + in)
                .bootstrapServers(cluster.bootstrapServers())
                .topic(in)
                .outputTopic(in + "_json")
                .confluentWireFormat(schemas)
                .readerSchema(reader)
                .dlqTopic(in + "_dlq")
                .checkpointLocation(workspace.checkpointPath(in))
                .trigger(TriggerPolicy.processingTime(Duration.ZERO));
    }

    private static void createTopics(KafkaCluster cluster, String in, int partitions) {
        cluster.createTopic(in, partitions);
        cluster.createTopic(in + "_json", 1);
        cluster.createTopic(in + "_dlq", 1);
    }

    /**
     * Purpose: every Avro type reaches the JSON with its value, in the documented form.
     *
     * <p>How: records of a schema with every field type (string, int, long, float, double, boolean,
     * bytes, enum, array, map, nested record, nullable union, date, timestamp-millis, decimal) are
     * written with Avro's GenericDatumWriter, framed in the wire format with schema id 7, and decoded;
     * a tombstone rides along.
     *
     * <p>Pass: each field of each JSON value is the value written (bytes as base64, dates and
     * timestamps as ISO-8601 in UTC, decimals as numbers, a null union as null); the key and
     * headers are the input's; the tombstone stays a tombstone; no dead letter.
     */
    @Test
    void carriesEveryAvroTypeIntoJson(KafkaCluster cluster) throws Exception {
        String in = "avro_types";
        createTopics(cluster, in, 1);
        // 1. Two records with every type, and a tombstone.
        GenericRecord full = allTypes(0, "héllo", Integer.MIN_VALUE, 1L << 40, 1.5f, -2.25, true, new byte[] {1, 2, 3},
                "GREEN", List.of(1, 2, 3), Map.of("a", 5L, "b", -1L), "inner", 0.5, "present",
                LocalDate.of(2026, 1, 1), Instant.parse("2026-01-01T10:20:30.123Z"), new BigDecimal("1234567.89"));
        GenericRecord sparse = allTypes(1, "", 0, -1L, 0f, 0.0, false, new byte[0], "RED", List.of(), Map.of(),
                "", -0.0, null, LocalDate.of(1970, 1, 1), Instant.EPOCH, new BigDecimal("-0.01"));
        produce(cluster, in, List.of(
                framed("k0", 7, encode(ALL, full)), framed("k1", 7, encode(ALL, sparse)), framed("k2", 7, null)));
        // 2. Decode.
        try (RunningPipeline running = wireFormat(cluster, in, LocalSchemaSource.of(7, ALL_TYPES), ALL_TYPES)
                .build().pipeline().start(SPARK)) {
            running.processAllAvailable();
        }
        // 3. Each field as written.
        List<ConsumerRecord<byte[], byte[]>> out = TopicReader.readAll(cluster, in + "_json");
        assertThat(out).hasSize(3);
        JsonNode first = json(out.get(0));
        assertThat(fieldNames(first)).containsExactly("seq", "s", "i", "l", "f", "d", "b", "raw", "color", "list",
                "counts", "nested", "maybe", "day", "at", "price");
        assertThat(first.get("seq").asLong()).isZero();
        assertThat(first.get("s").asText()).isEqualTo("héllo");
        assertThat(first.get("i").asInt()).isEqualTo(Integer.MIN_VALUE);
        assertThat(first.get("l").asLong()).isEqualTo(1L << 40);
        assertThat(first.get("f").asDouble()).isEqualTo(1.5);
        assertThat(first.get("d").asDouble()).isEqualTo(-2.25);
        assertThat(first.get("b").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(first.get("raw").asText())).containsExactly(1, 2, 3);
        assertThat(first.get("color").asText()).isEqualTo("GREEN");
        assertThat(first.get("list").toString()).isEqualTo("[1,2,3]");
        assertThat(first.get("counts").get("a").asLong()).isEqualTo(5);
        assertThat(first.get("counts").get("b").asLong()).isEqualTo(-1);
        assertThat(first.get("nested").get("label").asText()).isEqualTo("inner");
        assertThat(first.get("nested").get("weight").asDouble()).isEqualTo(0.5);
        assertThat(first.get("maybe").asText()).isEqualTo("present");
        assertThat(first.get("day").asText()).isEqualTo("2026-01-01");
        assertThat(first.get("at").asText()).isEqualTo("2026-01-01T10:20:30.123Z");
        assertThat(first.get("price").decimalValue()).isEqualByComparingTo("1234567.89");
        assertThat(first.get("price").isNumber()).isTrue();
        assertThat(new String(out.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("k0");
        assertThat(out.get(0).headers().lastHeader(EventGenerator.PRODUCED_AT_HEADER)).isNotNull();

        JsonNode second = json(out.get(1));
        assertThat(second.get("seq").asLong()).isEqualTo(1);
        assertThat(second.get("s").asText()).isEmpty();
        assertThat(second.get("raw").asText()).isEmpty();
        assertThat(second.get("list").isEmpty()).isTrue();
        assertThat(second.get("counts").isEmpty()).isTrue();
        assertThat(second.has("maybe")).isTrue();
        assertThat(second.get("maybe").isNull()).isTrue();
        assertThat(second.get("day").asText()).isEqualTo("1970-01-01");
        assertThat(second.get("at").asText()).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(second.get("price").decimalValue()).isEqualByComparingTo("-0.01");
        // 4. The tombstone is still one, and nothing was rejected.
        assertThat(out.get(2).value()).isNull();
        assertThat(new String(out.get(2).key(), StandardCharsets.UTF_8)).isEqualTo("k2");
        assertThat(OutputReaders.deadLettersInTopic(cluster, in + "_dlq")).isEmpty();
    }

    /**
     * Purpose: what cannot be decoded goes to the dead letter queue with its reason and where it came
     * from, and only that; in micro-batches and in Real-Time Mode alike, with the same JSON.
     *
     * <p>How: into a 2-partition topic, 20 good events (schema id 1) and five bad records: a known
     * event framed with an unknown id, the event as JSON (no magic byte), two bytes, a framed body
     * cut short, and a framed body of garbage.
     *
     * <p>Pass: the output holds exactly the 20 good seqs; the DLQ holds the five, each with its
     * reason (one UNKNOWN_SCHEMA_ID, four DESERIALIZATION_FAILED), a detail naming the cause, the
     * source topic, partition and offset the broker acknowledged, and the original bytes.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void sendsWhatCannotBeDecodedToTheDeadLetterQueue(Mode mode, KafkaCluster cluster) throws Exception {
        String in = "avro_dlq_" + mode.name().toLowerCase(java.util.Locale.ROOT);
        createTopics(cluster, in, 2);
        // 1. 20 good events, then five bad records.
        List<ProducerRecord<byte[], byte[]>> good = new ArrayList<>();
        for (long seq = 0; seq < 20; seq++) {
            Event event = EVENTS.event(seq);
            good.add(framed(event.userId(), AvroToJsonFixture.SCHEMA_ID, AvroToJsonFixture.encode(event)));
        }
        produce(cluster, in, good);
        byte[] body = AvroToJsonFixture.encode(EVENTS.event(100));
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("unknown id", ConfluentWireFormat.frame(AvroToJsonFixture.UNKNOWN_SCHEMA_ID, body));
        bad.put("json", EVENTS.event(101).toJson().getBytes(StandardCharsets.UTF_8));
        bad.put("two bytes", new byte[] {0, 1});
        bad.put("cut short", ConfluentWireFormat.frame(AvroToJsonFixture.SCHEMA_ID, Arrays.copyOf(body, body.length - 4)));
        bad.put("garbage", ConfluentWireFormat.frame(AvroToJsonFixture.SCHEMA_ID, new byte[] {(byte) 0x81, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, 0x0f, 1}));
        List<RecordMetadata> sent = produce(cluster, in, bad.entrySet().stream()
                .map(e -> new ProducerRecord<byte[], byte[]>(in, e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue()))
                .toList());
        // 2. Decode.
        AvroToJsonPipeline pattern = wireFormat(cluster, in,
                LocalSchemaSource.of(AvroToJsonFixture.SCHEMA_ID, AvroToJsonFixture.EVENT_SCHEMA),
                AvroToJsonFixture.EVENT_SCHEMA).trigger(mode.trigger).build();
        try (RunningPipeline running = pattern.pipeline().start(SPARK)) {
            awaitDecoded(running, mode, cluster, in, good.size(), bad.size());
        }
        // 3. The good ones, each as sent.
        assertThat(OutputReaders.seqsInTopic(cluster, in + "_json")).containsExactlyInAnyOrder(
                java.util.stream.LongStream.range(0, 20).toArray());
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(cluster, in + "_json")) {
            JsonNode value = json(record);
            Event event = EVENTS.event(value.get("seq").asLong());
            assertThat(value.get("event_id").asText()).isEqualTo(event.eventId());
            assertThat(value.get("amount").asDouble()).isEqualTo(event.amount());
            assertThat(value.get("event_time").asText()).isEqualTo(MILLIS_UTC.format(event.eventTime()));
        }
        // 4. The bad ones, each with its reason, detail, coordinates and bytes.
        Map<String, DeadLetterRecord> letters = OutputReaders.deadLettersInTopic(cluster, in + "_dlq").stream()
                .collect(Collectors.toMap(DeadLetterRecord::key, Function.identity()));
        assertThat(letters).containsOnlyKeys(bad.keySet());
        assertDeadLetter(letters.get("unknown id"), DlqReason.UNKNOWN_SCHEMA_ID,
                "schema id 999 is not known to LocalSchemaSource(ids [1])");
        assertDeadLetter(letters.get("json"), DlqReason.DESERIALIZATION_FAILED,
                "not in the Confluent wire format: expected magic byte 0");
        assertDeadLetter(letters.get("two bytes"), DlqReason.DESERIALIZATION_FAILED,
                "not in the Confluent wire format: expected magic byte 0 and a 4-byte schema id before the Avro body,"
                        + " got 2 bytes starting 0x0001");
        assertDeadLetter(letters.get("cut short"), DlqReason.DESERIALIZATION_FAILED,
                "the Avro body does not decode with writer schema id 1: EOFException");
        assertDeadLetter(letters.get("garbage"), DlqReason.DESERIALIZATION_FAILED,
                "the Avro body does not decode with writer schema id 1: ");
        int i = 0;
        for (Map.Entry<String, byte[]> entry : bad.entrySet()) {
            DeadLetterRecord letter = letters.get(entry.getKey());
            assertThat(letter.sourceTopic()).isEqualTo(in);
            assertThat(letter.sourcePartition()).isEqualTo(sent.get(i).partition());
            assertThat(letter.sourceOffset()).isEqualTo(sent.get(i).offset());
            assertThat(letter.originalValue()).isEqualTo(entry.getValue());
            assertThat(letter.pipeline()).isEqualTo("avro_" + in);
            i++;
        }
        // 5. The pattern's decode step, on the same records read as a batch, splits them alike.
        List<Row> decoded = pattern.decode(SPARK.read().format("kafka")
                .options(((KafkaSource) pattern.pipeline().source()).sparkOptions()).load()).collectAsList();
        Map<Boolean, List<Row>> rejected = decoded.stream().collect(Collectors.partitioningBy(
                row -> row.getAs(AvroToJsonPipeline.REASON_COLUMN) != null));
        assertThat(rejected.get(false)).extracting(row -> row.<String>getAs("value"))
                .containsExactlyInAnyOrderElementsOf(TopicReader.readAll(cluster, in + "_json").stream()
                        .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList());
        assertThat(rejected.get(true)).allSatisfy(row -> assertThat(row.<String>getAs("value")).isNull())
                .extracting(row -> new String(row.<byte[]>getAs("key"), StandardCharsets.UTF_8),
                        row -> row.<String>getAs(AvroToJsonPipeline.REASON_COLUMN))
                .containsExactlyInAnyOrderElementsOf(letters.values().stream()
                        .map(letter -> tuple(letter.key(), letter.reason().name())).toList());
    }

    /**
     * Purpose: records written with several versions of a schema come out in one shape (the reader
     * schema's), including versions registered after the query started; a version the reader cannot
     * read goes to the dead letter queue. In micro-batches and in Real-Time Mode, where the new id is
     * looked up from the executors in the middle of a real-time batch.
     *
     * <p>How: a schema registry (a small HTTP server) knows v1 (id 1), v2 (id 2: qty widened to long,
     * note added with a default) and an incompatible version (id 3: qty a string); the reader schema
     * is v2. Records of ids 1, 2 and 3 are decoded; then id 4 (v1 again) is registered, records framed
     * with it are produced, and the same query decodes them.
     *
     * <p>Pass: every v1 and v2 record in the output with v2's fields (note "none" for v1); id 3's record
     * in the DLQ as DESERIALIZATION_FAILED naming the type mismatch; id 4's records decoded without a
     * restart.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void readsEveryWriterSchemaIntoTheReaderSchema(Mode mode, KafkaCluster cluster) throws Exception {
        String in = "avro_evolution_" + mode.name().toLowerCase(java.util.Locale.ROOT);
        createTopics(cluster, in, 1);
        Map<Integer, String> registered = new ConcurrentHashMap<>(Map.of(1, ORDER_V1, 2, ORDER_V2, 3, ORDER_BAD));
        HttpServer registry = registry(registered);
        try {
            SchemaSource schemas = SchemaRegistrySchemaSource.at("http://127.0.0.1:" + registry.getAddress().getPort());
            // 1. Records written with v1, v2 and the unreadable version.
            Schema v1 = new Schema.Parser().parse(ORDER_V1);
            Schema v2 = new Schema.Parser().parse(ORDER_V2);
            Schema unreadable = new Schema.Parser().parse(ORDER_BAD);
            produce(cluster, in, List.of(
                    framed("o0", 1, encode(v1, order(v1, 0, "o0", 3))),
                    framed("o1", 2, encode(v2, withNote(order(v2, 1, "o1", 4L), "gift"))),
                    framed("o2", 3, encode(unreadable, order(unreadable, 2, "o2", "five")))));
            try (RunningPipeline running = wireFormat(cluster, in, schemas, ORDER_V2).trigger(mode.trigger).build()
                    .pipeline().start(SPARK)) {
                awaitDecoded(running, mode, cluster, in, 2, 1);
                // 2. A new version is registered while the query runs, and used.
                registered.put(4, ORDER_V1);
                produce(cluster, in, List.of(framed("o3", 4, encode(v1, order(v1, 3, "o3", 6)))));
                awaitDecoded(running, mode, cluster, in, 3, 1);
            }
            // 3. One shape for every version.
            Map<Long, JsonNode> bySeq = TopicReader.readAll(cluster, in + "_json").stream().map(AvroToJsonPipelineIT::json)
                    .collect(Collectors.toMap(n -> n.get("seq").asLong(), Function.identity()));
            assertThat(bySeq).containsOnlyKeys(0L, 1L, 3L);
            assertThat(bySeq.get(0L).toString()).isEqualTo("{\"seq\":0,\"id\":\"o0\",\"qty\":3,\"note\":\"none\"}");
            assertThat(bySeq.get(1L).toString()).isEqualTo("{\"seq\":1,\"id\":\"o1\",\"qty\":4,\"note\":\"gift\"}");
            assertThat(bySeq.get(3L).toString()).isEqualTo("{\"seq\":3,\"id\":\"o3\",\"qty\":6,\"note\":\"none\"}");
            // 4. The unreadable version is a dead letter, with why.
            assertThat(OutputReaders.deadLettersInTopic(cluster, in + "_dlq")).singleElement().satisfies(letter -> {
                assertThat(letter.key()).isEqualTo("o2");
                assertThat(letter.reason()).isEqualTo(DlqReason.DESERIALIZATION_FAILED);
                assertThat(letter.detail()).startsWith("writer schema id 3 cannot be read as the reader schema: TYPE_MISMATCH");
            });
        } finally {
            registry.stop(0);
        }
    }

    /**
     * Purpose: plain Avro without a dead letter queue fails fast: a body that does not decode stops the
     * query instead of being skipped.
     *
     * <p>How: bare Avro bodies of the event schema, 10 good then one cut short, read with
     * {@code avroSchema} and no dead letter queue.
     *
     * <p>Pass: processAllAvailable throws a StreamingQueryException whose cause names FAILFAST; the
     * query is no longer active; no output record comes from the bad one.
     */
    @Test
    void plainAvroWithoutADeadLetterQueueFailsFast(KafkaCluster cluster) throws Exception {
        String in = "avro_failfast";
        createTopics(cluster, in, 1);
        // 1. Ten good bodies, then a broken one.
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (long seq = 0; seq < 10; seq++) {
            records.add(new ProducerRecord<>(in, null, AvroToJsonFixture.encode(EVENTS.event(seq))));
        }
        byte[] body = AvroToJsonFixture.encode(EVENTS.event(10));
        records.add(new ProducerRecord<>(in, null, Arrays.copyOf(body, body.length - 4)));
        produce(cluster, in, records);
        // 2. The query stops on the broken one.
        AvroToJsonPipeline avro = AvroToJsonPipeline.builder().bootstrapServers(cluster.bootstrapServers())
                .topic(in).outputTopic(in + "_json").avroSchema(AvroToJsonFixture.EVENT_SCHEMA)
                .checkpointLocation(workspace.checkpointPath(in)).trigger(TriggerPolicy.processingTime(Duration.ZERO))
                .build();
        try (RunningPipeline running = avro.pipeline().start(SPARK)) {
            assertThatThrownBy(running::processAllAvailable).isInstanceOf(StreamingQueryException.class)
                    .hasMessageContaining("FAILFAST");
            assertThat(running.isActive()).isFalse();
        }
        // 3. Nothing from the broken record (a batch is all or nothing).
        assertThat(OutputReaders.seqsInTopic(cluster, in + "_json")).doesNotContain(10L);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static void assertDeadLetter(DeadLetterRecord letter, DlqReason reason, String detailStart) {
        assertThat(letter.reason()).as("reason of %s", letter.key()).isEqualTo(reason);
        assertThat(letter.detail()).as("detail of %s", letter.key()).startsWith(detailStart);
        assertThat(letter.headers()).containsEntry(DeadLetterRecord.Headers.REASON, reason.name());
    }

    private static GenericRecord allTypes(long seq, String s, int i, long l, float f, double d, boolean b, byte[] raw,
                                          String color, List<Integer> list, Map<String, Long> counts, String label,
                                          double weight, String maybe, LocalDate day, Instant at, BigDecimal price) {
        GenericRecord record = new GenericData.Record(ALL);
        record.put("seq", seq);
        record.put("s", s);
        record.put("i", i);
        record.put("l", l);
        record.put("f", f);
        record.put("d", d);
        record.put("b", b);
        record.put("raw", ByteBuffer.wrap(raw));
        record.put("color", new GenericData.EnumSymbol(ALL.getField("color").schema(), color));
        record.put("list", list);
        record.put("counts", counts);
        GenericRecord nested = new GenericData.Record(ALL.getField("nested").schema());
        nested.put("label", label);
        nested.put("weight", weight);
        record.put("nested", nested);
        record.put("maybe", maybe);
        record.put("day", (int) day.toEpochDay());
        record.put("at", at.toEpochMilli());
        Schema decimal = ALL.getField("price").schema();
        record.put("price", new Conversions.DecimalConversion().toBytes(price, decimal, decimal.getLogicalType()));
        return record;
    }

    private static GenericRecord order(Schema schema, long seq, String id, Object qty) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("seq", seq);
        record.put("id", id);
        record.put("qty", qty);
        return record;
    }

    private static GenericRecord withNote(GenericRecord record, String note) {
        record.put("note", note);
        return record;
    }

    private static byte[] encode(Schema schema, GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A record keyed {@code key}, framed with {@code schemaId}; a tombstone when {@code body} is null. */
    private static ProducerRecord<byte[], byte[]> framed(String key, int schemaId, byte[] body) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("unset", key.getBytes(StandardCharsets.UTF_8),
                body == null ? null : ConfluentWireFormat.frame(schemaId, body));
        record.headers().add(EventGenerator.PRODUCED_AT_HEADER,
                ByteBuffer.allocate(Long.BYTES).putLong(System.currentTimeMillis()).array());
        return record;
    }

    /** Sends {@code records} to {@code topic} in order and returns where each landed. */
    private static List<RecordMetadata> produce(KafkaCluster cluster, String topic, List<ProducerRecord<byte[], byte[]>> records)
            throws Exception {
        List<RecordMetadata> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                     cluster.newProducer(new ByteArraySerializer(), new ByteArraySerializer(), Map.of())) {
            for (ProducerRecord<byte[], byte[]> r : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, null, r.key(), r.value(), r.headers())).get());
            }
        }
        return sent;
    }

    private static HttpServer registry(Map<Integer, String> schemas) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/schemas/ids/", exchange -> {
            int id = Integer.parseInt(exchange.getRequestURI().getPath().substring("/schemas/ids/".length()));
            String schema = schemas.get(id);
            byte[] body = (schema == null ? "{\"error_code\":40403,\"message\":\"Schema not found\"}"
                    : "{\"schema\":" + JSON.writeValueAsString(schema) + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(schema == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
