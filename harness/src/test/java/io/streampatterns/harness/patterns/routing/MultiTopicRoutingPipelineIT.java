package io.streampatterns.harness.patterns.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streampatterns.core.RunningPipeline;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.dlq.DeadLetterRecord;
import io.streampatterns.core.dlq.DlqReason;
import io.streampatterns.harness.conformance.OutputReaders;
import io.streampatterns.harness.data.Event;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaWorkspace;
import io.streampatterns.harness.junit.KafkaClusterConfig;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.kafka.TopicReader;
import io.streampatterns.harness.spark.LocalSpark;
import io.streampatterns.patterns.routing.MultiTopicRoutingPipeline;
import io.streampatterns.patterns.routing.RoutingRule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.header.Header;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Multi-topic routing against a real broker: every record in exactly the topics its rules name. */
@KafkaClusterConfig(brokers = 1)
class MultiTopicRoutingPipelineIT {
    private static final SparkSession SPARK = LocalSpark.session();
    private static final EventGenerator EVENTS = new EventGenerator(23);
    private static DeltaWorkspace workspace;

    @BeforeAll
    static void createWorkspace() {
        workspace = DeltaWorkspace.create();
    }

    @AfterAll
    static void deleteWorkspace() {
        workspace.close();
    }

    private static boolean urgent(long seq) {
        return EVENTS.event(seq).priority().equals("high");
    }

    private static boolean error(long seq) {
        return EVENTS.event(seq).eventType().equals("error");
    }

    /**
     * Purpose: the documented routing: high priority to the urgent topic, errors to the DLQ as dead
     * letters, everything to the standard topic, a high-priority error to all three.
     *
     * <p>How: 2,000 generated events into a 2-partition topic; the rules are the documented three;
     * the expected content of each topic is computed from {@code EventGenerator.event(seq)}.
     *
     * <p>Pass: the standard topic holds every seq once; the urgent topic exactly the high-priority
     * seqs, once each; the DLQ exactly the error seqs, once each, as dead letters with reason
     * REJECTED_BY_RULE, a detail naming the rule, the partition and offset the event had in the input
     * topic, its original key, value and headers, then the {@code __connect.errors.*} headers;
     * forwarded records are byte for byte what was sent; high-priority errors are in all three.
     */
    @Test
    void routesEachEventToEveryTopicItsRulesName(KafkaCluster cluster) throws Exception {
        String topic = "routing_in";
        cluster.createTopic(topic, 2);
        for (String out : List.of("routing_urgent", "routing_errors", "routing_standard")) {
            cluster.createTopic(out, 2);
        }
        // 1. 2,000 events; the expectations follow from the generator.
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of("linger.ms", 5))) {
            EVENTS.publish(producer, topic, 0, 2_000);
        }
        long[] all = LongStream.range(0, 2_000).toArray();
        long[] highErrors = LongStream.of(all).filter(s -> urgent(s) && error(s)).toArray();
        assertThat(highErrors).as("the seed gives high-priority errors to route three ways").isNotEmpty();

        // 2. Route them with the documented rules.
        MultiTopicRoutingPipeline pattern = documented(cluster, "routing", topic).build();
        try (RunningPipeline running = pattern.pipeline().start(SPARK)) {
            running.processAllAvailable();
        }

        // 3. Each topic holds exactly what its rule selects, each record once.
        assertForwarded(cluster, "routing_standard", all, s -> true);
        assertForwarded(cluster, "routing_urgent", all, MultiTopicRoutingPipelineIT::urgent);
        List<DeadLetterRecord> deadLetters = OutputReaders.deadLettersInTopic(cluster, "routing_errors");
        assertDeadLetters(cluster, topic, "routing", "routing_errors", deadLetters, all,
                MultiTopicRoutingPipelineIT::error, "rule 'errors' matched: ");
        // 4. A high-priority error is in all three topics.
        assertThat(OutputReaders.seqsInTopic(cluster, "routing_standard")).contains(highErrors);
        assertThat(OutputReaders.seqsInTopic(cluster, "routing_urgent")).contains(highErrors);
        assertThat(deadLetters.stream().mapToLong(d -> seqOf(d.originalValue())).toArray()).contains(highErrors);
    }

    /**
     * Purpose: without a catch-all rule, records that match no rule are dead-lettered, not lost.
     *
     * <p>How: 500 events routed with the urgent and error rules only and an unmatched topic.
     *
     * <p>Pass: urgent and error topics as above; the unmatched topic holds exactly the events that
     * are neither high priority nor errors, with the detail "matched no routing rule"; every event is
     * in at least one topic.
     */
    @Test
    void deadLettersRecordsThatMatchNoRule(KafkaCluster cluster) throws Exception {
        String topic = "routing_partial_in";
        cluster.createTopic(topic, 2);
        for (String out : List.of("partial_urgent", "partial_errors", "partial_unrouted")) {
            cluster.createTopic(out, 1);
        }
        // 1. 500 events.
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of("linger.ms", 5))) {
            EVENTS.publish(producer, topic, 0, 500);
        }
        long[] all = LongStream.range(0, 500).toArray();

        // 2. Two rules, no catch-all; the rest is dead-lettered.
        MultiTopicRoutingPipeline pattern = MultiTopicRoutingPipeline.builder()
                .name("routing_partial").bootstrapServers(cluster.bootstrapServers()).topic(topic)
                .eventSchema(EventGenerator.SCHEMA)
                .route(RoutingRule.forward("urgent", "priority = 'high'", "partial_urgent"))
                .route(RoutingRule.deadLetter("errors", "event_type = 'error'", "partial_errors"))
                .unmatchedTopic("partial_unrouted")
                .checkpointLocation(workspace.checkpointPath("routing_partial"))
                .trigger(TriggerPolicy.processingTime(Duration.ZERO)).build();
        try (RunningPipeline running = pattern.pipeline().start(SPARK)) {
            running.processAllAvailable();
        }

        // 3. Each record where its rules, or the absence of one, send it.
        assertForwarded(cluster, "partial_urgent", all, MultiTopicRoutingPipelineIT::urgent);
        assertDeadLetters(cluster, topic, "routing_partial", "partial_errors",
                OutputReaders.deadLettersInTopic(cluster, "partial_errors"), all,
                MultiTopicRoutingPipelineIT::error, "rule 'errors' matched: ");
        assertDeadLetters(cluster, topic, "routing_partial", "partial_unrouted",
                OutputReaders.deadLettersInTopic(cluster, "partial_unrouted"), all,
                s -> !urgent(s) && !error(s), MultiTopicRoutingPipeline.UNMATCHED_DETAIL);
    }

    /**
     * Purpose: the same routing runs in Real-Time Mode, where there is no foreachBatch, because it
     * is one Kafka write with a topic per row.
     *
     * <p>How: 300 events into a 2-partition topic (local[2] has 2 task slots); the documented rules
     * with a 5 s checkpoint interval; Awaitility waits until the standard topic has all 300.
     *
     * <p>Pass: each topic holds exactly the seqs its rule selects, once each.
     */
    @Test
    void routesInRealTimeMode(KafkaCluster cluster) throws Exception {
        String topic = "routing_rt_in";
        cluster.createTopic(topic, 2);
        for (String out : List.of("routing_rt_urgent", "routing_rt_errors", "routing_rt_standard")) {
            cluster.createTopic(out, 1);
        }
        // 1. 300 events.
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of("linger.ms", 5))) {
            EVENTS.publish(producer, topic, 0, 300);
        }
        long[] all = LongStream.range(0, 300).toArray();
        long expectedErrors = LongStream.of(all).filter(MultiTopicRoutingPipelineIT::error).count();

        // 2. Route in Real-Time Mode until every event reached the standard topic and the DLQ has every error.
        MultiTopicRoutingPipeline pattern = documented(cluster, "routing_rt", topic)
                .trigger(TriggerPolicy.realTime(Duration.ofSeconds(5))).build();
        try (RunningPipeline running = pattern.pipeline().start(SPARK)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                assertThat(total(cluster, "routing_rt_standard")).isGreaterThanOrEqualTo(300);
                assertThat(total(cluster, "routing_rt_errors")).isGreaterThanOrEqualTo(expectedErrors);
            });
        }

        // 3. Exactly the right records in each topic.
        assertForwarded(cluster, "routing_rt_standard", all, s -> true);
        assertForwarded(cluster, "routing_rt_urgent", all, MultiTopicRoutingPipelineIT::urgent);
        assertDeadLetters(cluster, topic, "routing_rt", "routing_rt_errors",
                OutputReaders.deadLettersInTopic(cluster, "routing_rt_errors"), all,
                MultiTopicRoutingPipelineIT::error, "rule 'errors' matched: ");
    }

    /** The documented rules, writing to {@code <prefix>_urgent}, {@code _errors} and {@code _standard}. */
    private static MultiTopicRoutingPipeline.Builder documented(KafkaCluster cluster, String prefix, String topic) {
        return MultiTopicRoutingPipeline.builder()
                .name(prefix)
                .bootstrapServers(cluster.bootstrapServers())
                .topic(topic)
                .eventSchema(EventGenerator.SCHEMA)
                .route(RoutingRule.forward("urgent", "priority = 'high'", prefix + "_urgent"))
                .route(RoutingRule.deadLetter("errors", "event_type = 'error'", prefix + "_errors"))
                .route(RoutingRule.everything("standard", prefix + "_standard"))
                .checkpointLocation(workspace.checkpointPath(prefix))
                .trigger(TriggerPolicy.processingTime(Duration.ZERO));
    }

    /** {@code topic} holds exactly the seqs of {@code all} that {@code selected} accepts, once each, as sent. */
    private static void assertForwarded(KafkaCluster cluster, String topic, long[] all, LongPredicate selected) {
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(cluster, topic);
        long[] seqs = records.stream().mapToLong(r -> seqOf(r.value())).toArray();
        assertThat(seqs).as("seqs in %s", topic).containsExactlyInAnyOrder(LongStream.of(all).filter(selected).toArray());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Event sent = EVENTS.event(seqOf(record.value()));
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(sent.toJson());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(sent.userId());
            assertThat(record.headers().lastHeader(EventGenerator.PRODUCED_AT_HEADER)).isNotNull();
        }
    }

    /**
     * The dead letters are exactly the seqs {@code selected} accepts, once each, with their
     * reason, detail, source coordinates (looked up in the input topic), original record and headers.
     */
    private static void assertDeadLetters(KafkaCluster cluster, String inputTopic, String pipeline, String dlqTopic,
                                          List<DeadLetterRecord> deadLetters, long[] all, LongPredicate selected,
                                          String detailStart) {
        Map<Long, ConsumerRecord<byte[], byte[]>> input = new HashMap<>();
        TopicReader.readAll(cluster, inputTopic).forEach(r -> input.put(seqOf(r.value()), r));
        long[] seqs = deadLetters.stream().mapToLong(d -> seqOf(d.originalValue())).toArray();
        assertThat(seqs).as("seqs in %s", dlqTopic).containsExactlyInAnyOrder(LongStream.of(all).filter(selected).toArray());
        for (DeadLetterRecord d : deadLetters) {
            ConsumerRecord<byte[], byte[]> source = input.get(seqOf(d.originalValue()));
            assertThat(d.reason()).isEqualTo(DlqReason.REJECTED_BY_RULE);
            assertThat(d.detail()).startsWith(detailStart);
            assertThat(d.sourceTopic()).isEqualTo(inputTopic);
            assertThat(d.sourcePartition()).isEqualTo(source.partition());
            assertThat(d.sourceOffset()).isEqualTo(source.offset());
            assertThat(d.pipeline()).isEqualTo(pipeline);
            assertThat(d.key()).isEqualTo(new String(source.key(), StandardCharsets.UTF_8));
            assertThat(d.originalValue()).isEqualTo(source.value());
            assertThat(d.headers()).containsEntry(DeadLetterRecord.Headers.REASON, "REJECTED_BY_RULE")
                    .containsEntry(DeadLetterRecord.Headers.DETAIL, d.detail())
                    .containsEntry(DeadLetterRecord.Headers.OFFSET, String.valueOf(source.offset()));
        }
        for (ConsumerRecord<byte[], byte[]> raw : TopicReader.readAll(cluster, dlqTopic)) {
            assertThat(StreamSupport.stream(raw.headers().spliterator(), false).map(Header::key).toList())
                    .as("original headers first, then Connect's").containsExactly(EventGenerator.PRODUCED_AT_HEADER,
                            DeadLetterRecord.Headers.TOPIC, DeadLetterRecord.Headers.PARTITION,
                            DeadLetterRecord.Headers.OFFSET, DeadLetterRecord.Headers.REASON,
                            DeadLetterRecord.Headers.DETAIL, DeadLetterRecord.Headers.PIPELINE);
        }
    }

    private static long total(KafkaCluster cluster, String topic) {
        return cluster.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    private static long seqOf(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        int at = text.indexOf("\"seq\":");
        return Long.parseLong(text.substring(at + 6, text.indexOf('}', at)));
    }
}
