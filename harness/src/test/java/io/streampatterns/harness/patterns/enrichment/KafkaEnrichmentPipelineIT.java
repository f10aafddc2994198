package io.streampatterns.harness.patterns.enrichment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streampatterns.core.Capability;
import io.streampatterns.core.RunningPipeline;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.core.transform.JsonValueParser;
import io.streampatterns.harness.conformance.fixtures.EnrichmentFixture;
import io.streampatterns.harness.data.Event;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaWorkspace;
import io.streampatterns.harness.junit.KafkaClusterConfig;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.kafka.TopicReader;
import io.streampatterns.harness.spark.LocalSpark;
import io.streampatterns.patterns.enrichment.KafkaEnrichmentPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The enrichment pattern against a real broker and real Delta dimension tables. */
@KafkaClusterConfig(brokers = 1)
class KafkaEnrichmentPipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SparkSession SPARK = LocalSpark.session();
    private static final EventGenerator EVENTS = new EventGenerator(7);
    private static final List<String> OUTPUT_FIELDS = List.of(
            "event_id", "user_id", "event_type", "priority", "amount", "event_time", "seq", "user_name", "user_segment");
    private static DeltaWorkspace workspace;
    /** The fixture's dimension, for the tests that do not change it. */
    private static String users;

    @BeforeAll
    static void createWorkspace() {
        workspace = DeltaWorkspace.create();
        users = workspace.tablePath("users");
        EnrichmentFixture.writeDimension(SPARK, users);
    }

    @AfterAll
    static void deleteWorkspace() {
        workspace.close();
    }

    /** The pattern on {@code name}-in → {@code name}-out, batches of at most {@code cap}. */
    private static KafkaEnrichmentPipeline.Builder enrichment(KafkaCluster cluster, String name, long cap) {
        cluster.createTopic(name + "-in", 3);
        cluster.createTopic(name + "-out", 3);
        return KafkaEnrichmentPipeline.builder()
                .name(name)
                .bootstrapServers(cluster.bootstrapServers())
                .topic(name + "-in")
                .outputTopic(name + "-out")
                .eventSchema(EventGenerator.SCHEMA)
                .maxOffsetsPerTrigger(cap)
                .checkpointLocation(workspace.checkpointPath(name))
                .trigger(TriggerPolicy.processingTime(Duration.ZERO));
    }

    /**
     * Purpose: every event comes out enriched with its user's columns, and an event whose user the
     * dimension lacks comes out too, with null user columns: the LEFT join loses nothing.
     *
     * <p>How: a dimension of the users {@code user-<n>} without those where {@code n % 10 == 3};
     * 3,000 events into a 3-partition topic, enriched in batches of at most 1,000.
     *
     * <p>Pass: each seq exactly once in the output; each record's key is the input key and its value
     * holds the sent event's fields and the dimension's name and segment, or explicit nulls for a
     * missing user (about a tenth); within each output partition, the records of each input
     * partition are in input offset order, as the pattern's PER_PARTITION_ORDER promises.
     */
    @Test
    void enrichesEveryEventAndKeepsThoseWithoutAUser(KafkaCluster cluster) throws Exception {
        String name = "enrich_all";
        // 1. The fixture's dimension, and 3,000 events.
        KafkaEnrichmentPipeline pattern = enrichment(cluster, name, 1_000).dimensionTablePath(users).build();
        assertThat(pattern.capabilities()).contains(Capability.TRACEABLE_RECORDS, Capability.PER_PARTITION_ORDER);
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of("linger.ms", 5))) {
            EVENTS.publish(producer, name + "-in", 0, 3_000);
        }
        // 2. Enrich them in batches of at most 1,000.
        try (RunningPipeline running = pattern.pipeline().start(SPARK)) {
            running.processAllAvailable();
            // 3. No batch read more than the cap (progress reaches the listener asynchronously: wait for all).
            await().atMost(Duration.ofSeconds(10)).until(() -> running.progressHistory().stream()
                    .mapToLong(p -> p.numInputRows()).sum() == 3_000);
            assertThat(running.progressHistory()).allSatisfy(p -> assertThat(p.numInputRows()).isLessThanOrEqualTo(1_000));
        }
        // 4. Every seq once, every record as sent plus its user's columns.
        List<ConsumerRecord<byte[], byte[]>> output = TopicReader.readAll(cluster, name + "-out");
        assertThat(output.stream().mapToLong(r -> json(r).get("seq").asLong()).sorted().toArray())
                .containsExactly(LongStream.range(0, 3_000).toArray());
        int withoutUser = 0;
        for (ConsumerRecord<byte[], byte[]> record : output) {
            JsonNode value = json(record);
            Event sent = EVENTS.event(value.get("seq").asLong());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(sent.userId());
            List<String> fields = new ArrayList<>();
            value.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).isEqualTo(OUTPUT_FIELDS);
            assertEventFields(value, sent);
            Optional<String[]> user = EnrichmentFixture.expectedUser(sent.userId());
            assertUser(value, user.map(u -> u[0]).orElse(null), user.map(u -> u[1]).orElse(null));
            withoutUser += user.isEmpty() ? 1 : 0;
        }
        assertThat(withoutUser).as("events of users missing from the dimension").isBetween(150, 450);
        // 5. Per output partition, each input partition's records keep their input order.
        assertInputOrderKept(cluster, name, output);
        // 6. The pattern's enrich step, on the same records read as a batch, makes what the pipeline wrote.
        Dataset<Row> batch = SPARK.read().format("kafka")
                .options(((KafkaSource) pattern.pipeline().source()).sparkOptions()).load();
        assertThat(pattern.enrich(batch).select("value").as(Encoders.STRING()).collectAsList())
                .containsExactlyInAnyOrderElementsOf(output.stream()
                        .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList());
    }

    /**
     * Purpose: a stream-static join sees an update to the Delta dimension from the next micro-batch
     * on, without a restart.
     *
     * <p>How: 1,000 events are enriched; while the query keeps running, a MERGE moves every user
     * whose number ends in 0 to segment {@code platinum} and inserts the users the table lacked;
     * then 1,000 more events are enriched by the same query.
     *
     * <p>Pass: the first 1,000 records carry the old segments and nulls; the next 1,000 carry the
     * merged values: {@code platinum} where updated, and a name and segment for every formerly
     * missing user.
     */
    @Test
    void seesAnUpdateToTheDimensionInLaterBatches(KafkaCluster cluster) throws Exception {
        String name = "enrich_update";
        String dimension = workspace.tablePath(name + "_users");
        EnrichmentFixture.writeDimension(SPARK, dimension);
        // 1. Enrich 1,000 events with the table as written.
        KafkaEnrichmentPipeline pattern = enrichment(cluster, name, 10_000).dimensionTablePath(dimension).build();
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of("linger.ms", 5));
             RunningPipeline running = pattern.pipeline().start(SPARK)) {
            EVENTS.publish(producer, name + "-in", 0, 1_000);
            running.processAllAvailable();
            // 2. MERGE into the table while the query runs.
            mergeSegmentChanges("delta.`" + dimension + "`");
            // 3. Enrich 1,000 more with the same query.
            EVENTS.publish(producer, name + "-in", 1_000, 1_000);
            running.processAllAvailable();
        }
        // 4. Old values before the MERGE, new ones after.
        assertUsersAsOf(cluster, name, 1_000, EnrichmentFixture::expectedUser, KafkaEnrichmentPipelineIT::mergedUser);
    }

    /**
     * Purpose: the same for a dimension named in the catalog rather than by path.
     *
     * <p>How: the dimension is registered as catalog table {@code users_dim} (an external Delta
     * table on a fresh copy of the fixture's rows); 500 events are enriched;
     * while the query runs the same MERGE changes the table; 500 more events are enriched.
     *
     * <p>Pass: as for a path: old values before the MERGE, merged ones after.
     */
    @Test
    void seesAnUpdateToACatalogDimensionTable(KafkaCluster cluster) throws Exception {
        String name = "enrich_catalog";
        String table = "users_dim";
        // 1. A catalog table with the dimension's rows.
        SPARK.sql("DROP TABLE IF EXISTS " + table);
        String path = workspace.tablePath(name + "_users");
        EnrichmentFixture.writeDimension(SPARK, path);
        SPARK.sql("CREATE TABLE " + table + " USING delta LOCATION '" + path + "'");
        KafkaEnrichmentPipeline pattern = enrichment(cluster, name, 10_000).dimensionTable(table).build();
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of("linger.ms", 5));
             RunningPipeline running = pattern.pipeline().start(SPARK)) {
            // 2. Enrich, MERGE, enrich again.
            EVENTS.publish(producer, name + "-in", 0, 500);
            running.processAllAvailable();
            mergeSegmentChanges(table);
            EVENTS.publish(producer, name + "-in", 500, 500);
            running.processAllAvailable();
        } finally {
            SPARK.sql("DROP TABLE IF EXISTS " + table);
        }
        // 3. Old values before the MERGE, new ones after.
        assertUsersAsOf(cluster, name, 500, EnrichmentFixture::expectedUser, KafkaEnrichmentPipelineIT::mergedUser);
    }

    /**
     * Purpose: a payload that is not JSON of the schema is passed on, not lost.
     *
     * <p>How: one valid event and one {@code {not json} payload are enriched.
     *
     * <p>Pass: two records, each with its input key; the valid one enriched and without
     * {@value JsonValueParser#MALFORMED_COLUMN}; the other with null fields and its raw text there.
     */
    @Test
    void passesOnAPayloadThatIsNotJson(KafkaCluster cluster) throws Exception {
        String name = "enrich_malformed";
        KafkaEnrichmentPipeline pattern = enrichment(cluster, name, 10_000).dimensionTablePath(users).build();
        // 1. One good event, one broken payload, in one partition.
        Event good = EVENTS.event(1);
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of())) {
            producer.send(new ProducerRecord<>(name + "-in", 0, "good", good.toJson())).get();
            producer.send(new ProducerRecord<>(name + "-in", 0, "bad", "{not json")).get();
        }
        // 2. Enrich.
        try (RunningPipeline running = pattern.pipeline().start(SPARK)) {
            running.processAllAvailable();
        }
        // 3. Both came out, told apart by the malformed field.
        Map<String, JsonNode> byKey = new HashMap<>();
        TopicReader.readAll(cluster, name + "-out")
                .forEach(r -> byKey.put(new String(r.key(), StandardCharsets.UTF_8), json(r)));
        assertThat(byKey).containsOnlyKeys("good", "bad");
        assertEventFields(byKey.get("good"), good);
        assertThat(byKey.get("good").has(JsonValueParser.MALFORMED_COLUMN)).isFalse();
        assertThat(byKey.get("bad").get(JsonValueParser.MALFORMED_COLUMN).asText()).isEqualTo("{not json");
        assertThat(byKey.get("bad").get("event_id").isNull()).isTrue();
        assertUser(byKey.get("bad"), null, null);
    }

    /**
     * Purpose: in Real-Time Mode the join sees an update to the dimension from the next real-time
     * batch on, that is within one checkpoint interval, without a restart; and it never shows the
     * update to a record processed before it.
     *
     * <p>How: the pattern in Real-Time Mode with a 5 s checkpoint interval on a 2-partition topic
     * (local[2]'s task slots); 300 events are enriched; the same MERGE as above; then 20 events are
     * produced every 250 ms until an output record carries a merged segment.
     *
     * <p>Pass: each record produced before the MERGE carries the old values; a merged value appears
     * within the interval and a margin (15 s); every record produced after the first merged one was
     * seen carries the merged values.
     */
    @Test
    void inRealTimeModeSeesAnUpdateWithinOneCheckpointInterval(KafkaCluster cluster) throws Exception {
        String name = "enrich_rt_update";
        String dimension = workspace.tablePath(name + "_users");
        EnrichmentFixture.writeDimension(SPARK, dimension);
        cluster.createTopic(name + "-in", 2);
        cluster.createTopic(name + "-out", 2);
        KafkaEnrichmentPipeline pattern = KafkaEnrichmentPipeline.builder().name(name)
                .bootstrapServers(cluster.bootstrapServers()).topic(name + "-in").outputTopic(name + "-out")
                .eventSchema(EventGenerator.SCHEMA).dimensionTablePath(dimension)
                .checkpointLocation(workspace.checkpointPath(name))
                .trigger(TriggerPolicy.realTime(Duration.ofSeconds(5))).build();
        assertThat(pattern.capabilities()).contains(Capability.REAL_TIME_MODE);
        long seenAt;
        long boundary = 300;
        long firstAfterSeen;
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of("linger.ms", 5));
             RunningPipeline running = pattern.pipeline().start(SPARK)) {
            // 1. 300 events enriched with the table as written.
            EVENTS.publish(producer, name + "-in", 0, (int) boundary);
            await().atMost(Duration.ofSeconds(60)).until(() -> TopicReader.readAll(cluster, name + "-out").size() == boundary);
            // 2. MERGE while the real-time batch runs.
            mergeSegmentChanges("delta.`" + dimension + "`");
            long mergedAt = System.currentTimeMillis();
            // 3. 20 events every 250 ms until a merged segment comes out, within 15 s.
            AtomicLong next = new AtomicLong(boundary);
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() -> {
                EVENTS.publish(producer, name + "-in", next.getAndAdd(20), 20);
                return firstMerged(cluster, name, boundary).isPresent();
            });
            seenAt = System.currentTimeMillis();
            firstAfterSeen = next.get();
            EVENTS.publish(producer, name + "-in", firstAfterSeen, 200);
            long total = firstAfterSeen + 200;
            await().atMost(Duration.ofSeconds(30)).until(() -> TopicReader.readAll(cluster, name + "-out").size() >= total);
            System.out.printf("Real-Time Mode: the dimension's update was seen %d ms after the MERGE%n", seenAt - mergedAt);
        }
        // 4. Old values before the MERGE, new ones after the first merged record; between, either.
        for (JsonNode value : TopicReader.readAll(cluster, name + "-out").stream().map(KafkaEnrichmentPipelineIT::json).toList()) {
            long seq = value.get("seq").asLong();
            String userId = value.get("user_id").asText();
            if (seq < boundary || seq >= firstAfterSeen) {
                Optional<String[]> user = seq < boundary ? EnrichmentFixture.expectedUser(userId) : mergedUser(userId);
                assertUser(value, user.map(u -> u[0]).orElse(null), user.map(u -> u[1]).orElse(null));
            }
        }
    }

    /** The seq of the first output record at or after {@code from} whose user the MERGE changed and that shows it. */
    private static Optional<Long> firstMerged(KafkaCluster cluster, String name, long from) {
        return TopicReader.readAll(cluster, name + "-out").stream().map(KafkaEnrichmentPipelineIT::json)
                .filter(v -> v.get("seq").asLong() >= from)
                .filter(v -> {
                    String userId = v.get("user_id").asText();
                    Optional<String> merged = mergedUser(userId).map(u -> u[1]);
                    return !merged.equals(EnrichmentFixture.expectedUser(userId).map(u -> u[1]))
                            && merged.get().equals(v.get("user_segment").asText(null));
                })
                .map(v -> v.get("seq").asLong()).findFirst();
    }

    /** Users ending in 0 move to platinum; the users the fixture left out are added. */
    private static void mergeSegmentChanges(String target) {
        List<String> changes = new ArrayList<>();
        for (int n = 0; n < EventGenerator.USERS; n++) {
            String userId = "user-" + n;
            Optional<String[]> now = EnrichmentFixture.expectedUser(userId);
            String[] merged = mergedUser(userId).orElseThrow();
            if (now.isEmpty() || !now.get()[1].equals(merged[1])) {
                changes.add(String.format("('%s', '%s', '%s')", userId, merged[0], merged[1]));
            }
        }
        SPARK.sql("MERGE INTO " + target + " t USING (SELECT * FROM VALUES " + String.join(", ", changes)
                + " AS c(user_id, user_name, user_segment)) c ON t.user_id = c.user_id"
                + " WHEN MATCHED THEN UPDATE SET t.user_segment = c.user_segment"
                + " WHEN NOT MATCHED THEN INSERT *");
    }

    /** The dimension after {@link #mergeSegmentChanges}. */
    private static Optional<String[]> mergedUser(String userId) {
        int n = Integer.parseInt(userId.substring("user-".length()));
        if (n % 10 == EnrichmentFixture.MISSING_USER_DIGIT) {
            return Optional.of(new String[] {"User " + n, "new"});
        }
        return EnrichmentFixture.expectedUser(userId).map(u -> n % 10 == 0 ? new String[] {u[0], "platinum"} : u);
    }

    /** Seqs below {@code boundary} carry {@code before}'s users, the others {@code after}'s. */
    private static void assertUsersAsOf(KafkaCluster cluster, String name, long boundary,
                                        Function<String, Optional<String[]>> before,
                                        Function<String, Optional<String[]>> after) {
        List<JsonNode> values = TopicReader.readAll(cluster, name + "-out").stream()
                .map(KafkaEnrichmentPipelineIT::json).toList();
        assertThat(values).hasSize((int) boundary * 2);
        int changedAfter = 0;
        for (JsonNode value : values) {
            long seq = value.get("seq").asLong();
            String userId = value.get("user_id").asText();
            Optional<String[]> user = (seq < boundary ? before : after).apply(userId);
            assertThat(value.get("user_segment").isNull() ? null : value.get("user_segment").asText())
                    .as("segment of seq %d (%s)", seq, userId).isEqualTo(user.map(u -> u[1]).orElse(null));
            assertThat(value.get("user_name").isNull() ? null : value.get("user_name").asText())
                    .as("name of seq %d (%s)", seq, userId).isEqualTo(user.map(u -> u[0]).orElse(null));
            boolean changed = !before.apply(userId).map(u -> u[1]).equals(after.apply(userId).map(u -> u[1]));
            changedAfter += seq >= boundary && changed ? 1 : 0;
        }
        assertThat(changedAfter).as("records after the update whose user it changed").isGreaterThan(0);
    }

    private static void assertEventFields(JsonNode value, Event sent) {
        assertThat(value.get("event_id").asText()).isEqualTo(sent.eventId());
        assertThat(value.get("user_id").asText()).isEqualTo(sent.userId());
        assertThat(value.get("event_type").asText()).isEqualTo(sent.eventType());
        assertThat(value.get("priority").asText()).isEqualTo(sent.priority());
        assertThat(value.get("amount").asDouble()).isEqualTo(sent.amount());
        assertThat(Instant.parse(value.get("event_time").asText())).isEqualTo(sent.eventTime());
        assertThat(value.get("seq").asLong()).isEqualTo(sent.seq());
    }

    /** The user columns are present, and null when {@code name} and {@code segment} are. */
    private static void assertUser(JsonNode value, String name, String segment) {
        assertThat(value.has("user_name")).as("user_name present in %s", value).isTrue();
        assertThat(value.has("user_segment")).as("user_segment present in %s", value).isTrue();
        assertThat(value.get("user_name").isNull() ? null : value.get("user_name").asText()).isEqualTo(name);
        assertThat(value.get("user_segment").isNull() ? null : value.get("user_segment").asText()).isEqualTo(segment);
    }

    private static void assertInputOrderKept(KafkaCluster cluster, String name,
                                             List<ConsumerRecord<byte[], byte[]>> output) {
        Map<Long, long[]> coordinatesBySeq = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> input : TopicReader.readAll(cluster, name + "-in")) {
            coordinatesBySeq.put(json(input).get("seq").asLong(), new long[] {input.partition(), input.offset()});
        }
        // Output is sorted by partition then offset; remember the last input offset seen per pair.
        Map<String, Long> lastInputOffset = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : output) {
            long[] in = coordinatesBySeq.get(json(record).get("seq").asLong());
            String pair = record.partition() + "<-" + in[0];
            Long previous = lastInputOffset.put(pair, in[1]);
            if (previous != null) {
                assertThat(in[1]).as("input offset after %d in output partition <- input partition %s",
                        previous, pair).isGreaterThan(previous);
            }
        }
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
